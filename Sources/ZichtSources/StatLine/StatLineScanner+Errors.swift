/// The located errors that the scanner throws. Only called on the error path, so they may walk the
/// record again to find the line and character column.
extension StatLineScanner {
    /// `column "Name" (field 3)`, or `field 3` when the column has no name (in the header).
    static func fieldLabel(_ index: Int, names: [String]) -> String {
        index < names.count ? "column \"\(names[index])\" (field \(index + 1))" : "field \(index + 1)"
    }

    /// File line and 1-based character column of `buffer[target]`, walking from the start of the
    /// record that starts at `buffer[start]` on file line `line`.
    func location(of target: Int, recordStart start: Int, line: Int) -> (line: Int, column: Int) {
        var line = line
        var column = 1
        var position = start
        while position < target {
            let byte = buffer[position]
            if byte == StatLineByte.lineFeed {
                line += 1
                column = 1
            } else if byte == StatLineByte.carriageReturn {
                if !(position + 1 < filledCount && buffer[position + 1] == StatLineByte.lineFeed) {
                    line += 1
                    column = 1
                }
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            position += 1
        }
        return (line, column)
    }

    /// Whether the field whose content starts at record offset `start` is quoted.
    func isQuoted(fieldStart start: Int32, recordStart: Int) -> Bool {
        start > 0 && buffer[recordStart + Int(start) - 1] == StatLineByte.quote
    }

    func fieldCountError(_ record: StatLineRecord, expected: Int) -> StatLineCSVError {
        let found = record.fieldCount
        let separatorText = String(Character(Unicode.Scalar(separator)))
        if found < expected {
            let last = spans[found - 1]
            let after = record.start + Int(last.end) + (isQuoted(fieldStart: last.start, recordStart: record.start) ? 1 : 0)
            let place = location(of: after, recordStart: record.start, line: record.line)
            let name = found < columnNames.count ? columnNames[found] : nil
            let missing = name.map { "the row ends before column \"\($0)\"" } ?? "the row ends too early"
            return StatLineCSVError(
                code: .wrongFieldCount, file: file, line: place.line, column: place.column, columnName: name,
                expected: "\(expected) fields", found: "\(found) field\(found == 1 ? "" : "s")",
                message: "expected \(expected) fields (one per column), found \(found): \(missing)",
                hint: "Every row needs a value for every column, separated by '\(separatorText)'; an empty value is written as \"\".")
        }
        let extra = spans[expected]
        let start = record.start + Int(extra.start) - (isQuoted(fieldStart: extra.start, recordStart: record.start) ? 1 : 0)
        let place = location(of: start, recordStart: record.start, line: record.line)
        let name = expected - 1 < columnNames.count ? columnNames[expected - 1] : nil
        let after = name.map { "there is an extra field after column \"\($0)\"" } ?? "there is an extra field"
        return StatLineCSVError(
            code: .wrongFieldCount, file: file, line: place.line, column: place.column, columnName: name,
            expected: "\(expected) fields", found: "\(found) fields",
            message: "expected \(expected) fields (one per column), found \(found): \(after)",
            hint: "A value that contains '\(separatorText)' must be quoted (\"a\(separatorText)b\"); check for a stray '\(separatorText)', for example at the end of the line.")
    }

    func invalidUTF8Error(_ record: StatLineRecord, at offset: Int) -> StatLineCSVError {
        var field: Int?
        for index in 0..<record.fieldCount where Int(spans[index].start) <= offset && offset < Int(spans[index].end) {
            field = index
            break
        }
        let place = location(of: record.start + offset, recordStart: record.start, line: record.line)
        let byte = buffer[record.start + offset]
        let hex = "0x" + String(byte, radix: 16, uppercase: true)
        let label = field.map { Self.fieldLabel($0, names: columnNames) + ": " } ?? ""
        return StatLineCSVError(
            code: .invalidUTF8, file: file, line: place.line, column: place.column,
            columnName: field.flatMap { $0 < columnNames.count ? columnNames[$0] : nil },
            expected: "UTF-8 text", found: "byte \(hex)",
            message: "\(label)invalid UTF-8: found byte \(hex)",
            hint: "The file seems to be in Latin-1 or Windows-1252. Convert it to UTF-8, for example with `iconv -f WINDOWS-1252 -t UTF-8`, or download it again from StatLine.")
    }

    func unterminatedQuoteError(fieldIndex: Int, quoteAt quote: Int) -> StatLineCSVError {
        let place = location(of: quote, recordStart: recordStart, line: recordLine)
        return StatLineCSVError(
            code: .unterminatedQuote, file: file, line: place.line, column: place.column,
            columnName: fieldIndex < columnNames.count ? columnNames[fieldIndex] : nil,
            expected: "a closing '\"'", found: "the end of the file",
            message: "\(Self.fieldLabel(fieldIndex, names: columnNames)): the quoted value that starts here is not closed before the end of the file",
            hint: "Add the closing '\"'. A '\"' inside a quoted value is written as '\"\"'.")
    }

    func textAfterQuoteError(fieldIndex: Int, at position: Int) -> StatLineCSVError {
        let place = location(of: position, recordStart: recordStart, line: recordLine)
        let separatorText = String(Character(Unicode.Scalar(separator)))
        var end = position
        while end < position + 16 && end < filledCount && !(buffer[end] == separator || buffer[end] == StatLineByte.lineFeed || buffer[end] == StatLineByte.carriageReturn) {
            end += 1
        }
        let text = String(decoding: UnsafeBufferPointer(start: buffer + position, count: end - position), as: UTF8.self)
        return StatLineCSVError(
            code: .textAfterQuote, file: file, line: place.line, column: place.column,
            columnName: fieldIndex < columnNames.count ? columnNames[fieldIndex] : nil,
            expected: "'\(separatorText)' or a line end after the closing quote", found: StatLineCSVError.quoted(text),
            message: "\(Self.fieldLabel(fieldIndex, names: columnNames)): expected '\(separatorText)' or a line end after the closing quote, found \(StatLineCSVError.quoted(text))",
            hint: "A '\"' inside a quoted value is written as '\"\"', for example \"Kop \"\"A\"\"\".")
    }
}

/// UTF-8 validation (Unicode 15, table 3-7: well-formed byte sequences; no overlong forms, no
/// surrogates, nothing above U+10FFFF).
enum StatLineUTF8 {
    /// Offset of the first byte that does not start or continue a well-formed sequence, or nil.
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let continuation: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: continuation = 1
            case 0xE0: continuation = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: continuation = 2
            case 0xED: continuation = 2; high = 0x9F
            case 0xF0: continuation = 3; low = 0x90
            case 0xF1...0xF3: continuation = 3
            case 0xF4: continuation = 3; high = 0x8F
            default: return index
            }
            guard index + continuation < count else { return index }
            let second = bytes[index + 1]
            guard second >= low && second <= high else { return index }
            var next = index + 2
            while next <= index + continuation {
                guard bytes[next] & 0xC0 == 0x80 else { return index }
                next += 1
            }
            index = next
        }
        return nil
    }
}
