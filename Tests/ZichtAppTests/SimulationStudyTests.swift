import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtSim
import ZichtSources

/// The evaluation simulation study (docs/evaluation-simulation-study.md) on a few cities: the
/// difference-in-differences estimate against the expectation computed by hand from ZichtSim's
/// counts model, and the size of the overdispersion-inflated RES test under no effect.
struct SimulationStudyTests {
    /// The study of the bundled example's camera intervention, prepared once.
    static let study: Result<EvaluationStudy, any Error> = Result {
        let project = try LoadedProject.load(ZichtApp.exampleProject)
        let design = EvaluationStudy.Design.cameraBinnenstad2018
        let city = try ProjectSimulation(project, years: design.years).city
        return try EvaluationStudy(city: city, design: design)
    }

    /// The expected count of the study's types in `areas` over `months` months from `start`
    /// (year, month), from ``CitySimulation/expectedCounts(type:year:)`` without any camera effect.
    static func expectedSum(_ city: CitySimulation, types: [String], areas: Set<String>, start: (year: Int, month: Int), months: Int) -> Double {
        var sum = 0.0
        for offset in 0..<months {
            let index = start.year * 12 + start.month - 1 + offset
            let (year, month) = (index / 12, index % 12 + 1)
            for type in types {
                let cells = city.expectedCounts(type: type, year: year)!
                for (a, area) in city.areas.enumerated() where areas.contains(area.code) { sum += cells[a * 12 + month - 1] }
            }
        }
        return sum
    }

    /// With a true zone effect r = 0.75, the Poisson fixed-effects DiD estimate of ln r, averaged over
    /// 40 cities, must match the expectation worked out here from the counts model alone.
    ///
    /// By hand: in the model a type's expected count in buurt b and month m is V(t, y)·μ(b, m)/Σμ
    /// (docs/simulation.md, step 2; the gamma noise has mean 1, and dividing by the noisy Σμ·G over
    /// ~900 cells changes a cell's mean by well under 0.1 %), and the camera multiplies the zone's
    /// counts from June 2018 by r. Summing over the three types gives a = zone before (June 2016 –
    /// May 2018), b = r × zone after (June 2018 – November 2019), c and d the same for the controls,
    /// and the DiD estimate converges to ln((b/a)/(d/c)) — with one treated unit the Poisson FE
    /// estimate is exactly the log ratio of these four sums, so its mean over cities differs from the
    /// log of the ratio of means only by a second-order term (≈ ½(1/a − 1/b), below 0.002 here).
    /// The controls are recomputed here too: the 10 buurten outside zone and buffer ring with the
    /// most expected incidents before the start.
    /// Tolerance: 4 standard errors of the mean, the standard error from the spread of the 40
    /// estimates (sd/√40), as in `MonthlyCountsTests`.
    @Test func differenceInDifferencesMatchesTheCountsModel() throws {
        let study = try Self.study.get()
        let city = study.city
        let types = ["1.4.4", "1.4.5", "2.2.1"]
        let zone = Set(city.zoneAreaCodes)
        #expect(zone == ["BU01931000", "BU01931010", "BU01931020"])
        let outside = city.areas.map(\.code).filter { !zone.contains($0) && !city.bufferAreaCodes.contains($0) }
        let load = outside.map { code in (code, Self.expectedSum(city, types: types, areas: [code], start: (2016, 6), months: 24)) }
        let busiest = load.sorted { $0.1 > $1.1 }.prefix(10).map(\.0)
        #expect(Set(study.fixedControlCodes ?? []) == Set(busiest))

        let r = 0.75
        let a = Self.expectedSum(city, types: types, areas: zone, start: (2016, 6), months: 24)
        let b = r * Self.expectedSum(city, types: types, areas: zone, start: (2018, 6), months: 18)
        let c = Self.expectedSum(city, types: types, areas: Set(busiest), start: (2016, 6), months: 24)
        let d = Self.expectedSum(city, types: types, areas: Set(busiest), start: (2018, 6), months: 18)
        let expected = log((b / a) / (d / c))

        let results = study.evaluate(cities: 40, seed: 7, effect: r)
        let estimates = results.compactMap { $0.estimates[.poissonCRV1]?.value }
        #expect(estimates.count == 40)
        let mean = estimates.reduce(0, +) / Double(estimates.count)
        let sd = (estimates.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(estimates.count - 1)).squareRoot()
        #expect(abs(mean - expected) < 4 * sd / Double(estimates.count).squareRoot(), "mean \(mean), expected \(expected), sd \(sd)")
    }

    /// Without an effect (r = 1), the RES test with the overdispersion-inflated variance may reject
    /// "no effect" in at most 6 of 40 cities. For a test of correct size 5 % the number of rejections
    /// is Binomial(40, 0.05), and P(X ≥ 7) = 0.0034 (Σ_{k≥7} C(40,k)·0.05^k·0.95^(40−k)); a test that
    /// rejected 31 % of the time, as the CRV1 intervals do in the full study, would pass this check
    /// with probability 0.017.
    @Test func inflatedRelativeEffectSizeKeepsItsSize() throws {
        let study = try Self.study.get()
        let results = study.evaluate(cities: 40, seed: 11, effect: 1)
        let pValues = results.compactMap { $0.estimates[.resInflated]?.pValue }
        #expect(pValues.count == 40)
        #expect(pValues.filter { $0 < 0.05 }.count <= 6)
    }
}
