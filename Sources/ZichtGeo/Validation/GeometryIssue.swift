/// A problem with a polygon's rings, named by feature, part and ring so that it can be found in
/// the source file.
///
/// ```
/// feature 12 (BU01931000), ring 0 (exterior): ring is not closed: it starts at (6.1, 52.5) and ends at (6.2, 52.5)
/// ```
public struct GeometryIssue: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is. A struct around a private enum, so that kinds can be added
    /// without breaking callers that switch over them.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case emptyPolygon = "empty polygon"
            case unclosedRing = "unclosed ring"
            case tooFewPoints = "too few points"
            case nonFiniteCoordinate = "non-finite coordinate"
            case selfIntersection = "self-intersecting ring"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// A polygon without any ring.
        public static let emptyPolygon = Kind(.emptyPolygon)
        /// A ring whose last point differs from its first.
        public static let unclosedRing = Kind(.unclosedRing)
        /// A ring with fewer than 4 points (a closed triangle has 4), or fewer than 3 different ones.
        public static let tooFewPoints = Kind(.tooFewPoints)
        /// A coordinate that is NaN or infinite.
        public static let nonFiniteCoordinate = Kind(.nonFiniteCoordinate)
        /// Two edges of one ring cross, touch or overlap (other than neighbours meeting at their vertex).
        public static let selfIntersection = Kind(.selfIntersection)

        public var description: String { wrapped.rawValue }
    }

    public var kind: Kind
    /// How the caller names the feature, for example `feature 12 (BU01931000)`.
    public var feature: String
    /// The 0-based part of a multipolygon, or nil for a plain polygon.
    public var part: Int?
    /// The 0-based ring: 0 is the exterior, 1… are holes.
    public var ring: Int
    /// Where the problem is, when it has a place.
    public var location: Point?
    /// What is wrong, without the feature and ring (see ``description`` for the full text).
    public var detail: String

    public init(kind: Kind, feature: String, part: Int?, ring: Int, location: Point?, detail: String) {
        self.kind = kind
        self.feature = feature
        self.part = part
        self.ring = ring
        self.location = location
        self.detail = detail
    }

    /// "ring 0 (exterior)" or "ring 2 (hole 2)", with the part when there is one.
    public var ringName: String {
        let ringText = ring == 0 ? "ring 0 (exterior)" : "ring \(ring) (hole \(ring))"
        if let part { return "part \(part), \(ringText)" }
        return ringText
    }

    /// The feature, the ring and what is wrong.
    public var description: String { "\(feature), \(ringName): \(detail)" }
}
