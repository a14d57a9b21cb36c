import Foundation

/// A fast, streaming reader for CSV files from CBS StatLine and the police open-data portal.
///
/// The reader works on bytes. It reads the file in chunks of `chunkSize` bytes (1 MB by default)
/// and carries an unfinished record over to the next chunk, so its memory is one chunk plus the
/// longest record, whatever the size of the file. It handles what these files contain:
/// - a UTF-8 byte order mark (skipped), LF, CRLF or CR line ends;
/// - `;` or `,` between fields, detected from the header (a tab-separated file is refused);
/// - quoted and unquoted fields in any mix (RFC 4180: `""` is a quote inside a quoted field, which
///   may also contain separators and line breaks);
/// - space-padded keys (`"GM0193    "`) and numbers (`"     805"`), `.` for an unknown value and an
///   empty cell for a value that cannot occur (see ``StatLineValue``).
///
/// Every problem in the file is a ``StatLineCSVError`` that names the file, line, column and
/// column name, what was expected and what was found: never a crash.
///
/// ## Zero-copy rows
/// ``forEachRow(_:)`` lends each row to a closure as a `borrowing` ``StatLineRow``, a view into the
/// reader's buffer. A field becomes a `String` or a number only when the closure asks for it, so a
/// loop that reads one measure column makes no allocations per row. Find column indexes with
/// ``column(named:)`` before the loop.
///
/// ```swift
/// let reader = try StatLineCSVReader(url: url, displayName: "83648NED.csv")
/// let regio = try reader.requireColumn(named: "RegioS")
/// let count = try reader.requireColumn(named: "TotaalGeregistreerdeMisdrijven_1")
/// var total = 0.0
/// try reader.forEachRow { row in
///     if row.key(regio, equals: "GM0193"), case .number(let value) = try row.value(count) {
///         total += value
///     }
/// }
/// ```
///
/// `init` reads only the header; each ``forEachRow(_:)`` call opens the file again and streams
/// the rows, so a reader is a plain `Sendable` value that can read its file more than once.
public struct StatLineCSVReader: Sendable {
    /// The chunk size used when none is given: 1 MiB.
    public static let defaultChunkSize = 1 << 20
    /// The most columns a file may have: 4,096. The widest real file we know has 315 (CBS's
    /// regional key figures, 70072ned); every column costs work in every row, and some readers
    /// make one series per column.
    public static let maximumColumns = 4_096

    public let url: URL
    /// The file's bytes, when the reader was given them instead of reading the file.
    private let bytes: Data?
    /// The name used in error messages (for example the path relative to the project).
    public let displayName: String
    /// Bytes asked for per read.
    public let chunkSize: Int
    /// Column names from the first line: unquoted, without surrounding spaces.
    public let header: [String]
    /// The field separator, `;` or `,`.
    public let separator: Character
    /// Whether the file starts with a UTF-8 byte order mark.
    public let hasByteOrderMark: Bool
    /// Which kind of StatLine file this is, judged from the header.
    public let layout: StatLineLayout

    private let separatorByte: UInt8
    /// File line on which the header starts.
    private let headerLine: Int
    /// File offset and line of the first byte after the header.
    private let dataOffset: Int
    private let dataLine: Int

    /// Opens a StatLine CSV file and reads its header.
    ///
    /// - Parameters:
    ///   - url: A file URL.
    ///   - displayName: The name to use in error messages.
    ///   - chunkSize: Bytes asked for per read, clamped to 1 byte … 1 GiB. Small sizes exist for tests.
    /// - Throws: ``StatLineCSVError`` when the file cannot be read, is empty, is not separated by
    ///   `;` or `,`, has fewer than two columns or an empty column name, or is not UTF-8.
    public init(url: URL, displayName: String, chunkSize: Int = StatLineCSVReader.defaultChunkSize) throws(StatLineCSVError) {
        guard url.isFileURL else {
            throw StatLineCSVError(code: .cannotRead, file: displayName, message: "not a file URL: \(url.absoluteString)")
        }
        InputReadLog.note(url.path)
        try self.init(scanner: try StatLineScanner(path: url.path, file: displayName, chunkSize: chunkSize), url: url, displayName: displayName, bytes: nil)
    }

    /// Reads the header from `data` when the file's bytes were read into memory already (for
    /// example to hash them), so that the file is read from disk once; from the file when nil.
    /// - Parameters:
    ///   - url: the file (kept for ``url``; read only when `data` is nil).
    ///   - data: the whole file, or nil.
    public init(url: URL, data: Data?, displayName: String, chunkSize: Int = StatLineCSVReader.defaultChunkSize) throws(StatLineCSVError) {
        guard let data else {
            try self.init(url: url, displayName: displayName, chunkSize: chunkSize)
            return
        }
        try self.init(scanner: StatLineScanner(bytes: data, file: displayName, chunkSize: chunkSize), url: url, displayName: displayName, bytes: data)
    }

    private init(scanner: consuming StatLineScanner, url: URL, displayName: String, bytes: Data?) throws(StatLineCSVError) {
        var scanner = scanner
        let hasByteOrderMark = try scanner.skipByteOrderMark()
        try scanner.detectSeparator()
        guard let record = try scanner.next() else {
            throw StatLineCSVError(code: .emptyFile, file: displayName, line: 1, message: "the file is empty; expected a header line with the column names")
        }
        let row = StatLineRow(
            bytes: scanner.buffer + record.start, spans: scanner.spans, count: record.fieldCount, line: record.line,
            context: StatLineRowContext(file: displayName, columnNames: []))
        if record.fieldCount > Self.maximumColumns {
            throw StatLineCSVError(
                code: .tooManyColumns, file: displayName, line: record.line, column: Self.maximumColumns + 1,
                expected: "at most \(Self.maximumColumns) columns", found: "\(record.fieldCount) columns",
                message: "the header has \(record.fieldCount) columns; Zicht reads files of at most \(Self.maximumColumns) columns",
                hint: "Select fewer topics when downloading the table, or split the file.")
        }
        let names = (0..<record.fieldCount).map { row.string($0) }
        if names.count < 2 {
            throw StatLineCSVError(
                code: .invalidHeader, file: displayName, line: record.line, column: 1,
                expected: "at least 2 column names", found: StatLineCSVError.quoted(names.first ?? ""),
                message: "the header has fewer than 2 columns: found \(StatLineCSVError.quoted(names.first ?? ""))")
        }
        if let empty = names.firstIndex(of: "") {
            throw StatLineCSVError(
                code: .invalidHeader, file: displayName, line: record.line, expected: "a column name", found: "\"\"",
                message: "field \(empty + 1) of the header is empty; every column needs a name",
                hint: names.first == "TableInfos"
                    ? StatLineCSVError.metadataExportHint
                    : "Check for a '\(Character(Unicode.Scalar(scanner.separator)))' too many, for example at the end of the header line.")
        }
        var firstField: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if let first = firstField[name] {
                throw StatLineCSVError(
                    code: .invalidHeader, file: displayName, line: record.line, expected: "unique column names",
                    found: StatLineCSVError.quoted(name),
                    message: "column \(StatLineCSVError.quoted(name)) appears twice in the header, as field \(first + 1) and field \(index + 1)",
                    hint: "Remove or rename one of them: Zicht cannot tell which one holds the values.")
            }
            firstField[name] = index
        }
        self.url = url
        self.bytes = bytes
        self.displayName = displayName
        self.chunkSize = scanner.chunkSize
        self.header = names
        self.separatorByte = scanner.separator
        self.separator = Character(Unicode.Scalar(scanner.separator))
        self.hasByteOrderMark = hasByteOrderMark
        self.layout = StatLineLayout(header: names)
        self.headerLine = record.line
        self.dataOffset = scanner.offset
        self.dataLine = scanner.currentLine
    }

    /// The index of the column called `name` (compared after trimming spaces), or nil.
    public func column(named name: String) -> Int? {
        let wanted = StatLineText.trimmed(name)
        return header.firstIndex(of: wanted)
    }

    /// The index of the column called `name`.
    ///
    /// - Throws: ``StatLineCSVError`` with code `.unknownColumn`, located at the header line, that
    ///   lists the columns the file does have.
    public func requireColumn(named name: String) throws(StatLineCSVError) -> Int {
        if let index = column(named: name) { return index }
        let listed = header.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ") + (header.count > 12 ? ", …" : "")
        throw StatLineCSVError(
            code: .unknownColumn, file: displayName, line: headerLine, columnName: name,
            expected: "a column \"\(name)\"", found: "\(header.count) other columns",
            message: "the header has no column \"\(name)\"",
            hint: "The columns are \(listed). Check the table id and whether the download has keys (CBS) or labels (police portal).")
    }

    /// Calls `body` with every data row, in file order, streaming the file in chunks.
    ///
    /// The row is lent to `body` and valid only during the call (see ``StatLineRow``). Empty lines
    /// are skipped. Every row must have exactly one field per column.
    ///
    /// - Throws: ``StatLineCSVError`` for a problem in the file (wrong number of fields, an
    ///   unterminated quote, text after a closing quote, invalid UTF-8, no data rows at all, a read
    ///   error), or the error `body` throws, unchanged. Rows before the problem have been passed to
    ///   `body` already.
    public func forEachRow(_ body: (borrowing StatLineRow) throws -> Void) throws {
        var scanner =
            if let bytes {
                StatLineScanner(bytes: bytes, file: displayName, chunkSize: chunkSize, offset: dataOffset, line: dataLine)
            } else {
                try StatLineScanner(path: url.path, file: displayName, chunkSize: chunkSize, offset: dataOffset, line: dataLine)
            }
        scanner.separator = separatorByte
        scanner.columnNames = header
        scanner.expectedFieldCount = header.count
        let context = StatLineRowContext(file: displayName, columnNames: header)
        // Rows hold the context unowned; keep it alive until the loop is done.
        defer { withExtendedLifetime(context) {} }
        var rows = 0
        while let record = try scanner.next() {
            rows += 1
            let row = StatLineRow(
                bytes: scanner.buffer + record.start, spans: scanner.spans, count: record.fieldCount, line: record.line,
                context: context)
            try body(row)
        }
        if rows == 0 {
            throw StatLineCSVError(
                code: .noDataRows, file: displayName, line: max(dataLine, headerLine + 1), expected: "data rows after the header", found: "the end of the file",
                message: "the file has a header but no data rows",
                hint: "The download matched no rows: check the selection (regions, periods, topics) it was made with.")
        }
    }
}
