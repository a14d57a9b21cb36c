import Foundation
import Hummingbird
import ZichtAnalysis
import ZichtCore
import ZichtWorkspace

extension Werkomgeving {
    /// The analyst's room: what the public site leaves out because it names places for operational
    /// work. Today the prevention lists (buurten inside the zone of raised risk after recent
    /// incidents, with the number of addresses and until when) and the buurten of the hot spots.
    /// Only for the analist role; every view is audited, as BIO2 asks for reads of sensitive data.
    func analysisRoom(user: User) async throws -> Response {
        guard Rights.allows(user.account, .readAnalysis) else { throw try deny(user, action: "analysis.read", object: "analysis") }
        let analysis = await preview.analysis
        let patterns = (analysis?.patterns ?? [:]).sorted { $0.key < $1.key }
        _ = try store.appendAudit(
            AuditEvent(
                actor: user.account.username, origin: user.origin, action: "analysis.read", object: "prevention lists", result: .success,
                detail: "\(patterns.count) goals"),
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
                </section>
                """)
        }
        return Self.page(title: "Analyse (niet openbaar)", account: user.account, csrf: user.session.csrfToken, body: """
            <h1>Analyse (niet openbaar)</h1>
            <p class="fout">Deze gegevens zijn alleen voor analisten. Ze noemen buurten voor operationeel werk en staan daarom niet op de publieke site. Elke keer dat deze pagina wordt bekeken, staat in het auditlog.</p>
            \(sections.isEmpty ? "<p>Dit project heeft geen patroonanalyse (<code>patterns:</code> in zicht.yaml).</p>" : sections.joined(separator: "\n"))
            """)
    }

    static func anchor(_ text: String) -> String {
        String(text.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
    }
}
