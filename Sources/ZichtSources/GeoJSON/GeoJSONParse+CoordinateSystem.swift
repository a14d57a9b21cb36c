import Foundation
import ZichtGeo

/// How a file's coordinate system is found: the `crs` member's name, checked against the
/// coordinates' ranges; without a `crs` member, the ranges alone.
extension GeoJSONParse {
    /// The system the `crs` member names, nil when there is none; throws for a name it does not know.
    mutating func declaredCoordinateSystem(_ crs: Any?) throws -> CoordinateSystem? {
        guard let crs, !(crs is NSNull) else { return nil }
        let name = ((crs as? [String: Any])?["properties"] as? [String: Any])?["name"] as? String
        guard let name else {
            throw GeoJSONErrors([
                fail(.unknownCoordinateSystem, property: "crs", expected: "{\"type\": \"name\", \"properties\": {\"name\": \"EPSG:28992\"}} or a WGS84 name",
                     found: Self.describe(crs), message: "unknown or missing coordinate system: the crs member has no name",
                     hint: "use \"urn:ogc:def:crs:EPSG::28992\" for RD New, or leave crs out for WGS84")
            ])
        }
        let upper = name.uppercased()
        if upper.hasSuffix(":28992") || upper.hasSuffix("::28992") || upper == "EPSG:28992" { return .rdNew }
        if upper.hasSuffix("CRS84") || upper.hasSuffix(":4326") || upper.hasSuffix("::4326") { return .wgs84 }
        throw GeoJSONErrors([
            fail(.unknownCoordinateSystem, property: "crs", expected: "EPSG:28992 (RD New) or CRS84/EPSG:4326 (WGS84)", found: "\"\(name)\"",
                 message: "unknown or missing coordinate system: crs names \"\(name)\", expected RD New (EPSG:28992) or WGS84 (CRS84, EPSG:4326)",
                 hint: "re-export the file in RD New or WGS84")
        ])
    }

    /// The system the coordinates are in: the declared one if they fit it, otherwise the one they
    /// fit when none is declared; throws when they contradict the declaration or fit neither.
    mutating func coordinateSystem(declared: CoordinateSystem?, features: [RawFeature]) throws -> CoordinateSystem {
        let geometries = features.compactMap { feature in feature.geometry.map { (feature, $0) } }
        func firstOutside(_ system: CoordinateSystem) -> (RawFeature, Point)? {
            let range = system.netherlandsRange
            for (feature, geometry) in geometries {
                for polygon in geometry.polygons {
                    for ring in polygon.rings {
                        if let point = ring.first(where: { !range.contains($0) }) { return (feature, point) }
                    }
                }
            }
            return nil
        }
        let box = geometries.compactMap { $0.1.boundingBox }.reduce(nil) { (partial: BoundingBox?, box) in partial?.union(box) ?? box }
        guard let box else { return declared ?? .wgs84 }
        let found = "x \(Self.format(box.minX))…\(Self.format(box.maxX)), y \(Self.format(box.minY))…\(Self.format(box.maxY))"
        let swapped = BoundingBox(minX: box.minY, minY: box.minX, maxX: box.maxY, maxY: box.maxX)
        let wgs84Range = CoordinateSystem.wgs84.netherlandsRange
        let looksSwapped = wgs84Range.contains(Point(x: swapped.minX, y: swapped.minY)) && wgs84Range.contains(Point(x: swapped.maxX, y: swapped.maxY))

        if let declared {
            guard let (feature, point) = firstOutside(declared) else { return declared }
            let other: CoordinateSystem = declared == .wgs84 ? .rdNew : .wgs84
            var hint = "coordinates of the Netherlands in \(declared) lie within \(Self.describe(declared.netherlandsRange))"
            if firstOutside(other) == nil {
                hint = "the coordinates look like \(other); correct the crs member or re-export the file"
            } else if declared == .wgs84 && looksSwapped {
                hint = "the coordinates look like latitude, longitude; GeoJSON puts longitude first"
            }
            throw GeoJSONErrors([
                fail(.coordinateSystemMismatch, feature: feature.index, property: "geometry.coordinates",
                     expected: "\(declared) coordinates within \(Self.describe(declared.netherlandsRange))", found: "\(point)",
                     message: "\(feature.label): coordinate \(point) lies outside the Netherlands in the declared \(declared); all coordinates: \(found)",
                     hint: hint)
            ])
        }
        if firstOutside(.wgs84) == nil { return .wgs84 }
        if firstOutside(.rdNew) == nil { return .rdNew }
        throw GeoJSONErrors([
            fail(.unknownCoordinateSystem, property: "crs",
                 expected: "WGS84 (longitude 3–8, latitude 50–54) or RD New (x 0–300000, y 300000–625000)", found: found,
                 message: "unknown or missing coordinate system: there is no crs member and the coordinates (\(found)) fit neither WGS84 nor RD New in the Netherlands",
                 hint: looksSwapped ? "the coordinates look like latitude, longitude; GeoJSON puts longitude first"
                     : "add a crs member naming the system, or re-export the file in WGS84 or RD New")
        ])
    }
}
