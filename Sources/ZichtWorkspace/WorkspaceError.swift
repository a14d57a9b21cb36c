import ZichtCore

/// Why the werkomgeving refused or could not do something. The messages are English (the command line
/// and the logs); the server maps each case to a Dutch page or an API problem (RFC 9457).
public enum WorkspaceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field of a request or a command has a value that is not allowed.
    case invalid(field: String, expected: String, found: String)
    /// The account or object does not exist, or the actor may not know that it does.
    case notFound(String)
    /// The actor lacks the right; `action` says which.
    case forbidden(action: String, object: String)
    /// Someone else saved the file after the version this save started from.
    case conflict(path: String, base: Int, head: Int)
    /// A login that did not succeed; deliberately without saying whether the user exists.
    case loginFailed
    /// The account is locked after too many failed logins.
    case locked
    /// A username that is taken.
    case duplicate(String)
    /// An export would hold exactly the versions of export N, the newest one: nothing changed since.
    case unchangedSinceExport(Int)
    /// The workspace database is not usable (corrupt, newer than this program, unwritable).
    case storage(String)

    public var description: String {
        switch self {
        case .invalid(let field, let expected, let found): "\(field): expected \(expected), found \(found)"
        case .notFound(let what): "\(what) not found"
        case .forbidden(let action, let object): "not allowed: \(action) on \(object)"
        case .conflict(let path, let base, let head):
            "\(path) was saved by someone else (version \(head)) after version \(base), which this save started from"
        case .loginFailed: "login failed"
        case .locked: "account locked after \(Account.lockThreshold) failed logins; a beheerder can unlock it"
        case .duplicate(let what): "\(what) exists already"
        case .unchangedSinceExport(let number): "nothing changed since export \(number), which holds these versions already"
        case .storage(let message): "workspace database: \(message)"
        }
    }
}

extension WorkspaceError: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] {
        let hint: String? = switch self {
        case .locked: "zicht account unlock PROJECT --username NAME"
        case .storage: "check the path, the free space and the permissions of the workspace database"
        default: nil
        }
        return [Diagnostic(file: "", message: description, hint: hint)]
    }
}

extension AuditChain.Break: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] {
        [Diagnostic(file: "", message: description, hint: "the audit log was changed outside Zicht; keep the database file as evidence")]
    }
}

extension OIDCError: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] {
        [Diagnostic(file: "", message: description)]
    }
}
