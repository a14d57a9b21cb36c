import Foundation
import GRDB
import ZichtCore

/// The project's data snapshot: every imported table's observations with their provenance, in one
/// SQLite file (`.zicht/snapshot.sqlite`).
///
/// Every import is one transaction: an error leaves the snapshot as it was. Importing the same bytes
/// twice changes nothing, because sources are keyed by the SHA-256 of their content.
public final class Snapshot: Sendable {
    public static let defaultRelativePath = ".zicht/snapshot.sqlite"

    private let database: DatabaseQueue

    /// Opens (and creates or migrates) the snapshot at `url`.
    public init(url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        database = try DatabaseQueue(path: url.path, configuration: configuration)
        try Self.migrator.migrate(database)
    }

    /// An in-memory snapshot, for tests.
    public init() throws {
        database = try DatabaseQueue()
        try Self.migrator.migrate(database)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE source (
                    id INTEGER PRIMARY KEY,
                    tableID TEXT NOT NULL,
                    tableTitle TEXT,
                    tableDate TEXT,
                    origin TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    publisher TEXT NOT NULL,
                    retrievedAt REAL NOT NULL,
                    importedAt REAL NOT NULL,
                    rowCount INTEGER NOT NULL,
                    provisionalYears TEXT NOT NULL DEFAULT ''
                );
                CREATE TABLE observation (
                    sourceID INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    measure TEXT NOT NULL,
                    dims TEXT NOT NULL,
                    region TEXT NOT NULL,
                    period TEXT NOT NULL,
                    value REAL,
                    status INTEGER NOT NULL
                );
                CREATE TABLE region (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL
                );
                CREATE TABLE regionParent (
                    child TEXT NOT NULL,
                    parent TEXT NOT NULL,
                    PRIMARY KEY (child, parent)
                );
                """)
        }
        migrator.registerMigration("v1-indexes") { db in
            try db.execute(sql: "CREATE INDEX observation_lookup ON observation(measure, dims, region, period)")
        }
        return migrator
    }

    /// What an import did.
    public enum ImportOutcome: Sendable, Equatable {
        case imported(rows: Int)
        /// The same bytes were imported before; nothing changed.
        case alreadyImported
    }

    /// Receives the rows of one import; valid only inside ``importTable(_:produce:)``.
    public final class ImportSink {
        fileprivate let insert: Statement
        fileprivate let sourceID: Int64
        fileprivate var regionNames: [String: String] = [:]
        fileprivate var regionParents: [String: String] = [:]
        public fileprivate(set) var rowCount = 0

        fileprivate init(insert: Statement, sourceID: Int64) {
            self.insert = insert
            self.sourceID = sourceID
        }

        /// Stores one observation.
        public func emit(_ observation: Observation) throws {
            let (value, status): (Double?, Int) =
                switch observation.value {
                case .number(let number): (number, 0)
                case .unknown: (nil, 1)
                case .empty: (nil, 2)
                }
            insert.setUncheckedArguments([
                sourceID, observation.measure, observation.dimensionKey, observation.region, observation.period.code, value, status,
            ])
            try insert.execute()
            rowCount += 1
        }

        /// Records a region's name and, when known, the region that contains it (gemeente → provincie).
        public func region(_ code: String, name: String?, parent: String? = nil) {
            if let name, !name.isEmpty { regionNames[code] = name }
            if let parent, !parent.isEmpty { regionParents[code] = parent }
        }
    }

    /// Imports one table in one transaction.
    /// - Parameters:
    ///   - provenance: where the rows come from; its `sha256` makes the import idempotent.
    ///   - produce: writes the rows into the sink; an error thrown here rolls back everything.
    public func importTable(_ provenance: Provenance, produce: (ImportSink) throws -> Void) throws -> ImportOutcome {
        try database.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM source WHERE sha256 = ?", arguments: [provenance.sha256]) == true {
                return .alreadyImported
            }
            try db.execute(
                sql: """
                    INSERT INTO source (tableID, tableTitle, tableDate, origin, sha256, publisher, retrievedAt, importedAt, rowCount, provisionalYears)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                    """,
                arguments: [
                    provenance.tableID, provenance.tableTitle, provenance.tableDate, provenance.origin, provenance.sha256,
                    provenance.publisher, provenance.retrievedAt.timeIntervalSince1970, Date().timeIntervalSince1970,
                    provenance.provisionalYears.sorted().map(String.init).joined(separator: ","),
                ])
            let sink = ImportSink(
                insert: try db.makeStatement(
                    sql: "INSERT INTO observation (sourceID, measure, dims, region, period, value, status) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                sourceID: db.lastInsertedRowID)
            try produce(sink)
            try db.execute(sql: "UPDATE source SET rowCount = ? WHERE id = ?", arguments: [sink.rowCount, sink.sourceID])
            let upsert = try db.makeStatement(
                sql: "INSERT INTO region (code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name")
            for (code, name) in sink.regionNames {
                try upsert.execute(arguments: [code, name])
            }
            let parent = try db.makeStatement(sql: "INSERT OR IGNORE INTO regionParent (child, parent) VALUES (?, ?)")
            for (child, container) in sink.regionParents {
                try parent.execute(arguments: [child, container])
            }
            return .imported(rows: sink.rowCount)
        }
    }

    /// A stored source.
    public struct Source: Sendable, Hashable {
        public var provenance: Provenance
        public var importedAt: Date
        public var rowCount: Int
    }

    public func sources() throws -> [Source] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM source ORDER BY id").map { row in
                Source(
                    provenance: Provenance(
                        tableID: row["tableID"], tableTitle: row["tableTitle"], tableDate: row["tableDate"], origin: row["origin"],
                        sha256: row["sha256"], retrievedAt: Date(timeIntervalSince1970: row["retrievedAt"]), publisher: row["publisher"],
                        provisionalYears: Self.years(row["provisionalYears"])),
                    importedAt: Date(timeIntervalSince1970: row["importedAt"]), rowCount: row["rowCount"])
            }
        }
    }

    /// The snapshot time — the "export" time of the data shown in page footers: when the snapshot was
    /// last changed by an import; nil for an empty snapshot.
    public func snapshotTime() throws -> Date? {
        try database.read { db in
            try Double.fetchOne(db, sql: "SELECT MAX(importedAt) FROM source").map(Date.init(timeIntervalSince1970:))
        }
    }

    /// A stored observation with the provenance of the source it came from.
    public struct StoredObservation: Sendable, Hashable {
        public var observation: Observation
        public var provenance: Provenance
    }

    /// Observations of one measure whose dimensions match `dimensions` exactly (as a set of key=value),
    /// for any of `tableIDs`.
    public func observations(tableIDs: [String], measure: String, dimensions: [String: String]) throws -> [StoredObservation] {
        let dims = Observation.dimensionKey(dimensions)
        return try database.read { db in
            let placeholders = Array(repeating: "?", count: tableIDs.count).joined(separator: ", ")
            var arguments: [any DatabaseValueConvertible] = [measure, dims]
            arguments.append(contentsOf: tableIDs)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.*, s.tableID, s.tableTitle, s.tableDate, s.origin, s.sha256, s.publisher, s.retrievedAt, s.provisionalYears
                    FROM observation o JOIN source s ON s.id = o.sourceID
                    WHERE o.measure = ? AND o.dims = ? AND s.tableID IN (\(placeholders))
                    ORDER BY o.region, o.period, s.id
                    """,
                arguments: StatementArguments(arguments))
            return rows.compactMap { row -> StoredObservation? in
                guard let period = Period(code: row["period"]) else { return nil }
                let status: Int = row["status"]
                let value: ObservedValue = status == 0 ? .number(row["value"]) : (status == 1 ? .unknown : .empty)
                let provenance = Provenance(
                    tableID: row["tableID"], tableTitle: row["tableTitle"], tableDate: row["tableDate"], origin: row["origin"],
                    sha256: row["sha256"], retrievedAt: Date(timeIntervalSince1970: row["retrievedAt"]), publisher: row["publisher"],
                    provisionalYears: Self.years(row["provisionalYears"]))
                return StoredObservation(
                    observation: Observation(
                        tableID: provenance.tableID, measure: measure, dimensions: dimensions, region: row["region"], period: period,
                        value: value),
                    provenance: provenance)
            }
        }
    }

    static func years(_ text: String?) -> Set<Int> {
        Set((text ?? "").split(separator: ",").compactMap { Int($0) })
    }

    /// Region names stored with imports.
    public func regionNames() throws -> [String: String] {
        try database.read { db in
            var names: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code, name FROM region") { names[row["code"]] = row["name"] }
            return names
        }
    }

    /// Child → parent region pairs stored with imports (e.g. "GM0193" → "PV23").
    public func regionParents() throws -> [String: String] {
        try database.read { db in
            var parents: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT child, parent FROM regionParent") { parents[row["child"]] = row["parent"] }
            return parents
        }
    }

    /// Number of observations stored, for tests and reports.
    public func observationCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM observation") ?? 0 }
    }
}
