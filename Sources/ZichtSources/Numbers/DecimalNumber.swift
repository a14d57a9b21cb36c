/// Numbers written by people in data and configuration files.
enum DecimalNumber {
    /// A finite number written with digits, an optional sign, decimal point and exponent (`1000`,
    /// `-2.5`, `1e3`); nil for anything else. Unlike `Double(_:)` this refuses "nan", "inf",
    /// hexadecimal forms, and numbers too large for a Double (which `Double(_:)` reads as infinite).
    static func finite(_ text: String) -> Double? {
        guard !text.isEmpty, text.utf8.allSatisfy({ byte in
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }), let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
