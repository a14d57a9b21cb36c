import Foundation
import ZichtAnalysis
import ZichtCore
import ZichtGeo

/// The wijk pages and the wijken overview: survey figures per buurt with the combined wijk figure,
/// and incident counts per year and type under disclosure control.
///
/// Counts below the project's threshold show as "< 5" and no rate is computed from them; the same
/// ``DisclosedCount`` values feed the HTML, the page JSON and the CSV download, so none of them can
/// show what another withholds.
struct WijkPages {

    let data: NeighbourhoodData
    let site: SiteContext

    /// The page of one wijk.
    func wijkHTML(_ wijk: WijkProfile, node: Node, _ html: inout HTMLWriter) {
        if data.incidentsAreSimulated || data.populationIsSimulated { writeSimulatedNotice(&html) }
        html.open("section", ["class": "fixed-section", "aria-labelledby": "ligging"])
        html.element("h2", ["id": "ligging"], text: "Ligging")
        writeLocator(wijk, &html)
        html.close("section")

        if !data.figures.isEmpty {
            html.open("section", ["class": "fixed-section", "aria-labelledby": "beleving"])
            html.element("h2", ["id": "beleving"], text: "Hoe veilig voelen inwoners zich?")
            writeFigureTable(wijk, &html)
            html.element("p", ["class": "method"], text: WijkText.weighting(data.weighting))
            writeFigureSources(&html)
            html.close("section")
        }

        if !data.incidentYears.isEmpty {
            html.open("section", ["class": "fixed-section", "aria-labelledby": "incidenten"])
            html.open("h2", ["id": "incidenten"])
            html.text("Geregistreerde incidenten")
            if data.incidentsAreSimulated { html.element("span", ["class": "simulated"], text: " (gesimuleerd)") }
            html.close("h2")
            writeIncidentsByYear(wijk, &html)
            writeIncidentsPerBuurt(wijk, &html)
            writeDisclosureNote(&html)
            writeIncidentSources(&html)
            html.close("section")
        }
    }

    /// The overview of all wijken.
    func overviewHTML(node: Node, _ html: inout HTMLWriter) {
        if data.incidentsAreSimulated || data.populationIsSimulated { writeSimulatedNotice(&html) }
        html.open("section", ["class": "fixed-section", "aria-labelledby": "overzicht"])
        html.element("h2", ["id": "overzicht"], text: "Alle wijken")
        let latest = data.incidentYears.last
        let caption = "Wijken met hun buurten" + (latest.map { ", incidenten in \($0)" } ?? "")
        html.scrollTable(caption: caption, columns: [.text("Wijk"), .number("Buurten")] + data.figures.map { .number("\($0.title) (\($0.unit))") } + (latest.map { [.number("Incidenten \($0)\(simulatedSuffix)"), .number("Per 1.000 inwoners\(simulatedSuffix)")] } ?? []), tableClass: "wijken-table") { html in
            html.element("tbody") { html in
                for wijk in data.wijken {
                    html.element("tr") { html in
                        html.element("th", ["scope": "row"]) { html in
                            if let target = site.document[site.generatedID(SitePlan.wijkID(wijk.code))] {
                                html.element("a", ["href": site.link(from: node, to: target)], text: wijk.title)
                            } else {
                                html.text(wijk.title)
                            }
                        }
                        html.element("td", ["class": "align-right"], text: "\(wijk.buurten.count) \(wijk.buurten.count == 1 ? "buurt" : "buurten")")
                        for (index, figure) in data.figures.enumerated() {
                            html.element("td", ["class": "align-right"], text: valueText(wijk.figures[index].value, decimals: figure.decimals))
                        }
                        if let total = wijk.incidentTotals.last {
                            html.element("td", ["class": "align-right"], text: DisclosureText.display(total))
                            html.element("td", ["class": "align-right"], text: valueText(total.ratePerThousand, decimals: 1))
                        }
                    }
                }
            }
            if !data.figures.isEmpty {
                html.element("tfoot") { html in
                    html.element("tr") { html in
                        html.element("th", ["scope": "row"], text: "Hele gemeente")
                        html.element("td", ["class": "align-right"], text: "\(data.wijken.reduce(0) { $0 + $1.buurten.count }) buurten")
                        for (index, figure) in data.figures.enumerated() {
                            html.element("td", ["class": "align-right"]) { html in
                                html.text(valueText(data.gemeente[index].value, decimals: figure.decimals))
                                html.element("span", ["class": "note"], text: " (\(WijkText.method(data.gemeente[index])))")
                            }
                        }
                        if latest != nil {
                            html.element("td", ["class": "align-right"], text: "—")
                            html.element("td", ["class": "align-right"], text: "—")
                        }
                    }
                }
            }
        }
        html.element("p", ["class": "method"], text: WijkText.weighting(data.weighting))
        if !data.incidentYears.isEmpty {
            writeDisclosureNote(&html)
            writeIncidentSources(&html)
        }
        writeFigureSources(&html)
        html.close("section")
    }


    private var simulatedSuffix: String { data.incidentsAreSimulated ? " (gesimuleerd)" : "" }

    private func valueText(_ value: Double?, decimals: Int) -> String {
        value.map { DutchNumber.format($0, decimals: decimals) } ?? "—"
    }

    private func writeSimulatedNotice(_ html: inout HTMLWriter) {
        html.element("p", ["class": "notice-simulated"],
            text: "Let op: de incidenten op deze pagina zijn gesimuleerd met ZichtSim, om te laten zien wat Zicht kan. Het zijn geen echte politiecijfers. De enquêtecijfers (Buurt-voor-Buurt 2014) zijn wel echt.")
    }

    private func writeLocator(_ wijk: WijkProfile, _ html: inout HTMLWriter) {
        let locator = Self.locatorFrame(data)
        let label = "Kaart: ligging van \(wijk.title) (donker) in de gemeente \(site.config.organisation.name.replacingOccurrences(of: "Gemeente ", with: ""))."
        html.open("figure", ["class": "locator-figure"])
        html.raw("""
            <svg xmlns="http://www.w3.org/2000/svg" class="locator" viewBox="0 0 \(DutchNumber.machine(locator?.width ?? 0, decimals: 1)) \(DutchNumber.machine(locator?.height ?? 0, decimals: 1))" role="img" aria-labelledby="ligging-titel"><title id="ligging-titel">\(HTMLEscaping.escape(label))</title><path d="\(Self.pathData(data.cityOutline, locator))" fill="#e8edf3" stroke="#5b6b7f" stroke-width="0.5"/><path d="\(Self.pathData(wijk.outline, locator))" fill="#1d4f91" stroke="#0b2547" stroke-width="0.8"/></svg>
            """)
        html.element("figcaption", text: "\(wijk.title) bestaat uit \(wijk.buurten.count == 1 ? "de buurt" : "de buurten") \(Self.list(wijk.buurten.map(\.name))).")
        html.close("figure")
    }

    /// The frame of every locator map: all buurten of the city, 320 wide.
    static func locatorFrame(_ data: NeighbourhoodData) -> MapProjection? {
        let box = data.cityOutline.compactMap(\.boundingBox).reduce(nil) { (partial: BoundingBox?, box) in partial.map { $0.union(box) } ?? box }
        return box.map { MapProjection(bounds: $0, width: 320, padding: 2, decimals: 1) }
    }

    /// SVG path data of `areas` in the locator frame; empty without a frame.
    static func pathData(_ areas: [MultiPolygon], _ frame: MapProjection?) -> String {
        frame.map { frame in areas.map { frame.pathData($0) }.joined(separator: " ") } ?? ""
    }

    private func writeFigureTable(_ wijk: WijkProfile, _ html: inout HTMLWriter) {
        let periods = Set(data.figurePeriods.compactMap { $0?.year }).sorted().map(String.init).joined(separator: ", ")
        let caption = "Enquêtecijfers per buurt\(periods.isEmpty ? "" : ", \(periods)")"
        html.scrollTable(caption: caption, columns: [.text("Buurt")] + data.figures.map { .number("\($0.title) (\($0.unit))") }) { html in
            html.element("tbody") { html in
                for buurt in wijk.buurten {
                    html.element("tr") { html in
                        html.element("th", ["scope": "row"], text: buurt.name)
                        for (index, figure) in data.figures.enumerated() {
                            html.element("td", ["class": "align-right"], text: valueText(buurt.figures[index], decimals: figure.decimals))
                        }
                    }
                }
            }
            html.element("tfoot") { html in
                html.element("tr") { html in
                    html.element("th", ["scope": "row"], text: "Hele wijk")
                    for (index, figure) in data.figures.enumerated() {
                        let combined = wijk.figures[index]
                        html.element("td", ["class": "align-right"]) { html in
                            html.text(valueText(combined.value, decimals: figure.decimals))
                            html.element("span", ["class": "note"], text: " (\(WijkText.method(combined)))")
                        }
                    }
                }
            }
        }
        html.element("p", ["class": "note"], text: "— betekent: geen cijfer bekend.")
    }

    private func writeFigureSources(_ html: inout HTMLWriter) {
        var lines: [String] = []
        for (figure, provenance) in zip(data.figures, data.figureProvenance) {
            let from = figure.source ?? provenance.map { "\($0.publisher)\($0.tableTitle.map { ", \($0)" } ?? "")" }.joined(separator: "; ")
            if !from.isEmpty && !lines.contains(from) { lines.append(from) }
        }
        guard !lines.isEmpty else { return }
        html.element("p", ["class": "source"], text: "Bron enquêtecijfers: \(lines.joined(separator: "; ")).")
    }

    private func writeIncidentsByYear(_ wijk: WijkProfile, _ html: inout HTMLWriter) {
        let caption = "Incidenten in \(wijk.title) per jaar en soort\(simulatedSuffix)"
        html.scrollTable(caption: caption, columns: [.text("Soort")] + data.incidentYears.map { .number(String($0)) }) { html in
            html.element("tbody") { html in
                for (type, counts) in zip(data.incidentTypes, wijk.incidentsByType) {
                    html.element("tr") { html in
                        html.element("th", ["scope": "row"], text: IncidentTypes.name(type))
                        for count in counts { html.element("td", ["class": "align-right"], text: DisclosureText.display(count)) }
                    }
                }
            }
            html.element("tfoot") { html in
                html.element("tr") { html in
                    html.element("th", ["scope": "row"], text: "Totaal")
                    for count in wijk.incidentTotals { html.element("td", ["class": "align-right"], text: DisclosureText.display(count)) }
                }
                if wijk.inhabitants != nil {
                    html.element("tr") { html in
                        html.element("th", ["scope": "row"], text: "Totaal per 1.000 inwoners")
                        for count in wijk.incidentTotals {
                            html.element("td", ["class": "align-right"], text: valueText(count.ratePerThousand, decimals: 1))
                        }
                    }
                }
            }
        }
        if let inhabitants = wijk.inhabitants {
            html.element("p", ["class": "note"],
                text: "Per 1.000 inwoners: gedeeld door \(DutchNumber.format(inhabitants, decimals: 0)) inwoners\(data.populationIsSimulated ? " (gesimuleerd)" : ""), voor elk jaar hetzelfde aantal.")
        }
    }

    private func writeIncidentsPerBuurt(_ wijk: WijkProfile, _ html: inout HTMLWriter) {
        guard let latest = data.incidentYears.last else { return }
        let caption = "Incidenten per buurt in \(latest)\(simulatedSuffix)"
        html.element("h3", text: "Per buurt in \(latest)")
        html.scrollTable(caption: caption, columns: [.text("Buurt"), .number("Alle soorten"), .number("Per 1.000 inwoners")]) { html in
            html.element("tbody") { html in
                for buurt in wijk.buurten {
                    html.element("tr") { html in
                        html.element("th", ["scope": "row"], text: buurt.name)
                        html.element("td", ["class": "align-right"], text: buurt.incidentTotalLatestYear.map(DisclosureText.display) ?? "—")
                        html.element("td", ["class": "align-right"], text: valueText(buurt.incidentTotalLatestYear?.ratePerThousand, decimals: 1))
                    }
                }
            }
        }
    }

    private func writeDisclosureNote(_ html: inout HTMLWriter) {
        let threshold = data.disclosureThreshold
        html.element("p", ["class": "note"], text: DisclosureText.note(threshold: threshold))
    }

    private func writeIncidentSources(_ html: inout HTMLWriter) {
        let sources = data.incidentProvenance.map { provenance in
            provenance.isSimulated
                ? "\(provenance.publisher), \(provenance.tableTitle ?? ""), gemaakt op \(DutchDate.long(provenance.retrievedAt))"
                : "\(provenance.publisher), opgehaald op \(DutchDate.long(provenance.retrievedAt))"
        }
        guard !sources.isEmpty else { return }
        html.element("p", ["class": "source"], text: "Bron incidenten: \(sources.joined(separator: "; ")).")
    }

    /// "A, B en C".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " en " + items.last!
    }

    /// The CSV download of incident counts per buurt, year and type, under the same disclosure
    /// control as the pages: withheld counts are written as "< 5" and have no rate.
    func incidentCSV() -> String {
        var lines = ["wijk,buurt,buurtnaam,jaar,soort,aantal,per_1000_inwoners,gesimuleerd"]
        let field = CSVText.field
        for wijk in data.wijken {
            for (index, type) in data.incidentTypes.enumerated() {
                for (yearIndex, year) in data.incidentYears.enumerated() {
                    let count = wijk.incidentsByType[index][yearIndex]
                    lines.append([
                        field(wijk.code), "", field(wijk.title), String(year), field(type), DisclosureText.display(count),
                        count.ratePerThousand.map { DutchNumber.machine($0, decimals: 2) } ?? "", data.incidentsAreSimulated ? "ja" : "nee",
                    ].joined(separator: ","))
                }
            }
            if let latest = data.incidentYears.last {
                for buurt in wijk.buurten {
                    for (index, type) in data.incidentTypes.enumerated() {
                        let count = buurt.incidentsLatestYear[index]
                        lines.append([
                            field(wijk.code), field(buurt.code), field(buurt.name), String(latest), field(type), DisclosureText.display(count),
                            count.ratePerThousand.map { DutchNumber.machine($0, decimals: 2) } ?? "", data.incidentsAreSimulated ? "ja" : "nee",
                        ].joined(separator: ","))
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
