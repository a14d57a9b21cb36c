import Foundation
import PostgresNIO

extension PostgresWorkspaceStore {
    static func change(from row: PostgresRandomAccessRow) throws -> StatusChange {
        StatusChange(
            path: try row.value("path"), version: Int(try row.value("version", as: Int64.self)),
            status: PageStatus(rawValue: try row.value("status")) ?? .concept, comment: try row.value("comment"), by: try row.value("changed_by"),
            at: try row.value("changed_at"))
    }

    public func setStatus(_ change: StatusChange, audit: AuditEvent) async throws(WorkspaceError) {
        let logger = logger
        try await transaction { connection in
            let version = Int64(change.version)
            guard try await !Self.rows(
                "SELECT 1 FROM file_version WHERE path = \(change.path) AND version = \(version)", on: connection, logger: logger
            ).isEmpty else {
                throw WorkspaceError.notFound("version \(change.version) of \(change.path)")
            }
            try await connection.query(
                """
                INSERT INTO page_status (path, version, status, comment, changed_by, changed_at)
                VALUES (\(change.path), \(version), \(change.status.rawValue), \(change.comment), \(change.by), \(change.at))
                """, logger: logger)
            _ = try await Self.append(audit, at: change.at, on: connection, logger: logger)
        }
    }

    public func statusHistory(path: String) async throws(WorkspaceError) -> [StatusChange] {
        let rows = try await rows("SELECT * FROM page_status WHERE path = \(path) ORDER BY id")
        return try decoding { try rows.map(Self.change(from:)) }
    }

    public func latestStatuses() async throws(WorkspaceError) -> [String: StatusChange] {
        let rows = try await rows("SELECT * FROM page_status WHERE id IN (SELECT MAX(id) FROM page_status GROUP BY path)")
        return try decoding {
            var result: [String: StatusChange] = [:]
            for row in rows {
                let change = try Self.change(from: row)
                result[change.path] = change
            }
            return result
        }
    }

    public func createExport(by actor: String, at time: Int64, audit: AuditEvent) async throws(WorkspaceError) -> Export {
        let logger = logger
        // Under the write lock: two exports asked for at the same moment, through two instances, are
        // made one after the other, and the second finds the first (see ``ExportRule``).
        return try await transaction { connection in
            let number = Int(try await Self.rows("SELECT MAX(number) AS n FROM export", on: connection, logger: logger)[0].value("n", as: Int64?.self) ?? 0) + 1
            let rows = try await Self.rows(PostgresQuery(unsafeSQL: WorkspaceSQL.exportVersions), on: connection, logger: logger)
            var files: [String: Int] = [:]
            for row in rows { files[try row.value("path")] = Int(try row.value("version", as: Int64.self)) }
            guard !files.isEmpty else { throw WorkspaceError.invalid(field: "export", expected: "at least one file", found: "none") }
            if number > 1 {
                let previous = try await Self.rows(
                    "SELECT path, version FROM export_file WHERE number = \(Int64(number - 1))", on: connection, logger: logger)
                var before: [String: Int] = [:]
                for row in previous { before[try row.value("path")] = Int(try row.value("version", as: Int64.self)) }
                try ExportRule.check(files, against: before, previous: number - 1)
            }
            let entry = try await Self.append(audit, at: time, on: connection, logger: logger)
            try await connection.query(
                "INSERT INTO export VALUES (\(Int64(number)), \(actor), \(time), \(entry.sequence), \(entry.hash))", logger: logger)
            for (path, version) in files.sorted(by: { $0.key < $1.key }) {
                try await connection.query("INSERT INTO export_file VALUES (\(Int64(number)), \(path), \(Int64(version)))", logger: logger)
            }
            return Export(
                number: number, createdBy: actor, createdAt: time, auditAnchor: .init(sequence: entry.sequence, hash: entry.hash), files: files)
        }
    }

    private func exports(where condition: PostgresQuery) async throws(WorkspaceError) -> [Export] {
        let heads = try await rows(condition)
        var result: [Export] = []
        for head in heads {
            let number: Int64 = try decoding { try head.value("number") }
            let files = try await rows("SELECT path, version FROM export_file WHERE number = \(number)")
            result.append(try decoding {
                var versions: [String: Int] = [:]
                for file in files { versions[try file.value("path")] = Int(try file.value("version", as: Int64.self)) }
                return Export(
                    number: Int(number), createdBy: try head.value("created_by"), createdAt: try head.value("created_at"),
                    auditAnchor: .init(sequence: try head.value("audit_sequence"), hash: try head.value("audit_hash")), files: versions)
            })
        }
        return result
    }

    public func exports() async throws(WorkspaceError) -> [Export] {
        try await exports(where: "SELECT * FROM export ORDER BY number")
    }

    public func export(number: Int) async throws(WorkspaceError) -> Export? {
        try await exports(where: "SELECT * FROM export WHERE number = \(Int64(number))").first
    }

    public func recordPublication(_ publication: Publication, audit: AuditEvent) async throws(WorkspaceError) {
        let logger = logger
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO publication (number, published_by, published_at)
                VALUES (\(Int64(publication.export)), \(publication.by), \(publication.at))
                """, logger: logger)
            _ = try await Self.append(audit, at: publication.at, on: connection, logger: logger)
        }
    }

    public func publications() async throws(WorkspaceError) -> [Publication] {
        let rows = try await rows("SELECT * FROM publication ORDER BY id")
        return try decoding {
            try rows.map { Publication(export: Int(try $0.value("number", as: Int64.self)), by: try $0.value("published_by"), at: try $0.value("published_at")) }
        }
    }
}
