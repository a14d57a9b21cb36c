import Foundation
import Testing
import ZichtStats

/// The Chicago example of the NearRepeat R package (970 residential burglaries, 31 Dec 2015 – Jan 2016),
/// read from `../shared/data/peers/chicago_be_month1.csv` beside the repository (as ZichtTestSupport's
/// `PeerData` finds it; this target does not depend on ZichtTestSupport, so the few lines are repeated).
/// No header; columns x, y (metres) and date (YYYY-MM-DD). Times are whole days since 1970-01-01.
enum ChicagoBurglaries {
    static var url: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/peers/chicago_be_month1.csv")
    }

    static func load() throws -> (x: [Double], y: [Double], t: [Double]) {
        let text = try String(contentsOf: url, encoding: .utf8)
        var x: [Double] = [], y: [Double] = [], t: [Double] = []
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",")
            let date = fields[2].split(separator: "-").map { Int($0)! }
            let day = calendar.date(from: DateComponents(year: date[0], month: date[1], day: date[2]))!
            x.append(Double(fields[0])!)
            y.append(Double(fields[1])!)
            t.append((day.timeIntervalSince1970 / 86_400).rounded())
        }
        return (x, y, t)
    }
}

/// The Knox analysis against the Near Repeat Calculator's published table and against pointpats.
struct KnoxPeerTests {
    /// The observed table of Ratcliffe's Near Repeat Calculator 1.3 on the Chicago file (Manhattan
    /// distance, 100 m × 3 bands plus same location, 7 days × 3 bands), from
    /// `shared/data/peers/README.md` (the Calculator's own output beside it,
    /// `chicago_be_month1_NRC-output.csv`, "Observed frequencies distribution"). The Calculator's
    /// bands are `[0, 1)`, `[1, 100)`, …, `≥ 300` m and `[0, 7)`, …, `≥ 21` days whatever its labels say.
    @Test func reproducesTheNearRepeatCalculatorsObservedTable() throws {
        let data = try ChicagoBurglaries.load()
        #expect(data.x.count == 970)
        let parameters = KnoxParameters(
            spaceBreaks: [0, 1, 100, 200, 300], timeBreaks: [0, 7, 14, 21], metric: .manhattan, intervals: .halfOpen,
            permutations: 999, seed: 1)
        let table = try KnoxTest.analyse(x: data.x, y: data.y, t: data.t, parameters: parameters)
        #expect(table.observedRows == [
            [28, 5, 5, 2],
            [44, 13, 8, 4],
            [97, 56, 19, 16],
            [77, 67, 45, 20],
            [182_194, 146_149, 95_237, 45_879],
        ])
        #expect(table.pairCount == 469_965)

        // With 999 permutations the mean expected count lies within 5 standard errors of the exact
        // expectation under permutation, S_k·T_l/N, in every cell.
        for cell in table.cells {
            let standardError = cell.expectedStandardDeviation / Double(parameters.permutations).squareRoot()
            #expect(abs(cell.expectedMean - cell.exactExpected) <= 5 * standardError + 1e-9, "cell \(cell.space),\(cell.time)")
        }
        // Same location, same week: 28 pairs where about 15.5 are expected (exactly 40 · 182,440 / 469,965).
        let sameLocation = table.cell(space: 0, time: 0)
        #expect(abs(sameLocation.exactExpected - 40.0 * 182_440 / 469_965) < 1e-9)
        #expect(sameLocation.pValue == 0.001)
        // The Calculator (19 permutations) reports 1.652, 1.685, 1.318 and 0.938 in the first column and
        // p = 0.05, its floor, for the first three; with 999 permutations the ratios are near the exact
        // ones (1.80, 1.64, 1.33, 0.95) and the first three cells are significant at the floor 0.001.
        for space in 0..<3 { #expect(table.cell(space: space, time: 0).pValue == 0.001) }
        #expect(table.cell(space: 3, time: 0).pValue > 0.3)
    }

    /// pointpats' classic single-band Knox test on the same events, printed by
    /// `Tests/peers/check_knox.py --print-reference` with pointpats 2.5.5, numpy 2.4.6, scipy 1.17.1
    /// (Python 3.11.7): `Knox(xy, t, delta, tau, permutations=999)` after `numpy.random.seed(12345)`.
    /// pointpats counts pairs with Euclidean distance ≤ δ and time difference ≤ τ: our closed
    /// convention with breaks [0, δ] and [0, τ]. Its `expected[0, 0]` is `N_S·N_T/N`.
    struct PointpatsCase: Sendable, CustomTestStringConvertible {
        var delta: Double
        var tau: Double
        /// `Knox.statistic_`
        var statistic: Int
        /// `Knox.expected[0, 0]`
        var expected: Double
        /// `Knox.p_sim` (999 permutations, its own random numbers)
        var pSim: Double
        var testDescription: String { "δ = \(delta) m, τ = \(tau) days" }
    }

    static let pointpats: [PointpatsCase] = [
        PointpatsCase(delta: 200, tau: 7, statistic: 207, expected: 156.27130743778793, pSim: 0.001),
        PointpatsCase(delta: 100, tau: 14, statistic: 112, expected: 98.40267253944442, pSim: 0.009),
        PointpatsCase(delta: 400, tau: 3, statistic: 289, expected: 233.58102411881737, pSim: 0.001),
        PointpatsCase(delta: 1, tau: 0, statistic: 14, expected: 1.3708254870043515, pSim: 0.001),
    ]

    @Test(arguments: pointpats)
    func matchesPointpatsSingleBand(_ reference: PointpatsCase) throws {
        let data = try ChicagoBurglaries.load()
        let permutations = 9_999
        let parameters = KnoxParameters(
            spaceBreaks: [0, reference.delta], timeBreaks: [0, reference.tau], metric: .euclidean, intervals: .closed,
            permutations: permutations, seed: 7)
        let table = try KnoxTest.analyse(x: data.x, y: data.y, t: data.t, parameters: parameters)
        let cell = table.cell(space: 0, time: 0)
        #expect(cell.observed == reference.statistic)
        #expect(abs(cell.exactExpected - reference.expected) <= 1e-12 * reference.expected)
        #expect(abs(cell.expectedMean - reference.expected) <= 5 * cell.expectedStandardDeviation / Double(permutations).squareRoot())
        // Both p-values are Monte Carlo estimates: they agree within 5 standard errors of the two
        // (999 and 9,999 permutations), plus the resolution of pointpats' 999.
        let p = (cell.pValue + reference.pSim) / 2
        let tolerance = 5 * (p * (1 - p) / 999 + p * (1 - p) / Double(permutations)).squareRoot() + 1.0 / 1000
        #expect(abs(cell.pValue - reference.pSim) <= tolerance, "ours \(cell.pValue), pointpats \(reference.pSim)")
    }
}
