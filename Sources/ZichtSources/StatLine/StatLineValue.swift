/// One cell of a StatLine measure column.
///
/// CBS writes `.` for a value that is unknown or withheld (too small to publish), and leaves the
/// cell empty when the value cannot occur. Neither is zero.
public enum StatLineValue: Equatable, Sendable {
    case number(Double)
    /// `.`: unknown, or suppressed because the numbers are too small.
    case unknown
    /// An empty cell: the value cannot occur (or is missing).
    case empty

    /// The number, or nil for `.unknown` and `.empty`.
    public var number: Double? {
        if case .number(let value) = self { value } else { nil }
    }
}

/// Converts the bytes of a cell to a ``StatLineValue`` without making a `String`.
enum StatLineNumberParser {
    enum Result {
        case value(StatLineValue)
        case invalid
    }

    /// Exact powers of ten: every 10ⁿ with n ≤ 22 is a `Double` without rounding.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Parses `[spaces][+|-]digits[.digits][(e|E)[+|-]digits][spaces]` (at least one digit), a
    /// lone `.` (unknown) or nothing but spaces (empty).
    ///
    /// Fast path (Clinger, "How to read floating point numbers accurately", PLDI 1990): with at
    /// most 15 significant digits the digits form an integer below 2⁵³, and n ≤ 22 decimals make
    /// 10ⁿ exact, so one IEEE division gives the correctly rounded result. Longer numbers and
    /// exponents go to the standard library's `Double(_:)`, which is also correctly rounded.
    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, count: Int) -> Result {
        var position = start
        var end = start + count
        while position < end && (position.pointee == StatLineByte.space || position.pointee == StatLineByte.tab) { position += 1 }
        while end > position && (end[-1] == StatLineByte.space || end[-1] == StatLineByte.tab) { end -= 1 }
        if position == end { return .value(.empty) }
        if end - position == 1 && position.pointee == StatLineByte.dot { return .value(.unknown) }
        let trimmedStart = position
        var negative = false
        if position.pointee == UInt8(ascii: "-") {
            negative = true
            position += 1
        } else if position.pointee == UInt8(ascii: "+") {
            position += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        while position < end, case let digit = position.pointee &- 0x30, digit < 10 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            digits += 1
            position += 1
        }
        var decimals = 0
        if position < end && position.pointee == StatLineByte.dot {
            position += 1
            while position < end, case let digit = position.pointee &- 0x30, digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                decimals += 1
                position += 1
            }
        }
        guard digits + decimals > 0 else { return .invalid }
        if position == end && digits + decimals <= 15 {
            let magnitude = Double(mantissa) / powersOfTen[decimals]
            return .value(.number(negative ? -magnitude : magnitude))
        }
        if position < end {
            // Only an exponent may follow.
            guard position.pointee | 0x20 == UInt8(ascii: "e") else { return .invalid }
            position += 1
            if position < end && (position.pointee == UInt8(ascii: "-") || position.pointee == UInt8(ascii: "+")) { position += 1 }
            var exponentDigits = 0
            while position < end && position.pointee &- 0x30 < 10 {
                exponentDigits += 1
                position += 1
            }
            guard exponentDigits > 0 && position == end else { return .invalid }
        }
        let text = String(decoding: UnsafeBufferPointer(start: trimmedStart, count: end - trimmedStart), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return .invalid }
        return .value(.number(value))
    }

    /// A hint for a cell that is not a number, when the mistake is recognisable.
    static func hint(for text: String) -> String {
        let body = text.drop { $0 == "-" || $0 == "+" }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) {
            return "This is a decimal comma: StatLine files use a decimal point (\(text.replacingComma)). Download the CSV again from StatLine, or convert the decimal separator."
        }
        let dotted = body.split(separator: ".", omittingEmptySubsequences: false)
        if dotted.count > 2, dotted.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) {
            return "Numbers are written without thousands separators, for example 16900726."
        }
        return "StatLine writes numbers with a decimal point, \".\" for an unknown or suppressed value, and nothing for a value that cannot occur."
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isWholeNumber }
}

extension String {
    fileprivate var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}

/// Trimming and unescaping of field text.
enum StatLineText {
    /// `text` without leading and trailing spaces and tabs.
    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    /// The bytes of `buffer` with every `""` pair made one `"`.
    static func unescaped(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(buffer.count)
        var index = 0
        while index < buffer.count {
            let byte = buffer[index]
            result.append(byte)
            index += byte == StatLineByte.quote && index + 1 < buffer.count && buffer[index + 1] == StatLineByte.quote ? 2 : 1
        }
        return result
    }

    /// The range of `buffer` without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmedRange(_ start: UnsafePointer<UInt8>, count: Int) -> UnsafeBufferPointer<UInt8> {
        var first = start
        var end = start + count
        while first < end && (first.pointee == StatLineByte.space || first.pointee == StatLineByte.tab) { first += 1 }
        while end > first && (end[-1] == StatLineByte.space || end[-1] == StatLineByte.tab) { end -= 1 }
        return UnsafeBufferPointer(start: first, count: end - first)
    }
}
