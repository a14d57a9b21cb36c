import Foundation
import GRDB
import GRDBSQLite
import ZichtCore

/// The project's data snapshot: every imported table's observations with their provenance, in one
/// SQLite file (`.zicht/snapshot.sqlite`).
///
/// Observations are stored packed, many per row: see ``ObservationBlock`` for the layout and
/// Snapshot+Observations.swift for the queries that unpack them.
///
/// Every import is one transaction: an error leaves the snapshot as it was. Importing the same bytes
/// twice changes nothing, because sources are keyed by the SHA-256 of their content.
public final class Snapshot: Sendable {
    public static let defaultRelativePath = ".zicht/snapshot.sqlite"
    /// Observations an import holds in memory before writing them: 512 Ki, about 11 MiB.
    public static let defaultBufferedObservations = 1 << 19

    let database: DatabaseQueue
    /// See ``init(url:bufferedObservations:)``.
    let bufferedObservations: Int

    /// Opens (and creates or migrates) the snapshot at `url`.
    /// - Parameters:
    ///   - bufferedObservations: how many observations an import keeps in memory before it
    ///     writes them out as blocks (see ``ImportSink``). Memory use is about 21 bytes times this,
    ///     whatever the size of the file; more observations per write make fewer, longer blocks.
    ///   - onWait: called once when another process has held the snapshot for a second; this one
    ///     then goes on waiting (up to ``waitLimit``) instead of failing.
    public convenience init(
        url: URL, bufferedObservations: Int = Snapshot.defaultBufferedObservations, onWait: (@Sendable () -> Void)? = nil
    ) throws {
        try self.init(url: url, bufferedObservations: bufferedObservations, onWait: onWait, migrator: { try Snapshot.migrator.migrate($0) })
    }

    /// How long a process waits for another one that writes the snapshot before it gives up.
    public static let waitLimit: TimeInterval = 600

    init(
        url: URL, bufferedObservations: Int = Snapshot.defaultBufferedObservations, onWait: (@Sendable () -> Void)? = nil,
        migrator migrate: (DatabaseQueue) throws -> Void
    ) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .callback(Self.busyCallback(onWait: onWait))
        configuration.prepareDatabase { db in
            // Write-ahead logging: readers (a build's queries, `zicht indicators`) never wait for an
            // import, and an import is still one transaction: an error or a crash in the middle leaves
            // the snapshot as it was. FULL synchronisation makes a finished import survive a power
            // failure too; it costs one fsync of the log per import. An 8 MiB page cache: with packed
            // blocks a 64 MiB cache made imports no faster (measured, 5 M rows), only bigger in memory
            // (117 against 57 MiB). 64 KiB pages made no measurable difference either.
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -8192")
        }
        // Opening can meet SQLITE_BUSY without SQLite calling the busy handler: switching to WAL needs a
        // moment alone with the file, and the migrator's read-then-write transaction cannot wait for
        // another writer. Both are simply tried again.
        // Two processes that open a new snapshot at once would both run the migrations; a lock file
        // beside the database lets one migrate while the other waits.
        let started = Date()
        var told = false
        while true {
            do {
                database = try FileLock.withLock(at: url.path + "-open.lock", onWait: onWait) {
                    let queue = try DatabaseQueue(path: url.path, configuration: configuration)
                    try migrate(queue)
                    return queue
                }
                break
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                let waited = Date().timeIntervalSince(started)
                if waited > Self.waitLimit { throw SnapshotBusyError(path: url.path) }
                if waited >= 1 && !told {
                    onWait?()
                    told = true
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        self.bufferedObservations = bufferedObservations
    }

    /// SQLite's busy handler: sleep and try again, tell the user once after a second, give up after
    /// ``waitLimit``.
    static func busyCallback(onWait: (@Sendable () -> Void)?) -> Database.BusyCallback {
        let pause: TimeInterval = 0.02
        let tellAfter = Int(1 / pause)
        let giveUpAfter = Int(waitLimit / pause)
        return { tries in
            if tries == tellAfter { onWait?() }
            guard tries < giveUpAfter else { return false }
            Thread.sleep(forTimeInterval: pause)
            return true
        }
    }

    /// An in-memory snapshot, for tests.
    public init(bufferedObservations: Int = Snapshot.defaultBufferedObservations) throws {
        database = try DatabaseQueue()
        self.bufferedObservations = bufferedObservations
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
                CREATE TABLE series (
                    id INTEGER PRIMARY KEY,
                    sourceID INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    measure TEXT NOT NULL,
                    dims TEXT NOT NULL
                );
                CREATE INDEX series_lookup ON series(measure, dims);
                CREATE TABLE regionKey (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE
                );
                -- No foreign-key clauses here: checking two parents per row halved the import speed,
                -- and rows are only ever written by importTable, which takes both ids from those tables.
                CREATE TABLE observation (
                    seriesID INTEGER NOT NULL,
                    regionID INTEGER NOT NULL,
                    period INTEGER NOT NULL,
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
            try db.execute(sql: "CREATE INDEX observation_lookup ON observation(seriesID, regionID, period)")
        }
        registerIncidentMigrations(&migrator)
        registerObservationBlockMigration(&migrator)
        return migrator
    }

    /// What an import did.
    public enum ImportOutcome: Sendable, Equatable {
        case imported(rows: Int)
        /// The same bytes were imported before; nothing changed.
        case alreadyImported
    }

    /// Receives the rows of one import; valid only inside ``importTable(_:produce:)``.
    ///
    /// Each distinct (measure, dimensions) pair becomes one row of `series`, each region code one row
    /// of `regionKey`. Observations are collected in a bounded buffer, grouped by series, and written
    /// as packed blocks (``ObservationBlock``) whenever the buffer is full and at the end.
    ///
    /// Callers that emit many observations of few series can look the series and region up once
    /// (``seriesKey(measure:dimensions:)``, ``regionKey(_:)``) and emit with the keys, which skips
    /// comparing the measure, dimensions and region of every observation.
    public final class ImportSink {
        let database: Database
        /// Prepared on the first stored incident (see Snapshot+Incidents.swift).
        var insertIncident: Statement?
        let sourceID: Int64
        fileprivate let insertBlock: Statement
        fileprivate let insertSeries: Statement
        fileprivate var seriesIDs: [SeriesName: Int64] = [:]
        fileprivate var regionIDs: [String: Int32] = [:]
        fileprivate let findRegion: Statement
        fileprivate let insertRegion: Statement
        /// The series of the previous observation with the same measure: rows of one table mostly
        /// repeat their dimensions, and comparing is cheaper than hashing.
        fileprivate var lastSeries: [(measure: String, dimensions: [String: String], id: Int64)] = []
        fileprivate var lastRegion: (code: String, id: Int32)?
        fileprivate var regionNames: [String: String] = [:]
        fileprivate var regionParents: [String: String] = [:]
        fileprivate var buffer: ObservationBuffer
        /// The content hash while it is being computed; nil once it has been checked.
        fileprivate var pendingHash: ContentHash?
        /// Observations emitted so far.
        public fileprivate(set) var rowCount = 0

        /// A series (measure and dimensions) of this import, from ``seriesKey(measure:dimensions:)``.
        public struct SeriesKey: Hashable, Sendable {
            fileprivate let id: Int64
        }

        /// A region of this import, from ``regionKey(_:)``.
        public struct RegionKey: Hashable, Sendable {
            fileprivate let id: Int32
        }

        /// Thrown to stop an import whose content turns out to be in the snapshot already.
        fileprivate struct SeenBefore: Error {}

        fileprivate struct SeriesName: Hashable {
            var measure: String
            var dimensions: [String: String]
        }

        fileprivate init(database: Database, sourceID: Int64, bufferedObservations: Int) throws {
            self.database = database
            self.sourceID = sourceID
            insertBlock = try database.makeStatement(sql: "INSERT INTO observationBlock (seriesID, count, data) VALUES (?, ?, ?)")
            insertSeries = try database.makeStatement(sql: "INSERT INTO series (sourceID, measure, dims) VALUES (?, ?, ?)")
            findRegion = try database.makeStatement(sql: "SELECT id FROM regionKey WHERE code = ?")
            insertRegion = try database.makeStatement(sql: "INSERT INTO regionKey (code) VALUES (?)")
            buffer = ObservationBuffer(capacity: bufferedObservations)
        }

        /// The key of region `code`, stored in the snapshot when new.
        public func regionKey(_ code: String) throws -> RegionKey {
            if let last = lastRegion, last.code == code { return RegionKey(id: last.id) }
            if let id = regionIDs[code] {
                lastRegion = (code, id)
                return RegionKey(id: id)
            }
            let found: Int64
            if let stored = try Int64.fetchOne(findRegion, arguments: [code]) {
                found = stored
            } else {
                try insertRegion.execute(arguments: [code])
                found = database.lastInsertedRowID
            }
            guard let id = Int32(exactly: found) else {
                throw DatabaseError(resultCode: .SQLITE_FULL, message: "more than \(Int32.max) region codes in the snapshot")
            }
            regionIDs[code] = id
            lastRegion = (code, id)
            return RegionKey(id: id)
        }

        /// The key of the series (`measure`, `dimensions`) of this import, stored when new.
        public func seriesKey(measure: String, dimensions: [String: String]) throws -> SeriesKey {
            // A table has few measures: a linear scan of the last series per measure beats hashing.
            for last in lastSeries where last.measure == measure && last.dimensions == dimensions {
                return SeriesKey(id: last.id)
            }
            let name = SeriesName(measure: measure, dimensions: dimensions)
            let id: Int64
            if let known = seriesIDs[name] {
                id = known
            } else {
                try insertSeries.execute(arguments: [sourceID, measure, Observation.dimensionKey(dimensions)])
                id = database.lastInsertedRowID
                seriesIDs[name] = id
            }
            if let index = lastSeries.firstIndex(where: { $0.measure == measure }) {
                lastSeries[index] = (measure, dimensions, id)
            } else {
                lastSeries.append((measure, dimensions, id))
            }
            return SeriesKey(id: id)
        }

        /// Stores one observation.
        public func emit(_ observation: Observation) throws {
            try emit(
                seriesKey(measure: observation.measure, dimensions: observation.dimensions), regionKey(observation.region),
                period: observation.period, value: observation.value)
        }

        /// Stores one observation of a series and region looked up before.
        @inline(__always)
        public func emit(_ series: SeriesKey, _ region: RegionKey, period: Period, value: ObservedValue) throws {
            guard let periodKey = Int32(exactly: period.sortKey) else {
                throw DatabaseError(resultCode: .SQLITE_RANGE, message: "period \(period.code) is out of range")
            }
            if buffer.isFull { try flush() }
            if rowCount & 0xFFFF == 0, pendingHash != nil { try checkHash() }
            let (bits, status): (UInt64, UInt8) =
                switch value {
                case .number(let number): (number.bitPattern, 0)
                case .unknown: (0, 1)
                case .empty: (0, 2)
                }
            buffer.append(series: series.id, region: region.id, period: periodKey, bits: bits, status: status)
            rowCount += 1
        }

        /// Stops the import (throwing ``SeenBefore``) when the content hash, if known by now, names
        /// content that is in the snapshot already.
        fileprivate func checkHash() throws {
            guard let hash = pendingHash, let finished = hash.finished else { return }
            pendingHash = nil
            // A failed hash is reported at the end, by importTable.
            if case .success(let sha256) = finished, try Snapshot.hasSource(database, sha256: sha256) { throw SeenBefore() }
        }

        /// Writes the buffered observations as blocks.
        fileprivate func flush() throws {
            // Bound through the C API: GRDB's argument boxing is slower than needed for raw blobs.
            let handle = insertBlock.sqliteStatement
            try buffer.drain { series, count, bytes in
                sqlite3_bind_int64(handle, 1, series)
                sqlite3_bind_int64(handle, 2, Int64(count))
                // No destructor: SQLite copies the bytes during the step, before they change.
                sqlite3_bind_blob(handle, 3, bytes.baseAddress, Int32(bytes.count), nil)
                let code = sqlite3_step(handle)
                sqlite3_reset(handle)
                guard code == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
                }
            }
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
        try importTable(provenance, hash: ContentHash(known: provenance.sha256), produce: produce)
    }

    /// Imports one table in one transaction while its content hash is still being computed.
    ///
    /// The rows are stored as they come; the hash is looked at now and then during the import and
    /// at the end. When it names content imported before, the import stops, everything it wrote is
    /// rolled back and the result is ``ImportOutcome/alreadyImported``: the same as when the hash is
    /// known beforehand, only found out later. Hashing a file on a second core while parsing it
    /// on the first takes the hash off the import's critical path.
    /// - Parameters:
    ///   - provenance: where the rows come from; its `sha256` is replaced by the hash's result.
    ///   - hash: the content's SHA-256, being computed.
    ///   - produce: writes the rows into the sink; an error thrown here rolls back everything.
    /// - Throws: what `produce` or the hash computation throws, or a database error.
    public func importTable(_ provenance: Provenance, hash: ContentHash, produce: (ImportSink) throws -> Void) throws -> ImportOutcome {
        do {
            return try database.write { db in
                if case .success(let known)? = hash.finished, try Self.hasSource(db, sha256: known) {
                    return .alreadyImported
                }
                // A unique stand-in until the hash is known (the column is UNIQUE).
                try db.execute(
                    sql: """
                        INSERT INTO source (tableID, tableTitle, tableDate, origin, sha256, publisher, retrievedAt, importedAt, rowCount, provisionalYears)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                        """,
                    arguments: [
                        provenance.tableID, provenance.tableTitle, provenance.tableDate, provenance.origin, "pending:\(UUID().uuidString)",
                        provenance.publisher, provenance.retrievedAt.timeIntervalSince1970, Date().timeIntervalSince1970,
                        provenance.provisionalYears.sorted().map(String.init).joined(separator: ","),
                    ])
                let sink = try ImportSink(database: db, sourceID: db.lastInsertedRowID, bufferedObservations: bufferedObservations)
                sink.pendingHash = hash
                try produce(sink)
                try sink.flush()
                let sha256 = try hash.wait()
                if try Self.hasSource(db, sha256: sha256) { throw ImportSink.SeenBefore() }
                try db.execute(
                    sql: "UPDATE source SET rowCount = ?, sha256 = ? WHERE id = ?", arguments: [sink.rowCount, sha256, sink.sourceID])
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
        } catch is ImportSink.SeenBefore {
            return .alreadyImported
        }
    }

    fileprivate static func hasSource(_ db: Database, sha256: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM source WHERE sha256 = ?", arguments: [sha256]) == true
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
    /// The newest retrieval date of the imported sources that are not simulated: the time of the
    /// data (not of the import; simulated data are made at the moment they are imported).
    public func dataTime() throws -> Date? {
        try sources().map(\.provenance).filter { !$0.isSimulated }.map(\.retrievedAt).max()
    }

    public func snapshotTime() throws -> Date? {
        try database.read { db in
            try Double.fetchOne(db, sql: "SELECT MAX(importedAt) FROM source").map(Date.init(timeIntervalSince1970:))
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
}

/// Another process kept the snapshot locked for longer than ``Snapshot/waitLimit``.
public struct SnapshotBusyError: DiagnosticConvertible, Sendable, CustomStringConvertible {
    public var path: String
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
    public var description: String {
        "the snapshot \(path) stayed locked by another zicht process for \(Int(Snapshot.waitLimit / 60)) minutes; try again when it has finished"
    }
}
