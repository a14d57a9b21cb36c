import Foundation
import Testing
import ZichtCore
import ZichtGeo
import ZichtSources

struct GeoJSONReaderTests {
    /// A FeatureCollection with the given features (JSON text) and optional crs name.
    static func collection(_ features: [String], crs: String? = nil) -> Data {
        let crsMember = crs.map { "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"\($0)\"}}, " } ?? ""
        return Data("{\"type\": \"FeatureCollection\", \(crsMember)\"features\": [\(features.joined(separator: ", "))]}".utf8)
    }

    /// A square feature with CBS-style properties; `size` in the coordinates' units.
    static func feature(code: String?, name: String? = "Buurt", parent: String? = "WK019310", x: Double, y: Double, size: Double, extra: String = "") -> String {
        var properties: [String] = []
        if let code { properties.append("\"STATCODE\": \"\(code)\"") }
        if let name { properties.append("\"BU_NAAM\": \"\(name)\"") }
        if let parent { properties.append("\"WK_2014\": \"\(parent)\"") }
        if !extra.isEmpty { properties.append(extra) }
        let ring = [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)].map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
        return "{\"type\": \"Feature\", \"properties\": {\(properties.joined(separator: ", "))}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[\(ring)]]}}"
    }

    func errors(_ data: Data, reader: GeoJSONReader = GeoJSONReader()) -> [GeoJSONError] {
        do {
            _ = try reader.read(data, file: "test.geojson")
            return []
        } catch let error as GeoJSONErrors {
            return error.errors
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func wgs84WithoutCRSIsConvertedToRD() throws {
        let data = Self.collection([Self.feature(code: "BU01931000", name: "Binnenstad-Zuid", x: 6.09, y: 52.51, size: 0.01)])
        let result = try GeoJSONReader().read(data, file: "zwolle.geojson")
        #expect(result.sourceCoordinateSystem == .wgs84)
        #expect(!result.isCoordinateSystemDeclared)
        let area = try #require(result.areas.first)
        #expect(area.code == "BU01931000")
        #expect(area.name == "Binnenstad-Zuid")
        #expect(area.parentCode == "WK019310")
        #expect(area.featureIndex == 0)
        let corner = area.geometry.polygons[0].exterior[0]
        #expect(corner == RDNew.point(from: LatLon(latitude: 52.51, longitude: 6.09)))
        // 0.01° × 0.01° at 52.5° N is about 680 m × 1 110 m.
        #expect(abs(area.geometry.area - 755_000) < 15_000)
    }

    @Test(arguments: ["EPSG:28992", "urn:ogc:def:crs:EPSG::28992", "urn:ogc:def:crs:EPSG:6.9:28992"])
    func declaredRD(_ name: String) throws {
        let data = Self.collection([Self.feature(code: "BU1", x: 200_000, y: 500_000, size: 100)], crs: name)
        let result = try GeoJSONReader().read(data, file: "rd.geojson")
        #expect(result.sourceCoordinateSystem == .rdNew)
        #expect(result.isCoordinateSystemDeclared)
        #expect(result.areas[0].geometry.area == 10_000)
    }

    @Test(arguments: ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"])
    func declaredWGS84(_ name: String) throws {
        let data = Self.collection([Self.feature(code: "BU1", x: 5, y: 52, size: 0.001)], crs: name)
        #expect(try GeoJSONReader().read(data, file: "w.geojson").sourceCoordinateSystem == .wgs84)
    }

    @Test func rdWithoutCRSIsRecognisedByItsRange() throws {
        let data = Self.collection([Self.feature(code: "BU1", x: 200_000, y: 500_000, size: 100)])
        let result = try GeoJSONReader().read(data, file: "rd.geojson")
        #expect(result.sourceCoordinateSystem == .rdNew)
        #expect(!result.isCoordinateSystemDeclared)
    }

    @Test func coordinatesContradictingTheDeclaredSystem() throws {
        let data = Self.collection([Self.feature(code: "BU1", x: 6.09, y: 52.51, size: 0.01)], crs: "EPSG:28992")
        let error = try #require(errors(data).first)
        #expect(error.code == .coordinateSystemMismatch)
        #expect(error.featureIndex == 0)
        #expect(error.hint == "the coordinates look like WGS84 (EPSG:4326); correct the crs member or re-export the file")
        #expect(error.description.hasPrefix("test.geojson: error: feature 0 (BU1): coordinate (6.09, 52.51) lies outside the Netherlands in the declared RD New (EPSG:28992)"))
        let rdAsWGS84 = Self.collection([Self.feature(code: "BU1", x: 200_000, y: 500_000, size: 100)], crs: "EPSG:4326")
        #expect(errors(rdAsWGS84).first?.code == .coordinateSystemMismatch)
    }

    @Test func swappedLatitudeAndLongitude() throws {
        let data = Self.collection([Self.feature(code: "BU1", x: 52.51, y: 6.09, size: 0.01)])
        let error = try #require(errors(data).first)
        #expect(error.code == .unknownCoordinateSystem)
        #expect(error.hint == "the coordinates look like latitude, longitude; GeoJSON puts longitude first")
    }

    @Test func coordinatesThatFitNeitherSystem() throws {
        let data = Self.collection([Self.feature(code: "BU1", x: 500_000, y: 6_000_000, size: 10)])
        let error = try #require(errors(data).first)
        #expect(error.code == .unknownCoordinateSystem)
        #expect(error.message.hasPrefix("unknown or missing coordinate system: there is no crs member and the coordinates (x 500000…500010, y 6000000…6000010)"))
        let other = Self.collection([Self.feature(code: "BU1", x: 200_000, y: 500_000, size: 100)], crs: "EPSG:3857")
        #expect(errors(other).first?.code == .unknownCoordinateSystem)
        #expect(errors(other).first?.found == "\"EPSG:3857\"")
    }

    /// A coordinate of 1e308 used to trap while the message about it was written (issue 10); a
    /// number beyond the Double range is a bad coordinate, not an infinite one.
    @Test(arguments: [nil, "EPSG:28992", "EPSG:4326"])
    func hugeCoordinatesAreLocatedErrors(crs: String?) throws {
        let data = Self.collection([Self.feature(code: "BU1", x: 1e308, y: -1e308, size: 0)], crs: crs)
        let error = try #require(errors(data).first)
        #expect(error.code == (crs == nil ? .unknownCoordinateSystem : .coordinateSystemMismatch))
        #expect(error.message.contains("1e+308"))
        let beyond = Data(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"STATCODE": "BU1", "BU_NAAM": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[1e999, 0], [1, 0], [1, 1], [1e999, 0]]]}}]}"#.utf8)
        let problems = errors(beyond)
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.code == .invalidJSON || ($0.code == .badGeometry && $0.featureIndex == 0) })
    }

    @Test func missingAndBadProperties() throws {
        let data = Self.collection([
            Self.feature(code: "BU1", x: 5, y: 52, size: 0.001),
            Self.feature(code: nil, x: 5.1, y: 52, size: 0.001),
            Self.feature(code: "BU3", name: nil, x: 5.2, y: 52, size: 0.001),
            Self.feature(code: "", x: 5.3, y: 52, size: 0.001),
        ])
        let found = errors(data)
        #expect(found.map(\.code) == [.missingProperty, .missingProperty, .badProperty])
        #expect(found.map(\.featureIndex) == [1, 2, 3])
        #expect(found[0].message == "feature 1: missing property for the area code: expected one of STATCODE, BU_CODE, WK_CODE, GM_CODE")
        #expect(found[1].message == "feature 2 (BU3): missing property for the area name: expected one of BU_NAAM, WK_NAAM, GM_NAAM, STATNAAM")
        #expect(found[2].property == "STATCODE")
        #expect(found[2].message == "feature 3: property \"STATCODE\": expected a non-empty string, found \"\"")
        // Without a required name the second problem goes away.
        #expect(errors(data, reader: GeoJSONReader(requiresName: false)).count == 2)
    }

    @Test func duplicateCodes() throws {
        let data = Self.collection([
            Self.feature(code: "BU1", x: 5, y: 52, size: 0.001), Self.feature(code: "BU2", x: 5.1, y: 52, size: 0.001),
            Self.feature(code: "BU1", x: 5.2, y: 52, size: 0.001),
        ])
        let error = try #require(errors(data).first)
        #expect(error.code == .duplicateCode)
        #expect(error.featureIndex == 2)
        #expect(error.property == "STATCODE")
        #expect(error.message == "feature 2 (BU1): duplicate code \"BU1\", also used by feature 0")
    }

    @Test func badGeometries() throws {
        let point = "{\"type\": \"Feature\", \"properties\": {\"STATCODE\": \"BU1\", \"BU_NAAM\": \"a\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [5, 52]}}"
        let strings = "{\"type\": \"Feature\", \"properties\": {\"STATCODE\": \"BU2\", \"BU_NAAM\": \"b\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[\"5\", \"52\"]]]}}"
        let none = "{\"type\": \"Feature\", \"properties\": {\"STATCODE\": \"BU3\", \"BU_NAAM\": \"c\"}, \"geometry\": null}"
        let bowTie = "{\"type\": \"Feature\", \"properties\": {\"STATCODE\": \"BU4\", \"BU_NAAM\": \"d\"}, \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": [[[[5, 52], [5.01, 52.01], [5.01, 52], [5, 52.01], [5, 52]]]]}}"
        let open = "{\"type\": \"Feature\", \"properties\": {\"STATCODE\": \"BU5\", \"BU_NAAM\": \"e\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[5, 52], [5.01, 52], [5.01, 52.01], [5, 52.01]]]}}"
        let found = errors(Self.collection([point, strings, none, bowTie, open]))
        #expect(found.map(\.code) == [.badGeometry, .badGeometry, .badGeometry, .invalidRing, .invalidRing])
        #expect(found[0].message == "feature 0 (BU1): geometry: expected type Polygon or MultiPolygon, found \"Point\"")
        #expect(found[1].property == "geometry.coordinates")
        #expect(found[2].message == "feature 2 (BU3): geometry: expected a Polygon or MultiPolygon, found null")
        #expect(found[3].message.hasPrefix("feature 3 (BU4), ring 0 (exterior): ring intersects itself"))
        #expect(found[4].message.hasPrefix("feature 4 (BU5), ring 0 (exterior): ring is not closed"))
        #expect(GeoJSONErrors(found).diagnostics.count == 5)
    }

    @Test func notJSONAndNotAFeatureCollection() throws {
        #expect(errors(Data("{\"type\": \"Feature".utf8)).first?.code == .invalidJSON)
        let notCollection = errors(Data("{\"type\": \"Feature\", \"geometry\": null}".utf8))
        #expect(notCollection.first?.code == .notAFeatureCollection)
        #expect(notCollection.first?.found == "\"Feature\"")
    }

    @Test func byteOrderMarkAndCustomPropertyNames() throws {
        let feature = "{\"type\": \"Feature\", \"properties\": {\"code\": \"X1\", \"naam\": \"Eerste\", \"wijk\": \"W1\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[5, 52], [5.01, 52], [5.01, 52.01], [5, 52]]]}}"
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Self.collection([feature]))
        let reader = GeoJSONReader(propertyNames: .init(code: ["code"], name: ["naam"], parent: ["wijk"]))
        let area = try #require(try reader.read(data, file: "x.geojson").areas.first)
        #expect(area.code == "X1" && area.name == "Eerste" && area.parentCode == "W1")
    }

    @Test func parentPatternSkipsTheCodeProperty() throws {
        // A wijk file: code WK_CODE, parent GM_CODE (WK_CODE is also a parent candidate, but it is the code).
        let feature = "{\"type\": \"Feature\", \"properties\": {\"WK_CODE\": \"WK019310\", \"WK_NAAM\": \"Binnenstad\", \"GM_CODE\": \"GM0193\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[6, 52.5], [6.01, 52.5], [6.01, 52.51], [6, 52.5]]]}}"
        let area = try #require(try GeoJSONReader().read(Self.collection([feature]), file: "wijken.geojson").areas.first)
        #expect(area.code == "WK019310")
        #expect(area.parentCode == "GM0193")
    }

    @Test func unreadableFile() throws {
        do {
            _ = try GeoJSONReader().read(contentsOf: URL(fileURLWithPath: "/nonexistent/buurten.geojson"))
            Issue.record("expected an error")
        } catch let error as GeoJSONErrors {
            #expect(error.errors.first?.code == .cannotRead)
            #expect(error.errors.first?.file == "buurten.geojson")
        }
    }
}

/// Bounded cost (issue 10): an area of a million vertices stalled a build for minutes, and the
/// whole file is parsed in memory; both have a limit with a located error.
extension GeoJSONReaderTests {
    /// A closed ring of `count` positions on a circle of 1 km around a point in Zwolle (RD New).
    static func circle(_ count: Int) -> String {
        var positions: [String] = []
        positions.reserveCapacity(count)
        for k in 0..<(count - 1) {
            let angle = 2 * Double.pi * Double(k) / Double(count - 1)
            positions.append("[\(200_000 + 1000 * cos(angle)), \(500_000 + 1000 * sin(angle))]")
        }
        positions.append(positions[0])
        return "[" + positions.joined(separator: ",") + "]"
    }

    static func area(code: String, rings: [String]) -> String {
        #"{"type": "Feature", "properties": {"STATCODE": "\#(code)", "BU_NAAM": "Rond"}, "geometry": {"type": "Polygon", "coordinates": [\#(rings.joined(separator: ","))]}}"#
    }

    @Test func areasWithMoreVerticesThanTheLimitAreLocatedErrors() throws {
        let limit = GeoJSONReader.maximumVerticesPerArea
        let small = Self.area(code: "BU1", rings: [Self.circle(1000)])
        // Two rings of one area count together.
        let large = Self.area(code: "BU2", rings: [Self.circle(limit / 2), Self.circle(limit / 2 + 1)])
        let problems = errors(Self.collection([small, large], crs: "EPSG:28992"))
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.code == .tooLarge && problem.featureIndex == 1 && problem.property == "geometry.coordinates")
        #expect(problem.message == "feature 1 (BU2): geometry has \(limit + 1) positions; Zicht reads areas of at most \(limit)")
        let atLimit = Self.area(code: "BU2", rings: [Self.circle(limit / 2), Self.circle(limit / 2)])
        #expect(try GeoJSONReader().read(Self.collection([small, atLimit], crs: "EPSG:28992"), file: "t.geojson").areas.count == 2)
    }

    @Test func filesLargerThanTheLimitAreRefusedBeforeReading() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString).geojson")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("{".utf8)))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(GeoJSONReader.maximumFileBytes + 1))  // sparse: nothing is written
        try handle.close()
        #expect {
            try GeoJSONReader().read(contentsOf: url, displayName: "buurten.geojson")
        } throws: { error in
            let problem = (error as? GeoJSONErrors)?.errors.first
            return problem?.code == .tooLarge && problem?.message == "the file has 268435457 bytes; Zicht reads GeoJSON files of at most 268435456 bytes (256 MiB)"
        }
    }
}
