import Foundation
import PostgresNIO

extension PostgresWorkspaceStore {
    static func version(from row: PostgresRandomAccessRow, withBytes: Bool = true) throws -> FileVersion {
        FileVersion(
            path: try row.value("path"), version: Int(try row.value("version", as: Int64.self)),
            bytes: withBytes ? try row.value("bytes", as: Data?.self) : nil, savedBy: try row.value("saved_by"), savedAt: try row.value("saved_at"))
    }

    public func importFiles(_ files: [(path: String, bytes: Data)], by actor: String, at time: Int64, audit: AuditEvent) async throws(WorkspaceError) {
        for file in files { try WorkspacePaths.validate(file.path) }
        let files = files.map { FileToImport(path: $0.path, bytes: $0.bytes) }
        let logger = logger
        try await transaction { connection in
            if try await !Self.rows("SELECT 1 FROM file_version LIMIT 1", on: connection, logger: logger).isEmpty {
                throw WorkspaceError.invalid(field: "import", expected: "an empty workspace", found: "a workspace that holds files already")
            }
            for file in files {
                try await connection.query(
                    "INSERT INTO file_version VALUES (\(file.path), 1, \(file.bytes), \(actor), \(time))", logger: logger)
                if Workflow.isPage(file.path) {
                    try await connection.query(
                        """
                        INSERT INTO page_status (path, version, status, comment, changed_by, changed_at)
                        VALUES (\(file.path), 1, 'goedgekeurd', 'imported', \(actor), \(time))
                        """, logger: logger)
                }
            }
            _ = try await Self.append(audit, at: time, on: connection, logger: logger)
        }
    }

    private struct FileToImport: Sendable {
        var path: String
        var bytes: Data
    }

    public func head(path: String) async throws(WorkspaceError) -> FileVersion? {
        let rows = try await rows("SELECT * FROM file_version WHERE path = \(path) ORDER BY version DESC LIMIT 1")
        return try decoding { try rows.first.map { try Self.version(from: $0) } }
    }

    public func headFiles() async throws(WorkspaceError) -> [FileVersion] {
        let rows = try await rows(
            """
            SELECT f.* FROM file_version f
            JOIN (SELECT path, MAX(version) AS version FROM file_version GROUP BY path) h ON h.path = f.path AND h.version = f.version
            WHERE f.bytes IS NOT NULL ORDER BY f.path COLLATE "C"
            """)
        return try decoding { try rows.map { try Self.version(from: $0) } }
    }

    public func headVersions() async throws(WorkspaceError) -> [String: Int] {
        let rows = try await rows("SELECT path, MAX(version) AS version FROM file_version GROUP BY path")
        return try decoding {
            var result: [String: Int] = [:]
            for row in rows { result[try row.value("path")] = Int(try row.value("version", as: Int64.self)) }
            return result
        }
    }

    public func history(path: String) async throws(WorkspaceError) -> [FileVersion] {
        let rows = try await rows("SELECT path, version, saved_by, saved_at FROM file_version WHERE path = \(path) ORDER BY version")
        return try decoding { try rows.map { try Self.version(from: $0, withBytes: false) } }
    }

    public func version(path: String, number: Int) async throws(WorkspaceError) -> FileVersion? {
        let rows = try await rows("SELECT * FROM file_version WHERE path = \(path) AND version = \(Int64(number))")
        return try decoding { try rows.first.map { try Self.version(from: $0) } }
    }

    public func save(path: String, bytes: Data?, base: Int, by actor: String, at time: Int64, audit: AuditEvent) async throws(WorkspaceError) -> FileVersion {
        try WorkspacePaths.validate(path)
        let logger = logger
        // Checked and written in one transaction under the write lock: two saves from the same base,
        // through two instances, cannot both win. A refused save keeps its bytes as a conflict copy
        // (committed, so nothing typed is lost) and then reports the conflict.
        let outcome: SaveResult = try await transaction { connection in
            let rows = try await Self.rows("SELECT MAX(version) AS head FROM file_version WHERE path = \(path)", on: connection, logger: logger)
            let head = Int(try rows.first?.value("head", as: Int64?.self) ?? 0)
            guard head == base else {
                try await connection.query(
                    """
                    INSERT INTO conflict_copy (path, base, bytes, saved_by, saved_at) VALUES (\(path), \(Int64(base)), \(bytes), \(actor), \(time))
                    """, logger: logger)
                var event = audit
                event.result = .failure
                event.detail = "conflict: version \(head) was saved after version \(base)"
                _ = try await Self.append(event, at: time, on: connection, logger: logger)
                return .conflict(head: head)
            }
            try await connection.query(
                "INSERT INTO file_version VALUES (\(path), \(Int64(head + 1)), \(bytes), \(actor), \(time))", logger: logger)
            _ = try await Self.append(audit, at: time, on: connection, logger: logger)
            return .saved(FileVersion(path: path, version: head + 1, bytes: bytes, savedBy: actor, savedAt: time))
        }
        switch outcome {
        case .saved(let version): return version
        case .conflict(let head): throw .conflict(path: path, base: base, head: head)
        }
    }

    private enum SaveResult: Sendable {
        case saved(FileVersion)
        case conflict(head: Int)
    }

    public func conflictCopies(path: String) async throws(WorkspaceError) -> [FileVersion] {
        let rows = try await rows("SELECT * FROM conflict_copy WHERE path = \(path) ORDER BY id DESC")
        return try decoding {
            try rows.map { row in
                FileVersion(
                    path: try row.value("path"), version: Int(try row.value("base", as: Int64.self)), bytes: try row.value("bytes", as: Data?.self),
                    savedBy: try row.value("saved_by"), savedAt: try row.value("saved_at"))
            }
        }
    }
}
