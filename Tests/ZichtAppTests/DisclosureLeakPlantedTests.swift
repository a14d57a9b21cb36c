import Foundation
import Testing
@testable import ZichtAnalysis
import ZichtApp
import ZichtEngine
import ZichtSite
import ZichtStats

/// The audit that every build runs fails on a planted leak, with a located, plain-English error;
/// disclosure control then closes the same leak.
struct DisclosureLeakPlantedTests {
    /// One wijk of three buurten, one incident type, one year: 7 + 6 + 2 = 15, with the total published.
    private func wijkData() -> NeighbourhoodData {
        let counts = [("BU01", "Binnenstad-Zuid", 7), ("BU02", "Binnenstad-Noord", 6), ("BU03", "Noordereiland", 2)]
        let buurten = counts.map { code, name, count in
            WijkProfile.Buurt(
                code: code, name: name, inhabitants: 1000, figures: [],
                incidentsLatestYear: [DisclosedCount(count: count, inhabitants: 1000, threshold: 5)],
                incidentTotalLatestYear: DisclosedCount(count: count, inhabitants: 1000, threshold: 5))
        }
        let wijk = WijkProfile(
            code: "WK01", name: "Binnenstad", buurten: buurten, inhabitants: 3000, figures: [],
            incidentTotals: [DisclosedCount(count: 15, inhabitants: 3000, threshold: 5)],
            incidentsByType: [[DisclosedCount(count: 15, inhabitants: 3000, threshold: 5)]], outline: [])
        return NeighbourhoodData(
            wijken: [wijk], figures: [], figureProvenance: [], figurePeriods: [], weighting: .unknownInhabitants, incidentTypes: ["1.1.1"],
            incidentYears: [2019], incidentsAreSimulated: true, incidentProvenance: [], populationIsSimulated: true,
            cityOutline: [], disclosureThreshold: 5)
    }

    @Test func theAuditFailsOnOneSuppressedCellWithAPublishedTotal() throws {
        var indicators = ProjectAnalysis(neighbourhoods: wijkData())
        let error = try #require(throws: DisclosureLeak.self) { try ProjectAnalyser.auditDisclosure(indicators, threshold: 5) }
        #expect(error.cell.contains("Noordereiland (BU03)"), "\(error.cell)")
        #expect(error.table.contains("Binnenstad") || error.table.contains("incidenten-per-wijk-en-buurt.csv"), "\(error.table)")
        #expect(error.interval == FeasibleInterval(lower: 2, upper: 2))
        #expect(error.description.contains("is exactly 2"), "\(error.description)")

        // Disclosure control withholds Binnenstad-Zuid (7): Noordereiland is then 15 − 6 − Zuid with
        // Zuid ≥ 5, anywhere in 0 ... 4. Binnenstad-Noord (6) would not do: 15 − 7 − 5 = 3 at most.
        let report = try ProjectAnalyser.controlDisclosure(&indicators, threshold: 5)
        let buurten = try #require(indicators.neighbourhoods?.wijken.first?.buurten)
        #expect(buurten.map { $0.incidentsLatestYear[0].isSecondary } == [true, false, false])
        #expect(buurten.map { $0.incidentTotalLatestYear!.isSecondary } == [true, false, false])
        #expect(buurten[0].incidentTotalLatestYear?.ratePerThousand == nil, "a withheld count has no rate")
        #expect(report.protectedFigures == 2 && report.narrowest == FeasibleInterval(lower: 0, upper: 4))
        #expect(try ProjectAnalyser.auditDisclosure(indicators, threshold: 5) == report)
    }

    /// `zicht disclosure-audit`: the same table as CSV; with `--suppress` the leak is closed.
    @Test func auditOfATableGivenAsCSV() throws {
        let table = """
            table,cell,cells,shown,value
            wijk,Binnenstad-Zuid,z,7,7
            wijk,Binnenstad-Noord,n,6,6
            wijk,Noordereiland,e,<,2
            wijk,totaal,z n e,15,15
            """
        let audited = try ZichtApp.auditFigures(csv: table, threshold: 5, suppress: false)
        #expect(audited == "table,cell,shown,lower,upper,protected\nwijk,Noordereiland,<,2,2,no\n")
        let suppressed = try ZichtApp.auditFigures(csv: table, threshold: 5, suppress: true)
        #expect(suppressed == "table,cell,shown,lower,upper,protected\nwijk,Binnenstad-Zuid,x,,,\nwijk,Noordereiland,<,0,4,yes\n")
        #expect(throws: AppError.self) { try ZichtApp.auditFigures(csv: "table,cell,cells,shown\nwijk,a,a,veel\n", threshold: 5, suppress: false) }
    }
}
