/// An error that says what went wrong and where, as ``Diagnostic``s.
///
/// Every error type of Zicht's libraries conforms, so that the command line turns any of them into
/// text in one place (`ErrorText` in ZichtApp) instead of each layer catching and rethrowing. A
/// conformer gives each problem it stands for, located as precisely as it knows: file, line,
/// column or field. An error that wraps another keeps it as ``underlyingError``, so a wrapper adds
/// a location without losing what happened (as swift-nio's `FileSystemError.cause`).
///
/// ```swift
/// extension KnoxError: DiagnosticConvertible {
///     public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
/// }
/// ```
public protocol DiagnosticConvertible: Error {
    /// Every problem this error stands for; never empty. A problem that concerns no file has an
    /// empty ``Diagnostic/file``.
    var diagnostics: [Diagnostic] { get }
    /// The error this one wraps, when it wraps one.
    var underlyingError: (any Error)? { get }
}

extension DiagnosticConvertible {
    public var underlyingError: (any Error)? { nil }
}

/// An error from a computation that knows nothing of files, placed in the file (and line) it came
/// from: `LocatedError(file: "panel.csv", cause: evaluationError)`.
///
/// The cause's diagnostics get this file where they name none, and this line where they have none;
/// the cause itself is kept.
public struct LocatedError: DiagnosticConvertible, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var cause: any Error

    public init(file: String, line: Int? = nil, cause: any Error) {
        self.file = file
        self.line = line
        self.cause = cause
    }

    public var underlyingError: (any Error)? { cause }

    public var diagnostics: [Diagnostic] {
        let inner = (cause as? any DiagnosticConvertible)?.diagnostics ?? [Diagnostic(file: "", message: "\(cause)")]
        return inner.map { diagnostic in
            var located = diagnostic
            if located.file.isEmpty {
                located.file = file
                if located.line == nil { located.line = line }
            }
            return located
        }
    }

    public var description: String { Diagnostic.report(diagnostics) }
}

extension Diagnostic: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] { [self] }
}

extension FileLock.Failure: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
}
