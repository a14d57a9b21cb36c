import ZichtGeo

/// The shortest distance between two geometries' boundaries, for the camera zone's buffer ring.
enum AreaDistance {
    /// The smallest distance between the rings of `a` and of `b`, or 0 when a vertex of one lies
    /// inside the other (overlap or containment).
    ///
    /// For two segments that do not cross, the shortest distance is attained at an end point of one
    /// of them, so the minimum over every vertex of one geometry to every edge of the other (both
    /// ways) is exact for boundaries that do not cross; areas of a municipality's tiling only touch.
    static func distance(_ a: MultiPolygon, _ b: MultiPolygon) -> Double {
        let verticesA = a.polygons.flatMap { $0.rings.joined() }
        let verticesB = b.polygons.flatMap { $0.rings.joined() }
        if verticesA.contains(where: { b.contains($0) }) || verticesB.contains(where: { a.contains($0) }) { return 0 }
        return min(smallest(from: verticesA, to: b), smallest(from: verticesB, to: a))
    }

    /// The smallest distance from any of `points` to any edge of `geometry`.
    private static func smallest(from points: [Point], to geometry: MultiPolygon) -> Double {
        var best = Double.infinity
        for polygon in geometry.polygons {
            for ring in polygon.rings where ring.count >= 2 {
                for index in 0..<ring.count {
                    let start = ring[index]
                    let end = ring[(index + 1) % ring.count]
                    for point in points {
                        best = min(best, pointSegmentDistance(point, start, end))
                    }
                }
            }
        }
        return best
    }

    /// The distance from `p` to the segment from `a` to `b` (projection clamped to the segment).
    static func pointSegmentDistance(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        guard lengthSquared > 0 else { return p.distance(to: a) }
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared))
        return p.distance(to: Point(x: a.x + t * dx, y: a.y + t * dy))
    }
}
