import Foundation

/// A value as a statistics table gives it: a number, unknown (CBS writes "." — suppressed or not
/// available), or empty (cannot occur). Unknown is never shown as 0.
public enum ObservedValue: Sendable, Hashable {
    case number(Double)
    case unknown
    case empty

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// A StatLine period key such as "2015JJ00" (year), "2019MM03" (month) or "2019KW02" (quarter).
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case year = "JJ"
        case month = "MM"
        case quarter = "KW"
    }

    public var year: Int
    public var kind: Kind
    /// Month or quarter number; 0 for a year.
    public var number: Int

    public init(year: Int, kind: Kind = .year, number: Int = 0) {
        self.year = year
        self.kind = kind
        self.number = number
    }

    /// Parses "2015JJ00", "2019MM03", "2019KW02", or a plain year "2020" (the police portal's labels).
    public init?(code: String) {
        let text = code.trimmingCharacters(in: .whitespaces)
        let characters = Array(text.utf8)
        if characters.count == 4, let year = Int(text) {
            self.init(year: year)
            return
        }
        guard characters.count == 8, let year = Int(String(decoding: characters[0..<4], as: UTF8.self)),
            let kind = Kind(rawValue: String(decoding: characters[4..<6], as: UTF8.self)),
            let number = Int(String(decoding: characters[6..<8], as: UTF8.self))
        else { return nil }
        self.init(year: year, kind: kind, number: number)
    }

    /// The period as one sortable integer, for storage: year × 10,000 + kind × 100 + number
    /// (kind 0 = year, 1 = quarter, 2 = month).
    public var sortKey: Int {
        let kindNumber = switch kind {
            case .year: 0
            case .quarter: 1
            case .month: 2
            }
        return year * 10_000 + kindNumber * 100 + number
    }

    /// The inverse of ``sortKey``.
    public init?(sortKey: Int) {
        let year = sortKey / 10_000
        let kind: Kind
        switch (sortKey / 100) % 100 {
        case 0: kind = .year
        case 1: kind = .quarter
        case 2: kind = .month
        default: return nil
        }
        self.init(year: year, kind: kind, number: sortKey % 100)
    }

    /// The StatLine key: "2015JJ00".
    public var code: String {
        "\(year)\(kind.rawValue)\(number < 10 ? "0" : "")\(number)"
    }

    public var description: String {
        switch kind {
        case .year: "\(year)"
        case .month: "\(year)-\(number < 10 ? "0" : "")\(number)"
        case .quarter: "\(year) kwartaal \(number)"
        }
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.year, a.kind.rawValue, a.number) < (b.year, b.kind.rawValue, b.number)
    }
}

/// Where a figure comes from: the table, the file or address it was read from, and when.
public struct Provenance: Sendable, Hashable, Codable {
    /// The StatLine table id, e.g. "83648NED".
    public var tableID: String
    public var tableTitle: String?
    /// The table's own modification date when known.
    public var tableDate: String?
    /// The file path or URL the data was read from.
    public var origin: String
    /// SHA-256 of the imported bytes, hex.
    public var sha256: String
    /// When the data was downloaded or taken from its source.
    public var retrievedAt: Date
    /// The publisher to cite: "CBS" or "Politie / CBS".
    public var publisher: String
    /// Years the source marks as provisional ("voorlopig") in this release.
    public var provisionalYears: Set<Int>

    public init(
        tableID: String, tableTitle: String? = nil, tableDate: String? = nil, origin: String, sha256: String,
        retrievedAt: Date, publisher: String = "CBS", provisionalYears: Set<Int> = []
    ) {
        self.tableID = tableID
        self.tableTitle = tableTitle
        self.tableDate = tableDate
        self.origin = origin
        self.sha256 = sha256
        self.retrievedAt = retrievedAt
        self.publisher = publisher
        self.provisionalYears = provisionalYears
    }
}

/// One cell of a statistics table: a measure for a region, a period and values of the other dimensions.
public struct Observation: Sendable, Hashable {
    public var tableID: String
    /// The topic column, e.g. "TotaalGeregistreerdeMisdrijven_1".
    public var measure: String
    /// The other dimensions, e.g. ["SoortMisdrijf": "3000000"], keys trimmed.
    public var dimensions: [String: String]
    /// The region code (NL01, PV23, GM0193, WK019310, BU01931000), or a name where a table has no codes.
    public var region: String
    public var period: Period
    public var value: ObservedValue

    public init(tableID: String, measure: String, dimensions: [String: String], region: String, period: Period, value: ObservedValue) {
        self.tableID = tableID
        self.measure = measure
        self.dimensions = dimensions
        self.region = region
        self.period = period
        self.value = value
    }

    /// The dimensions as one canonical string, "GebruikVanGeweld=T001540;SoortDiefstal=CRI1137".
    public var dimensionKey: String {
        Observation.dimensionKey(dimensions)
    }

    public static func dimensionKey(_ dimensions: [String: String]) -> String {
        dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }
}

extension Provenance {
    /// Whether the data are simulated: their publisher is labelled "gesimuleerd" (ZichtSim writes
    /// "ZichtSim (gesimuleerd)"; a project marks a simulated file with `simulated: true`).
    public var isSimulated: Bool { publisher.lowercased().contains("gesimuleerd") }
}
