import Foundation
import ZichtAnalysis
import ZichtCore
import ZichtStats

/// "Waar en wanneer": the Knox near-repeat table and the hot spots by buurt, with plain-Dutch
/// explanations, on a page of their own; the goal page shows ``summary()``. No single incident or
/// address is shown, and the prevention list (which buurten get warning letters, until when) is an
/// operational list that does not belong on a public site: it is left out.
struct PatternSection {
    let data: PatternResult
    let threshold: Int

    var patterns: IncidentPatterns { data.patterns }
    var noun: String { patterns.settings.noun }
    var simulated: String { data.isSimulated ? " (gesimuleerd)" : "" }

    func write(_ html: inout HTMLWriter) {
        html.open("section", ["class": "fixed-section", "aria-labelledby": "patronen"])
        html.element("h2", ["id": "patronen"], text: "\(noun.prefix(1).uppercased() + noun.dropFirst()): waar en wanneer\(simulated)")
        if data.isSimulated {
            html.element("p", ["class": "notice-simulated"], text: "Let op: deze analyse gebruikt gesimuleerde \(noun) (ZichtSim), met een bekend patroon van herhaling dichtbij. Het zijn geen echte politiecijfers.")
        }
        html.element("p", text: "We kijken naar \(DutchNumber.format(Double(patterns.eventCount), decimals: 0)) \(noun) van \(DutchDate.long(date: patterns.firstDay)) tot en met \(DutchDate.long(date: patterns.lastDay)).")
        writeNearRepeat(&html)
        writeHotSpots(&html)
        let sources = data.sources.map { "\($0.publisher), \($0.tableTitle ?? $0.tableID)" }
        if !sources.isEmpty { html.element("p", ["class": "source"], text: "Bron: \(sources.joined(separator: "; ")).") }
        html.close("section")
    }

    private func bandLabel(_ band: KnoxBand, unit: String) -> String {
        guard let upper = band.upper else { return "\(DutchNumber.format(band.lower, decimals: 0)) \(unit) of meer" }
        if band.lower == 0 && upper == 1 && unit == "m" { return "zelfde plek (< 1 m)" }
        return "\(DutchNumber.format(band.lower, decimals: 0)) tot \(DutchNumber.format(upper, decimals: 0)) \(unit)"
    }

    private func writeNearRepeat(_ html: inout HTMLWriter) {
        let table = patterns.knox
        html.element("h3", text: "Herhaling dichtbij (near repeat)")
        if let zone = patterns.riskZone {
            let inside = table.cells.filter { cell in
                (table.spaceBands[cell.space].upper ?? .infinity) <= zone.metres && (table.timeBands[cell.time].upper ?? .infinity) <= zone.days
            }
            let highest = inside.compactMap(\.knoxRatio).max() ?? 1
            html.element("p", ["class": "summary"], text: "Na een inbraak is het risico in de buurt een tijd verhoogd. Binnen \(DutchNumber.format(zone.metres, decimals: 0)) meter en \(DutchNumber.format(zone.days, decimals: 0)) dagen na een inbraak zijn er meer inbraken dan bij toeval: tot \(DutchNumber.format(highest, decimals: 1)) keer zoveel.")
        } else {
            html.element("p", ["class": "summary"], text: "Er is geen duidelijk verhoogd risico dichtbij en kort na een inbraak gevonden: de aantallen wijken niet meer af van toeval dan je zou verwachten.")
        }
        html.element("p", text: "Hoe lezen: elke cel telt paren van twee \(noun) met die afstand en die tijd ertussen, gedeeld door hoeveel paren je zou verwachten als de data los van de plaats waren (\(DutchNumber.format(Double(table.parameters.permutations), decimals: 0)) keer willekeurig geschud). Boven 1: vaker dan toeval. Vet: p < 0,05 (Knox-toets).")
        let caption = "Knox-verhouding per afstand en tijd\(simulated)"
        html.scrollTable(caption: caption, columns: [.text("Afstand \\ tijd")] + table.timeBands.map { .number(bandLabel($0, unit: "dagen")) }, tableClass: "knox-table") { html in
            html.element("tbody") { html in
                for (s, space) in table.spaceBands.enumerated() {
                    html.element("tr") { html in
                        html.element("th", ["scope": "row"], text: bandLabel(space, unit: "m"))
                        for t in table.timeBands.indices {
                            let cell = table.cell(space: s, time: t)
                            let text = cell.knoxRatio.map { DutchNumber.format($0, decimals: 2) } ?? "—"
                            let significant = (cell.knoxRatio ?? 0) > 1 && cell.pValue < 0.05
                            html.element("td", ["class": "align-right"]) { html in
                                if significant { html.element("strong", text: text) } else { html.text(text) }
                                html.element("span", ["class": "note"], text: " (p \(DutchNumber.format(cell.pValue, decimals: 3)))")
                            }
                        }
                    }
                }
            }
        }
    }

    /// Hot spots by buurt only. The grid's cells are finer than a buurt and cross buurt borders; a
    /// published cell count, Gi* z-value or density, together with the published total and the
    /// other cells, pins down cells withheld as "< 5" (docs/disclosure-control.md). So the public
    /// page names the buurten that contain hot-spot cells and how many, never a cell's figure.
    private func writeHotSpots(_ html: inout HTMLWriter) {
        let report = patterns.hotSpots
        html.element("h3", text: "Hot spots")
        html.element("p", text: "De stad is verdeeld in vakken van \(DutchNumber.format(report.grid.cellSize, decimals: 0)) bij \(DutchNumber.format(report.grid.cellSize, decimals: 0)) meter. Een hot spot is een vak dat samen met zijn buren duidelijk meer \(noun) heeft dan de rest van de stad (Getis-Ord Gi*, met correctie voor het toetsen van veel vakken tegelijk).")
        let hot = report.classes.indices.filter { report.classes[$0] == .hot }
        if patterns.hotSpotBuurten.isEmpty {
            html.element("p", text: "Geen enkel vak is een hot spot.")
        } else {
            let caption = "Buurten met hot spots, \(patterns.firstDay.year)–\(patterns.lastDay.year)\(simulated)"
            html.scrollTable(caption: caption, columns: [.text("Buurt"), .number("Vakken die een hot spot zijn")]) { html in
                html.element("tbody") { html in
                    for buurt in patterns.hotSpotBuurten {
                        html.element("tr") { html in
                            html.element("th", ["scope": "row"], text: buurt.name)
                            html.element("td", ["class": "align-right"], text: String(buurt.cells))
                        }
                    }
                }
            }
        }
        html.element("p", ["class": "note"], text: "We zoeken alleen plekken met méér \(noun) dan toeval (eenzijdige toets); vakken met weinig of geen \(noun) zijn geen ‘koude plek’ in de zin van veilig, er wonen vaak weinig mensen.")
        html.element("p", ["class": "note"], text: "\(hot.count) van de \(report.grid.count) vakken \(hot.count == 1 ? "is een hot spot" : "zijn hot spots"). De kaart met de vakken, hun aantallen en toetsgrootheden staat niet op deze openbare website: een vak is kleiner dan een buurt, en uit de cijfers per vak zouden kleine aantallen terug te rekenen zijn. Analisten van de gemeente kunnen de vakken zelf bekijken met ‘zicht hotspots’.")
    }

    /// At most three sentences for the goal page: what was looked at, near repeats, hot spots.
    func summary() -> [String] {
        var sentences = ["We keken naar \(DutchNumber.format(Double(patterns.eventCount), decimals: 0)) \(noun) van \(DutchDate.long(date: patterns.firstDay)) tot en met \(DutchDate.long(date: patterns.lastDay))\(simulated)."]
        if let zone = patterns.riskZone {
            sentences.append("Na een inbraak is het risico tot \(DutchNumber.format(zone.metres, decimals: 0)) meter verderop en \(DutchNumber.format(zone.days, decimals: 0)) dagen lang hoger dan bij toeval.")
        } else {
            sentences.append("Een verhoogd risico dichtbij en kort na een inbraak is niet gevonden.")
        }
        let buurten = patterns.hotSpotBuurten.count
        sentences.append(buurten == 0
            ? "Er zijn geen hot spots gevonden."
            : "\(buurten == 1 ? "Eén buurt heeft" : "\(DutchNumber.format(Double(buurten), decimals: 0)) buurten hebben") plekken met duidelijk meer \(noun) dan de rest van de stad (hot spots).")
        return sentences
    }
}
