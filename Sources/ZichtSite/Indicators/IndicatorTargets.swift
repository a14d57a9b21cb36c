import Foundation
import ZichtAnalysis
import ZichtCore

/// The targets (streefwaarden) a begroting set for a goal's indicators, and the realisation of a
/// year next to them: the BBV layout of the "Indicatoren" block.
///
/// A begroting's goal page shows the targets per year next to the newest figure; a jaarverslag's
/// shows, for its own year, the realisation next to the target, the years before, and when the
/// year has no figure yet, which year is the newest and why.
struct IndicatorTargets {
    /// Target per indicator id and year.
    let values: [String: [Int: Double]]
    /// "Begroting 2019" when the page took the targets from there; nil when it set them itself.
    let origin: String?
    /// The year the page accounts for (a jaarverslag's year); nil for a begroting, which looks ahead.
    let reportYear: Int?
    /// The year a begroting plans for: its realisation column shows the newest year before it.
    let planYear: Int?

    init(node: Node, document: ProjectConfig.DocumentInfo?) {
        values = node.targets
        origin = node.targetsOrigin
        reportYear = document.flatMap { [.jaarverslag, .berap].contains($0.kind) ? $0.year : nil }
        planYear = reportYear == nil ? document?.year : nil
    }

    var isEmpty: Bool { values.values.allSatisfy(\.isEmpty) }

    func target(_ indicator: String, year: Int) -> Double? { values[indicator]?[year] }

    /// The years any indicator of the page has a target for.
    var years: [Int] { Set(values.values.flatMap(\.keys)).sorted() }

    /// "gehaald", "bijna gehaald" or "niet gehaald", judged on the figures as shown (rounded to the
    /// indicator's decimals), so that a reader who compares the two numbers agrees; nil when the
    /// indicator does not say which direction is better.
    static func status(of value: Double, against target: Double, _ definition: IndicatorDefinition) -> IndicatorStatus? {
        guard let better = definition.better else { return nil }
        let scale = pow(10, Double(definition.decimals))
        let rounded = (value * scale).rounded() / scale
        return IndicatorTarget(value: target, direction: better, tolerance: definition.target?.tolerance ?? 0).status(of: rounded)
    }

    /// "ten hoogste 3,5" or "ten minste 3,5".
    static func phrase(_ target: Double, _ definition: IndicatorDefinition) -> String {
        let number = DutchNumber.format(target, decimals: definition.decimals)
        switch definition.better {
        case .lower: return "ten hoogste \(number)"
        case .higher: return "ten minste \(number)"
        case nil: return number
        }
    }

    /// The gemeente's figure for `year`, or why there is none: the newest year there is, and the
    /// reason (not yet in the data as retrieved, withheld by the source, or not computable).
    static func realisation(_ table: IndicatorTable, year: Int) -> (value: IndicatorValue?, why: String?) {
        guard let gemeente = table.regions.first else { return (nil, "Er zijn geen cijfers voor de gemeente.") }
        let decimals = table.definition.decimals
        if let period = table.periods.first(where: { $0.kind == .year && $0.year == year }),
            let value = table.value(region: gemeente, period: period) {
            switch value.method {
            case .suppressed:
                return (nil, "De bron publiceert het cijfer over \(year) niet, om kleine aantallen te beschermen.")
            case .missing(let reason):
                return (nil, "Over \(year) is er geen cijfer: \(IndicatorText.missingReason(reason)).")
            case .computed, .aggregated, .published:
                if value.value != nil { return (value, nil) }
            }
        }
        let newest = table.periods.reversed().first { period in
            period.year < year && table.value(region: gemeente, period: period)?.value != nil
        }
        var why = "Over \(year) is er nog geen cijfer."
        if let newest, let value = table.value(region: gemeente, period: newest)?.value {
            why += " Het nieuwste cijfer is van \(newest): \(DutchNumber.format(value, decimals: decimals)) \(table.definition.unit)."
        } else {
            why += " In de ingelezen cijfers staat voor \(IndicatorSection.regionName(gemeente, in: table)) geen enkel eerder jaar."
        }
        if let retrieved = table.provenance.map(\.retrievedAt).max() {
            let endOfYear = DateComponents(calendar: DutchDate.calendar, year: year + 1, month: 1, day: 1).date ?? .distantFuture
            why += retrieved < endOfYear
                ? " De cijfers zijn opgehaald op \(DutchDate.long(retrieved)), toen \(year) nog niet voorbij was."
                : " In de cijfers zoals ze op \(DutchDate.long(retrieved)) zijn opgehaald, staat \(year) nog niet; haal de tabel opnieuw op zodra de bron het jaar publiceert."
        }
        return (nil, why)
    }

    /// A jaarverslag's judgement of one indicator: its year's realisation against the target.
    struct Assessment {
        var year: Int
        var target: Double?
        var value: Double?
        var status: IndicatorStatus?
        /// The sentence on the page.
        var explanation: String
    }

    /// The assessment of `table` in the report year; nil for a begroting, or when no indicator of
    /// the page has a target.
    func assessment(of table: IndicatorTable) -> Assessment? {
        guard let year = reportYear, !isEmpty else { return nil }
        let definition = table.definition
        guard let target = target(definition.id, year: year) else {
            return Assessment(year: year, explanation: "Voor \(year) is geen streefwaarde vastgesteld\(origin.map { " in de \($0)" } ?? "").")
        }
        let goal = "Streefwaarde \(year)\(origin.map { " (uit de \($0))" } ?? ""): \(Self.phrase(target, definition)) \(definition.unit)."
        let (value, why) = Self.realisation(table, year: year)
        guard let number = value?.value else {
            return Assessment(year: year, target: target, explanation: "\(goal) \(why ?? "")")
        }
        let status = Self.status(of: number, against: target, definition)
        var text = "Realisatie \(year): \(DutchNumber.format(number, decimals: definition.decimals)) \(definition.unit). \(goal)"
        if let status { text += " Oordeel: \(status.rawValue)." }
        return Assessment(year: year, target: target, value: number, status: status, explanation: text)
    }

    /// The sentence under an indicator's table: the report year's realisation against its target,
    /// or for a begroting the targets per year.
    func sentence(for table: IndicatorTable) -> String? {
        if reportYear != nil { return assessment(of: table)?.explanation }
        let definition = table.definition
        guard let targets = values[definition.id], !targets.isEmpty else { return nil }
        let list = targets.sorted { $0.key < $1.key }.map { "\($0.key): \(Self.phrase($0.value, definition))" }
        return "Streefwaarden\(origin.map { " (uit de \($0))" } ?? ""), \(definition.unit): \(list.joined(separator: "; "))."
    }
}

extension IndicatorTargets {
    /// The BBV table at the top of the block: one row per indicator. For a jaarverslag the target
    /// and realisation of its year, two years before and the judgement; for a begroting the newest
    /// realisation before its year and the targets per year. Empty cells say why in a note below.
    func writeOverview(_ tables: [IndicatorTable], _ html: inout HTMLWriter) {
        guard !tables.isEmpty, reportYear != nil || !isEmpty else { return }
        var notes: [String] = []
        let caption: String
        let columns: [String]
        if let year = reportYear {
            caption = "Indicatoren: realisatie \(year) en streefwaarde"
            columns = ["Streefwaarde \(year)", "Realisatie \(year)", "Realisatie \(year - 1)", "Realisatie \(year - 2)", "Oordeel"]
        } else {
            caption = "Indicatoren: laatste realisatie en streefwaarden"
            columns = ["Laatste realisatie"] + years.map { "Streefwaarde \($0)" }
        }
        html.element("div", ["class": "table-wrap", "role": "region", "tabindex": "0", "aria-label": "Tabel: \(caption)"]) { html in
            html.element("table", ["class": "indicator-overview"]) { html in
                html.element("caption", text: caption + (origin.map { " (streefwaarden uit de \($0))" } ?? ""))
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", ["scope": "col"], text: "Indicator")
                        for column in columns { html.element("th", ["scope": "col", "class": "align-right"], text: column) }
                    }
                }
                html.element("tbody") { html in
                    for table in tables {
                        html.element("tr") { html in
                            html.element("th", ["scope": "row"]) { html in
                                html.element("a", ["href": "#indicator-\(table.definition.id)"], text: table.definition.title)
                                html.text(" ")
                                html.element("span", ["class": "unit"], text: "(\(table.definition.unit))")
                            }
                            for cell in cells(table, notes: &notes) {
                                html.element("td", ["class": "align-right"], text: cell)
                            }
                        }
                    }
                }
            }
        }
        if !notes.isEmpty {
            html.element("ul", ["class": "table-notes"]) { html in
                for note in notes { html.element("li", text: note) }
            }
        }
    }

    private func cells(_ table: IndicatorTable, notes: inout [String]) -> [String] {
        let definition = table.definition
        let format = { (value: Double) in DutchNumber.format(value, decimals: definition.decimals) }
        let gemeente = table.regions.first
        func figure(_ year: Int) -> String {
            guard let gemeente, let period = table.periods.first(where: { $0.kind == .year && $0.year == year }),
                let value = table.value(region: gemeente, period: period), let number = value.value
            else { return "geen cijfer" }
            return format(number) + (value.isProvisional ? "*" : "")
        }
        guard let year = reportYear else {
            let newest = gemeente.flatMap { gemeente in
                table.periods.reversed().lazy.filter { $0.year < planYear ?? Int.max }.compactMap { period in
                    table.value(region: gemeente, period: period)?.value.map { (period, $0) }
                }.first { _ in true }
            }
            let latest = newest.map { "\(format($0.1)) (\($0.0))" } ?? "geen cijfer"
            return [latest] + years.map { self.target(definition.id, year: $0).map { Self.phrase($0, definition) } ?? "geen" }
        }
        let target = self.target(definition.id, year: year)
        let (value, why) = Self.realisation(table, year: year)
        if let why { notes.append("\(definition.title): \(why)") }
        let judgement: String
        if let target, let number = value?.value {
            judgement = Self.status(of: number, against: target, definition)?.rawValue ?? "niet beoordeeld"
        } else {
            judgement = target == nil ? "geen streefwaarde" : "nog niet te beoordelen"
        }
        return [target.map { Self.phrase($0, definition) } ?? "geen", value == nil ? "nog geen cijfer" : figure(year),
                figure(year - 1), figure(year - 2), judgement]
    }
}
