extension Polygon {
    /// The problems of this polygon's rings: an empty polygon, unclosed rings, rings with fewer
    /// than 4 points (or fewer than 3 different ones), NaN or infinite coordinates, and
    /// self-intersecting rings (edges that cross, touch or run over each other).
    ///
    /// Holes are not checked against the exterior or against each other.
    ///
    /// - Parameters:
    ///   - feature: how messages name the feature, for example `feature 12 (BU01931000)`.
    ///   - part: the part of a multipolygon this polygon is, if it is one.
    public func validationIssues(feature: String, part: Int? = nil) -> [GeometryIssue] {
        guard !rings.isEmpty else {
            return [GeometryIssue(kind: .emptyPolygon, feature: feature, part: part, ring: 0, location: nil, detail: "polygon has no rings")]
        }
        var issues: [GeometryIssue] = []
        for (index, ring) in rings.enumerated() {
            func issue(_ kind: GeometryIssue.Kind, _ location: Point?, _ detail: String) {
                issues.append(GeometryIssue(kind: kind, feature: feature, part: part, ring: index, location: location, detail: detail))
            }
            if let bad = ring.first(where: { !$0.isFinite }) {
                issue(.nonFiniteCoordinate, nil, "expected finite coordinates, found \(bad)")
                continue
            }
            if ring.count < 4 {
                issue(.tooFewPoints, ring.first, "expected at least 4 points (a closed triangle), found \(ring.count)")
                continue
            }
            if let first = ring.first, let last = ring.last, first != last {
                issue(.unclosedRing, last, "ring is not closed: it starts at \(first) and ends at \(last)")
            }
            let distinct = Polygon.openVertices(ring)
            if distinct.count < 3 {
                issue(.tooFewPoints, ring.first, "expected at least 3 different points, found \(distinct.count)")
                continue
            }
            if let crossing = RingIntersection.first(in: distinct) {
                issue(
                    .selfIntersection, crossing.point,
                    "ring intersects itself near \(crossing.point): the edge from vertex \(crossing.first) meets the edge from vertex \(crossing.second) (vertices counted from 0, repeated points skipped)")
            }
        }
        return issues
    }

    /// Whether ``validationIssues(feature:part:)`` finds nothing.
    public var isValid: Bool { validationIssues(feature: "").isEmpty }
}

extension MultiPolygon {
    /// The problems of every part (see ``Polygon/validationIssues(feature:part:)``); parts are
    /// numbered only when there is more than one.
    public func validationIssues(feature: String) -> [GeometryIssue] {
        guard !polygons.isEmpty else {
            return [GeometryIssue(kind: .emptyPolygon, feature: feature, part: nil, ring: 0, location: nil, detail: "multipolygon has no polygons")]
        }
        let numbered = polygons.count > 1
        return polygons.enumerated().flatMap { index, polygon in
            polygon.validationIssues(feature: feature, part: numbered ? index : nil)
        }
    }

    /// Whether ``validationIssues(feature:)`` finds nothing.
    public var isValid: Bool { validationIssues(feature: "").isEmpty }
}
