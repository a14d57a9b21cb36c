/// A position in WGS84 degrees: latitude north, longitude east.
public struct LatLon: Sendable, Hashable, Codable, CustomStringConvertible {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The GeoJSON order: x = longitude, y = latitude.
    public init(geoJSON point: Point) {
        self.init(latitude: point.y, longitude: point.x)
    }

    /// As a GeoJSON position: x = longitude, y = latitude.
    public var geoJSONPoint: Point { Point(x: longitude, y: latitude) }

    public var description: String { "\(latitude)°N, \(longitude)°E" }
}
