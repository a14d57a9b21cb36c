import Foundation
import GRDB

extension SQLiteWorkspaceStore {
    static func change(from row: Row) -> StatusChange {
        StatusChange(
            path: row["path"], version: row["version"], status: PageStatus(rawValue: row["status"]) ?? .concept, comment: row["comment"],
            by: row["changed_by"], at: row["changed_at"])
    }

    public func setStatus(_ change: StatusChange, audit: AuditEvent) throws(WorkspaceError) {
        try write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM file_version WHERE path = ? AND version = ?", arguments: [change.path, change.version]) != nil else {
                throw WorkspaceError.notFound("version \(change.version) of \(change.path)")
            }
            try db.execute(
                sql: "INSERT INTO page_status (path, version, status, comment, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [change.path, change.version, change.status.rawValue, change.comment, change.by, change.at])
            _ = try Self.append(audit, at: change.at, in: db)
        }
    }

    public func statusHistory(path: String) throws(WorkspaceError) -> [StatusChange] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM page_status WHERE path = ? ORDER BY id", arguments: [path]).map(Self.change(from:))
        }
    }

    public func latestStatuses() throws(WorkspaceError) -> [String: StatusChange] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM page_status WHERE id IN (SELECT MAX(id) FROM page_status GROUP BY path)")
            return Dictionary(uniqueKeysWithValues: rows.map { (($0["path"] as String), Self.change(from: $0)) })
        }
    }

    public func createExport(by actor: String, at time: Int64, audit: AuditEvent) throws(WorkspaceError) -> Export {
        try write { db in
            let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM export") ?? 0) + 1
            let rows = try Row.fetchAll(db, sql: WorkspaceSQL.exportVersions)
            var files: [String: Int] = [:]
            for row in rows { files[row["path"]] = row["version"] }
            guard !files.isEmpty else { throw WorkspaceError.invalid(field: "export", expected: "at least one file", found: "none") }
            if number > 1 {
                var before: [String: Int] = [:]
                for file in try Row.fetchAll(db, sql: "SELECT path, version FROM export_file WHERE number = ?", arguments: [number - 1]) {
                    before[file["path"]] = file["version"]
                }
                try ExportRule.check(files, against: before, previous: number - 1)
            }
            let entry = try Self.append(audit, at: time, in: db)
            try db.execute(
                sql: "INSERT INTO export VALUES (?, ?, ?, ?, ?)", arguments: [number, actor, time, entry.sequence, entry.hash])
            for (path, version) in files.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "INSERT INTO export_file VALUES (?, ?, ?)", arguments: [number, path, version])
            }
            return Export(
                number: number, createdBy: actor, createdAt: time, auditAnchor: .init(sequence: entry.sequence, hash: entry.hash), files: files)
        }
    }

    static func export(from row: Row, in db: Database) throws -> Export {
        let number: Int = row["number"]
        var files: [String: Int] = [:]
        for file in try Row.fetchAll(db, sql: "SELECT path, version FROM export_file WHERE number = ?", arguments: [number]) {
            files[file["path"]] = file["version"]
        }
        return Export(
            number: number, createdBy: row["created_by"], createdAt: row["created_at"],
            auditAnchor: .init(sequence: row["audit_sequence"], hash: row["audit_hash"]), files: files)
    }

    public func exports() throws(WorkspaceError) -> [Export] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM export ORDER BY number").map { try Self.export(from: $0, in: db) } }
    }

    public func export(number: Int) throws(WorkspaceError) -> Export? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM export WHERE number = ?", arguments: [number]).map { try Self.export(from: $0, in: db) } }
    }

    public func recordPublication(_ publication: Publication, audit: AuditEvent) throws(WorkspaceError) {
        try write { db in
            try db.execute(
                sql: "INSERT INTO publication (number, published_by, published_at) VALUES (?, ?, ?)",
                arguments: [publication.export, publication.by, publication.at])
            _ = try Self.append(audit, at: publication.at, in: db)
        }
    }

    public func publications() throws(WorkspaceError) -> [Publication] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM publication ORDER BY id").map {
                Publication(export: $0["number"], by: $0["published_by"], at: $0["published_at"])
            }
        }
    }
}

/// SQL that both storages run as it is.
enum WorkspaceSQL {
    /// What goes into an export: pages at their newest approved version, other files at their
    /// newest version, deleted files not at all. Columns `path` and `version`.
    static let exportVersions = """
        SELECT f.path, f.version FROM file_version f
        JOIN (SELECT path, MAX(version) AS version FROM file_version GROUP BY path) h ON h.path = f.path AND h.version = f.version
        WHERE f.bytes IS NOT NULL AND NOT (f.path LIKE 'content/%.md')
        UNION ALL
        SELECT s.path, MAX(s.version) AS version FROM page_status s
        WHERE s.status = 'goedgekeurd' AND s.path LIKE 'content/%.md'
          AND (SELECT bytes IS NOT NULL FROM file_version v WHERE v.path = s.path ORDER BY v.version DESC LIMIT 1)
        GROUP BY s.path
        """
}
