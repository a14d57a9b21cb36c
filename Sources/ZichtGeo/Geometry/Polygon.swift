/// A polygon: one exterior ring and any number of holes, as in GeoJSON and the OGC simple
/// features model.
///
/// Rings are kept as given, normally closed (the last point repeats the first, as GeoJSON requires),
/// so that ``validationIssues(feature:polygon:)`` can report an unclosed ring. Every computation
/// treats a ring as closed whether or not its last point repeats the first. Winding order is not
/// significant: areas are taken as absolute values, holes subtract.
///
/// ```swift
/// let square = Polygon(exterior: [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 10)])
/// square.area                              // 100
/// square.contains(Point(x: 5, y: 5))       // true
/// ```
public struct Polygon: Sendable, Hashable {
    /// The exterior ring first, then the holes.
    public var rings: [[Point]]

    /// A polygon from rings exactly as given (the first ring is the exterior).
    public init(rings: [[Point]]) {
        self.rings = rings
    }

    /// A polygon from an exterior ring and holes; rings that are not closed are closed.
    public init(exterior: [Point], holes: [[Point]] = []) {
        self.rings = ([exterior] + holes).map(Self.closed)
    }

    /// The exterior ring (empty for a polygon without rings).
    public var exterior: [Point] { rings.first ?? [] }

    /// The holes.
    public var holes: ArraySlice<[Point]> { rings.dropFirst() }

    /// The number of vertices over all rings, closing points included.
    public var vertexCount: Int { rings.reduce(0) { $0 + $1.count } }

    /// The area (shoelace formula): the exterior's absolute area minus the holes' absolute areas.
    public var area: Double {
        guard let exterior = rings.first else { return 0 }
        var total = abs(Self.signedArea(of: exterior))
        for hole in rings.dropFirst() { total -= abs(Self.signedArea(of: hole)) }
        return total
    }

    /// The box around the exterior ring, or nil for a polygon without points.
    public var boundingBox: BoundingBox? { BoundingBox(points: exterior) }

    /// The centre of mass of the polygon's area (holes subtracted); for a polygon without area,
    /// the mean of its exterior vertices. Nil for a polygon without points.
    ///
    /// Uses the standard area-weighted formula Cx = Σ (xᵢ + xᵢ₊₁)(xᵢyᵢ₊₁ − xᵢ₊₁yᵢ) / 6A per ring,
    /// computed relative to the first vertex to keep precision with RD's large coordinates.
    public var centroid: Point? {
        guard let origin = exterior.first else { return nil }
        let sums = centroidSums(origin: origin)
        guard sums.area != 0 else { return Self.vertexMean(exterior) }
        return Point(x: origin.x + sums.x / sums.area, y: origin.y + sums.y / sums.area)
    }

    /// Area-weighted moments relative to `origin`: (Σ A, Σ A·cx, Σ A·cy), holes negative.
    func centroidSums(origin: Point) -> (area: Double, x: Double, y: Double) {
        var area = 0.0
        var momentX = 0.0
        var momentY = 0.0
        for (index, ring) in rings.enumerated() {
            var ringArea = 0.0
            var ringX = 0.0
            var ringY = 0.0
            Self.forEachEdge(of: ring) { a, b in
                let ax = a.x - origin.x, ay = a.y - origin.y
                let bx = b.x - origin.x, by = b.y - origin.y
                let cross = ax * by - bx * ay
                ringArea += cross
                ringX += (ax + bx) * cross
                ringY += (ay + by) * cross
            }
            guard ringArea != 0 else { continue }
            // ringArea is twice the signed area; the moments carry the same sign, so dividing by
            // 3 · ringArea gives the ring's own centroid whatever its winding.
            let cx = ringX / (3 * ringArea)
            let cy = ringY / (3 * ringArea)
            let weight = abs(ringArea) / 2 * (index == 0 ? 1 : -1)
            area += weight
            momentX += weight * cx
            momentY += weight * cy
        }
        return (area, momentX, momentY)
    }

    /// Whether `point` lies inside the polygon (even–odd rule over all rings, so holes are
    /// excluded).
    ///
    /// Points on the boundary get a deterministic answer: a horizontal ray is cast towards +x and
    /// an edge counts when its lower end is at or below the point and its upper end above it
    /// (half-open in y), and the crossing lies strictly to the right of the point. Each edge is
    /// evaluated with its endpoints in a canonical order, so an edge shared by two polygons gives
    /// both the same crossing. A point on a border between polygons that tile the plane therefore
    /// belongs to exactly one of them: the one to its right (or above, on a horizontal border).
    public func contains(_ point: Point) -> Bool {
        var inside = false
        for ring in rings {
            Self.forEachEdge(of: ring) { a, b in
                if EdgeCrossing(a, b).crossesRay(from: point) { inside.toggle() }
            }
        }
        return inside
    }

    /// The same polygon with every point transformed (for example from WGS84 to RD).
    public func mapPoints(_ transform: (Point) throws -> Point) rethrows -> Polygon {
        Polygon(rings: try rings.map { try $0.map(transform) })
    }
}

extension Polygon {
    /// The signed area of a ring (positive when counter-clockwise), treating it as closed.
    public static func signedArea(of ring: [Point]) -> Double {
        guard let origin = ring.first else { return 0 }
        var twice = 0.0
        forEachEdge(of: ring) { a, b in
            twice += (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y)
        }
        return twice / 2
    }

    /// Calls `body` for every edge of `ring`, including the closing edge when the ring's last point
    /// does not repeat its first.
    @inline(__always)
    static func forEachEdge(of ring: [Point], _ body: (Point, Point) -> Void) {
        let count = ring.count
        guard count >= 2 else { return }
        for index in 0..<(count - 1) { body(ring[index], ring[index + 1]) }
        if ring[count - 1] != ring[0] { body(ring[count - 1], ring[0]) }
    }

    /// `ring` with its first point repeated at the end, unless it already is (or is empty).
    static func closed(_ ring: [Point]) -> [Point] {
        guard let first = ring.first, ring.last != first else { return ring }
        return ring + [first]
    }

    /// `ring` without its closing point and without consecutive duplicate points.
    static func openVertices(_ ring: [Point]) -> [Point] {
        var result: [Point] = []
        result.reserveCapacity(ring.count)
        for point in ring where result.last != point { result.append(point) }
        if result.count > 1, result.first == result.last { result.removeLast() }
        return result
    }

    static func vertexMean(_ points: [Point]) -> Point? {
        let open = openVertices(points)
        guard !open.isEmpty else { return nil }
        let sum = open.reduce(into: (x: 0.0, y: 0.0)) { $0.x += $1.x; $0.y += $1.y }
        return Point(x: sum.x / Double(open.count), y: sum.y / Double(open.count))
    }
}

extension Polygon: Codable {
    /// Each ring as one flat array `[x₀, y₀, x₁, y₁, …]`: outlines are most of a stored analysis, and
    /// an array of numbers reads several times faster than an array of keyed points.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var rings: [[Point]] = []
        while !container.isAtEnd {
            let numbers = try container.decode([Double].self)
            guard numbers.count % 2 == 0 else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a ring needs an even count of coordinates")
            }
            rings.append(stride(from: 0, to: numbers.count, by: 2).map { Point(x: numbers[$0], y: numbers[$0 + 1]) })
        }
        self.rings = rings
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for ring in rings {
            try container.encode(ring.flatMap { [$0.x, $0.y] })
        }
    }
}
