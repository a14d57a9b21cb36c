import Foundation
import Logging
import PostgresNIO

/// The werkomgeving's storage in PostgreSQL (postgres-nio), for several `zicht server` instances on
/// one database. The same tables, the same migrations (in PostgreSQL's dialect) and the same rules as
/// ``SQLiteWorkspaceStore``: every change is one transaction with its audit line, the audit log,
/// saved versions and exports are immutable (refused by triggers in the database itself).
///
/// Writes that append to the audit log hold one transaction-level advisory lock: the chain has one
/// order, and a save's check of the newest version and its insert cannot interleave with another
/// instance's. Reads take no lock.
public final class PostgresWorkspaceStore: WorkspaceStore {
    let client: PostgresClient
    private let running: Task<Void, Never>
    let logger: Logger
    /// Where the database is, without the password (for messages).
    public let description: String

    /// The key of the advisory lock that orders audited writes ("zicht" in ASCII).
    static let writeLock: Int64 = 0x7A_69_63_68_74
    /// The key of the lock held while the schema is migrated.
    static let migrationLock: Int64 = 0x7A_69_63_68_74_6D

    /// Connects to `url` (`postgres://user:password@host:port/database?sslmode=require`), and creates
    /// or migrates the schema. The password may also come from the environment (`PGPASSWORD`).
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) async throws(WorkspaceError) {
        let location = try PostgresLocation(url, environment: environment)
        var configuration: PostgresClient.Configuration
        switch location.endpoint {
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: location.username, password: location.password, database: location.database, tls: location.tls)
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: location.username, password: location.password, database: location.database)
        }
        configuration.options.maximumConnections = 16
        configuration.options.connectTimeout = .seconds(10)
        var logger = Logger(label: "zicht.postgres")
        logger.logLevel = .critical
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.description = location.description
        running = Task { await client.run() }
        do {
            try await migrate()
        } catch {
            running.cancel()
            throw error
        }
    }

    deinit { running.cancel() }

    /// Stops the connection pool.
    public func close() { running.cancel() }

    // MARK: Transactions

    /// Runs `body` in one transaction; audited writes (`lock`) first take the write lock.
    func transaction<T: Sendable>(lock: Bool = true, _ body: @Sendable (PostgresConnection) async throws -> T) async throws(WorkspaceError) -> T {
        let logger = logger
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    if lock { try await connection.query("SELECT pg_advisory_xact_lock(\(Self.writeLock))", logger: logger) }
                    let value = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return value
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .storage(Self.explain(error, in: description))
        }
    }

    /// One statement outside a transaction, its rows collected.
    func rows(_ query: PostgresQuery) async throws(WorkspaceError) -> [PostgresRandomAccessRow] {
        do {
            return try await client.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
        } catch {
            throw .storage(Self.explain(error, in: description))
        }
    }

    /// One statement outside a transaction; the number of rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) async throws(WorkspaceError) -> Int {
        do {
            return try await client.withConnection { connection in try await Self.execute(query, on: connection, logger: self.logger) }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .storage(Self.explain(error, in: description))
        }
    }

    static func rows(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    /// Runs a changing statement and returns how many rows it changed.
    static func execute(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        // `RETURNING 1` makes the changed rows countable through the row stream.
        let rows = try await connection.query(query, logger: logger).collect()
        return rows.count
    }

    /// A readable message for a database error: PostgreSQL's own message and its SQLSTATE, never the
    /// query's values.
    static func explain(_ error: any Error, in location: String) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return "PostgreSQL at \(location): \(message)\(code)"
            }
            return "PostgreSQL at \(location): \(error.code)"
        }
        if let error = error as? PostgresTransactionError, let inner = error.closureError ?? error.commitError ?? error.beginError {
            return explain(inner, in: location)
        }
        return "PostgreSQL at \(location): \(error)"
    }

    // MARK: Audit

    static func append(_ event: AuditEvent, at time: Int64, on connection: PostgresConnection, logger: Logger) async throws -> AuditEntry {
        let last = try await rows("SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1", on: connection, logger: logger).first
        let sequence = try (last.map { try $0["sequence"].decode(Int64.self) } ?? 0) + 1
        let previous = try last.map { try $0["hash"].decode(String.self) } ?? AuditEntry.genesis
        let hash = AuditEntry.hash(
            sequence: sequence, time: time, actor: event.actor, origin: event.origin, action: event.action, object: event.object,
            result: event.result, detail: event.detail, previousHash: previous)
        try await connection.query(
            """
            INSERT INTO audit VALUES (\(sequence), \(time), \(event.actor), \(event.origin), \(event.action), \(event.object),
            \(event.result.rawValue), \(event.detail), \(previous), \(hash))
            """, logger: logger)
        return AuditEntry(
            sequence: sequence, time: time, actor: event.actor, origin: event.origin, action: event.action, object: event.object,
            result: event.result, detail: event.detail, previousHash: previous, hash: hash)
    }

    public func appendAudit(_ event: AuditEvent, at time: Int64) async throws(WorkspaceError) -> AuditEntry {
        try await transaction { connection in try await Self.append(event, at: time, on: connection, logger: self.logger) }
    }

    public func auditEntries(from: Int64, limit: Int) async throws(WorkspaceError) -> [AuditEntry] {
        let rows = try await rows("SELECT * FROM audit WHERE sequence >= \(from) ORDER BY sequence LIMIT \(limit)")
        return try decoding {
            try rows.map { row in
                AuditEntry(
                    sequence: try row["sequence"].decode(Int64.self), time: try row["time"].decode(Int64.self),
                    actor: try row["actor"].decode(String.self), origin: try row["origin"].decode(String.self),
                    action: try row["action"].decode(String.self), object: try row["object"].decode(String.self),
                    result: AuditEntry.Outcome(rawValue: try row["result"].decode(String.self)) ?? .failure,
                    detail: try row["detail"].decode(String.self), previousHash: try row["previous_hash"].decode(String.self),
                    hash: try row["hash"].decode(String.self))
            }
        }
    }

    // MARK: Short-lived values

    public func putShortLived(key: String, value: Data, expiresAt: Int64, now: Int64) async throws(WorkspaceError) {
        let logger = logger
        try await transaction(lock: false) { connection in
            try await connection.query("DELETE FROM short_lived WHERE expires_at <= \(now)", logger: logger)
            try await connection.query(
                """
                INSERT INTO short_lived VALUES (\(key), \(value), \(expiresAt))
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
                """, logger: logger)
        }
    }

    public func shortLived(key: String, now: Int64, take: Bool) async throws(WorkspaceError) -> Data? {
        // Taken in one statement: two instances cannot both use a value meant to be used once.
        let rows = take
            ? try await rows("DELETE FROM short_lived WHERE key = \(key) AND expires_at > \(now) RETURNING value")
            : try await rows("SELECT value FROM short_lived WHERE key = \(key) AND expires_at > \(now)")
        return try decoding { try rows.first?.value("value", as: Data.self) }
    }

    /// Turns a decoding error (a column of an unexpected type) into a ``WorkspaceError``.
    func decoding<T>(_ body: () throws -> T) throws(WorkspaceError) -> T {
        do {
            return try body()
        } catch {
            throw .storage(Self.explain(error, in: description))
        }
    }

    static var now: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}

/// A `postgres://` address taken apart.
struct PostgresLocation: Sendable, CustomStringConvertible {
    enum Endpoint: Sendable {
        case tcp(host: String, port: Int)
        case socket(String)
    }

    var endpoint: Endpoint
    var username: String
    var password: String?
    var database: String?
    var tls: PostgresClient.Configuration.TLS

    init(_ text: String, environment: [String: String]) throws(WorkspaceError) {
        func invalid(_ found: String) -> WorkspaceError {
            .invalid(
                field: "--database", expected: "postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require][&host=/socket/folder]",
                found: found)
        }
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw invalid("'\(text.prefix(200))'")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        for name in query.keys where !["sslmode", "host"].contains(name) { throw invalid("the unknown parameter '\(name)'") }
        username = components.user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        password = components.password ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? nil : path
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            endpoint = .socket("\(socketFolder)/.s.PGSQL.\(components.port ?? 5432)")
        } else if let host = components.host, !host.isEmpty {
            endpoint = .tcp(host: host, port: components.port ?? 5432)
        } else {
            throw invalid("no host in '\(text.prefix(200))'")
        }
        switch query["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-full": tls = .require(.makeClientConfiguration())
        case let other: throw invalid("sslmode=\(other)")
        }
    }

    var description: String {
        let place: String
        switch endpoint {
        case .tcp(let host, let port): place = "\(host):\(port)"
        case .socket(let path): place = path
        }
        return "postgres://\(username)@\(place)/\(database ?? "")"
    }
}
