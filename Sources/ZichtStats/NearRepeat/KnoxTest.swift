import ZichtCore

/// The Knox test for near repeats: are pairs of events that are close in space also close in time
/// more often than chance?
///
/// Method (Knox 1964, "The detection of space-time interactions", Applied Statistics 13:25–29;
/// with Monte Carlo inference and several bands as in Johnson et al. 2007, "Space–time patterns of
/// risk: a cross national assessment of residential burglary victimization", J Quant Criminol
/// 23:201–219, and in Ratcliffe's Near Repeat Calculator):
///
/// 1. Every unordered pair of the `n` events, `N = n(n − 1)/2` in all, falls in one cell of a table
///    of spatial bands (distance) by temporal bands (`|tᵢ − tⱼ|` in days). `O_kl` counts them.
/// 2. Under the null hypothesis, where an event happened says nothing about when: the times are
///    permuted at random over the events `P` times and the table is counted again each time.
/// 3. Per cell: expected = the mean (and the median) over the permutations; Knox ratio =
///    `O_kl / mean`; `p = (#{permutations with count ≥ O_kl} + 1) / (P + 1)`.
///
/// How it is made fast (the result is the same as counting all pairs every time): distances do not
/// change under a permutation of times, so only the pairs within the last spatial break are counted
/// per permutation (found once with a grid, see ``KnoxClosePairs``), and several permutations are
/// counted at once in SIMD lanes. The multiset of times does not change either, so the number of
/// pairs (of all `N`) per temporal band is the same in every permutation; it is counted once from
/// the sorted times, and the row beyond the last spatial break is that total minus the close
/// pairs' counts.
///
/// Results depend only on the inputs and `parameters.seed`, not on the number of threads or chunks.
public enum KnoxTest {
    /// Runs the analysis.
    ///
    /// - Parameters:
    ///   - x: easting of each event, metres.
    ///   - y: northing of each event, metres.
    ///   - t: time of each event in days (for example days since 1970-01-01; only differences matter).
    ///   - parameters: bands, distance, interval convention, permutations and seed.
    ///   - chunkCount: how many pieces the permutations are cut into for the cores (nil: automatic).
    ///     The result is the same for every value; it is a parameter so that tests can show that.
    /// - Throws: ``KnoxError`` when the arrays differ in length, there are fewer than 3 events, a
    ///   coordinate or time is not finite, all times are equal, the parameters are invalid, or too
    ///   many pairs lie within the last spatial break.
    ///
    /// ```swift
    /// let table = try KnoxTest.analyse(x: xs, y: ys, t: days,
    ///                                  parameters: KnoxParameters(spaceBreaks: [0, 1, 100, 200], timeBreaks: [0, 7, 14]))
    /// table.cell(space: 1, time: 0).knoxRatio
    /// ```
    public static func analyse(
        x: [Double], y: [Double], t: [Double], parameters: KnoxParameters, chunkCount: Int? = nil
    ) throws(KnoxError) -> KnoxTable {
        guard x.count == y.count, y.count == t.count else { throw .lengthMismatch(x: x.count, y: y.count, t: t.count) }
        let n = x.count
        guard n >= 3 else { throw .tooFewEvents(n) }
        for i in 0..<n {
            guard x[i].isFinite, y[i].isFinite else { throw .nonFiniteCoordinate(index: i, x: x[i], y: y[i]) }
            guard t[i].isFinite else { throw .nonFiniteTime(index: i, t: t[i]) }
        }
        try parameters.validate()
        let minT = t.min()!, maxT = t.max()!
        guard minT < maxT else { throw .singleTime(minT) }
        if let chunkCount, chunkCount < 1 { throw .invalidChunkCount(chunkCount) }

        let spaceThresholds = KnoxParameters.thresholds(parameters.spaceBreaks, parameters.intervals)
        let timeThresholds = KnoxParameters.thresholds(parameters.timeBreaks, parameters.intervals)
        let pairs = try KnoxClosePairs.find(x: x, y: y, thresholds: spaceThresholds, metric: parameters.metric)
        let finiteSpaceBands = spaceThresholds.count
        let m = timeThresholds.count
        let timeBandCount = m + 1
        let allPairs = n * (n - 1) / 2

        // Pairs per temporal band over all N pairs: the same in every permutation.
        let allReached = reachedCounts(sortedTimes: t.sorted(), thresholds: timeThresholds)
        let allPerTimeBand = bandCounts(total: allPairs, reached: allReached)

        // Observed counts of the close pairs, in double precision on the input times.
        var observedReached = [Int](repeating: 0, count: finiteSpaceBands * m)
        for band in 0..<finiteSpaceBands {
            let rowStart = pairs.rowStart[band], partners = pairs.partners[band]
            for a in 0..<pairs.activeEvents.count {
                let ta = t[Int(pairs.activeEvents[a])]
                for slot in Int(rowStart[a])..<Int(rowStart[a + 1]) {
                    let difference = abs(ta - t[Int(pairs.activeEvents[Int(partners[slot])])])
                    var level = 0
                    while level < m && difference >= timeThresholds[level] {
                        observedReached[band * m + level] += 1
                        level += 1
                    }
                }
            }
        }

        // Permuted counts, in chunks over the cores.
        let permutations = parameters.permutations
        let permutedReached = permutedCounts(
            t: t, pairs: pairs, timeThresholds: timeThresholds, parameters: parameters, chunkCount: chunkCount)

        // Turn "reached threshold" counts into full tables, the row beyond included.
        let bandPairs = pairs.bandPairCounts
        func table(_ reached: (Int, Int) -> Int) -> [Int] {
            var cells = [Int](repeating: 0, count: (finiteSpaceBands + 1) * timeBandCount)
            for band in 0..<finiteSpaceBands {
                let counts = bandCounts(total: bandPairs[band], reached: (0..<m).map { reached(band, $0) })
                for time in 0..<timeBandCount {
                    cells[band * timeBandCount + time] = counts[time]
                    cells[finiteSpaceBands * timeBandCount + time] -= counts[time]
                }
            }
            for time in 0..<timeBandCount { cells[finiteSpaceBands * timeBandCount + time] += allPerTimeBand[time] }
            return cells
        }
        let observed = table { observedReached[$0 * m + $1] }
        let cellCount = observed.count
        var simulated = [[Int]](repeating: [Int](repeating: 0, count: permutations), count: cellCount)
        let stride = finiteSpaceBands * m
        for p in 0..<permutations {
            let counts = table { Int(permutedReached[p * stride + $0 * m + $1]) }
            for cell in 0..<cellCount { simulated[cell][p] = counts[cell] }
        }

        let spacePairs = bandPairs + [allPairs - pairs.pairCount]
        var cells: [KnoxCell] = []
        cells.reserveCapacity(cellCount)
        for cell in 0..<cellCount {
            let space = cell / timeBandCount, time = cell % timeBandCount
            cells.append(summarise(
                observed: observed[cell], simulated: &simulated[cell], space: space, time: time,
                exactExpected: Double(spacePairs[space]) * Double(allPerTimeBand[time]) / Double(allPairs)))
        }
        return KnoxTable(
            parameters: parameters, eventCount: n, pairCount: allPairs, closePairCount: pairs.pairCount,
            spaceBands: bands(parameters.spaceBreaks, .space, parameters.intervals),
            timeBands: bands(parameters.timeBreaks, .time, parameters.intervals), cells: cells)
    }

    /// Per threshold, how many pairs of the sorted times differ by at least it: for each `j` the
    /// indices `i < j` with `t_j − t_i ≥ threshold` are a prefix that only grows with `j` (rounding
    /// is monotone), so two pointers count them in O(n) per threshold.
    static func reachedCounts(sortedTimes: [Double], thresholds: [Double]) -> [Int] {
        thresholds.map { threshold in
            var prefix = 0, total = 0
            for j in 0..<sortedTimes.count {
                while prefix < j && sortedTimes[j] - sortedTimes[prefix] >= threshold { prefix += 1 }
                total += prefix
            }
            return total
        }
    }

    /// Band counts from "reached threshold" counts: band 0 = total − reached₀, band l =
    /// reached_{l−1} − reached_l, the last band = the last reached.
    static func bandCounts(total: Int, reached: [Int]) -> [Int] {
        var counts: [Int] = []
        var previous = total
        for value in reached {
            counts.append(previous - value)
            previous = value
        }
        counts.append(previous)
        return counts
    }

    /// The permuted "reached" counts of all permutations, `[p · bands · m + k · m + l]`.
    ///
    /// When every time is a whole number and they span less than 2²⁴ days, the lanes hold `Float`
    /// times shifted by the earliest one: then every difference is an integer computed exactly, and
    /// `d ≥ threshold ⟺ d ≥ ⌈threshold⌉`, so the counts equal those in double precision. Otherwise the
    /// lanes hold the `Double` times as given, compared with the same thresholds as the observed pairs.
    private static func permutedCounts(
        t: [Double], pairs: KnoxClosePairs, timeThresholds: [Double], parameters: KnoxParameters, chunkCount: Int?
    ) -> [Int32] {
        let permutations = parameters.permutations
        let minT = t.min()!, maxT = t.max()!
        let wholeDays = maxT - minT < Double(1 << 24) && t.allSatisfy { $0 == $0.rounded() }
        let width = wholeDays ? FloatLanes.width : DoubleLanes.width
        let blocks = (permutations + width - 1) / width
        let chunks = min(chunkCount ?? min(max(1, blocks / 4), 64), permutations)
        let ranges = (0..<chunks).map { chunk in
            (chunk * permutations / chunks)..<((chunk + 1) * permutations / chunks)
        }
        let seed = parameters.seed
        let parts: [[Int32]]
        if wholeDays {
            let times = t.map { Float($0 - minT) }
            let thresholds = timeThresholds.map { Float(min(max($0.rounded(.up), 0), Double(1 << 24))) }
            parts = ranges.parallelMap { range in
                KnoxPermutationCounter.count(
                    FloatLanes.self, times: times, pairs: pairs, thresholds: thresholds, permutations: range, seed: seed)
            }
        } else {
            parts = ranges.parallelMap { range in
                KnoxPermutationCounter.count(
                    DoubleLanes.self, times: t, pairs: pairs, thresholds: timeThresholds, permutations: range, seed: seed)
            }
        }
        return Array(parts.joined())
    }

    private static func summarise(observed: Int, simulated: inout [Int], space: Int, time: Int, exactExpected: Double) -> KnoxCell {
        let count = simulated.count
        var sum = 0.0, exceedances = 0
        for value in simulated {
            sum += Double(value)
            if value >= observed { exceedances += 1 }
        }
        let mean = sum / Double(count)
        var squares = 0.0
        for value in simulated { squares += (Double(value) - mean) * (Double(value) - mean) }
        let deviation = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
        simulated.sort()
        let median = count % 2 == 1
            ? Double(simulated[count / 2])
            : (Double(simulated[count / 2 - 1]) + Double(simulated[count / 2])) / 2
        return KnoxCell(
            space: space, time: time, observed: observed, expectedMean: mean, expectedMedian: median,
            expectedStandardDeviation: deviation, exactExpected: exactExpected,
            knoxRatio: mean > 0 ? Double(observed) / mean : nil,
            medianRatio: median > 0 ? Double(observed) / median : nil,
            exceedances: exceedances, pValue: Double(exceedances + 1) / Double(count + 1))
    }

    private static func bands(_ breaks: [Double], _ dimension: KnoxBand.Dimension, _ intervals: IntervalConvention) -> [KnoxBand] {
        breaks.indices.map { index in
            KnoxBand(
                dimension: dimension, index: index, lower: breaks[index],
                upper: index + 1 < breaks.count ? breaks[index + 1] : nil, intervals: intervals)
        }
    }
}
