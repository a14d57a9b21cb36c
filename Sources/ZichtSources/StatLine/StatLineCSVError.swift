import ZichtCore

/// A problem in a StatLine CSV file, located by file, line, column and column name.
///
/// `description` renders `file:line: error: message` followed by an indented hint, the form that
/// CI logs and editors understand; `diagnostic` gives the same problem as a ZichtCore
/// ``Diagnostic`` that also carries the character column, so a build can list it with its other
/// problems.
///
/// ```
/// cbs-83648NED.csv:12: error: column "TotaalGeregistreerdeMisdrijven_1" (field 5): expected a number, '.' or empty, found "12a"
///     hint: StatLine writes numbers with a decimal point, "." for an unknown value and nothing for a value that cannot occur.
/// ```
public struct StatLineCSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is. A struct around a private enum, so that kinds can be added
    /// without breaking callers that switch over them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case cannotRead = "cannot read"
            case emptyFile = "empty file"
            case invalidHeader = "invalid header"
            case unsupportedSeparator = "unsupported separator"
            case noDataRows = "no data rows"
            case wrongFieldCount = "wrong number of fields"
            case unterminatedQuote = "unterminated quote"
            case textAfterQuote = "text after closing quote"
            case invalidUTF8 = "invalid UTF-8"
            case notANumber = "not a number"
            case recordTooLong = "record too long"
            case unknownColumn = "unknown column"
            case duplicateRow = "duplicate row"
            case tooManyColumns = "too many columns"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The file could not be opened or read.
        public static let cannotRead = Code(.cannotRead)
        /// The file has no bytes (apart from a byte order mark).
        public static let emptyFile = Code(.emptyFile)
        /// The header has fewer than two columns, or an empty column name.
        public static let invalidHeader = Code(.invalidHeader)
        /// The header is separated by tabs or by something else than `;` or `,`.
        public static let unsupportedSeparator = Code(.unsupportedSeparator)
        /// The file has a header but no data rows.
        public static let noDataRows = Code(.noDataRows)
        /// A row has more or fewer fields than the header has columns.
        public static let wrongFieldCount = Code(.wrongFieldCount)
        /// A quoted field is still open at the end of the file.
        public static let unterminatedQuote = Code(.unterminatedQuote)
        /// A closing quote is followed by something else than a separator or a line end.
        public static let textAfterQuote = Code(.textAfterQuote)
        /// The bytes are not valid UTF-8 (often a Latin-1 or Windows-1252 export).
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// A value that should be a number, `.` or empty is something else.
        public static let notANumber = Code(.notANumber)
        /// One record is longer than the reader's limit, usually because a quote is never closed.
        public static let recordTooLong = Code(.recordTooLong)
        /// A column that the caller requires is not in the header.
        public static let unknownColumn = Code(.unknownColumn)
        /// Two rows describe the same region, period and dimensions.
        public static let duplicateRow = Code(.duplicateRow)
        /// The header has more columns than ``StatLineCSVReader/maximumColumns``.
        public static let tooManyColumns = Code(.tooManyColumns)

        public var description: String { wrapped.rawValue }
    }

    public var code: Code
    /// The file's display name (as given to the reader).
    public var file: String
    /// 1-based file line of the problem, or nil when it concerns the whole file.
    public var line: Int?
    /// 1-based character column on `line` (each Unicode scalar counts one), when known.
    public var column: Int?
    /// Name of the column (from the header) that the problem is in, when known.
    public var columnName: String?
    /// What was expected, when the problem is a mismatch (for example "a number, '.' or empty").
    public var expected: String?
    /// What was found instead, as text (shortened when long).
    public var found: String?
    /// What is wrong; includes the column name, what was expected and what was found.
    public var message: String
    /// How to fix it, when there is an obvious fix.
    public var hint: String?

    public init(
        code: Code, file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
        expected: String? = nil, found: String? = nil, message: String, hint: String? = nil
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.expected = expected
        self.found = found
        self.message = message
        self.hint = hint
    }

    /// `file:line: error: message`, and the hint on an indented second line.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": error: \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }

    /// The same problem as a ``Diagnostic``, with the character column when it is known.
    public var diagnostic: Diagnostic {
        Diagnostic(file: file, line: line, column: line == nil ? nil : column, severity: .error, message: message, hint: hint)
    }
}

extension StatLineCSVError {
    /// Text for `found`: quoted, with control characters made visible and long text shortened.
    static func quoted(_ text: String, limit: Int = 40) -> String {
        var shown = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                shown += "…"
                break
            }
            switch scalar {
            case "\t": shown += "\\t"
            case "\r": shown += "\\r"
            case "\n": shown += "\\n"
            case "\"": shown += "\\\""
            default: shown.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return "\"\(shown)\""
    }
}

extension StatLineCSVError {
    /// The hint for a StatLine metadata export given where a data table is expected.
    static let metadataExportHint =
        "This is a StatLine metadata export (sections TableInfos, DataProperties, …), not a data table. Download the table's data (TypedDataSet or UntypedDataSet) instead."
}

extension StatLineCSVError: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] {
        var located = diagnostic
        located.field = columnName
        return [located]
    }
}
