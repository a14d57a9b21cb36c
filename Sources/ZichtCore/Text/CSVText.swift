import Foundation

/// Fields of the CSV files Zicht writes (RFC 4180, comma-separated), safe to open in a spreadsheet.
///
/// A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
/// LibreOffice and Google Sheets as a formula (`=HYPERLINK(…)` in a buurt name would become a live
/// link). Such cells get a leading apostrophe, as OWASP's "CSV Injection" guidance recommends;
/// numbers, including negative ones such as `-1.5`, are left as they are.
public enum CSVText {
    /// One field: neutralised when it could be read as a formula, quoted when it holds a comma,
    /// a quote or a line break.
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, formulaStarts.contains(first), !isPlainNumber(value) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of fields, without the line break.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether `text` is a plain decimal number such as `-12`, `-1.5` or `-2.5e-3`.
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "-" || scalars.first == "+" { scalars = scalars.dropFirst() }
        var digits = 0, dots = 0, exponent = false
        var previous: Unicode.Scalar?
        for scalar in scalars {
            switch scalar {
            case "0"..."9": digits += 1
            case "." where dots == 0 && !exponent: dots += 1
            case "e", "E" where digits > 0 && !exponent: exponent = true
            case "-", "+" where previous == "e" || previous == "E": break
            default: return false
            }
            previous = scalar
        }
        return digits > 0 && previous.map { ("0"..."9").contains($0) || $0 == "." } == true
    }
}
