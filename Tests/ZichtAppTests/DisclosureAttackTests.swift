import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtStats

/// The four attacks of issue 10 against the built demo site, each reading only the published files:
/// (a) a wijk total minus its shown buurten in the CSV; (b) a map rate times the inhabitants derived
/// from the CSV; (c) solving Gi* from the hot-spot grid's z-values; (d) an evaluation's period total
/// minus its shown months. Each must recover no count shown as "< 5". A last attack gathers every
/// published incident figure of the files into one linear programme and asks, per "< 5" cell, how
/// far it can be narrowed. `plantedLeaksAreFound` shows that the same attacks do recover planted leaks.
/// The demo project and its site, built once for every test that reads it (building it takes a
/// minute in a debug build, and tests run in parallel).
enum BuiltDemo {
    private static let built: Result<URL, any Error> = Result {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-demo-\(UUID().uuidString)")
        try ZichtApp.copyExample(to: copy)
        try ZichtApp.build(project: copy, output: copy.appendingPathComponent("site"), builtAt: Date(timeIntervalSince1970: 0))
        return copy
    }

    /// The project folder (with its snapshot).
    static func project() throws -> URL { try built.get() }

    /// The built site.
    static func site() throws -> URL { try built.get().appendingPathComponent("site") }
}

struct DisclosureAttackTests {
    private func read(_ path: String) throws -> String {
        try String(contentsOf: try BuiltDemo.site().appendingPathComponent(path), encoding: .utf8)
    }

    // MARK: (a) wijk total minus the shown buurten

    @Test func wijkTotalMinusShownBuurtenRevealsNothing() throws {
        let csv = try read("wijken/incidenten-per-wijk-en-buurt.csv")
        let result = Attacks.differenceWijkAndBuurten(csv: csv)
        #expect(result.relationsWithHiddenBuurten > 50, "the attack had material: \(result.relationsWithHiddenBuurten)")
        #expect(result.recovered.isEmpty, "recovered: \(result.recovered.prefix(5))")
    }

    // MARK: (b) map rate × inhabitants derived from the CSV

    @Test func mapRateTimesDerivedInhabitantsRevealsNothing() throws {
        let csv = try read("wijken/incidenten-per-wijk-en-buurt.csv")
        let rates = try Attacks.mapRates(json: Data(read("jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.json").utf8), titleContaining: "per 1.000 inwoners")
        let result = Attacks.multiplyMapRates(csv: csv, rates: rates, types: ["1.4.4", "1.4.5", "2.2.1"], year: 2019)
        #expect(result.countsDerived > 20, "the attack derived map counts: \(result.countsDerived)")
        #expect(result.recovered.isEmpty, "recovered: \(result.recovered.prefix(5))")
    }

    // MARK: (c) Gi* z-values of the hot-spot grid

    @Test func hotSpotGridPublishesNoCellStatistic() throws {
        let html = try read("jaarverslag-2019/pagina/patronen-7-2-1/index.html")
        let goal = try read("jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.html")
        let json = try read("jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.json")
        #expect(html.contains("Buurten met hot spots"), "the hot spots are shown by buurt")
        for text in [html, goal, json, try read("jaarverslag-2019/pagina/patronen-7-2-1/index.json")] {
            // What solving Gi* needs: a z-value, density or count per grid cell.
            #expect(Attacks.gridCellStatistics(text) == 0)
        }
    }

    // MARK: (d) evaluation period totals minus the shown months

    @Test func evaluationTotalsMinusShownMonthsRevealNothing() throws {
        let html = try read("jaarverslag-2019/pagina/evaluatie-uitbreiding-cameratoezicht-binnenstad-gesimuleerd/index.html")
        let result = try #require(Attacks.differenceMonths(html: html))
        #expect(result.hiddenMonths > 0, "the evaluation has withheld months")
        #expect(result.recovered.isEmpty, "recovered: \(result.recovered)")
        // The event study's ratio per month would give withheld months away with the control counts.
        #expect(!html.contains("Event study: verhouding per maand"))
    }

    // MARK: every published figure of the files in one linear programme

    @Test func noCellCanBeNarrowedFromAllPublishedFigures() throws {
        let site = try BuiltDemo.site()
        var figures = PublishedFigures()
        figures.addCSV(try read("wijken/incidenten-per-wijk-en-buurt.csv"))
        for wijk in try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("jaarverslag-2019/wijk").path) {
            figures.addWijkPage(try read("jaarverslag-2019/wijk/\(wijk)/index.html"))
        }
        figures.addMap(try Attacks.mapRates(json: Data(read("jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.json").utf8), titleContaining: "per 1.000 inwoners"),
                       types: ["1.4.4", "1.4.5", "2.2.1"], year: 2019)
        let audit = DisclosureAudit(threshold: 5, figures: figures.figures)
        let intervals = try audit.intervals()
        #expect(intervals.count > 1000, "\(intervals.count) cells shown as '< 5'")
        #expect(figures.mapFigures > 20 && figures.wijkTotals > 50 && figures.buurtTotals > 50)
        let leaks = intervals.filter { !audit.isProtected($0.value) }
        #expect(leaks.isEmpty, "\(leaks.count) narrowed, e.g. \(leaks.prefix(3).map { "\(audit.figures[$0.key].cell): \($0.value)" })")
    }

    // MARK: the attacks work

    /// The attacks are not blind: on files with the leaks of the issue planted they recover them.
    @Test func plantedLeaksAreFound() throws {
        let csv = """
            wijk,buurt,buurtnaam,jaar,soort,aantal,per_1000_inwoners,gesimuleerd
            WK01,,Wijk 1,2019,1.4.4,20,10.00,ja
            WK01,,Wijk 1,2019,1.4.5,12,6.00,ja
            WK01,BU01,"Noord, oost",2019,1.4.4,17,17.00,ja
            WK01,BU01,"Noord, oost",2019,1.4.5,< 5,,ja
            WK01,BU02,Zuid,2019,1.4.4,< 5,,ja
            WK01,BU02,Zuid,2019,1.4.5,10,10.00,ja

            """
        let differenced = Attacks.differenceWijkAndBuurten(csv: csv)
        #expect(differenced.recovered.map(\.value) == [3, 2], "20 − 17 and 12 − 10")
        // Map 1.4.4 + 1.4.5 in BU01 (1,000 inhabitants from 17 / 17.00): 19 per 1,000 → 19 − 17 = 2.
        let multiplied = Attacks.multiplyMapRates(csv: csv, rates: ["BU01": 19], types: ["1.4.4", "1.4.5"], year: 2019)
        #expect(multiplied.recovered.map(\.value) == [2])
        var figures = PublishedFigures()
        figures.addCSV(csv)
        let audit = DisclosureAudit(threshold: 5, figures: figures.figures)
        #expect(try audit.leaks().count == 2)

        let evaluation = """
            <p class="summary">Doelgebied: 14 incidenten in 2 maanden vóór de start, 9 in 1 maanden erna. Controlebuurten samen: 20 vóór en 10 erna. Bufferzone: 12 vóór en 3 erna.</p>
            <caption>Incidenten per maand</caption><thead></thead><tbody>\
            <tr><th scope="row">jan</th><td class="align-right">10</td><td class="align-right">9</td><td class="align-right">10</td></tr>\
            <tr><th scope="row">feb</th><td class="align-right">&lt; 5</td><td class="align-right">&lt; 5</td><td class="align-right">10</td></tr>\
            <tr><th scope="row">mrt</th><td class="align-right">9</td><td class="align-right">&lt; 5</td><td class="align-right">10</td></tr></tbody></table>
            """
        let months = try #require(Attacks.differenceMonths(html: evaluation))
        #expect(months.recovered.map(\.value).sorted() == [3, 3, 4], "14 − 10, 12 − 9, and the buffer's only month after: 3")
        #expect(Attacks.gridCellStatistics("<title>Rij 3, kolom 4: hot spot (Gi* z = 3,42); &lt; 5 woninginbraken</title>") == 2, "the cell title and its z-value")
    }
}
