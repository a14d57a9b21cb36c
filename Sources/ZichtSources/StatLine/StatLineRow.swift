/// What a row needs to describe its errors: the file and the column names. One per
/// `forEachRow` call, so that making a row costs no reference counting.
final class StatLineRowContext {
    let file: String
    let columnNames: [String]

    init(file: String, columnNames: [String]) {
        self.file = file
        self.columnNames = columnNames
    }
}

/// One data row of a StatLine CSV file, lent to the body of ``StatLineCSVReader/forEachRow(_:)``.
///
/// A row is a view into the reader's buffer: nothing is copied or decoded until a field is asked
/// for, and numbers are parsed from the bytes without making a `String`. It is `~Copyable` and
/// lent as `borrowing`, so it cannot outlive the call; copy what you need into your own values.
///
/// Field indexes are column indexes of ``StatLineCSVReader/header``; use
/// ``StatLineCSVReader/column(named:)`` once, before the loop, to find them.
public struct StatLineRow: ~Copyable {
    private let bytes: UnsafePointer<UInt8>
    private let spans: UnsafePointer<StatLineFieldSpan>
    unowned(unsafe) private let context: StatLineRowContext

    /// Number of fields (always the number of columns in the header).
    public let count: Int
    /// 1-based file line on which the row starts.
    public let line: Int

    init(bytes: UnsafePointer<UInt8>, spans: UnsafePointer<StatLineFieldSpan>, count: Int, line: Int, context: StatLineRowContext) {
        self.bytes = bytes
        self.spans = spans
        self.count = count
        self.line = line
        self.context = context
    }

    /// The text of field `index`: unquoted, `""` made `"`, leading and trailing spaces removed.
    public func string(_ index: Int) -> String {
        precondition(index >= 0 && index < count, "field index \(index) out of range 0..<\(count)")
        let span = spans[index]
        let raw = UnsafeBufferPointer(start: bytes + Int(span.start), count: Int(span.end - span.start))
        if span.escaped {
            return StatLineText.unescaped(raw).withUnsafeBufferPointer { unescaped in
                let trimmed = StatLineText.trimmedRange(unescaped.baseAddress!, count: unescaped.count)
                return String(decoding: trimmed, as: UTF8.self)
            }
        }
        return String(decoding: StatLineText.trimmedRange(raw.baseAddress!, count: raw.count), as: UTF8.self)
    }

    /// A dimension key (`"GM0193    "`, `"NL01  "`, `"1.1.1 "`) without its padding: the same as
    /// ``string(_:)``, named for what it is used for.
    public func key(_ index: Int) -> String {
        string(index)
    }

    /// Whether field `index` and `key`, both unquoted and without surrounding spaces, are equal.
    /// Compares bytes, so a filter such as `row.key(regio, equals: "GM0193")` allocates nothing
    /// (and `"GM0193    "`, the padded form used in OData filters, matches too).
    public func key(_ index: Int, equals key: String) -> Bool {
        precondition(index >= 0 && index < count, "field index \(index) out of range 0..<\(count)")
        let span = spans[index]
        if span.escaped { return string(index) == StatLineText.trimmed(key) }
        let field = StatLineText.trimmedRange(bytes + Int(span.start), count: Int(span.end - span.start))
        var key = key
        return key.withUTF8 { utf8 in
            guard let start = utf8.baseAddress else { return field.isEmpty }
            return StatLineText.trimmedRange(start, count: utf8.count).elementsEqual(field)
        }
    }

    /// The value of field `index` in a measure column: a number, `.unknown` (`.`) or `.empty`.
    ///
    /// Spaces around the number are allowed (CBS right-aligns numbers: `"     805"`), as are a
    /// sign and a decimal point. No `String` is made unless the number has more than 15 digits or
    /// an exponent.
    ///
    /// - Throws: ``StatLineCSVError`` with code `.notANumber`, located at the field, naming the
    ///   column, with `expected` "a number, '.' or empty" and `found` the text; a decimal comma
    ///   (`"6,5"`) gets a hint of its own.
    public func value(_ index: Int) throws(StatLineCSVError) -> StatLineValue {
        precondition(index >= 0 && index < count, "field index \(index) out of range 0..<\(count)")
        let span = spans[index]
        if !span.escaped, case .value(let value) = StatLineNumberParser.parse(bytes + Int(span.start), count: Int(span.end - span.start)) {
            return value
        }
        throw notANumberError(index)
    }

    private func notANumberError(_ index: Int) -> StatLineCSVError {
        let text = string(index)
        let span = spans[index]
        let fieldStart = Int(span.start) - (span.start > 0 && bytes[Int(span.start) - 1] == StatLineByte.quote ? 1 : 0)
        let place = location(of: fieldStart)
        let names = context.columnNames
        let expected = "a number, '.' or empty"
        return StatLineCSVError(
            code: .notANumber, file: context.file, line: place.line, column: place.column,
            columnName: index < names.count ? names[index] : nil, expected: expected, found: StatLineCSVError.quoted(text),
            message: "\(StatLineScanner.fieldLabel(index, names: names)): expected \(expected), found \(StatLineCSVError.quoted(text))",
            hint: StatLineNumberParser.hint(for: text))
    }

    /// File line and character column of the byte at record offset `offset`.
    private func location(of offset: Int) -> (line: Int, column: Int) {
        var line = line
        var column = 1
        for position in 0..<offset {
            let byte = bytes[position]
            if byte == StatLineByte.lineFeed {
                line += 1
                column = 1
            } else if byte == StatLineByte.carriageReturn {
                if bytes[position + 1] != StatLineByte.lineFeed {
                    line += 1
                    column = 1
                }
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
