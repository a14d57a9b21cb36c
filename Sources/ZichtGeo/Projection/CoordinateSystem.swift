/// The two coordinate systems Dutch area files come in.
public enum CoordinateSystem: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// WGS84 longitude, latitude in degrees (EPSG:4326 / OGC CRS84, GeoJSON's default).
    case wgs84
    /// RD New x, y in metres (EPSG:28992).
    case rdNew

    /// The EPSG code.
    public var epsg: Int {
        switch self {
        case .wgs84: 4326
        case .rdNew: 28992
        }
    }

    /// Where coordinates of the European Netherlands lie in this system, as (x, y): longitude 3–8 and
    /// latitude 50–54 for WGS84; x 0–300 000 and y 300 000–625 000 m for RD New.
    public var netherlandsRange: BoundingBox {
        switch self {
        case .wgs84: BoundingBox(minX: 3, minY: 50, maxX: 8, maxY: 54)
        case .rdNew: BoundingBox(minX: 0, minY: 300_000, maxX: 300_000, maxY: 625_000)
        }
    }

    /// The RD New coordinates of a point given in this system (x = longitude, y = latitude for WGS84).
    public func rdPoint(_ point: Point) -> Point {
        switch self {
        case .wgs84: RDNew.point(fromGeoJSON: point)
        case .rdNew: point
        }
    }

    public var description: String {
        switch self {
        case .wgs84: "WGS84 (EPSG:4326)"
        case .rdNew: "RD New (EPSG:28992)"
        }
    }
}
