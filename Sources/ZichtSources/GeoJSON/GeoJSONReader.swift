import Foundation
import ZichtCore
import ZichtGeo

/// Reads a GeoJSON FeatureCollection of Polygon and MultiPolygon features (buurten, wijken,
/// gemeenten) into ``AreaBoundary`` values with their geometry in RD New.
///
/// The coordinate system comes from the `crs` member when there is one: a name containing
/// `EPSG:28992` or `urn:ogc:def:crs:EPSG::28992` means RD New; `CRS84`, `EPSG:4326` or
/// `urn:ogc:def:crs:EPSG::4326` mean WGS84 (longitude first, as GeoJSON requires). Without a `crs`
/// member the coordinates decide: WGS84 when they all lie within longitude 3–8, latitude 50–54; RD
/// when they all lie within x 0–300 000, y 300 000–625 000 (older Dutch exports often omit `crs`).
/// Coordinates outside the declared system's range, or fitting neither without a declaration,
/// are an error. WGS84 is converted with ``RDNew``.
///
/// ```swift
/// let buurten = try GeoJSONReader().read(contentsOf: url)
/// for area in buurten.areas { print(area.code, area.name ?? "", area.geometry.area / 1e6, "km²") }
/// ```
public struct GeoJSONReader: Sendable {
    /// Which properties hold an area's code, name and parent code. Each is a list of candidates;
    /// the first present in a feature is used. A `#` in a candidate stands for one digit, so
    /// `WK_####` matches `WK_2014`.
    public struct PropertyNames: Sendable, Hashable {
        public var code: [String]
        public var name: [String]
        public var parent: [String]

        public init(code: [String], name: [String], parent: [String]) {
            self.code = code
            self.name = name
            self.parent = parent
        }

        /// The names in CBS's wijk- en buurtkaart and the files derived from it.
        public static let cbs = PropertyNames(
            code: ["STATCODE", "BU_CODE", "WK_CODE", "GM_CODE"],
            name: ["BU_NAAM", "WK_NAAM", "GM_NAAM", "STATNAAM"],
            parent: ["WK_CODE", "WK_####", "GM_CODE", "GM_####"])
    }

    /// The largest file read: 256 MiB. The whole file is parsed in memory (about ten times its size);
    /// CBS's wijk- en buurtkaart of the whole country in full detail is larger, one municipality's is
    /// a few MB.
    public static let maximumFileBytes = 256 << 20
    /// The most positions one area (all rings of all its parts) may have: 100,000. A detailed buurt
    /// has a few thousand; checking and simplifying cost more than linear time in the vertices of
    /// one area, so a million-vertex polygon would stall a build for minutes.
    public static let maximumVerticesPerArea = 100_000

    public var propertyNames: PropertyNames
    /// Whether a feature without a name is an error (otherwise its name is nil).
    public var requiresName: Bool
    /// Whether rings are checked (closed, at least 4 points, not self-intersecting).
    public var validatesGeometry: Bool

    public init(propertyNames: PropertyNames = .cbs, requiresName: Bool = true, validatesGeometry: Bool = true) {
        self.propertyNames = propertyNames
        self.requiresName = requiresName
        self.validatesGeometry = validatesGeometry
    }

    /// Reads the file at `url`.
    /// - Parameter displayName: how messages name the file (default: the file name).
    /// - Throws: ``GeoJSONErrors`` with every problem found.
    public func read(contentsOf url: URL, displayName: String? = nil) throws -> AreaBoundaries {
        let file = displayName ?? url.lastPathComponent
        let data: Data
        do {
            data = try InputFile.read(url, limit: Self.maximumFileBytes)
        } catch {
            if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > Self.maximumFileBytes {
                throw GeoJSONErrors([Self.fileTooLarge(size, file: file)])
            }
            throw GeoJSONErrors([
                GeoJSONError(code: .cannotRead, file: file, message: "cannot read the file: \(error.reason)")
            ])
        }
        return try read(data, file: file)
    }

    /// Reads GeoJSON bytes (UTF-8, with or without a byte order mark).
    /// - Parameter file: how messages name the file.
    /// - Throws: ``GeoJSONErrors`` with every problem found.
    public func read(_ data: Data, file: String) throws -> AreaBoundaries {
        guard data.count <= Self.maximumFileBytes else { throw GeoJSONErrors([Self.fileTooLarge(data.count, file: file)]) }
        var parse = GeoJSONParse(file: file, reader: self)
        return try parse.run(data)
    }

    static func fileTooLarge(_ size: Int, file: String) -> GeoJSONError {
        GeoJSONError(
            code: .tooLarge, file: file, expected: "at most \(maximumFileBytes) bytes", found: "\(size) bytes",
            message: "the file has \(size) bytes; Zicht reads GeoJSON files of at most \(maximumFileBytes) bytes (\(maximumFileBytes >> 20) MiB)",
            hint: "keep only the municipality's own areas (for example with ogr2ogr -where \"GM_CODE = 'GM0193'\"), or simplify the geometry")
    }
}

/// The state of reading one file.
struct GeoJSONParse {
    let file: String
    let reader: GeoJSONReader
    var errors: [GeoJSONError] = []

    init(file: String, reader: GeoJSONReader) {
        self.file = file
        self.reader = reader
    }

    /// One feature as found, before conversion.
    struct RawFeature {
        var index: Int
        var code: String?
        var name: String?
        var parentCode: String?
        var geometry: MultiPolygon?

        var label: String { code.map { "feature \(index) (\($0))" } ?? "feature \(index)" }
    }

    mutating func run(_ data: Data) throws -> AreaBoundaries {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let top: Any
        do {
            top = try JSONSerialization.jsonObject(with: bytes, options: [])
        } catch {
            throw GeoJSONErrors([
                fail(.invalidJSON, message: "the file is not valid JSON: \(Self.shortDescription(of: error))",
                     hint: "check that the export finished; a truncated file often ends in the middle of a coordinate list")
            ])
        }
        guard let collection = top as? [String: Any], collection["type"] as? String == "FeatureCollection",
            let features = collection["features"] as? [Any]
        else {
            let type = (top as? [String: Any])?["type"].map(Self.describe) ?? Self.describe(top)
            throw GeoJSONErrors([
                fail(.notAFeatureCollection, property: "type", expected: "an object with \"type\": \"FeatureCollection\" and a \"features\" array",
                     found: type, message: "expected a GeoJSON FeatureCollection, found \(type)")
            ])
        }
        let declared = try declaredCoordinateSystem(collection["crs"])

        var raw: [RawFeature] = []
        raw.reserveCapacity(features.count)
        for (index, value) in features.enumerated() { raw.append(readFeature(value, index: index)) }

        let system = try coordinateSystem(declared: declared, features: raw)
        var areas: [AreaBoundary] = []
        var firstUse: [String: Int] = [:]
        for feature in raw {
            guard let code = feature.code, var geometry = feature.geometry else { continue }
            geometry = geometry.mapPoints(system.rdPoint)
            if let previous = firstUse[code] {
                errors.append(
                    fail(.duplicateCode, feature: feature.index, property: codeProperty(in: features[feature.index]),
                         found: "\"\(code)\"", message: "\(feature.label): duplicate code \"\(code)\", also used by feature \(previous)",
                         hint: "every area needs its own code; a split area usually gets a new code"))
                continue
            }
            firstUse[code] = feature.index
            if reader.validatesGeometry {
                let issues = geometry.validationIssues(feature: feature.label)
                for issue in issues {
                    errors.append(fail(.invalidRing, feature: feature.index, property: "geometry", message: issue.description,
                                       hint: ringHint(issue.kind)))
                }
                if !issues.isEmpty { continue }
            }
            areas.append(AreaBoundary(code: code, name: feature.name, parentCode: feature.parentCode, geometry: geometry, featureIndex: feature.index))
        }
        if !errors.isEmpty {
            throw GeoJSONErrors(errors.enumerated().sorted { ($0.element.featureIndex ?? -1, $0.offset) < ($1.element.featureIndex ?? -1, $1.offset) }.map(\.element))
        }
        return AreaBoundaries(file: file, sourceCoordinateSystem: system, isCoordinateSystemDeclared: declared != nil, areas: areas)
    }

    // MARK: Features

    mutating func readFeature(_ value: Any, index: Int) -> RawFeature {
        var feature = RawFeature(index: index)
        guard let object = value as? [String: Any], object["type"] as? String == "Feature" else {
            errors.append(fail(.badGeometry, feature: index, expected: "an object with \"type\": \"Feature\"", found: Self.describe(value),
                               message: "feature \(index): expected a GeoJSON Feature, found \(Self.describe(value))"))
            return feature
        }
        let properties = object["properties"] as? [String: Any] ?? [:]
        let names = reader.propertyNames
        feature.code = requiredString(properties, names.code, what: "the area code", feature: index, label: "feature \(index)")
        let label = feature.label
        if reader.requiresName {
            feature.name = requiredString(properties, names.name, what: "the area name", feature: index, label: label)
        } else {
            feature.name = optionalString(properties, names.name, feature: index, label: label)
        }
        let codeKey = Self.firstKey(in: properties, matching: names.code)
        feature.parentCode = optionalString(properties, names.parent, excluding: codeKey, feature: index, label: label)
        feature.geometry = readGeometry(object["geometry"], feature: index, label: label)
        return feature
    }

    func codeProperty(in value: Any) -> String? {
        guard let properties = (value as? [String: Any])?["properties"] as? [String: Any] else { return nil }
        return Self.firstKey(in: properties, matching: reader.propertyNames.code)
    }

    mutating func requiredString(_ properties: [String: Any], _ candidates: [String], what: String, feature: Int, label: String) -> String? {
        guard let key = Self.firstKey(in: properties, matching: candidates) else {
            let list = candidates.joined(separator: ", ")
            errors.append(
                fail(.missingProperty, feature: feature, property: candidates.first, expected: "one of \(list)", found: "none of them",
                     message: "\(label): missing property for \(what): expected one of \(list)",
                     hint: "give the reader the property's name (GeoJSONReader.PropertyNames) if the file calls it differently"))
            return nil
        }
        return string(properties[key], key: key, feature: feature, label: label)
    }

    mutating func optionalString(_ properties: [String: Any], _ candidates: [String], excluding: String? = nil, feature: Int, label: String) -> String? {
        guard let key = Self.firstKey(in: properties, matching: candidates.filter { $0 != excluding }, excluding: excluding) else { return nil }
        return string(properties[key], key: key, feature: feature, label: label)
    }

    mutating func string(_ value: Any?, key: String, feature: Int, label: String) -> String? {
        if let text = value as? String {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { return trimmed }
        }
        let found = Self.describe(value)
        errors.append(
            fail(.badProperty, feature: feature, property: key, expected: "a non-empty string", found: found,
                 message: "\(label): property \"\(key)\": expected a non-empty string, found \(found)"))
        return nil
    }

    /// The first key of `properties` that matches a candidate (in the candidates' order).
    static func firstKey(in properties: [String: Any], matching candidates: [String], excluding: String? = nil) -> String? {
        for candidate in candidates {
            if !candidate.contains("#") {
                if candidate != excluding, properties[candidate] != nil { return candidate }
                continue
            }
            let matches = properties.keys.filter { $0 != excluding && matchesPattern($0, candidate) }.sorted()
            if let first = matches.first { return first }
        }
        return nil
    }

    /// Whether `key` matches `pattern`, where `#` stands for one ASCII digit.
    static func matchesPattern(_ key: String, _ pattern: String) -> Bool {
        let keyScalars = Array(key.unicodeScalars)
        let patternScalars = Array(pattern.unicodeScalars)
        guard keyScalars.count == patternScalars.count else { return false }
        for (k, p) in zip(keyScalars, patternScalars) {
            if p == "#" {
                guard ("0"..."9").contains(k) else { return false }
            } else if k != p {
                return false
            }
        }
        return true
    }

    // MARK: Geometry

    mutating func readGeometry(_ value: Any?, feature: Int, label: String) -> MultiPolygon? {
        guard let object = value as? [String: Any] else {
            let found = Self.describe(value)
            errors.append(
                fail(.badGeometry, feature: feature, property: "geometry", expected: "a Polygon or MultiPolygon", found: found,
                     message: "\(label): geometry: expected a Polygon or MultiPolygon, found \(found)"))
            return nil
        }
        let type = object["type"] as? String
        let coordinates = object["coordinates"]
        let vertices = Self.positionCount(coordinates, depth: type == "MultiPolygon" ? 2 : 1)
        guard vertices <= GeoJSONReader.maximumVerticesPerArea else {
            errors.append(
                fail(.tooLarge, feature: feature, property: "geometry.coordinates",
                     expected: "at most \(GeoJSONReader.maximumVerticesPerArea) positions per area", found: "\(vertices) positions",
                     message: "\(label): geometry has \(vertices) positions; Zicht reads areas of at most \(GeoJSONReader.maximumVerticesPerArea)",
                     hint: "simplify the geometry first (for example QGIS's \"Simplify\" with a tolerance of 1 metre)"))
            return nil
        }
        var result: MultiPolygon?
        switch type {
        case "Polygon":
            result = polygon(coordinates).map { MultiPolygon($0) }
        case "MultiPolygon":
            if let parts = coordinates as? [Any] {
                let polygons = parts.map(polygon)
                if polygons.allSatisfy({ $0 != nil }) { result = MultiPolygon(polygons.map { $0! }) }
            }
        default:
            let found = type.map { "\"\($0)\"" } ?? Self.describe(object["type"])
            errors.append(
                fail(.badGeometry, feature: feature, property: "geometry", expected: "type Polygon or MultiPolygon", found: found,
                     message: "\(label): geometry: expected type Polygon or MultiPolygon, found \(found)",
                     hint: "area files need surfaces; points and lines cannot hold incidents"))
            return nil
        }
        guard let result else {
            errors.append(
                fail(.badGeometry, feature: feature, property: "geometry.coordinates",
                     expected: type == "Polygon" ? "an array of rings, each an array of [x, y] positions" : "an array of polygons, each an array of rings of [x, y] positions",
                     found: Self.describe(coordinates),
                     message: "\(label): geometry.coordinates: expected \(type == "Polygon" ? "an array of rings" : "an array of polygons") of [x, y] number positions"))
            return nil
        }
        return result
    }

    /// How many elements the arrays `depth` levels inside `value` hold: the positions of a Polygon's
    /// coordinates at depth 1 (rings of positions), of a MultiPolygon's at depth 2. Wrong nesting is
    /// counted as nothing here and reported by ``polygon(_:)``.
    static func positionCount(_ value: Any?, depth: Int) -> Int {
        guard let array = value as? [Any] else { return 0 }
        if depth == 0 { return array.count }
        return array.reduce(0) { $0 + positionCount($1, depth: depth - 1) }
    }

    /// A polygon from GeoJSON rings, or nil when the nesting or the numbers are wrong.
    func polygon(_ value: Any?) -> Polygon? {
        guard let rings = value as? [Any] else { return nil }
        var result: [[Point]] = []
        result.reserveCapacity(rings.count)
        for ring in rings {
            guard let positions = ring as? [Any] else { return nil }
            var points: [Point] = []
            points.reserveCapacity(positions.count)
            for position in positions {
                guard let numbers = position as? [Any], numbers.count >= 2, let x = Self.number(numbers[0]), let y = Self.number(numbers[1]) else {
                    return nil
                }
                points.append(Point(x: x, y: y))
            }
            result.append(points)
        }
        return Polygon(rings: result)
    }

    /// A finite coordinate; nil for anything else (a JSON number too large for a Double reads as infinite).
    static func number(_ value: Any) -> Double? {
        guard let number = value as? NSNumber, !isBoolean(number), number.doubleValue.isFinite else { return nil }
        return number.doubleValue
    }

    /// Whether a JSON value is `true` or `false`. JSONSerialization returns booleans as NSNumber,
    /// and on Linux `is Bool` also holds for the numbers 0 and 1, so look at the stored type.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    // MARK: Errors

    func fail(
        _ code: GeoJSONError.Code, feature: Int? = nil, property: String? = nil, expected: String? = nil, found: String? = nil,
        message: String, hint: String? = nil
    ) -> GeoJSONError {
        GeoJSONError(code: code, file: file, featureIndex: feature, property: property, expected: expected, found: found, message: message, hint: hint)
    }

    func ringHint(_ kind: GeometryIssue.Kind) -> String? {
        switch kind {
        case .unclosedRing: "GeoJSON rings end with the same position they start with"
        case .tooFewPoints: "a ring needs at least three different corners and its first position repeated at the end"
        case .selfIntersection: "repair the geometry in a GIS (for example QGIS's \"Fix geometries\") and export again"
        default: nil
        }
    }

    static func describe(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return "null"
        case let text as String: return "\"\(text.count > 40 ? text.prefix(40) + "…" : text)\""
        case let number as NSNumber: return isBoolean(number) ? "\(number.boolValue)" : "the number \(number)"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "a value of type \(type(of: value!))"
        }
    }

    static func describe(_ box: BoundingBox) -> String {
        "x \(format(box.minX))…\(format(box.maxX)), y \(format(box.minY))…\(format(box.maxY))"
    }

    /// A coordinate for a message: whole metres from 1,000 on, four decimals below; beyond 10¹⁵
    /// (no real coordinate, but any finite number can be in a file) in exponent notation.
    static func format(_ value: Double) -> String {
        guard abs(value) < 1e15 else { return "\(value)" }
        return abs(value) >= 1000 ? String(Int(value.rounded())) : String((value * 10_000).rounded() / 10_000)
    }

    static func shortDescription(of error: any Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
