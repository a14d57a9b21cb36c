import Foundation
import GRDB

/// The werkomgeving's storage in one SQLite file (GRDB), the default for a municipality that runs one
/// server. Write-ahead logging lets pages be read while someone saves; every change is one
/// transaction with its audit line.
public final class SQLiteWorkspaceStore: WorkspaceStore {
    let database: any DatabaseWriter

    /// Opens (and creates or migrates) the workspace database at `url`.
    public init(url: URL) throws(WorkspaceError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            if try pool.read({ try Self.migrator.hasBeenSuperseded($0) }) {
                throw WorkspaceError.storage("\(url.path) was made by a newer version of Zicht; open it with that version")
            }
            try Self.migrator.migrate(pool)
            database = pool
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .storage("cannot open \(url.path): \(error)")
        }
    }

    /// An in-memory workspace, for tests.
    public init() throws(WorkspaceError) {
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            let queue = try DatabaseQueue(configuration: configuration)
            try Self.migrator.migrate(queue)
            database = queue
        } catch {
            throw .storage("cannot create an in-memory database: \(error)")
        }
    }

    /// The schema's migrations, in order; each runs once per database.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    assignments TEXT NOT NULL DEFAULT '[]',
                    password_hash TEXT,
                    must_change_password INTEGER NOT NULL DEFAULT 0,
                    totp_secret BLOB,
                    totp_confirmed INTEGER NOT NULL DEFAULT 0,
                    last_totp_counter INTEGER NOT NULL DEFAULT 0,
                    failed_logins INTEGER NOT NULL DEFAULT 0,
                    locked INTEGER NOT NULL DEFAULT 0,
                    external INTEGER NOT NULL DEFAULT 0,
                    disabled INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE session (
                    token_hash TEXT PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    created_at INTEGER NOT NULL,
                    last_seen_at INTEGER NOT NULL,
                    csrf_token TEXT NOT NULL,
                    complete INTEGER NOT NULL,
                    origin TEXT NOT NULL
                );
                CREATE TABLE file_version (
                    path TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    bytes BLOB,
                    saved_by TEXT NOT NULL,
                    saved_at INTEGER NOT NULL,
                    PRIMARY KEY (path, version)
                ) WITHOUT ROWID;
                CREATE TABLE conflict_copy (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL,
                    base INTEGER NOT NULL,
                    bytes BLOB,
                    saved_by TEXT NOT NULL,
                    saved_at INTEGER NOT NULL
                );
                CREATE INDEX conflict_copy_path ON conflict_copy(path);
                CREATE TABLE audit (
                    sequence INTEGER PRIMARY KEY,
                    time INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    action TEXT NOT NULL,
                    object TEXT NOT NULL,
                    result TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                -- The audit log is append-only: the database itself refuses to change or delete a line.
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v2-workflow") { db in
            try db.execute(sql: """
                CREATE TABLE page_status (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    comment TEXT NOT NULL,
                    changed_by TEXT NOT NULL,
                    changed_at INTEGER NOT NULL,
                    FOREIGN KEY (path, version) REFERENCES file_version(path, version)
                );
                CREATE INDEX page_status_path ON page_status(path, id);
                CREATE TABLE export (
                    number INTEGER PRIMARY KEY,
                    created_by TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    audit_sequence INTEGER NOT NULL,
                    audit_hash TEXT NOT NULL
                );
                CREATE TABLE export_file (
                    number INTEGER NOT NULL REFERENCES export(number),
                    path TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    PRIMARY KEY (number, path),
                    FOREIGN KEY (path, version) REFERENCES file_version(path, version)
                ) WITHOUT ROWID;
                CREATE TABLE publication (
                    id INTEGER PRIMARY KEY,
                    number INTEGER NOT NULL REFERENCES export(number),
                    published_by TEXT NOT NULL,
                    published_at INTEGER NOT NULL
                );
                -- Exports and the versions they hold never change: a published site can always be rebuilt.
                CREATE TRIGGER export_no_update BEFORE UPDATE ON export BEGIN SELECT RAISE(ABORT, 'exports are immutable'); END;
                CREATE TRIGGER export_no_delete BEFORE DELETE ON export BEGIN SELECT RAISE(ABORT, 'exports are immutable'); END;
                CREATE TRIGGER export_file_no_update BEFORE UPDATE ON export_file BEGIN SELECT RAISE(ABORT, 'exports are immutable'); END;
                CREATE TRIGGER export_file_no_delete BEFORE DELETE ON export_file BEGIN SELECT RAISE(ABORT, 'exports are immutable'); END;
                CREATE TRIGGER file_version_no_update BEFORE UPDATE ON file_version BEGIN SELECT RAISE(ABORT, 'saved versions are immutable'); END;
                CREATE TRIGGER file_version_no_delete BEFORE DELETE ON file_version BEGIN SELECT RAISE(ABORT, 'saved versions are immutable'); END;
                """)
            // What was imported was the document as it stood: its pages count as approved.
            try db.execute(sql: """
                INSERT INTO page_status (path, version, status, comment, changed_by, changed_at)
                SELECT path, version, 'goedgekeurd', 'imported', saved_by, saved_at FROM file_version
                WHERE version = 1 AND path LIKE 'content/%.md'
                """)
        }
        migrator.registerMigration("v3-api-tokens") { db in
            try db.execute(sql: """
                CREATE TABLE api_token (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    last_used_at INTEGER,
                    expires_at INTEGER,
                    revoked_at INTEGER
                );
                CREATE INDEX api_token_account ON api_token(account_id);
                """)
        }
        migrator.registerMigration("v4-short-lived") { db in
            try db.execute(sql: """
                CREATE TABLE short_lived (
                    key TEXT PRIMARY KEY,
                    value BLOB NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX short_lived_expiry ON short_lived(expires_at);
                """)
        }
        return migrator
    }

    /// Runs `body` in a write transaction, turning database errors into ``WorkspaceError``.
    func write<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
        do {
            return try database.write(body)
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .storage("\(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
        do {
            return try database.read(body)
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .storage("\(error)")
        }
    }

    // MARK: Audit

    static func append(_ event: AuditEvent, at time: Int64, in db: Database) throws -> AuditEntry {
        let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1")
        let sequence: Int64 = (last?["sequence"] ?? 0) + 1
        let previous: String = last?["hash"] ?? AuditEntry.genesis
        let hash = AuditEntry.hash(
            sequence: sequence, time: time, actor: event.actor, origin: event.origin, action: event.action, object: event.object,
            result: event.result, detail: event.detail, previousHash: previous)
        try db.execute(
            sql: "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [sequence, time, event.actor, event.origin, event.action, event.object, event.result.rawValue, event.detail, previous, hash])
        return AuditEntry(
            sequence: sequence, time: time, actor: event.actor, origin: event.origin, action: event.action, object: event.object,
            result: event.result, detail: event.detail, previousHash: previous, hash: hash)
    }

    public func appendAudit(_ event: AuditEvent, at time: Int64) throws(WorkspaceError) -> AuditEntry {
        try write { db in try Self.append(event, at: time, in: db) }
    }

    public func auditEntries(from: Int64, limit: Int) throws(WorkspaceError) -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE sequence >= ? ORDER BY sequence LIMIT ?", arguments: [from, limit]).map { row in
                AuditEntry(
                    sequence: row["sequence"], time: row["time"], actor: row["actor"], origin: row["origin"], action: row["action"],
                    object: row["object"], result: AuditEntry.Outcome(rawValue: row["result"]) ?? .failure, detail: row["detail"],
                    previousHash: row["previous_hash"], hash: row["hash"])
            }
        }
    }

    // MARK: Short-lived values

    public func putShortLived(key: String, value: Data, expiresAt: Int64, now: Int64) throws(WorkspaceError) {
        try write { db in
            try db.execute(sql: "DELETE FROM short_lived WHERE expires_at <= ?", arguments: [now])
            try db.execute(sql: "INSERT OR REPLACE INTO short_lived VALUES (?, ?, ?)", arguments: [key, value, expiresAt])
        }
    }

    public func shortLived(key: String, now: Int64, take: Bool) throws(WorkspaceError) -> Data? {
        let query = "SELECT value FROM short_lived WHERE key = ? AND expires_at > ?"
        guard take else { return try read { db in try Data.fetchOne(db, sql: query, arguments: [key, now]) } }
        return try write { db in
            let value = try Data.fetchOne(db, sql: query, arguments: [key, now])
            try db.execute(sql: "DELETE FROM short_lived WHERE key = ?", arguments: [key])
            return value
        }
    }

    /// The time now in milliseconds since 1970.
    static var now: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
