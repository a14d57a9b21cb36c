/// A point in a plane, in metres for RD New (EPSG:28992) or degrees for longitude (`x`) and
/// latitude (`y`) before conversion.
///
/// Equality and hashing are exact: two points are the same vertex only when both coordinates are
/// bit-for-bit equal (apart from `0.0 == -0.0`), which is what shared borders in municipal
/// GeoJSON files rely on.
public struct Point: Sendable, Hashable, Codable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public var description: String { "(\(x), \(y))" }

    /// Whether both coordinates are finite (neither NaN nor infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }

    /// The Euclidean distance to `other`.
    public func distance(to other: Point) -> Double {
        let dx = other.x - x
        let dy = other.y - y
        return (dx * dx + dy * dy).squareRoot()
    }
}

extension Point: Comparable {
    /// Lexicographic order: by `x`, then by `y`. Used to pick canonical starting points and
    /// directions, never for geometry.
    public static func < (lhs: Point, rhs: Point) -> Bool {
        lhs.x < rhs.x || (lhs.x == rhs.x && lhs.y < rhs.y)
    }
}
