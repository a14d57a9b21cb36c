/// One polygon edge prepared for the crossing-number test, with its endpoints in a canonical order
/// (lower `y` first; for equal `y`, lower `x` first).
///
/// The canonical order makes the test a function of the edge as a set of two points, not of the
/// direction in which a ring runs along it: two polygons that share an edge compute bit-for-bit the
/// same crossing, so a point on their common border is inside exactly one of them.
/// ``Polygon/contains(_:)`` and ``PolygonIndex`` both use this type, so they always agree.
struct EdgeCrossing: Sendable, Hashable {
    /// The lower endpoint.
    var x0: Double
    var y0: Double
    /// The `y` of the upper endpoint.
    var y1: Double
    /// dx/dy; zero for a horizontal edge (which never counts).
    var slope: Double

    @inline(__always)
    init(_ a: Point, _ b: Point) {
        let (low, high) = (a.y < b.y || (a.y == b.y && a.x <= b.x)) ? (a, b) : (b, a)
        x0 = low.x
        y0 = low.y
        y1 = high.y
        slope = high.y > low.y ? (high.x - low.x) / (high.y - low.y) : 0
    }

    /// Whether the ray from `point` towards +x crosses this edge (half-open in `y`, strict in `x`).
    @inline(__always)
    func crossesRay(from point: Point) -> Bool {
        crossesRay(x: point.x, y: point.y)
    }

    @inline(__always)
    func crossesRay(x: Double, y: Double) -> Bool {
        y0 <= y && y < y1 && x < x0 + (y - y0) * slope
    }

    /// The `x` where the edge meets the horizontal line at `y` (for `y0 <= y < y1`).
    @inline(__always)
    func crossingX(atY y: Double) -> Double {
        x0 + (y - y0) * slope
    }
}
