/// Finds where a ring intersects itself.
///
/// Grid-accelerated: the edges are bucketed into a uniform grid of about n cells over the ring's
/// box, and only edges that share a cell are compared, so a ring of n edges costs about O(n) for
/// typical shapes (O(n²) only when most edges crowd into a few cells).
enum RingIntersection {
    struct Crossing: Hashable {
        /// The lower edge number (edge i runs from vertex i to vertex i + 1).
        var first: Int
        var second: Int
        var point: Point
    }

    /// The intersection with the lowest pair of edge numbers, or nil when the ring is simple.
    /// - Parameter vertices: the ring without its closing point and without repeated points.
    static func first(in vertices: [Point]) -> Crossing? {
        let count = vertices.count
        guard count >= 3, let box = BoundingBox(points: vertices) else { return nil }
        let grid = GridGeometry(box: box, cellCount: count)
        let pad = max(grid.cellWidth, grid.cellHeight) * 1e-9
        func edge(_ index: Int) -> (Point, Point) { (vertices[index], vertices[(index + 1) % count]) }

        // Bucket the edges per cell (counting pass, then filling pass).
        var starts = [Int](repeating: 0, count: grid.cellCount + 1)
        for index in 0..<count {
            let (a, b) = edge(index)
            grid.forEachCell(alongSegment: a, b, pad: pad) { column, row in starts[row * grid.columns + column + 1] += 1 }
        }
        for cell in 0..<grid.cellCount { starts[cell + 1] += starts[cell] }
        var fill = starts
        var members = [Int](repeating: 0, count: starts[grid.cellCount])
        for index in 0..<count {
            let (a, b) = edge(index)
            grid.forEachCell(alongSegment: a, b, pad: pad) { column, row in
                let cell = row * grid.columns + column
                // An edge can name a cell twice (at a row border); keep it once.
                if fill[cell] > starts[cell], members[fill[cell] - 1] == index { return }
                members[fill[cell]] = index
                fill[cell] += 1
            }
        }

        var best: Crossing?
        for cell in 0..<grid.cellCount {
            let range = starts[cell]..<fill[cell]
            guard range.count >= 2 else { continue }
            for i in range {
                for j in (i + 1)..<range.upperBound {
                    let low = min(members[i], members[j])
                    let high = max(members[i], members[j])
                    if let found = best, (low, high) >= (found.first, found.second) { continue }
                    if let point = intersection(low, high, count: count, edge: edge) {
                        best = Crossing(first: low, second: high, point: point)
                    }
                }
            }
        }
        return best
    }

    /// Where edges `i` < `j` meet in a way a simple ring does not allow, or nil.
    private static func intersection(_ i: Int, _ j: Int, count: Int, edge: (Int) -> (Point, Point)) -> Point? {
        let (a, b) = edge(i)
        let (c, d) = edge(j)
        if j == i + 1 || (i == 0 && j == count - 1) {
            // Neighbours share one vertex; they are wrong only when they run back over each other.
            let (shared, before, after) = j == i + 1 ? (b, a, d) : (a, b, c)
            let turn = orientation(before, shared, after)
            let backwards = (shared.x - before.x) * (after.x - shared.x) + (shared.y - before.y) * (after.y - shared.y) < 0
            if count == 3 { return nil }
            return turn == 0 && backwards ? shared : nil
        }
        return segmentIntersection(a, b, c, d)
    }

    /// The cross product (b − a) × (c − a): positive when a, b, c turn left.
    @inline(__always)
    static func orientation(_ a: Point, _ b: Point, _ c: Point) -> Double {
        (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    }

    /// A point that segments a–b and c–d share, or nil when they are apart.
    static func segmentIntersection(_ a: Point, _ b: Point, _ c: Point, _ d: Point) -> Point? {
        let o1 = orientation(a, b, c)
        let o2 = orientation(a, b, d)
        let o3 = orientation(c, d, a)
        let o4 = orientation(c, d, b)
        if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) {
            let t = o3 / (o3 - o4)
            return Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
        }
        if o1 == 0 && onSegment(c, a, b) { return c }
        if o2 == 0 && onSegment(d, a, b) { return d }
        if o3 == 0 && onSegment(a, c, d) { return a }
        if o4 == 0 && onSegment(b, c, d) { return b }
        return nil
    }

    /// Whether `p`, known to be collinear with a–b, lies between them.
    @inline(__always)
    private static func onSegment(_ p: Point, _ a: Point, _ b: Point) -> Bool {
        p.x >= min(a.x, b.x) && p.x <= max(a.x, b.x) && p.y >= min(a.y, b.y) && p.y <= max(a.y, b.y)
    }
}
