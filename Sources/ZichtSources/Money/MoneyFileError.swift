import ZichtCore

/// Problems in a money file or a CBS Iv3 file, each located by file, line and field.
///
/// A reader collects every problem it finds in a file (up to ``MoneyFileError/limit``) before it
/// throws, so that an export with ten bad amounts is fixed in one go.
///
/// ```
/// data/financien.csv:14: error: field 'bedrag': expected an amount in euros such as 1234567 or -250,50, found "1.234.567"
///     hint: write amounts without thousands separators; the decimal separator is a comma
/// ```
public struct MoneyFileError: DiagnosticConvertible, Sendable, CustomStringConvertible {
    /// What kind of problem a ``Problem`` is: a struct around a private enum, so that kinds can be
    /// added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case wrongSeparator = "wrong separator"
            case missingColumn = "missing column"
            case unknownColumn = "unknown column"
            case notAnAmount = "not an amount"
            case badValue = "bad value"
            case duplicateRow = "duplicate row"
            case unknownTaakveld = "unknown taakveld"
            case unknownGemeente = "unknown gemeente"
            case unknownProgramma = "unknown programma"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// A money file separated by something else than `;`.
        public static let wrongSeparator = Code(.wrongSeparator)
        /// The header lacks a required column.
        public static let missingColumn = Code(.missingColumn)
        /// The header has a column the format does not define.
        public static let unknownColumn = Code(.unknownColumn)
        /// An amount that is not a number in the format's notation.
        public static let notAnAmount = Code(.notAnAmount)
        /// A value of `soort`, `kolom`, `jaar` or `programma` that is not one the format allows.
        public static let badValue = Code(.badValue)
        /// Two rows with the same programma, taakveld, soort, kolom and jaar.
        public static let duplicateRow = Code(.duplicateRow)
        /// A taakveld code that no edition of the Iv3 taakvelden has, or a label that does not fit its code.
        public static let unknownTaakveld = Code(.unknownTaakveld)
        /// A gemeente name that is not in the Iv3 file, or not a known gemeente.
        public static let unknownGemeente = Code(.unknownGemeente)
        /// A programma that no page of the document has.
        public static let unknownProgramma = Code(.unknownProgramma)

        public var description: String { wrapped.rawValue }
    }

    /// One problem.
    public struct Problem: Sendable, Hashable {
        public var code: Code
        public var file: String
        public var line: Int?
        /// The column name (from the header) the problem is in.
        public var field: String?
        public var expected: String?
        public var found: String?
        public var message: String
        public var hint: String?

        public init(
            code: Code, file: String, line: Int?, field: String? = nil, expected: String? = nil, found: String? = nil, message: String,
            hint: String? = nil
        ) {
            self.code = code
            self.file = file
            self.line = line
            self.field = field
            self.expected = expected
            self.found = found
            self.message = message
            self.hint = hint
        }
    }

    /// The most problems one error lists; a file with more is mostly wrong in one way.
    public static let limit = 100

    public var problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    public var diagnostics: [Diagnostic] {
        problems.map { Diagnostic(file: $0.file, line: $0.line, field: $0.field, message: $0.message, hint: $0.hint) }
    }

    public var description: String { Diagnostic.report(diagnostics) }
}

/// Collects the problems of one file.
struct MoneyProblems {
    let file: String
    var problems: [MoneyFileError.Problem] = []

    init(file: String) { self.file = file }

    var isFull: Bool { problems.count >= MoneyFileError.limit }

    mutating func add(
        _ code: MoneyFileError.Code, line: Int?, field: String? = nil, expected: String? = nil, found: String? = nil, _ message: String,
        hint: String? = nil
    ) {
        guard !isFull else { return }
        problems.append(.init(code: code, file: file, line: line, field: field, expected: expected, found: found, message: message, hint: hint))
    }

    /// A field's problem: "field 'bedrag': expected X, found "Y"".
    mutating func field(_ code: MoneyFileError.Code, line: Int, _ name: String, expected: String, found text: String, hint: String? = nil) {
        let found = MoneyProblems.quoted(text)
        add(code, line: line, field: name, expected: expected, found: found, "field '\(name)': expected \(expected), found \(found)", hint: hint)
    }

    func check() throws(MoneyFileError) {
        if !problems.isEmpty { throw MoneyFileError(problems) }
    }

    /// Text in quotes, shortened when long.
    static func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? text.prefix(40) + "…" : Substring(text)
        return "\"\(shown)\""
    }
}
