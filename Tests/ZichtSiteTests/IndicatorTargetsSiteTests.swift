import Foundation
import Testing
import ZichtAnalysis
import ZichtCore
import ZichtSite
import ZichtSources
import ZichtTestSupport

/// The BBV layout of the "Indicatoren" block in a cycle: the begroting shows its targets per year,
/// the jaarverslag the realisation of its year against the target, and says why a year has no
/// figure yet. The figures are generated for the test.
struct IndicatorTargetsSiteTests {
    static let begrotingGoal = "content/begroting-2019/1/1.1.1.md"

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "T12:00:00Z")! }

    /// A table of the gemeente's figures per year, retrieved on `retrieved`.
    static func table(_ id: String, _ figures: [Int: Double], retrieved: String) -> IndicatorTable {
        let definition = BBVWording.definitions.first { $0.id == id }!
        let source = Provenance(tableID: "83648NED", origin: "test.csv", sha256: String(repeating: "a", count: 64), retrievedAt: date(retrieved))
        let periods = figures.keys.sorted().map { Period(year: $0) }
        let values = Dictionary(uniqueKeysWithValues: figures.map { year, value in
            (Period(year: year), IndicatorValue(indicatorID: id, region: "GM9999", period: Period(year: year), value: value,
                                                numerator: nil, denominator: nil, method: .published, provenance: [source]))
        })
        return IndicatorTable(definition: definition, regions: ["GM9999"], regionNames: ["GM9999": "Proefstad"], periods: periods, values: ["GM9999": values])
    }

    func build(shop2019: Double) throws -> BuiltSite {
        var files = TemporaryProject.cycleFiles
        files[Self.begrotingGoal] = files[Self.begrotingGoal]!.replacingOccurrences(
            of: "parent: \"1.1\"\n",
            with: """
                parent: "1.1"
                indicatoren:
                  - bbv-winkeldiefstallen
                  - bbv-geweldsmisdrijven
                  - bbv-vernielingen
                streefwaarden:
                  bbv-winkeldiefstallen: {2019: 3.5, 2020: 3.4}
                  bbv-geweldsmisdrijven: {2019: 6.0, 2020: 5.8}

                """)
        let project = try TemporaryProject(files: files)
        let analysis = ProjectAnalysis(tables: [
            "bbv-winkeldiefstallen": Self.table("bbv-winkeldiefstallen", [2017: 3.9, 2018: 3.6, 2019: shop2019], retrieved: "2020-06-01"),
            "bbv-geweldsmisdrijven": Self.table("bbv-geweldsmisdrijven", [2016: 6.6, 2017: 6.2], retrieved: "2019-05-17"),
            "bbv-vernielingen": Self.table("bbv-vernielingen", [2018: 6.4, 2019: 6.1], retrieved: "2020-06-01"),
        ])
        let output = project.root.appendingPathComponent("site")
        try SiteBuilder().build(try SiteProjectLoader.load(project.root), analysis: analysis, to: output, builtAt: Self.date("2020-07-01"))
        return BuiltSite(project: project, output: output)
    }

    /// The rows of the overview table as visible text, one string per row.
    func overviewRows(_ page: String) throws -> [String] {
        let start = try #require(page.firstRange(of: #"<table class="indicator-overview">"#))
        let end = try #require(page[start.upperBound...].firstRange(of: "</table>"))
        return page[start.lowerBound..<end.lowerBound].split(separator: "</tr>").map { row in
            row.replacing(/<[^>]+>/, with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
    }

    @Test func theJaarverslagSetsItsYearsRealisationBesideTheBegrotingsTarget() throws {
        let site = try build(shop2019: 3.54)
        defer { site.project.remove() }
        let page = try site.page("jaarverslag-2019/doel/1-1-1-minder-inbraken/index.html")
        let rows = try overviewRows(page)
        #expect(rows[0].hasPrefix("Indicatoren: realisatie 2019 en streefwaarde (streefwaarden uit de Begroting 2019)"))
        #expect(rows[0].hasSuffix("Indicator Streefwaarde 2019 Realisatie 2019 Realisatie 2018 Realisatie 2017 Oordeel"))
        // 3.54 is shown as 3,5: judged as shown, it meets "at most 3,5".
        #expect(rows[1] == "Winkeldiefstallen (per 1.000 inwoners) ten hoogste 3,5 3,5 3,6 3,9 gehaald")
        #expect(rows[2] == "Geweldsmisdrijven (per 1.000 inwoners) ten hoogste 6,0 nog geen cijfer geen cijfer 6,2 nog niet te beoordelen")
        #expect(rows[3] == "Vernielingen en beschadigingen (per 1.000 inwoners) geen 6,1 6,4 geen cijfer geen streefwaarde")
        // Why 2019 has no figure for violence: the newest year, and data retrieved before 2019 ended.
        #expect(page.contains("Geweldsmisdrijven: Over 2019 is er nog geen cijfer. Het nieuwste cijfer is van 2017: 6,2 per 1.000 inwoners. De cijfers zijn opgehaald op 17 mei 2019, toen 2019 nog niet voorbij was."))
        #expect(page.contains("Realisatie 2019: 3,5 per 1.000 inwoners. Streefwaarde 2019 (uit de Begroting 2019): ten hoogste 3,5 per 1.000 inwoners. Oordeel: gehaald."))
        // The page's open data carries the same judgement.
        let json = try site.json("jaarverslag-2019/doel/1-1-1-minder-inbraken/index.json")
        let indicators = try #require(json["indicators"] as? [[String: Any]])
        let shop = try #require(indicators.first { $0["id"] as? String == "bbv-winkeldiefstallen" })
        #expect(shop["targetsFrom"] as? String == "Begroting 2019")
        let assessment = try #require(shop["assessment"] as? [String: Any])
        #expect(assessment["status"] as? String == "gehaald" && assessment["target"] as? Double == 3.5 && assessment["value"] as? Double == 3.54)
        #expect((indicators.first { $0["id"] as? String == "bbv-geweldsmisdrijven" }?["assessment"] as? [String: Any])?["value"] == nil)
    }

    @Test func aFigureAboveTheTargetIsNotMet() throws {
        let site = try build(shop2019: 3.56)
        defer { site.project.remove() }
        let rows = try overviewRows(try site.page("jaarverslag-2019/doel/1-1-1-minder-inbraken/index.html"))
        #expect(rows[1] == "Winkeldiefstallen (per 1.000 inwoners) ten hoogste 3,5 3,6 3,6 3,9 niet gehaald")
    }

    @Test func theBegrotingShowsItsTargetsPerYearAndTheNewestFigureBeforeIt() throws {
        let site = try build(shop2019: 3.54)
        defer { site.project.remove() }
        let page = try site.page("begroting-2019/doel/1-1-1-minder-inbraken/index.html")
        let rows = try overviewRows(page)
        #expect(rows[0].hasSuffix("Indicator Laatste realisatie Streefwaarde 2019 Streefwaarde 2020"))
        // A begroting of 2019 shows the newest figure before 2019, not the later ones.
        #expect(rows[1] == "Winkeldiefstallen (per 1.000 inwoners) 3,6 (2018) ten hoogste 3,5 ten hoogste 3,4")
        #expect(rows[3] == "Vernielingen en beschadigingen (per 1.000 inwoners) 6,4 (2018) geen geen")
        #expect(page.contains("Streefwaarden, per 1.000 inwoners: 2019: ten hoogste 6,0; 2020: ten hoogste 5,8."))
    }
}
