import Dispatch

/// A spatial index that finds the polygon containing a point: a uniform grid over all polygons,
/// with each cell classified once when the index is built.
///
/// Most cells lie wholly inside one polygon, with no border passing through them; such a cell
/// stores that polygon, and a point in it is answered with one array read. A cell that a border
/// passes through stores the few polygons whose borders touch it (and any polygon that covers it
/// whole); a point there is tested exactly against those, using only the edges in the point's
/// horizontal slab of each polygon (``EdgeTable``).
///
/// The answer is always the same as testing every geometry with ``MultiPolygon/contains(_:)``
/// in order and taking the first that contains the point, points on borders included.
///
/// ```swift
/// let index = PolygonIndex(buurten.map(\.geometry))
/// if let buurt = index.polygon(containing: RDNew.point(from: incident.position)) { … }
/// let assignments = index.assign(points)          // -1 where no polygon contains the point
/// ```
public struct PolygonIndex: Sendable {
    /// The number of geometries indexed.
    public let count: Int
    /// The box around all geometries, or nil when they have no points.
    public let bounds: BoundingBox?
    private let grid: GridGeometry
    /// Per cell: a geometry index (≥ 0) that covers the whole cell; -1 for no geometry;
    /// -2 - m for the m-th mixed cell, whose candidates are listed in `candidates`.
    private let cells: [Int32]
    private let mixedStarts: [Int32]
    /// A geometry index i (≥ 0) to test exactly, or ~i (< 0) for a geometry covering the whole cell.
    private let candidates: [Int32]
    private let edges: EdgeTable

    /// Builds the index.
    ///
    /// - Parameters:
    ///   - geometries: the polygons; results are indices into this array.
    ///   - cellsPerPolygon: grid cells per geometry on average. More cells make more of them
    ///     wholly inside one polygon (faster look-ups) at the cost of memory and build time.
    public init(_ geometries: [MultiPolygon], cellsPerPolygon: Double = 64) {
        precondition(geometries.count < Int(Int32.max), "too many geometries for PolygonIndex")
        count = geometries.count
        edges = EdgeTable(geometries)
        // Boxes over all rings, holes included, so that even a hole reaching outside its exterior
        // (an invalid polygon) gets the same answer as `contains`.
        let boxes = geometries.map { BoundingBox(points: $0.polygons.lazy.flatMap(\.rings).joined()) }
        let bounds = boxes.compactMap { $0 }.reduce(nil) { (partial: BoundingBox?, box) in partial?.union(box) ?? box }
        self.bounds = bounds
        guard let bounds else {
            grid = GridGeometry(minX: 0, minY: 0, width: 0, height: 0, columns: 1, rows: 1)
            cells = [-1]
            mixedStarts = [0]
            candidates = []
            return
        }
        let cellTarget = min(max(Double(geometries.count) * cellsPerPolygon, 1), Double(1 << 24))
        let grid = GridGeometry(box: bounds, cellCount: Int(cellTarget))
        self.grid = grid
        (cells, mixedStarts, candidates) = Self.classifyCells(geometries, boxes: boxes, grid: grid, edges: edges)
    }

    /// The index of the first geometry that contains `point`, or nil when none does.
    public func polygon(containing point: Point) -> Int? {
        let found = cells.withUnsafeBufferPointer { cells in
            mixedStarts.withUnsafeBufferPointer { starts in
                candidates.withUnsafeBufferPointer { candidates in
                    lookUp(x: point.x, y: point.y, cells: cells, starts: starts, candidates: candidates)
                }
            }
        }
        return found < 0 ? nil : Int(found)
    }

    /// The geometry index for every point, -1 where no geometry contains it.
    ///
    /// - Parameter threads: how many threads share the work (1 = the calling thread only).
    public func assign(_ points: [Point], threads: Int = 1) -> [Int32] {
        points.withUnsafeBufferPointer { assign(PointList(points: $0), threads: threads) }
    }

    /// The geometry index for every point (`x[i]`, `y[i]`), -1 where no geometry contains it.
    public func assign(x: [Double], y: [Double], threads: Int = 1) -> [Int32] {
        precondition(x.count == y.count, "x and y must have the same length")
        return x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in assign(CoordinateLists(xs: xs, ys: ys), threads: threads) }
        }
    }

    /// Below this many points, `assign` looks them up in their given order.
    private static let bucketingThreshold = 50_000

    private func assign<Source: PointSource>(_ source: Source, threads: Int) -> [Int32] {
        if source.count >= Self.bucketingThreshold && grid.cellCount >= 4_096 {
            return assignBucketed(source, threads: threads)
        }
        return [Int32](unsafeUninitializedCapacity: source.count) { buffer, initialized in
            let result = buffer
            forEachChunk(of: source.count, threads: threads) { range, cells, starts, candidates in
                for index in range {
                    let p = source[index]
                    result.initializeElement(at: index, to: lookUp(x: p.x, y: p.y, cells: cells, starts: starts, candidates: candidates))
                }
            }
            initialized = source.count
        }
    }

    /// Looks the points up grouped by region: random points would otherwise each touch a random
    /// part of the grid and edge tables, most of which is not in the processor's caches. The points
    /// are first sorted (one counting-sort pass) into about 4 096 buckets of neighbouring grid
    /// cells, then looked up bucket by bucket, and the answers written back in the input's order.
    private func assignBucketed<Source: PointSource>(_ source: Source, threads: Int) -> [Int32] {
        let count = source.count
        let stepX = max(1, grid.columns / 64)
        let stepY = max(1, grid.rows / 64)
        let bucketColumns = (grid.columns + stepX - 1) / stepX
        let bucketCount = bucketColumns * ((grid.rows + stepY - 1) / stepY) + 1  // the last: outside
        var bucketOf = [UInt32](repeating: 0, count: count)
        var starts = [Int](repeating: 0, count: bucketCount + 1)
        for index in 0..<count {
            let p = source[index]
            var bucket = bucketCount - 1
            if let bounds, p.x >= bounds.minX, p.x <= bounds.maxX, p.y >= bounds.minY, p.y <= bounds.maxY {
                bucket = grid.row(p.y) / stepY * bucketColumns + grid.column(p.x) / stepX
            }
            bucketOf[index] = UInt32(bucket)
            starts[bucket + 1] += 1
        }
        for bucket in 0..<bucketCount { starts[bucket + 1] += starts[bucket] }
        var sortedX = [Double](repeating: 0, count: count)
        var sortedY = [Double](repeating: 0, count: count)
        var sortedIndex = [Int32](repeating: 0, count: count)
        var next = starts
        for index in 0..<count {
            let p = source[index]
            let position = next[Int(bucketOf[index])]
            next[Int(bucketOf[index])] = position + 1
            sortedX[position] = p.x
            sortedY[position] = p.y
            sortedIndex[position] = Int32(truncatingIfNeeded: index)
        }
        bucketOf = []
        return [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            let result = buffer
            sortedX.withUnsafeBufferPointer { xs in
                sortedY.withUnsafeBufferPointer { ys in
                    sortedIndex.withUnsafeBufferPointer { order in
                        forEachChunk(of: count, threads: threads) { range, cells, starts, candidates in
                            for position in range {
                                result.initializeElement(
                                    at: Int(order[position]),
                                    to: lookUp(x: xs[position], y: ys[position], cells: cells, starts: starts, candidates: candidates))
                            }
                        }
                    }
                }
            }
            initialized = count
        }
    }

    /// Calls `body` for consecutive ranges covering 0..<count, on up to `threads` threads, with
    /// the index's arrays. Each range is handled by one call; ranges do not overlap.
    private func forEachChunk(
        of count: Int, threads: Int,
        _ body: (Range<Int>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) -> Void
    ) {
        cells.withUnsafeBufferPointer { cells in
            mixedStarts.withUnsafeBufferPointer { starts in
                candidates.withUnsafeBufferPointer { candidates in
                    let chunks = min(max(threads, 1) * 8, max(count / 4096, 1))
                    if threads <= 1 || chunks == 1 {
                        body(0..<count, cells, starts, candidates)
                        return
                    }
                    withoutActuallyEscaping(body) { body in
                        // Each chunk calls `body` for its own range; see `UncheckedSendable`.
                        let work = UncheckedSendable((body, cells, starts, candidates))
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            let (body, cells, starts, candidates) = work.value
                            body(count * chunk / chunks..<count * (chunk + 1) / chunks, cells, starts, candidates)
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private func lookUp(
        x: Double, y: Double, cells: UnsafeBufferPointer<Int32>, starts: UnsafeBufferPointer<Int32>,
        candidates: UnsafeBufferPointer<Int32>
    ) -> Int32 {
        guard let bounds, x >= bounds.minX, x <= bounds.maxX, y >= bounds.minY, y <= bounds.maxY else { return -1 }
        let value = cells[grid.row(y) * grid.columns + grid.column(x)]
        if value >= -1 { return value }
        let mixed = Int(-2 - value)
        for position in Int(starts[mixed])..<Int(starts[mixed + 1]) {
            let candidate = candidates[position]
            if candidate < 0 { return ~candidate }
            if edges.contains(Int(candidate), x: x, y: y) { return candidate }
        }
        return -1
    }
}

extension PolygonIndex {
    /// Sorts every geometry into the cells its border touches (to be tested exactly) and the cells
    /// it covers whole, then writes each cell's list in geometry order.
    private static func classifyCells(
        _ geometries: [MultiPolygon], boxes: [BoundingBox?], grid: GridGeometry, edges: EdgeTable
    ) -> (cells: [Int32], mixedStarts: [Int32], candidates: [Int32]) {
        // Cells a border passes within `pad` of count as touched, so that rounding in `row(_:)` and
        // `column(_:)` can never put a point into a cell that was classified as whole.
        let pad = max(grid.cellWidth, grid.cellHeight) * 1e-7
        var pairCells: [Int32] = []
        var pairCandidates: [Int32] = []
        var stamp = [Int32](repeating: -1, count: grid.cellCount)
        var crossings: [Double] = []
        for (index, geometry) in geometries.enumerated() {
            guard let box = boxes[index] else { continue }
            let tag = Int32(index)
            for polygon in geometry.polygons {
                for ring in polygon.rings {
                    Polygon.forEachEdge(of: ring) { a, b in
                        grid.forEachCell(alongSegment: a, b, pad: pad) { column, row in
                            let cell = row * grid.columns + column
                            if stamp[cell] != tag {
                                stamp[cell] = tag
                                pairCells.append(Int32(cell))
                                pairCandidates.append(tag)
                            }
                        }
                    }
                }
            }
            // Cells not touched by this geometry's border are wholly inside or wholly outside it:
            // decide by the cell centre, a scan line per row of cells.
            let firstColumn = grid.column(box.minX)
            let lastColumn = grid.column(box.maxX)
            for row in grid.row(box.minY)...grid.row(box.maxY) {
                let centerY = grid.center(column: 0, row: row).y
                edges.crossings(index, y: centerY, into: &crossings)
                guard !crossings.isEmpty else { continue }
                crossings.sort()
                var atOrLeft = 0  // crossings with x ≤ the centre's x
                for column in firstColumn...lastColumn {
                    let centerX = grid.center(column: column, row: row).x
                    while atOrLeft < crossings.count && crossings[atOrLeft] <= centerX { atOrLeft += 1 }
                    let cell = row * grid.columns + column
                    if (crossings.count - atOrLeft) % 2 == 1 && stamp[cell] != tag {
                        pairCells.append(Int32(cell))
                        pairCandidates.append(~tag)
                    }
                }
            }
        }

        // Counting sort of the pairs by cell; stable, so each cell's list is in geometry order.
        var starts = [Int32](repeating: 0, count: grid.cellCount + 1)
        for cell in pairCells { starts[Int(cell) + 1] += 1 }
        for cell in 0..<grid.cellCount { starts[cell + 1] += starts[cell] }
        var next = starts
        var sorted = [Int32](repeating: 0, count: pairCells.count)
        for (cell, candidate) in zip(pairCells, pairCandidates) {
            sorted[Int(next[Int(cell)])] = candidate
            next[Int(cell)] += 1
        }

        var cells = [Int32](repeating: -1, count: grid.cellCount)
        var mixedStarts: [Int32] = [0]
        var candidates: [Int32] = []
        candidates.reserveCapacity(sorted.count / 2)
        sorted.withUnsafeBufferPointer { sorted in
            for cell in 0..<grid.cellCount {
                let first = Int(starts[cell])
                var end = Int(starts[cell + 1])
                if first == end { continue }
                // A geometry that covers the cell answers every point that no earlier geometry took.
                if let whole = (first..<end).first(where: { sorted[$0] < 0 }) { end = whole + 1 }
                if end - first == 1 && sorted[first] < 0 {
                    cells[cell] = ~sorted[first]
                    continue
                }
                cells[cell] = -2 - Int32(mixedStarts.count - 1)
                for position in first..<end { candidates.append(sorted[position]) }
                mixedStarts.append(Int32(candidates.count))
            }
        }
        return (cells, mixedStarts, candidates)
    }
}

/// Lets the chunks of one `assign` call share its work closure and the index's buffers.
///
/// `@unchecked Sendable`: the closure only reads the index's immutable arrays and the caller's
/// input buffers, which outlive `concurrentPerform`, and each chunk writes the results of its own
/// range of points, so no two chunks write the same element.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Points to assign, read by index; generic so that each kind of input gets its own specialised loop.
private protocol PointSource {
    var count: Int { get }
    subscript(index: Int) -> Point { get }
}

private struct PointList: PointSource {
    let points: UnsafeBufferPointer<Point>
    var count: Int { points.count }
    subscript(index: Int) -> Point { points[index] }
}

private struct CoordinateLists: PointSource {
    let xs: UnsafeBufferPointer<Double>
    let ys: UnsafeBufferPointer<Double>
    var count: Int { xs.count }
    subscript(index: Int) -> Point { Point(x: xs[index], y: ys[index]) }
}
