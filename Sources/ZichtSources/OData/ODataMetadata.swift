import Foundation

/// One entry of a dimension's code list (`…/<table>/RegioS`, `…/<table>/Perioden`, …).
public struct ODataCode: Sendable, Hashable {
    /// The key without its padding: `"GM0193"`, `"1.1.1"`, `"2019JJ00"`.
    public var key: String
    /// The key as the server sent it, padded to the dimension's width: `"GM0193    "`. Use it (or
    /// its length) for `eq` filters.
    public var rawKey: String
    /// `"Zwolle"`; police tables put the code in the title: `"1.1.1 Diefstal/inbraak woning"`.
    public var title: String
    public var description: String?
    /// All fields of the entry (e.g. `Status` for periods, `DimensionGroupId` for regions).
    public var row: ODataRow

    public init(key: String, rawKey: String, title: String, description: String?, row: ODataRow) {
        self.key = key
        self.rawKey = rawKey
        self.title = title
        self.description = description
        self.row = row
    }
}

/// One entry of `…/<table>/DataProperties`: a dimension, a topic (a measure column) or a group.
public struct ODataDataProperty: Sendable, Hashable {
    /// The `Type` of a property. Known types are constants; others are kept as sent.
    public struct PropertyType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let dimension = PropertyType(rawValue: "Dimension")
        public static let geoDimension = PropertyType(rawValue: "GeoDimension")
        public static let geoDetail = PropertyType(rawValue: "GeoDetail")
        public static let timeDimension = PropertyType(rawValue: "TimeDimension")
        public static let topic = PropertyType(rawValue: "Topic")
        public static let topicGroup = PropertyType(rawValue: "TopicGroup")

        /// Dimension, GeoDimension, GeoDetail or TimeDimension: a column of keys with a code list.
        public var isDimension: Bool {
            [.dimension, .geoDimension, .geoDetail, .timeDimension].contains(self)
        }

        public var description: String { rawValue }
    }

    public var id: Int
    public var position: Int?
    public var parentID: Int?
    public var type: PropertyType
    /// The column name in TypedDataSet rows (`"GeregistreerdeMisdrijven_1"`, `"RegioS"`); empty
    /// for some groups.
    public var key: String
    public var title: String
    public var description: String?
    public var releasePolicy: Bool?
    /// `"Long"`, `"Double"`, `"String"`, … for topics.
    public var datatype: String?
    /// `"aantal"`, `"per 1 000 inwoners"`, … for topics.
    public var unit: String?
    public var decimals: Int?
    /// What an empty cell means for a topic (`"Missing"`, `"Impossible"`, …), as sent.
    public var defaultValue: String?
}

/// The entry of `…/<table>/TableInfos`: the table's title, last change and period.
public struct ODataTableInfo: Sendable, Hashable {
    /// `"83648NED"`.
    public var identifier: String
    public var title: String
    public var shortTitle: String?
    /// `Modified` as sent, e.g. `"2024-03-15T02:00:00"`.
    public var modified: String?
    /// `Modified` read as a date; a time without zone is read as Dutch time (Europe/Amsterdam).
    public var modifiedDate: Date?
    /// The periods covered, as text: `"2010-2023"`.
    public var period: String?
    /// Why this release was made: `"Actualisering"`, `"Correctie"`, …
    public var reasonDelivery: String?
    public var frequency: String?
    public var summary: String?
    /// All fields as sent.
    public var row: ODataRow
}

extension ODataDataProperty {
    /// Reads a DataProperties row; `ID` and `Type` are required.
    init(row: ODataRow, index: Int, url: URL) throws(ODataError) {
        guard let id = row["ID"]?.number.flatMap(Int.init(exactly:)) else {
            throw ODataError(kind: .invalidResponse, url: url, detail: "DataProperties entry \(index) has no numeric 'ID'")
        }
        guard let type = row["Type"]?.string else {
            throw ODataError(kind: .invalidResponse, url: url, detail: "DataProperties entry \(index) has no 'Type'")
        }
        self.id = id
        self.position = row["Position"]?.number.flatMap(Int.init(exactly:))
        self.parentID = row["ParentID"]?.number.flatMap(Int.init(exactly:))
        self.type = PropertyType(rawValue: type)
        self.key = row["Key"]?.trimmedString ?? ""
        self.title = row["Title"]?.string ?? ""
        self.description = row["Description"]?.string
        self.releasePolicy = row["ReleasePolicy"]?.string.flatMap { ["true": true, "false": false][$0] }
        self.datatype = row["Datatype"]?.string
        self.unit = row["Unit"]?.string
        self.decimals = row["Decimals"]?.number.flatMap(Int.init(exactly:))
        self.defaultValue = row["Default"]?.string
    }
}

extension ODataTableInfo {
    /// Reads a TableInfos row; `Identifier` is required.
    init(row: ODataRow, url: URL) throws(ODataError) {
        guard let identifier = row["Identifier"]?.trimmedString else {
            throw ODataError(kind: .invalidResponse, url: url, detail: "TableInfos entry has no 'Identifier'")
        }
        self.identifier = identifier
        self.title = row["Title"]?.string ?? ""
        self.shortTitle = row["ShortTitle"]?.string
        self.modified = row["Modified"]?.string
        self.modifiedDate = modified.flatMap(Self.parseDate)
        self.period = row["Period"]?.string
        self.reasonDelivery = row["ReasonDelivery"]?.string
        self.frequency = row["Frequency"]?.string
        self.summary = row["Summary"]?.string
        self.row = row
    }

    /// `2024-03-15T02:00:00` (Amsterdam time), or with a zone (`Z`, `+01:00`), or a plain day.
    static func parseDate(_ text: String) -> Date? {
        let withZone = ISO8601DateFormatter()
        if let date = withZone.date(from: text) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

extension ODataCode {
    /// Reads a code list entry; `Key` is required.
    init(row: ODataRow, index: Int, url: URL) throws(ODataError) {
        guard let rawKey = row["Key"]?.string else {
            throw ODataError(kind: .invalidResponse, url: url, detail: "code list entry \(index) has no string 'Key'")
        }
        self.init(
            key: ODataValue.trimmingSpaces(rawKey), rawKey: rawKey, title: row["Title"]?.string ?? "",
            description: row["Description"]?.string, row: row)
    }
}
