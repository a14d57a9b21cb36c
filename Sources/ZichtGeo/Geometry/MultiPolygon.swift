/// A geometry of one or more polygons, such as a buurt with an island.
///
/// Containment uses the even–odd rule over the rings of all parts together, which for valid
/// multipolygons (parts that do not overlap) is the same as "inside one of the parts", and is what
/// ``PolygonIndex`` computes.
public struct MultiPolygon: Sendable, Hashable, Codable {
    public var polygons: [Polygon]

    public init(_ polygons: [Polygon]) {
        self.polygons = polygons
    }

    public init(_ polygon: Polygon) {
        self.polygons = [polygon]
    }

    /// The sum of the parts' areas.
    public var area: Double { polygons.reduce(0) { $0 + $1.area } }

    /// The number of vertices over all rings of all parts.
    public var vertexCount: Int { polygons.reduce(0) { $0 + $1.vertexCount } }

    /// The box around all parts, or nil when there are no points.
    public var boundingBox: BoundingBox? {
        polygons.compactMap(\.boundingBox).reduce(nil) { partial, box in partial.map { $0.union(box) } ?? box }
    }

    /// The area-weighted centroid of all parts (holes subtracted); for a geometry without area,
    /// the mean of the exterior vertices. Nil when there are no points.
    public var centroid: Point? {
        guard let origin = polygons.first(where: { !$0.exterior.isEmpty })?.exterior.first else { return nil }
        var area = 0.0
        var momentX = 0.0
        var momentY = 0.0
        for polygon in polygons where !polygon.exterior.isEmpty {
            let sums = polygon.centroidSums(origin: origin)
            area += sums.area
            momentX += sums.x
            momentY += sums.y
        }
        guard area != 0 else { return Polygon.vertexMean(polygons.flatMap(\.exterior)) }
        return Point(x: origin.x + momentX / area, y: origin.y + momentY / area)
    }

    /// Whether `point` lies inside (even–odd over all rings of all parts); see
    /// ``Polygon/contains(_:)`` for how points on a border are decided.
    public func contains(_ point: Point) -> Bool {
        var inside = false
        for polygon in polygons {
            for ring in polygon.rings {
                Polygon.forEachEdge(of: ring) { a, b in
                    if EdgeCrossing(a, b).crossesRay(from: point) { inside.toggle() }
                }
            }
        }
        return inside
    }

    /// The same geometry with every point transformed (for example from WGS84 to RD).
    public func mapPoints(_ transform: (Point) throws -> Point) rethrows -> MultiPolygon {
        MultiPolygon(try polygons.map { try $0.mapPoints(transform) })
    }
}
