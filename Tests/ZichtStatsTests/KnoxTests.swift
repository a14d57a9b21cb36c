import Foundation
import Testing
import ZichtCore
import ZichtStats

/// The Knox analysis on small examples counted by hand, against an exhaustive enumeration of all
/// permutations, across chunkings, and on bad input.
struct KnoxTests {
    // MARK: A five-event example counted by hand

    /// Five events (x, y in metres; t in days):
    ///
    ///     A (0, 0) day 0     B (50, 0) day 3     C (0, 150) day 10
    ///     D (500, 500) day 1 E (50, 50) day 20
    ///
    /// Euclidean distance and time difference of the ten pairs:
    ///
    ///     A–B  50.0 m   3 d      B–C 158.1 m   7 d      C–D 610.3 m  9 d
    ///     A–C 150.0 m  10 d      B–D 672.7 m   2 d      C–E 111.8 m 10 d
    ///     A–D 707.1 m   1 d      B–E  50.0 m  17 d      D–E 636.4 m 19 d
    ///     A–E  70.7 m  20 d
    ///
    /// Manhattan distances differ: A–E 100 m, B–C 200 m, A–D 1000 m, C–E 150 m (others as above or
    /// beyond 200 m either way).
    static let x: [Double] = [0, 50, 0, 500, 50]
    static let y: [Double] = [0, 0, 150, 500, 50]
    static let t: [Double] = [0, 3, 10, 1, 20]

    /// Space [0, 100), [100, 200), ≥ 200; time [0, 7), [7, 14), ≥ 14; Euclidean:
    ///
    ///     [0, 100):   A–B (3 d)                   A–E (20 d), B–E (17 d)    → 1 0 2
    ///     [100, 200):             A–C, B–C (7 d: half-open, so [7, 14)), C–E → 0 3 0
    ///     ≥ 200:      A–D, B–D    C–D             D–E                        → 2 1 1
    ///
    /// Row totals S = 3, 3, 4; column totals T = 3, 4, 3 over N = 10 pairs, so the exact expected
    /// counts S_k·T_l/N are 0.9 1.2 0.9 / 0.9 1.2 0.9 / 1.2 1.6 1.2.
    @Test func fiveEventsHalfOpenEuclidean() throws {
        let parameters = KnoxParameters(spaceBreaks: [0, 100, 200], timeBreaks: [0, 7, 14], metric: .euclidean, permutations: 99)
        let table = try KnoxTest.analyse(x: Self.x, y: Self.y, t: Self.t, parameters: parameters)
        #expect(table.observedRows == [[1, 0, 2], [0, 3, 0], [2, 1, 1]])
        #expect(table.pairCount == 10)
        #expect(table.closePairCount == 6)
        let exact = [[0.9, 1.2, 0.9], [0.9, 1.2, 0.9], [1.2, 1.6, 1.2]]
        for cell in table.cells {
            #expect(abs(cell.exactExpected - exact[cell.space][cell.time]) < 1e-12)
        }
    }

    /// Closed bands move the pair B–C (exactly 7 days) into [0, 7]:
    ///
    ///     [0, 100]:   A–B                   A–E, B–E   → 1 0 2
    ///     (100, 200]: B–C        A–C, C–E              → 1 2 0
    ///     > 200:      A–D, B–D   C–D        D–E        → 2 1 1
    @Test func fiveEventsClosed() throws {
        let parameters = KnoxParameters(
            spaceBreaks: [0, 100, 200], timeBreaks: [0, 7, 14], metric: .euclidean, intervals: .closed, permutations: 99)
        let table = try KnoxTest.analyse(x: Self.x, y: Self.y, t: Self.t, parameters: parameters)
        #expect(table.observedRows == [[1, 0, 2], [1, 2, 0], [2, 1, 1]])
    }

    /// Manhattan distance: A–E is exactly 100 m (so in [100, 200)), B–C exactly 200 m (beyond):
    ///
    ///     [0, 100):   A–B                   B–E    → 1 0 1
    ///     [100, 200):            A–C, C–E   A–E    → 0 2 1
    ///     ≥ 200:      A–D, B–D   B–C, C–D   D–E    → 2 2 1
    @Test func fiveEventsManhattan() throws {
        let parameters = KnoxParameters(spaceBreaks: [0, 100, 200], timeBreaks: [0, 7, 14], metric: .manhattan, permutations: 99)
        let table = try KnoxTest.analyse(x: Self.x, y: Self.y, t: Self.t, parameters: parameters)
        #expect(table.observedRows == [[1, 0, 1], [0, 2, 1], [2, 2, 1]])
    }

    // MARK: Against all 120 permutations

    /// With five events every permutation of the times can be listed. The test counts each of the
    /// 120 tables directly from the ten pairs (its own plain loop, independent of the library), and
    /// checks that the exact mean equals `S·T/N` and that 20,000 Monte Carlo permutations give a mean
    /// within 5 standard errors of it and a p-value within 5 standard errors of the exact one,
    /// `#{permutations with count ≥ observed} / 120`.
    @Test func monteCarloAgreesWithAllPermutations() throws {
        let spaceBreaks: [Double] = [0, 100, 200], timeBreaks: [Double] = [0, 7, 14]
        func band(_ value: Double, _ breaks: [Double]) -> Int { breaks.lastIndex { value >= $0 }! }
        func counts(_ times: [Double]) -> [Int] {
            var cells = [Int](repeating: 0, count: 9)
            for i in 0..<5 {
                for j in (i + 1)..<5 {
                    let d = ((Self.x[i] - Self.x[j]) * (Self.x[i] - Self.x[j]) + (Self.y[i] - Self.y[j]) * (Self.y[i] - Self.y[j])).squareRoot()
                    cells[band(d, spaceBreaks) * 3 + band(abs(times[i] - times[j]), timeBreaks)] += 1
                }
            }
            return cells
        }
        func permutations(_ items: [Double]) -> [[Double]] {
            if items.count <= 1 { return [items] }
            return items.indices.flatMap { index in
                var rest = items
                let first = rest.remove(at: index)
                return permutations(rest).map { [first] + $0 }
            }
        }
        let observed = counts(Self.t)
        let all = permutations(Self.t).map(counts)
        #expect(all.count == 120)

        let parameters = KnoxParameters(spaceBreaks: spaceBreaks, timeBreaks: timeBreaks, permutations: 20_000, seed: 42)
        let table = try KnoxTest.analyse(x: Self.x, y: Self.y, t: Self.t, parameters: parameters)
        #expect(table.cells.map(\.observed) == observed)
        for cell in table.cells {
            let index = cell.space * 3 + cell.time
            let values = all.map { Double($0[index]) }
            let exactMean = values.reduce(0, +) / 120
            #expect(abs(exactMean - cell.exactExpected) < 1e-12)
            let variance = values.map { ($0 - exactMean) * ($0 - exactMean) }.reduce(0, +) / 120
            #expect(abs(cell.expectedMean - exactMean) <= 5 * (variance / 20_000).squareRoot() + 1e-12)
            let exactP = Double(all.filter { $0[index] >= observed[index] }.count) / 120
            #expect(abs(cell.pValue - exactP) <= 5 * (exactP * (1 - exactP) / 20_000).squareRoot() + 1e-3)
        }
    }

    // MARK: Determinism and the two counting paths

    /// Random events with near repeats, from a fixed generator.
    static func events(_ count: Int, seed: UInt64) -> (x: [Double], y: [Double], t: [Double]) {
        var generator = SplitMix64(seed: seed)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        var x: [Double] = [], y: [Double] = [], t: [Double] = []
        for _ in 0..<count {
            if !x.isEmpty && uniform() < 0.2 {
                let parent = Int(uniform() * Double(x.count))
                x.append(x[parent] + (uniform() - 0.5) * 120)
                y.append(y[parent] + (uniform() - 0.5) * 120)
                t.append(t[parent] + (uniform() * 10).rounded(.down))
            } else {
                x.append(uniform() * 3000)
                y.append(uniform() * 3000)
                t.append((uniform() * 120).rounded(.down))
            }
        }
        return (x, y, t)
    }

    @Test(arguments: [IntervalConvention.halfOpen, .closed])
    func sameSeedSameResultWhateverTheChunks(intervals: IntervalConvention) throws {
        let data = Self.events(600, seed: 3)
        let parameters = KnoxParameters(
            spaceBreaks: [0, 1, 100, 200, 300], timeBreaks: [0, 7, 14, 21, 28], metric: .manhattan, intervals: intervals,
            permutations: 199, seed: 9)
        let reference = try KnoxTest.analyse(x: data.x, y: data.y, t: data.t, parameters: parameters, chunkCount: 1)
        for chunks in [2, 3, 7, 64, 199] {
            let other = try KnoxTest.analyse(x: data.x, y: data.y, t: data.t, parameters: parameters, chunkCount: chunks)
            #expect(other == reference, "chunks: \(chunks)")
        }
        var otherSeed = parameters
        otherSeed.seed = 10
        let different = try KnoxTest.analyse(x: data.x, y: data.y, t: data.t, parameters: otherSeed)
        #expect(different.cells.map(\.observed) == reference.cells.map(\.observed))
        #expect(different.cells.map(\.expectedMean) != reference.cells.map(\.expectedMean))
    }

    /// Whole days are counted in `Float` lanes, other times in `Double` lanes. Adding half a day to
    /// every time changes no difference, and the permutations draw the same orders, so both paths must
    /// give the same table to the last digit.
    @Test func wholeDaysAndFractionalDaysAgree() throws {
        let data = Self.events(500, seed: 5)
        let parameters = KnoxParameters(spaceBreaks: [0, 50, 100, 250], timeBreaks: [0, 3, 7, 14, 30, 60], permutations: 99, seed: 2)
        let whole = try KnoxTest.analyse(x: data.x, y: data.y, t: data.t, parameters: parameters, chunkCount: 3)
        let shifted = try KnoxTest.analyse(x: data.x, y: data.y, t: data.t.map { $0 + 0.5 }, parameters: parameters, chunkCount: 5)
        #expect(whole == shifted)
    }

    /// Observed counts against a direct count over all pairs, for both metrics and conventions, with
    /// time breaks that are not whole numbers (so the whole-day path must round its thresholds).
    @Test(arguments: [DistanceMetric.euclidean, .manhattan], [IntervalConvention.halfOpen, .closed])
    func observedMatchesAllPairs(metric: DistanceMetric, intervals: IntervalConvention) throws {
        let data = Self.events(400, seed: 11)
        let spaceBreaks: [Double] = [0, 1, 60, 120, 150], timeBreaks: [Double] = [0, 2.5, 7, 13.5]
        let parameters = KnoxParameters(spaceBreaks: spaceBreaks, timeBreaks: timeBreaks, metric: metric, intervals: intervals, permutations: 19)
        let table = try KnoxTest.analyse(x: data.x, y: data.y, t: data.t, parameters: parameters)
        func band(_ value: Double, _ breaks: [Double]) -> Int {
            intervals == .halfOpen
                ? breaks.lastIndex { value >= $0 }!
                : (breaks.dropFirst().firstIndex { value <= $0 }.map { $0 - 1 } ?? breaks.count - 1)
        }
        var expected = [[Int]](repeating: [Int](repeating: 0, count: timeBreaks.count), count: spaceBreaks.count)
        for i in 0..<400 {
            for j in (i + 1)..<400 {
                let dx = data.x[i] - data.x[j], dy = data.y[i] - data.y[j]
                let d = metric == .manhattan ? abs(dx) + abs(dy) : (dx * dx + dy * dy).squareRoot()
                expected[band(d, spaceBreaks)][band(abs(data.t[i] - data.t[j]), timeBreaks)] += 1
            }
        }
        #expect(table.observedRows == expected)
        // Every permutation keeps the column totals: so must the mean expected counts.
        for time in timeBreaks.indices {
            let observedTotal = table.spaceBands.indices.map { table.cell(space: $0, time: time).observed }.reduce(0, +)
            let expectedTotal = table.spaceBands.indices.map { table.cell(space: $0, time: time).expectedMean }.reduce(0, +)
            #expect(abs(Double(observedTotal) - expectedTotal) < 1e-6)
        }
    }

    // MARK: Bad input

    @Test func rejectsBadInput() {
        let p = KnoxParameters()
        #expect(throws: KnoxError.tooFewEvents(2)) { try KnoxTest.analyse(x: [0, 1], y: [0, 1], t: [0, 1], parameters: p) }
        #expect(throws: KnoxError.singleTime(4)) { try KnoxTest.analyse(x: [0, 1, 2], y: [0, 1, 2], t: [4, 4, 4], parameters: p) }
        #expect(throws: KnoxError.lengthMismatch(x: 3, y: 2, t: 3)) { try KnoxTest.analyse(x: [0, 1, 2], y: [0, 1], t: [0, 1, 2], parameters: p) }
        #expect(throws: KnoxError.nonFiniteCoordinate(index: 1, x: .infinity, y: 1)) {
            try KnoxTest.analyse(x: [0, .infinity, 2], y: [0, 1, 2], t: [0, 1, 2], parameters: p)
        }
        #expect(throws: KnoxError.nonFiniteTime(index: 2, t: .infinity)) {
            try KnoxTest.analyse(x: [0, 1, 2], y: [0, 1, 2], t: [0, 1, .infinity], parameters: p)
        }
        #expect(throws: KnoxError.invalidChunkCount(0)) {
            try KnoxTest.analyse(x: [0, 1, 2], y: [0, 1, 2], t: [0, 1, 2], parameters: p, chunkCount: 0)
        }
        for (space, time) in [([0.0, 100, 100], [0.0, 7]), ([0.0, 200, 100], [0.0, 7]), ([1.0, 100], [0.0, 7]), ([0.0], [0.0, 7]),
                              ([0.0, 100], [0.0, 14, 7]), ([0.0, .infinity], [0.0, 7])] {
            var bad = p
            bad.spaceBreaks = space
            bad.timeBreaks = time
            #expect(throws: KnoxError.self) { try KnoxTest.analyse(x: [0, 1, 2], y: [0, 1, 2], t: [0, 1, 2], parameters: bad) }
        }
        var noPermutations = p
        noPermutations.permutations = 0
        #expect(throws: KnoxError.invalidPermutations(0)) { try KnoxTest.analyse(x: [0, 1, 2], y: [0, 1, 2], t: [0, 1, 2], parameters: noPermutations) }
    }

    /// Coordinates and times at the ends of the Double range: every pair difference overflows, the
    /// grid of close pairs used to trap converting an infinite cell number (issue 10). Now the far
    /// events are far apart, and events 2–3 (1 m, 1 day) and 1–4 (same place, 1e308 days) are the
    /// only close pairs.
    @Test func coordinatesNearTheEndsOfTheDoubleRange() throws {
        let x: [Double] = [-1e308, 1e308, 0, 1, 1e308], y: [Double] = [1e308, -1e308, 0, 0, -1e308]
        let t: [Double] = [-1e308, 1e308, 0, 1, 5]
        for breaks in [[0.0, 100], [0, 1e308]] {
            let parameters = KnoxParameters(spaceBreaks: breaks, timeBreaks: [0, 7], permutations: 9)
            let table = try KnoxTest.analyse(x: x, y: y, t: t, parameters: parameters)
            #expect(table.closePairCount == 2)
            #expect(table.cell(space: 0, time: 0).observed == 1)
            #expect(table.cell(space: 0, time: 1).observed == 1)
        }
    }

    @Test func errorMessagesSayWhatToDo() {
        let decreasing = KnoxError.invalidBreaks(kind: .time, breaks: [0, 14, 7], reason: "x")
        #expect(decreasing.description.contains("[0,14,7]"))
        #expect(decreasing.description.contains("0,7,14,21 (days)"))
        do {
            var p = KnoxParameters()
            p.spaceBreaks = [0, 100, 50]
            try p.validate()
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("break 3 (50.0) is not above break 2 (100.0)"))
        }
        #expect(KnoxError.tooFewEvents(1).description == "Found 1 event; a Knox analysis needs at least 3.")
    }
}
