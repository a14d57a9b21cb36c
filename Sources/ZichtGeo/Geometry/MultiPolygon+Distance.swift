/// Distances between points and polygons, for displacement buffers ("within 300 m of the camera
/// area") and for choosing control areas away from a target.
extension MultiPolygon {
    /// The distance from `point` to the nearest edge of any ring; 0 when the point lies inside.
    public func distance(to point: Point) -> Double {
        if contains(point) { return 0 }
        return edgeDistance(to: point)
    }

    /// The distance from `point` to the nearest edge, whether the point lies inside or not.
    public func edgeDistance(to point: Point) -> Double {
        var best = Double.infinity
        for polygon in polygons {
            for ring in polygon.rings where ring.count >= 2 {
                for index in 1..<ring.count {
                    best = Swift.min(best, Self.segmentDistance(point, ring[index - 1], ring[index]))
                }
            }
        }
        return best
    }

    /// The smallest distance between two areas: 0 when they touch or overlap. Computed from the
    /// vertices of each to the edges of the other, which is exact for straight-edged polygons that
    /// do not cross (two crossing edges mean overlap, detected by the containment checks).
    public func distance(to other: MultiPolygon) -> Double {
        var best = Double.infinity
        for polygon in other.polygons {
            for ring in polygon.rings {
                for vertex in ring {
                    best = Swift.min(best, distance(to: vertex))
                    if best == 0 { return 0 }
                }
            }
        }
        for polygon in polygons {
            for ring in polygon.rings {
                for vertex in ring {
                    best = Swift.min(best, other.distance(to: vertex))
                    if best == 0 { return 0 }
                }
            }
        }
        return best
    }

    /// Distance from `p` to the segment from `a` to `b`: the perpendicular distance when the foot of
    /// the perpendicular falls on the segment, else the distance to the nearer end.
    static func segmentDistance(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        guard lengthSquared > 0 else { return p.distance(to: a) }
        let t = Swift.max(0, Swift.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared))
        return p.distance(to: Point(x: a.x + t * dx, y: a.y + t * dy))
    }
}
