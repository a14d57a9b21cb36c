/// An axis-aligned rectangle: the smallest box around a geometry.
public struct BoundingBox: Sendable, Hashable, CustomStringConvertible, Codable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The box around `points`, or nil when there are none.
    public init?<S: Sequence>(points: S) where S.Element == Point {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = BoundingBox(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        while let point = iterator.next() {
            box.minX = Swift.min(box.minX, point.x)
            box.minY = Swift.min(box.minY, point.y)
            box.maxX = Swift.max(box.maxX, point.x)
            box.maxY = Swift.max(box.maxY, point.y)
        }
        self = box
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    public var center: Point { Point(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    /// Whether `point` lies inside the box or on its edge.
    public func contains(_ point: Point) -> Bool {
        point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
    }

    /// Whether the two boxes share at least one point (touching counts).
    public func intersects(_ other: BoundingBox) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    /// The smallest box around both boxes.
    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(
            minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
            maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    /// The box grown by `margin` on every side.
    public func expanded(by margin: Double) -> BoundingBox {
        BoundingBox(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }

    public var description: String { "[\(minX), \(minY)] – [\(maxX), \(maxY)]" }
}
