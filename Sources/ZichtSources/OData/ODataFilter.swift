/// An OData `$filter` expression, built so that keys are quoted, escaped and padded correctly.
///
/// CBS keys are fixed-width and space-padded (`SoortMisdrijf` 6 characters, region keys 10), and
/// `eq` compares the padded text: `RegioS eq 'GM0193'` matches nothing. Periods are listed one by
/// one, never compared with `ge`/`le`: as strings, `'2025MM01' … '2026MM03'` would also match
/// `2026JJ00`.
///
/// ```
/// let filter = ODataFilter.startsWith("WijkenEnBuurten", "BU0193")
///     && .eq("SoortMisdrijf", "1.1.1", width: 6)
///     && .periods(ODataFilter.months(from: (2019, 11), through: (2020, 2)))
/// // startswith(WijkenEnBuurten,'BU0193') and SoortMisdrijf eq '1.1.1 ' and
/// // (Perioden eq '2019MM11' or Perioden eq '2019MM12' or Perioden eq '2020MM01' or Perioden eq '2020MM02')
/// ```
///
/// Field names must be OData identifiers (letters, digits, `_`, not starting with a digit); a
/// builder given another name stops the program, as that is a programming error. Check names that
/// come from outside with ``isIdentifier(_:)`` first.
public struct ODataFilter: Sendable, Hashable, CustomStringConvertible {
    /// The expression as sent in `$filter` (before percent-encoding).
    public let text: String
    /// True for `a or b …` lists, which need parentheses inside an `and`.
    private let isDisjunction: Bool

    private init(_ text: String, isDisjunction: Bool = false) {
        self.text = text
        self.isDisjunction = isDisjunction
    }

    /// An expression written by hand. Prefer the builders; this one is not checked.
    public init(raw text: String) {
        self.init(text, isDisjunction: true)  // parenthesised when combined, to be safe
    }

    public var description: String { text }

    /// `field eq 'key'`, with `key` padded with spaces to `width` characters when given.
    ///
    /// A key longer than `width` is sent unchanged. Single quotes in the key are doubled.
    public static func eq(_ field: String, _ key: String, width: Int? = nil) -> ODataFilter {
        ODataFilter("\(checked(field)) eq \(literal(padded(key, width: width)))")
    }

    /// `startswith(field,'prefix')`: e.g. every buurt of a gemeente, `startsWith("WijkenEnBuurten", "BU0193")`.
    public static func startsWith(_ field: String, _ prefix: String) -> ODataFilter {
        ODataFilter("startswith(\(checked(field)),\(literal(prefix)))")
    }

    /// `(field eq 'a' or field eq 'b' …)`, each key padded to `width` when given; one key gives a
    /// plain `eq`. The list must not be empty.
    public static func anyOf(_ field: String, _ keys: [String], width: Int? = nil) -> ODataFilter {
        precondition(!keys.isEmpty, "ODataFilter.anyOf(\(field)) needs at least one key")
        if keys.count == 1 { return eq(field, keys[0], width: width) }
        return .or(keys.map { eq(field, $0, width: width) })
    }

    /// `(Perioden eq '2019MM01' or …)` for period keys such as `2019JJ00` or `2019MM01`.
    public static func periods(_ periods: [String], field: String = "Perioden") -> ODataFilter {
        anyOf(field, periods)
    }

    /// All sub-expressions joined with `and`; `or` lists inside are parenthesised.
    public static func and(_ filters: [ODataFilter]) -> ODataFilter {
        precondition(!filters.isEmpty, "ODataFilter.and needs at least one filter")
        if filters.count == 1 { return filters[0] }
        return ODataFilter(filters.map { $0.isDisjunction ? "(\($0.text))" : $0.text }.joined(separator: " and "))
    }

    /// All sub-expressions joined with `or`, in parentheses.
    public static func or(_ filters: [ODataFilter]) -> ODataFilter {
        precondition(!filters.isEmpty, "ODataFilter.or needs at least one filter")
        if filters.count == 1 { return filters[0] }
        return ODataFilter("(" + filters.map(\.text).joined(separator: " or ") + ")", isDisjunction: false)
    }

    public static func && (lhs: ODataFilter, rhs: ODataFilter) -> ODataFilter {
        and([lhs, rhs])
    }

    /// The month keys `YYYYMMnn` from one month through another, both included.
    ///
    /// `months(from: (2019, 11), through: (2020, 2))` → `2019MM11, 2019MM12, 2020MM01, 2020MM02`.
    public static func months(from start: (year: Int, month: Int), through end: (year: Int, month: Int)) -> [String] {
        precondition((1...12).contains(start.month) && (1...12).contains(end.month), "months are 1…12")
        var result: [String] = []
        var (year, month) = start
        while (year, month) <= end {
            result.append("\(year)MM" + (month < 10 ? "0\(month)" : "\(month)"))
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return result
    }

    /// The year keys `YYYYJJ00` from one year through another, both included.
    public static func years(_ years: ClosedRange<Int>) -> [String] {
        years.map { "\($0)JJ00" }
    }

    /// True when `name` can be used as a field name: letters, digits and `_`, not starting with a digit.
    public static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    private static func checked(_ field: String) -> String {
        precondition(isIdentifier(field), "'\(field)' is not an OData field name")
        return field
    }

    /// `'text'` with single quotes doubled, as OData escapes them.
    private static func literal(_ text: String) -> String {
        var quoted = "'"
        for character in text {
            quoted.append(character)
            if character == "'" { quoted.append("'") }
        }
        return quoted + "'"
    }

    private static func padded(_ key: String, width: Int?) -> String {
        guard let width, key.count < width else { return key }
        return key + String(repeating: " ", count: width - key.count)
    }
}
