import Foundation
import ZichtAnalysis
import ZichtCore

/// The "Indicatoren" block of a goal page: per indicator a chart, its data table, the definition,
/// the source with retrieval date, and the status against a target.
struct IndicatorSection {
    let tables: [IndicatorTable]
    /// Indicator ids of the goal without any data in the snapshot, with their definitions when known.
    let withoutData: [(id: String, definition: IndicatorDefinition?)]
    let pagePath: String
    /// The begroting's targets and the year the page accounts for.
    let targets: IndicatorTargets

    static func regionName(_ code: String, in table: IndicatorTable) -> String {
        if code == "NL01" { return "Nederland" }
        return table.regionNames[code] ?? code
    }

    /// The text in a table cell, and the marker letter that explains how the figure was obtained.
    static func cell(_ value: IndicatorValue?, decimals: Int) -> (text: String, marker: String?) {
        guard let value else { return ("geen gegevens", nil) }
        let provisional = value.isProvisional ? "*" : ""
        switch value.method {
        case .computed: return (DutchNumber.format(value.value!, decimals: decimals) + provisional, "b")
        case .aggregated: return (DutchNumber.format(value.value!, decimals: decimals) + provisional, "a")
        case .published: return (DutchNumber.format(value.value!, decimals: decimals) + provisional, nil)
        case .suppressed: return ("niet gepubliceerd", nil)
        case .missing: return ("geen gegevens", nil)
        }
    }

    func write(_ html: inout HTMLWriter) {
        targets.writeOverview(tables, &html)
        for table in tables { write(table, &html) }
        for (id, definition) in withoutData {
            html.open("section", ["class": "indicator", "aria-labelledby": "indicator-\(id)"])
            html.element("h3", ["id": "indicator-\(id)"], text: definition?.title ?? id)
            html.element("p", ["class": "empty"], text: definition == nil
                ? "Deze indicator is nog niet gedefinieerd."
                : "Voor deze indicator zijn nog geen gegevens ingelezen. \(definition!.id == "bbv-verwijzingen-halt" ? "Halt-cijfers staan niet in de open data; de gemeente moet ze zelf aanleveren." : "")")
            if let note = definition?.note { html.element("p", ["class": "definition"], text: note) }
            html.close("section")
        }
    }

    private func write(_ table: IndicatorTable, _ html: inout HTMLWriter) {
        let definition = table.definition
        let id = "indicator-\(definition.id)"
        let years = table.periods.map(\.description)
        html.open("section", ["class": "indicator", "aria-labelledby": id])
        html.open("h3", ["id": id])
        html.text(definition.title)
        html.text(" ")
        html.element("span", ["class": "unit"], text: "(\(definition.unit))")
        html.close("h3")

        let summary = Self.summary(table)
        html.element("p", ["class": "summary"], text: summary)
        if table.periods.count > 0 {
            let chart = LineChart(
                id: "\(id)-grafiek", title: "\(definition.title), \(definition.unit), per jaar", summary: summary,
                xLabels: years,
                series: table.regions.map { region in
                    LineChart.Series(name: Self.regionName(region, in: table), values: table.periods.map { table.value(region: region, period: $0)?.value })
                })
            html.element("figure", ["class": "chart-figure"]) { html in
                html.raw(chart.svg())
                html.element("figcaption", text: "Grafiek van de tabel hieronder.")
            }
        }

        var markers: Set<String> = []
        // The table may scroll sideways in its own box; keyboard users must be able to reach it.
        html.element("div", ["class": "table-wrap", "role": "region", "tabindex": "0", "aria-label": "Tabel: \(definition.title), \(definition.unit)"]) { html in
            html.element("table") { html in
                html.element("caption", text: "\(definition.title), \(definition.unit)")
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", ["scope": "col"], text: "Regio")
                        for year in years { html.element("th", ["scope": "col", "class": "align-right"], text: year) }
                    }
                }
                html.element("tbody") { html in
                    for region in table.regions {
                        html.element("tr") { html in
                            html.element("th", ["scope": "row"], text: Self.regionName(region, in: table))
                            for period in table.periods {
                                let (text, marker) = Self.cell(table.value(region: region, period: period), decimals: definition.decimals)
                                html.element("td", ["class": "align-right"]) { html in
                                    html.text(text)
                                    if let marker {
                                        markers.insert(marker)
                                        html.text(" ")
                                        html.element("span", ["class": "marker"], text: marker)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var legend: [String] = []
        let rounding = definition.countsAreRounded ? "; de bron rondt aantallen af op 5, dus het cijfer kan 0,1 afwijken van een exacte berekening" : ""
        legend.append("Cijfers zonder letter zijn zoals de bron ze publiceert.")
        if markers.contains("a") { legend.append("a = door Zicht opgeteld uit de cijfers van alle gemeenten of provincies en gedeeld door het aantal inwoners\(rounding)") }
        if markers.contains("b") { legend.append("b = door Zicht berekend uit aantal en inwoners, omdat de bron zelf geen cijfer publiceert\(rounding)") }
        if table.values.values.contains(where: { $0.values.contains { $0.isProvisional } }) { legend.append("* = voorlopig cijfer") }
        // Why cells are empty, one line per reason with the regions and years it concerns.
        var reasons: [String: [String]] = [:]
        for region in table.regions {
            let years = table.periods.compactMap { period -> (String, String)? in
                if case .missing(let reason) = table.value(region: region, period: period)?.method, reason != .noData {
                    return (IndicatorText.missingReason(reason), "\(period)")
                }
                return nil
            }
            for (reason, _) in years.uniqued(by: \.0) {
                let list = years.filter { $0.0 == reason }.map(\.1)
                reasons[reason, default: []].append("\(Self.regionName(region, in: table)) \(Self.yearRange(list))")
            }
        }
        if !legend.isEmpty || !reasons.isEmpty {
            html.element("ul", ["class": "table-notes"]) { html in
                for line in legend { html.element("li", text: line) }
                for (reason, places) in reasons.sorted(by: { $0.key < $1.key }) {
                    html.element("li", text: "Geen gegevens voor \(places.joined(separator: "; ")): \(reason).")
                }
            }
        }
        html.element("p", ["class": "definition"], text: definition.note)
        if let sentence = targets.sentence(for: table) {
            html.element("p", ["class": "status"], text: sentence)
        } else if let target = definition.target, let latest = Self.latestGemeenteValue(table) {
            let status = target.status(of: latest.value!)
            let comparator = target.direction == .lower ? "ten hoogste" : "ten minste"
            html.element("p", ["class": "status status-\(status == .met ? "met" : status == .near ? "near" : "not-met")"],
                         text: "Stand \(latest.period): \(status.rawValue) (streefwaarde \(comparator) \(DutchNumber.format(target.value, decimals: definition.decimals)) \(definition.unit)).")
        }
        html.element("p", ["class": "source"], text: Self.sourceLine(table))
        html.element("p", ["class": "download"]) { html in
            html.element("a", ["href": SitePaths.relative(from: pagePath, to: "indicatoren/\(definition.id).csv")],
                         text: "Download de cijfers van \(definition.title.lowercased()) (CSV)")
        }
        html.close("section")
    }

    /// "2010–2014, 2016–2017" for consecutive years; the labels as given otherwise.
    static func yearRange(_ labels: [String]) -> String {
        let years = labels.compactMap(Int.init)
        guard years.count == labels.count, !years.isEmpty else { return labels.joined(separator: ", ") }
        var runs: [(Int, Int)] = []
        for year in years.sorted() {
            if let last = runs.last, last.1 + 1 == year { runs[runs.count - 1].1 = year } else { runs.append((year, year)) }
        }
        return runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)–\($0.1)" }.joined(separator: ", ")
    }

    static func latestGemeenteValue(_ table: IndicatorTable) -> IndicatorValue? {
        guard let gemeente = table.regions.first else { return nil }
        return table.periods.reversed().compactMap { table.value(region: gemeente, period: $0) }.first { $0.value != nil }
    }

    /// "Bron: CBS, tabel 83648NED, opgehaald op 17 mei 2018; CBS, tabel 70072ned, opgehaald op 6 juni 2018."
    static func sourceLine(_ table: IndicatorTable) -> String {
        let parts = table.provenance.map { source in
            "\(source.publisher), tabel \(source.tableID)\(source.tableTitle.map { " (\($0))" } ?? ""), opgehaald op \(DutchDate.long(source.retrievedAt))"
        }
        return parts.isEmpty ? "Bron: —" : "Bron: " + parts.joined(separator: "; ") + "."
    }

    /// A plain-Dutch summary of the newest figure for the gemeente and how it compares.
    static func summary(_ table: IndicatorTable) -> String {
        let definition = table.definition
        guard let latest = latestGemeenteValue(table), let gemeente = table.regions.first else {
            return "Er zijn nog geen cijfers voor \(table.regions.first.map { regionName($0, in: table) } ?? "de gemeente")."
        }
        var text = "In \(latest.period) was het cijfer voor \(regionName(gemeente, in: table)) \(DutchNumber.format(latest.value!, decimals: definition.decimals)) \(definition.unit)"
        let others = table.regions.dropFirst().compactMap { region -> String? in
            guard let value = table.value(region: region, period: latest.period)?.value else { return nil }
            return "\(regionName(region, in: table)) \(DutchNumber.format(value, decimals: definition.decimals))"
        }
        if !others.isEmpty { text += " (\(others.joined(separator: ", ")))" }
        text += "."
        let series: [(Period, Double)] = table.periods.compactMap { period in
            table.value(region: gemeente, period: period)?.value.map { (period, $0) }
        }
        if let first = series.first, series.count > 1, first.0 != latest.period {
            let change = latest.value! - first.1
            let word = abs(change) < pow(10, Double(-definition.decimals)) / 2 ? "gelijk gebleven" : (change < 0 ? "gedaald" : "gestegen")
            text += " Sinds \(first.0) is het cijfer \(word) (\(DutchNumber.format(first.1, decimals: definition.decimals)) in \(first.0))."
        }
        return text
    }
}

extension Array {
    /// The elements with the first of each key kept, in order.
    func uniqued<Key: Hashable>(by key: (Element) -> Key) -> [Element] {
        var seen: Set<Key> = []
        return filter { seen.insert(key($0)).inserted }
    }
}
