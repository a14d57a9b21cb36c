/// One cell of an OData reply: a string, a number, or `null`.
///
/// The three stay distinct on purpose. CBS writes `null` for a value that is withheld (too small to
/// publish) or cannot occur; that is not zero, and not an empty string. Dimension keys are strings
/// and keep their padding (`"GM0193    "`); trim them when you compare (``trimmedString``).
///
/// A JSON `true`/`false` (not used in TypedDataSet rows) becomes `.string("true")`/`.string("false")`.
public enum ODataValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case null

    /// The string, or nil for a number or `null`.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The string without the space padding CBS puts around keys, or nil for a number or `null`.
    public var trimmedString: String? {
        string.map(ODataValue.trimmingSpaces)
    }

    /// The number, or nil for a string or `null`. A withheld value (`null`) is not zero.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }

    public var description: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .number(let value):
            return value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .null: return "null"
        }
    }

    /// Removes leading and trailing spaces (and tabs), as CBS pads keys to a fixed width.
    static func trimmingSpaces(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

/// One row of an OData reply (`value[i]`), with its fields in the order the server sent them.
///
/// ```
/// let count = row["GeregistreerdeMisdrijven_1"]   // .number(15), or .null when withheld
/// let buurt = row["WijkenEnBuurten"]?.trimmedString  // "BU01931000"
/// ```
public struct ODataRow: Sendable, Hashable, CustomStringConvertible {
    /// The field names, in reply order.
    public let names: [String]
    /// The values, one per name.
    public let values: [ODataValue]

    public init(_ fields: [(String, ODataValue)]) {
        names = fields.map(\.0)
        values = fields.map(\.1)
    }

    /// The value of a field, or nil when the row has no such field. (A present field that is
    /// `null` gives `.null`, not nil.)
    public subscript(name: String) -> ODataValue? {
        guard let index = names.firstIndex(of: name) else { return nil }
        return values[index]
    }

    /// The fields as name–value pairs, in reply order.
    public var fields: [(name: String, value: ODataValue)] {
        Array(zip(names, values)).map { (name: $0.0, value: $0.1) }
    }

    public var description: String {
        "{" + zip(names, values).map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
