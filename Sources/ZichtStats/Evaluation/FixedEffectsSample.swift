import Foundation

/// The observations a fixed-effects count model is estimated on, arranged for ``TwoWayProjector``.
///
/// Built from a ``CountPanel`` the way pyfixest 0.60 `fepois` builds its sample:
/// 1. observations that are the only one of their area or of their period ("singletons") are
///    dropped, repeatedly, until none is left (pyfixest `fixef_rm="singleton"`; fixest does the same);
/// 2. then, in one pass, every observation of an area or a period whose counts are all zero is
///    dropped (pyfixest's separation check `"fe"`; ppmlhdfe and fixest drop these too): such an area's
///    fixed effect would be −∞, and its observations carry no information about the treatment effect.
///
/// The retained observations are sorted by (group, level), where the *groups* are the levels of
/// the factor with more levels (usually the areas) and the *levels* those of the other (usually the
/// periods). In each connected component of the bipartite area–period graph one level is the
/// reference, fixed at zero, so that the reduced normal equations are positive definite.
struct FixedEffectsSample: Sendable {
    /// Panel row of each sample observation, in sorted order.
    let rows: [Int]
    let counts: [Double]
    let offset: [Double]?
    /// Compact group (eliminated factor) of each observation.
    let group: [Int32]
    /// Compact level (the factor kept in the dense system) of each observation.
    let level: [Int32]
    /// Compact area of each observation: the cluster of the cluster-robust covariance.
    let cluster: [Int32]
    /// Observations of group g are groupStarts[g]..<groupStarts[g + 1].
    let groupStarts: [Int]
    let groupCount: Int
    let levelCount: Int
    /// Whether the groups are the areas (and the levels the periods).
    let areasAreGroups: Bool
    /// Original area levels in the sample, by compact index.
    let retainedAreas: [Int]
    /// Original period levels in the sample, by compact index.
    let retainedPeriods: [Int]
    /// Index of each level in the reduced system, or −1 for a reference level.
    let freeIndex: [Int32]
    let freeCount: Int
    /// Σ y·ln y and Σ ln y! over the sample, for deviances and log-likelihoods.
    let sumYLogY: Double
    let sumLogFactorial: Double
    /// Connected components of the area–period graph (1 for any panel that is not split in parts).
    let components: Int
    /// Observations dropped as singletons.
    let singletonObservations: Int
    /// Observations dropped because their area or period has only zero counts.
    let zeroObservations: Int
    /// Original area levels whose counts in the sample were all zero (dropped).
    let zeroAreas: [Int]
    /// Original period levels whose counts in the sample were all zero (dropped).
    let zeroPeriods: [Int]

    var count: Int { rows.count }
    var areaCount: Int { retainedAreas.count }
    var periodCount: Int { retainedPeriods.count }

    /// - Throws: ``EvaluationError`` `.emptySample` when nothing is left, `.invalidInput` when an
    ///   (area, period) pair occurs twice.
    init(panel: CountPanel, dropSingletons: Bool = true) throws(EvaluationError) {
        let n = panel.count
        let panelArea = panel.area, panelPeriod = panel.period, panelCounts = panel.counts
        var keep = [Bool](repeating: true, count: n)
        var singletons = 0
        if dropSingletons {
            while true {
                var perArea = [Int](repeating: 0, count: panel.areaCount)
                var perPeriod = [Int](repeating: 0, count: panel.periodCount)
                for i in 0..<n where keep[i] {
                    perArea[panelArea[i]] += 1
                    perPeriod[panelPeriod[i]] += 1
                }
                guard perArea.contains(1) || perPeriod.contains(1) else { break }
                for i in 0..<n where keep[i] && (perArea[panelArea[i]] == 1 || perPeriod[panelPeriod[i]] == 1) {
                    keep[i] = false
                    singletons += 1
                }
            }
        }
        var areaSum = [Double](repeating: 0, count: panel.areaCount), areaSeen = [Bool](repeating: false, count: panel.areaCount)
        var periodSum = [Double](repeating: 0, count: panel.periodCount), periodSeen = [Bool](repeating: false, count: panel.periodCount)
        for i in 0..<n where keep[i] {
            areaSum[panelArea[i]] += panelCounts[i]
            periodSum[panelPeriod[i]] += panelCounts[i]
            areaSeen[panelArea[i]] = true
            periodSeen[panelPeriod[i]] = true
        }
        let zeroArea = (0..<panel.areaCount).map { areaSeen[$0] && areaSum[$0] == 0 }
        let zeroPeriod = (0..<panel.periodCount).map { periodSeen[$0] && periodSum[$0] == 0 }
        var zeroObservations = 0
        if zeroArea.contains(true) || zeroPeriod.contains(true) {
            for i in 0..<n where keep[i] && (zeroArea[panelArea[i]] || zeroPeriod[panelPeriod[i]]) {
                keep[i] = false
                zeroObservations += 1
            }
        }
        zeroAreas = (0..<panel.areaCount).filter { zeroArea[$0] }
        zeroPeriods = (0..<panel.periodCount).filter { zeroPeriod[$0] }
        singletonObservations = singletons
        self.zeroObservations = zeroObservations

        let kept = (0..<n).filter { keep[$0] }
        guard !kept.isEmpty else {
            throw EvaluationError(
                .emptySample, "no observations are left after dropping singletons and areas or periods with only zero counts",
                hint: "a fixed-effects model needs areas with at least one count above zero in at least two periods")
        }
        // Compact levels, in the order of the original levels.
        var areaIndex = [Int32](repeating: -1, count: panel.areaCount)
        var periodIndex = [Int32](repeating: -1, count: panel.periodCount)
        for i in kept {
            areaIndex[panel.area[i]] = 0
            periodIndex[panel.period[i]] = 0
        }
        var areas: [Int] = [], periods: [Int] = []
        for a in 0..<panel.areaCount where areaIndex[a] == 0 {
            areaIndex[a] = Int32(areas.count)
            areas.append(a)
        }
        for t in 0..<panel.periodCount where periodIndex[t] == 0 {
            periodIndex[t] = Int32(periods.count)
            periods.append(t)
        }
        retainedAreas = areas
        retainedPeriods = periods
        let byArea = areas.count >= periods.count
        let groupCount = byArea ? areas.count : periods.count
        let levelCount = byArea ? periods.count : areas.count
        areasAreGroups = byArea
        self.groupCount = groupCount
        self.levelCount = levelCount
        let groupOfRow = (0..<n).map { row in keep[row] ? Int(byArea ? areaIndex[panelArea[row]] : periodIndex[panelPeriod[row]]) : 0 }
        let levelOfRow = (0..<n).map { row in keep[row] ? Int(byArea ? periodIndex[panelPeriod[row]] : areaIndex[panelArea[row]]) : 0 }
        let groupOf = { (row: Int) -> Int in groupOfRow[row] }
        let levelOf = { (row: Int) -> Int in levelOfRow[row] }

        // Stable counting sorts: by level, then by group, gives (group, level) order.
        func countingSort(_ input: [Int], keyCount: Int, key: (Int) -> Int) -> [Int] {
            var starts = [Int](repeating: 0, count: keyCount + 1)
            for row in input { starts[key(row) + 1] += 1 }
            for k in 0..<keyCount { starts[k + 1] += starts[k] }
            var output = [Int](repeating: 0, count: input.count)
            for row in input {
                output[starts[key(row)]] = row
                starts[key(row)] += 1
            }
            return output
        }
        let sorted = countingSort(countingSort(kept, keyCount: levelCount, key: levelOf), keyCount: groupCount, key: groupOf)
        rows = sorted
        counts = sorted.map { panelCounts[$0] }
        (sumYLogY, sumLogFactorial) = Self.logSums(counts)
        offset = panel.offset.map { o in sorted.map { o[$0] } }
        let group = sorted.map { Int32(groupOf($0)) }
        let level = sorted.map { Int32(levelOf($0)) }
        self.group = group
        self.level = level
        cluster = sorted.map { areaIndex[panelArea[$0]] }
        var starts = [Int](repeating: 0, count: groupCount + 1)
        for g in group { starts[Int(g) + 1] += 1 }
        for g in 0..<groupCount { starts[g + 1] += starts[g] }
        groupStarts = starts
        for i in 1..<max(sorted.count, 1) where group[i] == group[i - 1] && level[i] == level[i - 1] {
            let row = sorted[i]
            throw EvaluationError(
                .invalidInput,
                "area level \(panelArea[row]) has two observations in period level \(panelPeriod[row]) (rows \(sorted[i - 1] + 1) and \(row + 1))",
                hint: "give one count per area and period")
        }

        // Connected components (union–find over groups 0..<G and levels G..<G+L).
        var parent = Array(0..<(groupCount + levelCount))
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for i in 0..<sorted.count {
            let a = root(Int(group[i])), b = root(groupCount + Int(level[i]))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        // The reference of each component is its highest level.
        var reference = [Int: Int]()
        for l in 0..<levelCount { reference[root(groupCount + l)] = l }
        components = reference.count
        let referenceLevels = Set(reference.values)
        var free = [Int32](repeating: -1, count: levelCount)
        var next: Int32 = 0
        for l in 0..<levelCount where !referenceLevels.contains(l) {
            free[l] = next
            next += 1
        }
        freeIndex = free
        freeCount = Int(next)
    }

    /// Σ y·ln y and Σ ln y!, with a table of ln k for whole counts up to 65,535.
    static func logSums(_ counts: [Double]) -> (yLogY: Double, logFactorial: Double) {
        let limit = 65_535.0
        let largest = counts.reduce(0) { $1 <= limit && $1 == $1.rounded() ? max($0, $1) : $0 }
        let size = Int(largest) + 1
        var logs = [Double](repeating: 0, count: size), logFactorials = [Double](repeating: 0, count: size)
        for k in stride(from: 2, to: size, by: 1) {
            logs[k] = log(Double(k))
            logFactorials[k] = logFactorials[k - 1] + logs[k]
        }
        var yLogY = 0.0, logFactorial = 0.0
        for y in counts {
            if y <= largest, y == y.rounded() {
                let k = Int(y)
                yLogY += y * logs[k]
                logFactorial += logFactorials[k]
            } else {
                yLogY += y > 0 ? y * log(y) : 0
                logFactorial += Polygamma.logGamma(y + 1)
            }
        }
        return (yLogY, logFactorial)
    }

    /// A panel column in sample order.
    func gather(_ column: [Double]) -> [Double] {
        rows.map { column[$0] }
    }
}
