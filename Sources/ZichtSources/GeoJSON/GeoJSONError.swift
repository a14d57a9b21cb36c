import ZichtCore

/// A problem in a GeoJSON file, located by file, feature and property.
///
/// `description` renders `file: error: message` with an indented hint; `diagnostic` gives the same
/// problem as a ZichtCore ``Diagnostic``.
///
/// ```
/// buurten.geojson: error: feature 12 (BU01931000): property "BU_NAAM": expected a non-empty string, found null
///     hint: every buurt needs a name; check the export's attribute table.
/// ```
public struct GeoJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is. A struct around a private enum, so that kinds can be added
    /// without breaking callers that switch over them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case cannotRead = "cannot read"
            case invalidJSON = "invalid JSON"
            case notAFeatureCollection = "not a FeatureCollection"
            case unknownCoordinateSystem = "unknown or missing coordinate system"
            case coordinateSystemMismatch = "coordinates contradict the coordinate system"
            case missingProperty = "missing property"
            case badProperty = "bad property value"
            case duplicateCode = "duplicate code"
            case badGeometry = "bad geometry"
            case invalidRing = "invalid ring"
            case tooLarge = "too large"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The file could not be opened or read.
        public static let cannotRead = Code(.cannotRead)
        /// The bytes are not JSON.
        public static let invalidJSON = Code(.invalidJSON)
        /// The top level is not an object with `"type": "FeatureCollection"` and a `features` array.
        public static let notAFeatureCollection = Code(.notAFeatureCollection)
        /// The `crs` member names a system other than WGS84 or RD New, or there is none and the
        /// coordinates fit neither.
        public static let unknownCoordinateSystem = Code(.unknownCoordinateSystem)
        /// The coordinates lie outside the Netherlands in the declared coordinate system.
        public static let coordinateSystemMismatch = Code(.coordinateSystemMismatch)
        /// A feature lacks the property for its code or name.
        public static let missingProperty = Code(.missingProperty)
        /// A property has a value of the wrong kind (for example a number or an empty string as code).
        public static let badProperty = Code(.badProperty)
        /// Two features have the same code.
        public static let duplicateCode = Code(.duplicateCode)
        /// A geometry is missing, of a type other than Polygon or MultiPolygon, or its coordinates
        /// are not arrays of numbers.
        public static let badGeometry = Code(.badGeometry)
        /// A ring is unclosed, too short or self-intersecting.
        public static let invalidRing = Code(.invalidRing)
        /// The file is larger than ``GeoJSONReader/maximumFileBytes``, or an area has more than
        /// ``GeoJSONReader/maximumVerticesPerArea`` positions.
        public static let tooLarge = Code(.tooLarge)

        public var description: String { wrapped.rawValue }
    }

    public var code: Code
    /// The file's display name (as given to the reader).
    public var file: String
    /// The 0-based index of the feature in `features`, or nil when the problem concerns the file.
    public var featureIndex: Int?
    /// The property or member concerned (`STATCODE`, `geometry`, `crs`), when there is one.
    public var property: String?
    /// What was expected, when the problem is a mismatch.
    public var expected: String?
    /// What was found instead.
    public var found: String?
    /// What is wrong; includes the feature, the property, what was expected and what was found.
    public var message: String
    /// How to fix it, when there is an obvious fix.
    public var hint: String?

    public init(
        code: Code, file: String, featureIndex: Int? = nil, property: String? = nil, expected: String? = nil,
        found: String? = nil, message: String, hint: String? = nil
    ) {
        self.code = code
        self.file = file
        self.featureIndex = featureIndex
        self.property = property
        self.expected = expected
        self.found = found
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "\(file): error: \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }

    /// The same problem as a ``Diagnostic`` (GeoJSON problems have no line number).
    public var diagnostic: Diagnostic {
        Diagnostic(file: file, severity: .error, message: message, hint: hint)
    }
}

/// Every problem a ``GeoJSONReader`` found in one file, in the order of the features.
public struct GeoJSONErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [GeoJSONError]

    public init(_ errors: [GeoJSONError]) {
        self.errors = errors
    }

    public var description: String {
        let count = errors.count
        return errors.map(\.description).joined(separator: "\n") + "\n\(count) error\(count == 1 ? "" : "s") found."
    }
}

extension GeoJSONError: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] {
        var located = diagnostic
        located.field = property
        return [located]
    }
}

extension GeoJSONErrors: DiagnosticConvertible {
    /// The problems as ZichtCore diagnostics, to list with a build's other problems.
    public var diagnostics: [Diagnostic] { errors.flatMap(\.diagnostics) }
}
