/// The start of the file: byte order mark and separator detection, before the first record.
extension StatLineScanner {
    /// Skips a UTF-8 byte order mark at the current position. Returns whether there was one.
    mutating func skipByteOrderMark() throws(StatLineCSVError) -> Bool {
        while filled - index < 3 && !atEnd { try refill(keepingFrom: index) }
        guard filled - index >= 3, buffer[index] == 0xEF, buffer[index + 1] == 0xBB, buffer[index + 2] == 0xBF else {
            return false
        }
        index += 3
        return true
    }

    /// Looks at the first record (the header) and sets `separator` to `;` or `,`, whichever occurs
    /// more often outside quotes (`;` on a tie). Leading empty lines are skipped.
    ///
    /// - Throws: `.emptyFile` when there is no header, `.unsupportedSeparator` when tabs separate the
    ///   names, `.invalidHeader` when there is only one name.
    mutating func detectSeparator() throws(StatLineCSVError) {
        // Skip empty lines before the header.
        while true {
            if index == filled {
                if atEnd { throw StatLineCSVError(code: .emptyFile, file: file, line: line, message: "the file is empty; expected a header line with the column names") }
                try refill(keepingFrom: index)
                continue
            }
            let byte = buffer[index]
            if byte == StatLineByte.lineFeed {
                line += 1
            } else if byte == StatLineByte.carriageReturn {
                if index + 1 == filled && !atEnd { try refill(keepingFrom: index); continue }
                if index + 1 == filled || buffer[index + 1] != StatLineByte.lineFeed { line += 1 }
            } else {
                break
            }
            index += 1
        }
        var counts = (semicolon: 0, comma: 0, tab: 0, other: [UInt8]())
        var inQuotes = false
        var position = index
        scan: while true {
            while position < filled {
                let byte = buffer[position]
                if byte == StatLineByte.quote {
                    inQuotes.toggle()
                } else if !inQuotes {
                    switch byte {
                    case StatLineByte.lineFeed, StatLineByte.carriageReturn: break scan
                    case StatLineByte.semicolon: counts.semicolon += 1
                    case StatLineByte.comma: counts.comma += 1
                    case StatLineByte.tab: counts.tab += 1
                    case UInt8(ascii: "|"), UInt8(ascii: ":"): counts.other.append(byte)
                    default: break
                    }
                }
                position += 1
            }
            if atEnd { break }
            let scanned = position - index
            try refill(keepingFrom: index)
            position = index + scanned
        }
        let headerText = String(decoding: UnsafeBufferPointer(start: buffer + index, count: position - index), as: UTF8.self)
        if counts.tab > max(counts.semicolon, counts.comma) {
            throw StatLineCSVError(
                code: .unsupportedSeparator, file: file, line: line, column: 1, expected: "';' or ','",
                found: "tab", message: "the header is separated by tabs; expected ';' or ',' between the column names",
                hint: "Tab-separated files are not supported. Download the table from StatLine as CSV, which uses ';'.")
        }
        if counts.semicolon == 0 && counts.comma == 0 {
            var hint = "A StatLine CSV file starts with the column names separated by ';', for example \"ID\";\"RegioS\";\"Perioden\";…"
            if StatLineText.trimmed(headerText) == "\"TableInfos\"" || StatLineText.trimmed(headerText) == "TableInfos" {
                hint = StatLineCSVError.metadataExportHint
            } else if StatLineText.trimmed(headerText).hasPrefix("\"") && StatLineText.trimmed(headerText).hasSuffix("\"") {
                hint = "The first line is a title, not column names: this looks like a table downloaded from the StatLine or data.politie.nl website, which puts the title and the periods above the table. Download the data set itself (API or 'onbewerkte dataset'), whose first line names the columns."
            } else if let other = counts.other.first {
                hint = "Only ';' and ',' are supported as separators; this header seems to use '\(Character(Unicode.Scalar(other)))'."
            }
            throw StatLineCSVError(
                code: .invalidHeader, file: file, line: line, column: 1, expected: "at least 2 column names separated by ';' or ','",
                found: StatLineCSVError.quoted(headerText),
                message: "the header has fewer than 2 columns: found \(StatLineCSVError.quoted(headerText))", hint: hint)
        }
        separator = counts.semicolon >= counts.comma ? StatLineByte.semicolon : StatLineByte.comma
    }
}
