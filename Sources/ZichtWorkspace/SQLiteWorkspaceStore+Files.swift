import Foundation
import GRDB

extension SQLiteWorkspaceStore {
    static func version(from row: Row, withBytes: Bool = true) -> FileVersion {
        FileVersion(
            path: row["path"], version: row["version"], bytes: withBytes ? row["bytes"] : nil, savedBy: row["saved_by"],
            savedAt: row["saved_at"])
    }

    public func importFiles(_ files: [(path: String, bytes: Data)], by actor: String, at time: Int64, audit: AuditEvent) throws(WorkspaceError) {
        for file in files { try WorkspacePaths.validate(file.path) }
        try write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM file_version LIMIT 1") != nil {
                throw WorkspaceError.invalid(field: "import", expected: "an empty workspace", found: "a workspace that holds files already")
            }
            for file in files {
                try db.execute(
                    sql: "INSERT INTO file_version VALUES (?, 1, ?, ?, ?)", arguments: [file.path, file.bytes, actor, time])
                if Workflow.isPage(file.path) {
                    try db.execute(
                        sql: "INSERT INTO page_status (path, version, status, comment, changed_by, changed_at) VALUES (?, 1, 'goedgekeurd', 'imported', ?, ?)",
                        arguments: [file.path, actor, time])
                }
            }
            _ = try Self.append(audit, at: time, in: db)
        }
    }

    public func head(path: String) throws(WorkspaceError) -> FileVersion? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM file_version WHERE path = ? ORDER BY version DESC LIMIT 1", arguments: [path])
                .map { Self.version(from: $0) }
        }
    }

    public func headFiles() throws(WorkspaceError) -> [FileVersion] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT f.* FROM file_version f
                    JOIN (SELECT path, MAX(version) AS version FROM file_version GROUP BY path) h
                      ON h.path = f.path AND h.version = f.version
                    WHERE f.bytes IS NOT NULL ORDER BY f.path
                    """
            ).map { Self.version(from: $0) }
        }
    }

    public func headVersions() throws(WorkspaceError) -> [String: Int] {
        try read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, MAX(version) AS version FROM file_version GROUP BY path") {
                result[row["path"]] = row["version"]
            }
            return result
        }
    }

    public func history(path: String) throws(WorkspaceError) -> [FileVersion] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT path, version, saved_by, saved_at FROM file_version WHERE path = ? ORDER BY version", arguments: [path]
            ).map { Self.version(from: $0, withBytes: false) }
        }
    }

    public func version(path: String, number: Int) throws(WorkspaceError) -> FileVersion? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM file_version WHERE path = ? AND version = ?", arguments: [path, number])
                .map { Self.version(from: $0) }
        }
    }

    public func save(path: String, bytes: Data?, base: Int, by actor: String, at time: Int64, audit: AuditEvent) throws(WorkspaceError) -> FileVersion {
        try WorkspacePaths.validate(path)
        // Checked and written in one write transaction: two saves from the same base cannot both win.
        // A refused save keeps its bytes as a conflict copy (committed, so nothing typed is lost) and
        // then reports the conflict.
        let outcome: Result<FileVersion, WorkspaceError> = try write { db in
            let head = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM file_version WHERE path = ?", arguments: [path]) ?? 0
            guard head == base else {
                try db.execute(
                    sql: "INSERT INTO conflict_copy (path, base, bytes, saved_by, saved_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [path, base, bytes, actor, time])
                var event = audit
                event.result = .failure
                event.detail = "conflict: version \(head) was saved after version \(base)"
                _ = try Self.append(event, at: time, in: db)
                return .failure(.conflict(path: path, base: base, head: head))
            }
            try db.execute(sql: "INSERT INTO file_version VALUES (?, ?, ?, ?, ?)", arguments: [path, head + 1, bytes, actor, time])
            _ = try Self.append(audit, at: time, in: db)
            return .success(FileVersion(path: path, version: head + 1, bytes: bytes, savedBy: actor, savedAt: time))
        }
        return try outcome.get()
    }

    public func conflictCopies(path: String) throws(WorkspaceError) -> [FileVersion] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM conflict_copy WHERE path = ? ORDER BY id DESC", arguments: [path]).map { row in
                FileVersion(path: row["path"], version: row["base"], bytes: row["bytes"], savedBy: row["saved_by"], savedAt: row["saved_at"])
            }
        }
    }
}

/// The paths of project files in the workspace: relative, `/`-separated, without `.`, `..` or empty
/// parts, without hidden names, and outside the folders a build writes (`site/`, `.zicht/`).
public enum WorkspacePaths {
    public static func validate(_ path: String) throws(WorkspaceError) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let bad = path.isEmpty || path.utf8.count > 1024 || path.hasPrefix("/") || parts.contains { $0.isEmpty || $0.hasPrefix(".") }
            || parts.first == "site" || path.unicodeScalars.contains { $0.value < 0x20 || $0 == "\\" }
        guard !bad else {
            throw .invalid(field: "path", expected: "a relative path inside the project, without '..', hidden names or site/", found: "'\(path)'")
        }
    }
}
