import ZichtCore

/// The pairs of events that lie within the last spatial break, found once with a uniform grid and
/// stored compactly per spatial band.
///
/// Permuting the times over the events leaves every distance unchanged, so these are the only pairs
/// whose cell in the table can change from one permutation to the next (all other pairs are in the
/// band beyond the last break). Events that take part in at least one close pair are "active"; they
/// are numbered in grid-cell order, so that the two events of a pair have nearby numbers and the
/// permuted times the counting loop reads stay in the processor's caches.
///
/// Per finite spatial band `k`, the pairs form a compressed sparse row structure over active events:
/// the partners of active event `a` (all with a larger number) are
/// `partners[k][rowStart[k][a] ..< rowStart[k][a + 1]]`. Each unordered pair is stored once.
struct KnoxClosePairs: Sendable {
    /// Input index of each active event, in active order.
    var activeEvents: [Int32]
    /// Per finite spatial band: `activeEvents.count + 1` row offsets.
    var rowStart: [[Int32]]
    /// Per finite spatial band: the partner of each pair (an active number), row by row.
    var partners: [[Int32]]

    /// The number of close pairs in each finite spatial band.
    var bandPairCounts: [Int] { partners.map(\.count) }
    var pairCount: Int { partners.reduce(0) { $0 + $1.count } }

    /// The most close pairs accepted: 4 bytes each, twice while the lists are joined, so up to about
    /// 2 GB of memory. A municipality's burglaries of a year within a few hundred metres are far fewer.
    static let maximumPairs = 250_000_000

    /// Finds every pair `i < j` with distance below the last of `thresholds` and sorts it into
    /// band `#{k : d ≥ thresholds[k]}`.
    ///
    /// The grid's cells are at least as wide as the last threshold, so the partners of an event lie
    /// in its own cell or in one of the eight around it; looking at the own cell and four of the
    /// neighbours (right, and the three below) visits every pair once. Occupied cells are found by
    /// sorting the events by cell, so memory does not depend on the extent of the coordinates.
    ///
    /// - Parameters:
    ///   - thresholds: strict lower thresholds of the spatial bands 1, 2, … (see
    ///     ``KnoxParameters/thresholds(_:_:)``); the last one is the outer limit of the close pairs.
    /// - Throws: ``KnoxError/tooManyClosePairs(limit:)`` beyond ``maximumPairs``.
    static func find(x: [Double], y: [Double], thresholds: [Double], metric: DistanceMetric) throws(KnoxError) -> KnoxClosePairs {
        let n = x.count
        let bandCount = thresholds.count
        let limit = thresholds[bandCount - 1]
        let manhattan = metric == .manhattan

        // Cells: a little wider than the limit (so that rounding in the cell computation cannot put
        // two close events two cells apart), and at most 2^24 per axis. The grid is computed on
        // halved coordinates: the difference of two finite numbers may overflow (1e308 − (−1e308)),
        // the difference of their halves cannot, so every cell number is finite and at most 2^24.
        let minX = x.min()! / 2, maxX = x.max()! / 2, minY = y.min()! / 2, maxY = y.max()! / 2
        let halfExtent = max(maxX - minX, maxY - minY)
        let halfCell = max(limit / 2 * (1 + 1e-6), halfExtent / Double(1 << 24), Double.leastNormalMagnitude)
        var order = [(key: UInt64, index: Int32)]()
        order.reserveCapacity(n)
        for i in 0..<n {
            let cx = UInt64(min(((x[i] / 2 - minX) / halfCell).rounded(.down), Double(1 << 24)))
            let cy = UInt64(min(((y[i] / 2 - minY) / halfCell).rounded(.down), Double(1 << 24)))
            order.append(((cy << 32) | cx, Int32(i)))
        }
        order.sort { $0.key < $1.key || ($0.key == $1.key && $0.index < $1.index) }

        // Events in cell order, and the occupied cells with their first event.
        let sx = order.map { x[Int($0.index)] }
        let sy = order.map { y[Int($0.index)] }
        var cellKeys: [UInt64] = []
        var cellStart: [Int] = []
        for (position, entry) in order.enumerated() where cellKeys.last != entry.key {
            cellKeys.append(entry.key)
            cellStart.append(position)
        }
        cellStart.append(n)

        // For each cell, the ranges of events to compare with: the rest of the own cell is handled
        // separately; these are the right neighbour and the three cells of the next row.
        func cellIndex(_ key: UInt64) -> Int? {
            var low = 0, high = cellKeys.count
            while low < high {
                let middle = (low + high) / 2
                if cellKeys[middle] < key { low = middle + 1 } else { high = middle }
            }
            return low < cellKeys.count && cellKeys[low] == key ? low : nil
        }
        var neighbourRanges: [[Range<Int>]] = []
        neighbourRanges.reserveCapacity(cellKeys.count)
        for key in cellKeys {
            let cx = key & 0xFFFF_FFFF, cy = key >> 32
            var candidates: [UInt64] = [(cy << 32) | (cx + 1)]
            if cx > 0 { candidates.append(((cy + 1) << 32) | (cx - 1)) }
            candidates.append(((cy + 1) << 32) | cx)
            candidates.append(((cy + 1) << 32) | (cx + 1))
            neighbourRanges.append(candidates.compactMap { cellIndex($0) }.map { cellStart[$0]..<cellStart[$0 + 1] })
        }

        // The pairs, found in parallel over runs of cells. Each run lists, per band, the partners
        // (cell-order positions) of its events in order, and how many each event has; joined in run
        // order they are the rows of all events in cell order, whatever the number of runs.
        struct Run: Sendable {
            var partners: [[Int32]]
            var rowCounts: [[Int32]]
        }
        let cellCount = cellKeys.count
        let runCount = min(cellCount, 64)
        let cellStarts = cellStart, neighbours = neighbourRanges
        let runs: [Run] = Array(0..<runCount).parallelMap { run in
            let cells = (run * cellCount / runCount)..<((run + 1) * cellCount / runCount)
            let events = cellStarts[cells.lowerBound]..<cellStarts[cells.upperBound]
            var partners = [[Int32]](repeating: [], count: bandCount)
            var rowCounts = [[Int32]](repeating: [Int32](repeating: 0, count: events.count), count: bandCount)
            thresholds.withUnsafeBufferPointer { thresholds in
                sx.withUnsafeBufferPointer { sx in
                    sy.withUnsafeBufferPointer { sy in
                        for cell in cells {
                            let own = cellStarts[cell]..<cellStarts[cell + 1]
                            let others = neighbours[cell]
                            for i in own {
                                let xi = sx[i], yi = sy[i]
                                @inline(__always) func check(_ j: Int) {
                                    let dx = sx[j] - xi, dy = sy[j] - yi
                                    let distance = manhattan ? abs(dx) + abs(dy) : (dx * dx + dy * dy).squareRoot()
                                    guard distance < limit else { return }
                                    var band = 0
                                    while distance >= thresholds[band] { band += 1 }
                                    partners[band].append(Int32(j))
                                    rowCounts[band][i - events.lowerBound] += 1
                                }
                                for j in (i + 1)..<own.upperBound { check(j) }
                                for range in others {
                                    for j in range { check(j) }
                                }
                            }
                        }
                    }
                }
            }
            return Run(partners: partners, rowCounts: rowCounts)
        }
        let total = runs.reduce(0) { sum, run in sum + run.partners.reduce(0) { $0 + $1.count } }
        guard total <= maximumPairs else { throw .tooManyClosePairs(limit: maximumPairs) }
        var partners = (0..<bandCount).map { band in Array(runs.map { $0.partners[band] }.joined()) }
        let rowCounts = (0..<bandCount).map { band in Array(runs.map { $0.rowCounts[band] }.joined()) }

        // Active events: those with a partner, numbered in cell order.
        var active = [Bool](repeating: false, count: n)
        for band in 0..<bandCount {
            for position in 0..<n where rowCounts[band][position] > 0 { active[position] = true }
            for partner in partners[band] { active[Int(partner)] = true }
        }
        var activeNumber = [Int32](repeating: -1, count: n)
        var activeEvents: [Int32] = []
        for position in 0..<n where active[position] {
            activeNumber[position] = Int32(activeEvents.count)
            activeEvents.append(order[position].index)
        }
        let activeCount = activeEvents.count
        var rowStart = [[Int32]]()
        for band in 0..<bandCount {
            var starts = [Int32](repeating: 0, count: activeCount + 1)
            var running: Int32 = 0
            for position in 0..<n where active[position] {
                starts[Int(activeNumber[position])] = running
                running += rowCounts[band][position]
            }
            starts[activeCount] = running
            rowStart.append(starts)
            for slot in partners[band].indices { partners[band][slot] = activeNumber[Int(partners[band][slot])] }
        }
        return KnoxClosePairs(activeEvents: activeEvents, rowStart: rowStart, partners: partners)
    }
}
