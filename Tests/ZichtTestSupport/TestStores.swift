import Foundation
import ZichtWorkspace

/// The two storages of the werkomgeving, for tests that run against both. PostgreSQL is a real
/// server: the one at `ZICHT_TEST_POSTGRES` (an address where the tests may create databases), or a
/// throwaway one that `Tests/postgres/start.sh` starts on 127.0.0.1. Each store gets a database of
/// its own.
public enum TestStoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    /// What the werkomgeving's server tests use: `ZICHT_TEST_STORE=postgres` runs them on PostgreSQL.
    public static var configured: TestStoreKind {
        ProcessInfo.processInfo.environment["ZICHT_TEST_STORE"] == "postgres" ? .postgres : .sqlite
    }

    public var description: String { rawValue }

    /// A new, empty store: an in-memory SQLite database, or a new PostgreSQL database.
    public func makeStore() async throws -> any WorkspaceStore {
        switch self {
        case .sqlite: try SQLiteWorkspaceStore()
        case .postgres: try await PostgresWorkspaceStore(url: try TestPostgres.newDatabase())
        }
    }
}

public enum TestPostgres {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var server: String?

    /// The address of the server (its `postgres` database).
    public static func serverAddress() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let server { return server }
        let address: String
        if let configured = ProcessInfo.processInfo.environment["ZICHT_TEST_POSTGRES"], !configured.isEmpty {
            address = configured
        } else {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("postgres/start.sh")
            address = try run("/bin/bash", [script.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        server = address
        return address
    }

    /// Creates a database of its own for one test and returns its address.
    public static func newDatabase() throws -> String {
        let server = try serverAddress()
        let name = "zicht_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        _ = try run("/usr/bin/psql", [server, "-v", "ON_ERROR_STOP=1", "-qAtc", "CREATE DATABASE \(name)"])
        guard var components = URLComponents(string: server) else { throw TestPostgresError(message: "not an address: \(server)") }
        components.path = "/\(name)"
        return components.string!
    }

    struct TestPostgresError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestPostgresError(message: "\(program) \(arguments.joined(separator: " ")): \(String(decoding: complaint, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
