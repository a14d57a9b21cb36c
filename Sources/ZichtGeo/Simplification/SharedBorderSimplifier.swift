/// Simplifies polygons for display while keeping shared borders shared.
///
/// Simplifying each polygon on its own lets neighbours drift apart: gaps and overlaps appear along
/// borders. This simplifier first builds the topology: every vertex used with more than two
/// different neighbouring vertices (where three buurten meet, or where a shared border starts) is a
/// node, and each ring is cut at its nodes into arcs. An arc shared by two polygons is the same
/// sequence of points in both (possibly reversed), so it is simplified once with
/// ``DouglasPeucker`` and both polygons get exactly the same points back. Nodes are always kept.
///
/// Borders are recognised by identical vertices, as in CBS and municipal files where neighbours
/// share their border points; borders that only nearly coincide are simplified separately.
/// Douglas–Peucker does not prevent a simplified arc from crossing another arc, so keep the
/// tolerance small relative to the polygons (a few metres for buurten drawn a few hundred pixels
/// wide). A ring that would collapse keeps enough points to stay a triangle, in every polygon that
/// shares its arcs.
///
/// ```swift
/// let simplified = SharedBorderSimplifier(tolerance: 10).simplify(buurten.map(\.geometry))
/// ```
public struct SharedBorderSimplifier: Sendable {
    /// The Douglas–Peucker tolerance, in the geometries' units (metres for RD).
    public var tolerance: Double

    public init(tolerance: Double) {
        self.tolerance = tolerance
    }

    /// The geometries, simplified, in the same order and with the same parts and rings.
    public func simplify(_ geometries: [MultiPolygon]) -> [MultiPolygon] {
        let topology = Topology(geometries)
        var simplified = topology.arcs.map { DouglasPeucker.keptIndices($0, tolerance: tolerance, keepArea: false) }
        var rings = topology.rings.map { topology.assemble($0, simplified) }
        // Arcs of rings that collapsed keep more points, for every ring that uses them.
        var collapsedArcs = Set<Int>()
        for (index, ring) in rings.enumerated() where Polygon.openVertices(ring).count < 3 {
            for use in topology.rings[index].arcs { collapsedArcs.insert(use.arc) }
        }
        if !collapsedArcs.isEmpty {
            for arc in collapsedArcs {
                simplified[arc] = DouglasPeucker.keptIndices(topology.arcs[arc], tolerance: tolerance, keepArea: true)
            }
            rings = topology.rings.map { topology.assemble($0, simplified) }
        }
        var next = 0
        return geometries.map { geometry in
            MultiPolygon(
                geometry.polygons.map { polygon in
                    Polygon(
                        rings: polygon.rings.map { _ in
                            defer { next += 1 }
                            return rings[next]
                        })
                })
        }
    }
}

/// Rings cut into arcs at their nodes; arcs shared by several rings are stored once.
struct Topology {
    struct ArcUse {
        var arc: Int
        var isReversed: Bool
    }

    struct Ring {
        /// The ring's arcs in order; empty for a ring with fewer than 3 different points.
        var arcs: [ArcUse]
        /// The ring as given (without closing point), for rings that are not cut into arcs.
        var original: [Point]
    }

    /// Each arc in its canonical direction, from node to node (first == last for a closed loop).
    var arcs: [[Point]] = []
    /// Every ring of every part of every geometry, in order.
    var rings: [Ring] = []

    init(_ geometries: [MultiPolygon]) {
        let openRings = geometries.flatMap { $0.polygons.flatMap { $0.rings.map(Polygon.openVertices) } }

        // Number the distinct vertices, and count the distinct neighbours of each.
        var ids: [Point: Int32] = [:]
        var points: [Point] = []
        var pairs: [UInt64] = []
        let idRings: [[Int32]] = openRings.map { ring in
            ring.map { point in
                if let id = ids[point] { return id }
                let id = Int32(points.count)
                ids[point] = id
                points.append(point)
                return id
            }
        }
        for ring in idRings where ring.count >= 3 {
            for (position, id) in ring.enumerated() {
                let previous = ring[(position + ring.count - 1) % ring.count]
                let next = ring[(position + 1) % ring.count]
                pairs.append(UInt64(UInt32(id)) << 32 | UInt64(UInt32(previous)))
                pairs.append(UInt64(UInt32(id)) << 32 | UInt64(UInt32(next)))
            }
        }
        pairs.sort()
        var neighbourCounts = [Int](repeating: 0, count: points.count)
        var last: UInt64?
        for pair in pairs where pair != last {
            neighbourCounts[Int(pair >> 32)] += 1
            last = pair
        }

        var arcIndex: [[Int32]: Int] = [:]
        for (ringIndex, ring) in idRings.enumerated() {
            guard ring.count >= 3 else {
                rings.append(Ring(arcs: [], original: openRings[ringIndex]))
                continue
            }
            var cuts = ring.indices.filter { neighbourCounts[Int(ring[$0])] != 2 }
            if cuts.isEmpty {
                // A ring that shares no node (an island, or a hole filled by one other polygon):
                // start at its smallest point, which every ring running along it picks too.
                let smallest = ring.indices.min { points[Int(ring[$0])] < points[Int(ring[$1])] }!
                cuts = [smallest]
            }
            var uses: [ArcUse] = []
            for (number, start) in cuts.enumerated() {
                let end = number + 1 < cuts.count ? cuts[number + 1] : cuts[0] + ring.count
                let sequence = (start...end).map { ring[$0 % ring.count] }
                let reversed = Array(sequence.reversed())
                let isReversed = reversed.lexicographicallyPrecedes(sequence)
                let key = isReversed ? reversed : sequence
                if let existing = arcIndex[key] {
                    uses.append(ArcUse(arc: existing, isReversed: isReversed))
                } else {
                    arcIndex[key] = arcs.count
                    uses.append(ArcUse(arc: arcs.count, isReversed: isReversed))
                    arcs.append(key.map { points[Int($0)] })
                }
            }
            rings.append(Ring(arcs: uses, original: openRings[ringIndex]))
        }
    }

    /// The closed ring made of the kept points of its arcs.
    func assemble(_ ring: Ring, _ kept: [[Int]]) -> [Point] {
        guard !ring.arcs.isEmpty else { return Polygon.closed(ring.original) }
        var result: [Point] = []
        for use in ring.arcs {
            let arc = arcs[use.arc]
            var points = kept[use.arc].map { arc[$0] }
            if use.isReversed { points.reverse() }
            // Each arc starts where the previous one ended.
            result.append(contentsOf: result.isEmpty ? points[...] : points.dropFirst())
        }
        return Polygon.closed(result)
    }
}
