import ZichtCore

/// Why a simulation cannot be set up: what is wrong with the areas or the settings, and how to fix it.
public struct SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case noAreas
        case noInhabitants
        case emptyGeometry
        case unknownArea
        case duplicateArea
        case duplicateType
        case unknownType
        case badYears
        case badPopulationTable
    }

    public let code: Code
    /// The area code, type code or setting concerned, when there is one.
    public let subject: String?
    public let message: String
    public let hint: String?

    init(_ code: Code, subject: String? = nil, message: String, hint: String? = nil) {
        self.code = code
        self.subject = subject
        self.message = message
        self.hint = hint
    }

    public var description: String {
        hint.map { "\(message)\n    hint: \($0)" } ?? message
    }
}

extension SimulationError: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", field: subject, message: message, hint: hint)] }
}
