import Foundation
import HTTPTypes
import Hummingbird
import ZichtAnalysis
import ZichtCore
import ZichtSite
import ZichtStats
import ZichtWorkspace

extension Werkomgeving {
    /// The analyst's room: what the public site leaves out because it names places for operational
    /// work or shows counts too small to publish. Per goal with a pattern analysis: the prevention
    /// list (buurten inside the zone of raised risk after recent incidents, with the number of
    /// addresses and until when), the buurten and the cells of the hot spots (with their counts, z
    /// and adjusted p), and the whole Knox table of the near-repeat analysis; per evaluated
    /// instrument: every estimate with its interval, the control buurten and the monthly counts
    /// before disclosure control.
    /// Only for the analist role; every view is audited, as BIO2 asks for reads of sensitive data.
    func analysisRoom(user: User, notice: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        guard Rights.allows(user.account, .readAnalysis) else { throw try await deny(user, action: "analysis.read", object: "analysis") }
        let analysis = await preview.analysis
        let patterns = (analysis?.patterns ?? [:]).sorted { $0.key < $1.key }
        let evaluations = analysis?.evaluations ?? []
        _ = try await store.appendAudit(
            AuditEvent(
                actor: user.account.username, origin: user.origin, action: "analysis.read", object: "prevention lists", result: .success,
                detail: "\(patterns.count) goals with patterns, \(evaluations.count) evaluations, cell-level hot spots and Knox tables"),
            at: Self.now)
        var sections: [String] = []
        for (goal, result) in patterns {
            let p = result.patterns
            let simulated = result.isSimulated ? " (gesimuleerd)" : ""
            let zone = p.riskZone.map { "binnen \(Int($0.metres)) meter en \(Int($0.days)) dagen na een \(p.settings.noun.html)" } ?? "geen zone van verhoogd risico gevonden"
            let warning = p.warningAreas.map { area in
                "<tr><td>\(area.name.html)</td><td>\(area.code.html)</td><td>\(area.estimatedAddresses)</td><td>\(area.until.description.html)</td></tr>"
            }
            let hot = p.hotSpotBuurten.map { "<tr><td>\($0.name.html)</td><td>\($0.cells)</td></tr>" }
            sections.append("""
                <section aria-labelledby="doel-\(Self.anchor(goal))">
                <h2 id="doel-\(Self.anchor(goal))">Doel \(goal.html): \(p.settings.noun.html)\(simulated)</h2>
                \(result.isSimulated ? "<p class=\"fout\">Gesimuleerde gegevens (ZichtSim): geen echte incidenten.</p>" : "")
                <p>\(p.eventCount) \(p.settings.noun.html) van \(p.firstDay.description) tot en met \(p.lastDay.description); verhoogd risico: \(zone). Recente incidenten vanaf \(p.recentFrom.description): \(p.recentCount).</p>
                \(Self.table(
                    id: "preventie-\(Self.anchor(goal))", caption: "Preventielijst: buurten voor een waarschuwingsbrief",
                    columns: ["Buurt", "Code", "Adressen (schatting)", "Tot en met"],
                    rows: warning.isEmpty ? ["<tr><td colspan=\"4\">Geen buurten.</td></tr>"] : warning))
                \(Self.table(
                    id: "hotspots-\(Self.anchor(goal))", caption: "Buurten met hotspotcellen", columns: ["Buurt", "Cellen"],
                    rows: hot.isEmpty ? ["<tr><td colspan=\"2\">Geen hotspots.</td></tr>"] : hot))
                \(Self.hotSpotCells(p.hotSpots, anchor: Self.anchor(goal), noun: p.settings.noun))
                \(Self.knoxTable(p.knox, anchor: Self.anchor(goal), noun: p.settings.noun))
                </section>
                """)
        }
        for (index, result) in evaluations.enumerated() {
            sections.append(Self.evaluationDetails(result, anchor: "evaluatie-\(index + 1)"))
        }
        return Self.page(status: status, title: "Analyse (niet openbaar)", account: user.account, csrf: user.session.csrfToken, body: """
            <h1>Analyse (niet openbaar)</h1>
            \(notice)
            <p class="fout">Deze gegevens zijn alleen voor analisten. Ze noemen buurten voor operationeel werk en staan daarom niet op de publieke site. Elke keer dat deze pagina wordt bekeken, staat in het auditlog.</p>
            \(sections.isEmpty ? "<p>Dit project heeft geen patroonanalyse (<code>patterns:</code> in zicht.yaml) en geen evaluaties.</p>" : sections.joined(separator: "\n"))
            \(await Rights.allows(user.account, .importData) ? try importForm(user: user) : "")
            """)
    }

    /// Every cell the hot-spot analysis found significant, hottest first, with its count.
    static func hotSpotCells(_ report: HotSpotReport, anchor: String, noun: String) -> String {
        let grid = report.grid
        let significant = report.classes.indices.filter { report.classes[$0] != .none }.sorted { report.z[$0] > report.z[$1] }
        let rows = significant.map { cell in
            let x = grid.centreX(column: grid.column(of: cell)), y = grid.centreY(row: grid.row(of: cell))
            return """
                <tr><td>\(report.classes[cell] == .hot ? "hot" : "cold")</td><td>\(Int(x.rounded())), \(Int(y.rounded()))</td><td>\(Int(report.values[cell].rounded()))</td><td>\(number(report.z[cell], 2))</td><td>\(probability(report.adjustedP[cell]))</td></tr>
                """
        }
        let summary = "Cellen van \(Int(grid.cellSize.rounded())) bij \(Int(grid.cellSize.rounded())) meter (\(grid.columns) × \(grid.rows)); kernelbandbreedte \(Int(report.bandwidth.rounded())) meter; Getis-Ord Gi* met Benjamini-Hochberg over alle cellen."
        return """
            <h3>Hotspotcellen (\(significant.count) significante cellen)</h3>
            <p>\(summary.html) Het midden van een cel staat in Rijksdriehoekscoördinaten (x, y, meter). Het aantal is het aantal \(noun.html) in de cel, zonder afronding of onderdrukking.</p>
            \(table(
                id: "cellen-\(anchor)", caption: "Significante cellen, de hoogste z eerst", columns: ["Soort", "Midden (RD x, y)", "Aantal", "z", "p (BH)"],
                rows: rows.isEmpty ? ["<tr><td colspan=\"5\">Geen significante cellen.</td></tr>"] : rows))
            """
    }

    /// The whole Knox table: every combination of distance and time band.
    static func knoxTable(_ knox: KnoxTable, anchor: String, noun: String) -> String {
        func band(_ band: KnoxBand, unit: String) -> String {
            band.upper.map { "\(number(band.lower, 0))–\(number($0, 0)) \(unit)" } ?? "≥ \(number(band.lower, 0)) \(unit)"
        }
        let rows = knox.cells.map { cell in
            """
            <tr><th scope="row">\(band(knox.spaceBands[cell.space], unit: "m").html), \(band(knox.timeBands[cell.time], unit: "dagen").html)</th><td>\(cell.observed)</td><td>\(number(cell.expectedMean, 1))</td><td>\(cell.knoxRatio.map { number($0, 2) } ?? "–")</td><td>\(probability(cell.pValue))</td></tr>
            """
        }
        return """
            <h3>Near repeat: de hele Knox-tabel</h3>
            <p>Paren van \(noun.html) (\(knox.eventCount) gebeurtenissen, \(knox.pairCount) paren) per afstand en tijd, naast het gemiddelde over \(knox.parameters.permutations) permutaties van de tijden. Een Knox-ratio boven 1 met een kleine p betekent: meer paren dicht bij elkaar in plaats en tijd dan toeval geeft.</p>
            \(table(
                id: "knox-\(anchor)", caption: "Knox-tabel", columns: ["Afstand, tijd", "Waargenomen paren", "Verwacht (gemiddelde)", "Knox-ratio", "p"],
                rows: rows))
            """
    }

    /// One evaluated instrument in full.
    static func evaluationDetails(_ result: EvaluationResult, anchor: String) -> String {
        let e = result.evaluation
        var estimates: [String] = []
        func row(_ method: String, _ estimate: String, _ interval: String, _ p: String) {
            estimates.append("<tr><th scope=\"row\">\(method.html)</th><td>\(estimate)</td><td>\(interval)</td><td>\(p)</td></tr>")
        }
        if let res = e.relativeEffectSize {
            let ci = res.interval()
            row("Relative effect size (Poisson)", number(res.value, 3), "\(number(ci.lowerBound, 3))–\(number(ci.upperBound, 3))", probability(res.pValue))
        }
        if let res = e.inflatedEffectSize {
            let ci = res.interval()
            row("Relative effect size (met overdispersie)", number(res.value, 3), "\(number(ci.lowerBound, 3))–\(number(ci.upperBound, 3))", probability(res.pValue))
        }
        for (name, summary) in [("Poisson DiD, rate ratio (CRV1)", e.poisson), ("Negatief binomiaal DiD, rate ratio (CRV1)", e.negativeBinomial),
                                ("Negatief binomiaal DiD, rate ratio (modelgebaseerd)", e.negativeBinomialModelBased)] {
            guard let summary else { continue }
            let ci = summary.rateRatioInterval
            row(name, number(summary.rateRatio, 3), "\(number(ci.lowerBound, 3))–\(number(ci.upperBound, 3))", probability(summary.pValue))
        }
        if let quotient = e.displacementQuotientValue { row("Displacement quotient (WDQ)", number(quotient, 2), "–", "–") }
        let notApplied = e.notApplied.map { "<li>\($0.method.rawValue.html): \(String(describing: $0.reason).html)</li>" }
        let controls = e.controlAreas.map {
            "<tr><td>\($0.name.html)</td><td>\($0.code.html)</td><td>\(number($0.beforeMean, 2))</td><td>\(number($0.relativeTrend, 3))</td></tr>"
        }
        let months = zip(e.months.indices, e.months).map { index, month in
            let label = String(format: "%04d-%02d", month / 12, month % 12 + 1)
            let after = month >= e.intervention.startMonth ? "na" : "voor"
            return "<tr><th scope=\"row\">\(label)</th><td>\(after)</td><td>\(e.monthlyTarget[index])</td><td>\(e.monthlyBuffer[index])</td><td>\(e.monthlyControl[index])</td></tr>"
        }
        return """
            <section aria-labelledby="\(anchor)">
            <h2 id="\(anchor)">Evaluatie: \(e.intervention.name.html)\(result.isSimulated ? " (gesimuleerd)" : "")</h2>
            \(result.isSimulated ? "<p class=\"fout\">Gesimuleerde gegevens (ZichtSim): geen echte incidenten.\(result.simulatedTruth.map { " Het gesimuleerde ware effect (rate ratio) is \(number($0, 3))." } ?? "")</p>" : "")
            <p>Start \(e.intervention.start.description.html); \(e.beforeMonths) maanden ervoor en \(e.afterMonths) erna. Gemiddeld per maand vooraf in het doelgebied: \(number(e.targetBeforeMean, 2)) (trend \(number(e.targetRelativeTrend, 3)) per maand).</p>
            \(table(id: "schattingen-\(anchor)", caption: "Alle schattingen, met 95%-interval", columns: ["Methode", "Schatting", "95%-interval", "p"], rows: estimates))
            \(notApplied.isEmpty ? "" : "<p>Niet toegepast:</p><ul>\(notApplied.joined())</ul>")
            \(table(id: "controle-\(anchor)", caption: "Controlebuurten", columns: ["Buurt", "Code", "Gemiddeld per maand vooraf", "Relatieve trend"],
                    rows: controls.isEmpty ? ["<tr><td colspan=\"4\">Geen controlebuurten.</td></tr>"] : controls))
            <details><summary>Aantallen per maand, zonder onderdrukking (\(e.months.count) maanden)</summary>
            \(table(id: "maanden-\(anchor)", caption: "Aantallen per maand in doelgebied, buffer en controle", columns: ["Maand", "Periode", "Doelgebied", "Buffer", "Controle"], rows: months))
            </details>
            </section>
            """
    }

    static func number(_ value: Double, _ decimals: Int) -> String {
        value.isFinite ? DutchNumber.format(value, decimals: decimals) : "–"
    }

    static func probability(_ p: Double) -> String {
        p < 0.001 ? "&lt; 0,001" : number(p, 3)
    }

    static func anchor(_ text: String) -> String {
        String(text.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
    }
}

extension Werkomgeving {
    /// The files an analyst may replace: the project's data (`data/…`), which every build reads.
    /// Only existing files: a new one would be read by nothing until `zicht.yaml` names it.
    func dataFiles() async throws -> [String] {
        try await store.headFiles().map(\.path).filter { $0.hasPrefix("data/") && !$0.hasSuffix(".md") }.sorted()
    }

    /// The largest data file the form takes (a municipality's incident file is far smaller).
    static let dataImportLimit = 64 << 20

    func importForm(user: User) async throws -> String {
        let options = try await dataFiles().map { "<option value=\"\($0.html)\">\($0.html)</option>" }
        return """
            <section aria-labelledby="gegevens"><h2 id="gegevens">Gegevens bijwerken</h2>
            <p>Vervang een gegevensbestand van het project door een nieuwe versie (hoogstens 64 MiB). Het voorbeeld wordt er meteen mee gebouwd; lukt dat niet, dan blijft de oude versie staan en ziet u waarom, met regel en kolom. Elke import staat in het auditlog, met de SHA-256 van het bestand; elke eerdere versie blijft bewaard.</p>
            <form method="post" action="\(Self.prefix)/gegevens" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="\(user.session.csrfToken.html)">
            <p><label for="gegevensbestand">Bestand in het project</label><br><select id="gegevensbestand" name="bestand" required>\(options.joined())</select></p>
            <p><label for="nieuwe-gegevens">Nieuwe versie</label><br><input id="nieuwe-gegevens" name="gegevens" type="file" required></p>
            <p><button type="submit">Importeren</button></p>
            </form>
            </section>
            """
    }

    /// `POST /gegevens`: a new version of a data file, checked by building the preview with it.
    func importData(_ request: Request, user: User) async throws -> Response {
        // The right first: an account without it does not get to send 64 MiB.
        guard Rights.allows(user.account, .importData) else { throw try await deny(user, action: "data.import", object: "data") }
        let form = try await readUpload(request, user: user, limit: Self.dataImportLimit, largest: "64 MiB")
        let path = form.fields["bestand"] ?? ""
        guard try await dataFiles().contains(path), let head = try await store.head(path: path) else {
            throw try await deny(user, action: "data.import", object: path)
        }
        guard let upload = form.files["gegevens"], !upload.bytes.isEmpty else {
            return try await analysisRoom(user: user, notice: "<p class=\"fout\" role=\"alert\">Kies een bestand om te importeren.</p>", status: .badRequest)
        }
        switch try await preview.save(
            path: path, bytes: upload.bytes, base: head.version, actor: user.account.username, origin: user.origin, action: "data.import") {
        case .saved(let version, _):
            return Self.redirect("\(Self.prefix)/analyse?bijgewerkt=\(Self.query(path))&versie=\(version.version)")
        case .rejected(let diagnostics):
            let items = diagnostics.prefix(50).map { diagnostic in
                let place = [diagnostic.line.map { "regel \($0)" }, diagnostic.column.map { "kolom \($0)" }, diagnostic.field.map { "veld \($0)" }]
                    .compactMap { $0 }.joined(separator: ", ")
                return "<li>\(diagnostic.file.html)\(place.isEmpty ? "" : " (\(place.html))"): <span lang=\"en\">\(diagnostic.message.html)</span></li>"
            }
            return try await analysisRoom(user: user, notice: """
                <div class="fout" role="alert"><p>Niet geïmporteerd: met dit bestand kan de site niet worden gebouwd. De vorige versie van <code>\(path.html)</code> blijft in gebruik. De meldingen (in het Engels, van dezelfde controle als <code>zicht build</code>):</p><ul>\(items.joined())</ul></div>
                """, status: .unprocessableContent)
        }
    }

    /// The message after an import, from the address (a known data file and a number only).
    func importNotice(file: String?, version: Int?) async throws -> String {
        guard let file, let version, try await dataFiles().contains(file) else { return "" }
        return "<p class=\"gelukt\" role=\"status\"><code>\(file.html)</code> is bijgewerkt (versie \(version)); het voorbeeld en de analyse hieronder zijn ermee gebouwd.</p>"
    }
}
