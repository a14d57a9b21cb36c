/// A problem found in a user's input, located precisely enough to fix it.
///
/// Every reader in Zicht reports problems as diagnostics, so that a build can list *all* problems
/// at once instead of stopping at the first. `description` renders the conventional
/// `file:line:column: error: message` form that editors and CI logs understand.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// Path of the file, relative to the project where possible; empty when the problem concerns no
    /// file (a command-line option, the snapshot as a whole, the output folder).
    public var file: String
    /// 1-based line, or nil when the problem concerns the whole file.
    public var line: Int?
    /// 1-based column, or nil when unknown.
    public var column: Int?
    /// The field concerned, when there is one: a CSV column name, a GeoJSON property, a YAML key or a
    /// command-line option. The message names it too; this is for programs that read diagnostics.
    public var field: String?
    public var severity: Severity
    /// What is wrong, including what was expected and what was found.
    public var message: String
    /// How to fix it, when there is an obvious fix.
    public var hint: String?

    public init(
        file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, severity: Severity = .error,
        message: String, hint: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: message`, or `error: message` without a file, and the hint on an
    /// indented second line.
    public var description: String {
        var location = file
        if let line, !file.isEmpty {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var text = location.isEmpty ? "\(severity.rawValue): \(message)" : "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// Thrown when input has one or more errors; carries every diagnostic found.
public struct DiagnosticsError: DiagnosticConvertible, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { Diagnostic.report(diagnostics) }
}

extension Diagnostic {
    /// The text a terminal shows for `diagnostics`: one per line, then "N errors found." when one of
    /// them names a file (a list of located problems); a lone problem without a file is one line.
    public static func report(_ diagnostics: [Diagnostic]) -> String {
        let lines = diagnostics.map(\.description).joined(separator: "\n")
        guard diagnostics.contains(where: { !$0.file.isEmpty }) else { return lines }
        let errors = diagnostics.filter { $0.severity == .error }.count
        return "\(lines)\n\(errors) error\(errors == 1 ? "" : "s") found."
    }
}
