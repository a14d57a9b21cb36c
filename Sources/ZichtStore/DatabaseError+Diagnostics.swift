import GRDB
import ZichtCore

/// SQLite's errors in the snapshot, in plain words, for the command line's one error mapping.
extension DatabaseError: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] {
        let reason: String
        switch resultCode.primaryResultCode {
        case .SQLITE_FULL: reason = "the disk is full"
        case .SQLITE_READONLY: reason = "the snapshot is read-only"
        case .SQLITE_PERM, .SQLITE_AUTH: reason = "no permission"
        case .SQLITE_IOERR: reason = "the disk reported an input/output error"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: reason = "the snapshot file is damaged"
        case .SQLITE_CANTOPEN: reason = "the snapshot file cannot be opened"
        default: reason = "SQLite reported \(resultCode)"
        }
        let detail = message.map { " (\($0))" } ?? ""
        return [Diagnostic(
            file: "", message: "the snapshot failed: \(reason)\(detail)",
            hint: resultCode.primaryResultCode == .SQLITE_CORRUPT || resultCode.primaryResultCode == .SQLITE_NOTADB
                ? "delete .zicht/snapshot.sqlite and build again to re-import the sources" : nil)]
    }
}
