/// The non-horizontal edges of every polygon, bucketed into horizontal slabs over the polygon's
/// height, so that the crossing-number test for a point only looks at the edges of the slab the
/// point's `y` falls in (a few, instead of all).
///
/// The test gives exactly the answer of ``MultiPolygon/contains(_:)``: it evaluates the same
/// ``EdgeCrossing`` predicate on the same edges; the slabs only skip edges that cannot count.
struct EdgeTable: Sendable {
    private struct Header: Sendable {
        var minY: Double
        /// Slabs per unit of `y`.
        var scale: Double
        var slabCount: Int32
        /// Where this polygon's slab starts begin in `starts` (`slabCount + 1` entries).
        var firstStart: Int32
    }

    private var headers: [Header] = []
    private var starts: [Int32] = []
    private var edges: [EdgeCrossing] = []

    init(_ geometries: [MultiPolygon]) {
        headers.reserveCapacity(geometries.count)
        // Reserve once: growing a table of some 10⁶ edges step by step copies it again and again.
        let vertices = geometries.reduce(0) { $0 + $1.vertexCount }
        edges.reserveCapacity(vertices * 2)
        starts.reserveCapacity(vertices / 2 + 2 * geometries.count)
        var crossings: [EdgeCrossing] = []
        var scratch = Scratch()
        for geometry in geometries {
            crossings.removeAll(keepingCapacity: true)
            for polygon in geometry.polygons {
                for ring in polygon.rings {
                    Polygon.forEachEdge(of: ring) { a, b in
                        // Horizontal edges never count in the crossing test.
                        if a.y != b.y { crossings.append(EdgeCrossing(a, b)) }
                    }
                }
            }
            append(crossings, &scratch)
        }
    }

    /// Buffers reused from one polygon to the next.
    private struct Scratch {
        var counts: [Int32] = []
        var bucketed: [EdgeCrossing] = []
    }

    private mutating func append(_ crossings: [EdgeCrossing], _ scratch: inout Scratch) {
        var minY = Double.infinity
        var maxY = -Double.infinity
        for edge in crossings {
            minY = min(minY, edge.y0)
            maxY = max(maxY, edge.y1)
        }
        let slabCount = crossings.isEmpty ? 1 : min(max(crossings.count / 2, 1), 512)
        let height = maxY - minY
        let header = Header(
            minY: crossings.isEmpty ? 0 : minY, scale: height > 0 ? Double(slabCount) / height : 0,
            slabCount: Int32(slabCount), firstStart: Int32(starts.count))
        headers.append(header)

        // Counting sort of the edges into their slabs (an edge goes into every slab it spans).
        scratch.counts.removeAll(keepingCapacity: true)
        scratch.counts.append(contentsOf: repeatElement(0, count: slabCount + 1))
        for edge in crossings {
            for slab in Self.slab(edge.y0, header)...Self.slab(edge.y1, header) { scratch.counts[slab + 1] += 1 }
        }
        for slab in 0..<slabCount { scratch.counts[slab + 1] += scratch.counts[slab] }
        let total = Int(scratch.counts[slabCount])
        let base = Int32(edges.count)
        for slab in 0...slabCount { starts.append(base + scratch.counts[slab]) }
        scratch.bucketed.removeAll(keepingCapacity: true)
        scratch.bucketed.append(contentsOf: repeatElement(EdgeCrossing(Point(x: 0, y: 0), Point(x: 0, y: 0)), count: total))
        for edge in crossings {
            for slab in Self.slab(edge.y0, header)...Self.slab(edge.y1, header) {
                scratch.bucketed[Int(scratch.counts[slab])] = edge
                scratch.counts[slab] += 1
            }
        }
        edges.append(contentsOf: scratch.bucketed)
    }

    /// The slab of `y`, clamped. Monotone in `y`, so an edge with y0 ≤ y ≤ y1 is always in slab(y).
    @inline(__always)
    private static func slab(_ y: Double, _ header: Header) -> Int {
        let value = (y - header.minY) * header.scale
        if !(value >= 0) { return 0 }
        return min(Int(value), Int(header.slabCount) - 1)
    }

    /// Whether polygon `index` contains the point (even–odd over all its rings).
    @inline(__always)
    func contains(_ index: Int, x: Double, y: Double) -> Bool {
        headers.withUnsafeBufferPointer { headers in
            let header = headers[index]
            let slot = Int(header.firstStart) + Self.slab(y, header)
            return starts.withUnsafeBufferPointer { starts in
                edges.withUnsafeBufferPointer { edges in
                    var inside = false
                    for edge in Int(starts[slot])..<Int(starts[slot + 1]) where edges[edge].crossesRay(x: x, y: y) {
                        inside.toggle()
                    }
                    return inside
                }
            }
        }
    }

    /// The `x` positions where polygon `index`'s edges cross the horizontal line at `y`, counting
    /// exactly the edges that ``contains(_:x:y:)`` would count for a point on that line.
    func crossings(_ index: Int, y: Double, into result: inout [Double]) {
        result.removeAll(keepingCapacity: true)
        let header = headers[index]
        let slot = Int(header.firstStart) + Self.slab(y, header)
        for position in Int(starts[slot])..<Int(starts[slot + 1]) {
            let edge = edges[position]
            if edge.y0 <= y && y < edge.y1 { result.append(edge.crossingX(atY: y)) }
        }
    }
}
