import Foundation
import GRDB
import ZichtCore

/// Observations in the snapshot: stored packed, many per row of `observationBlock` (see
/// ``ObservationBlock``), and unpacked by the queries here.
extension Snapshot {
    /// Replaces v1's table of one row per observation by packed blocks, converting what a v1 snapshot
    /// holds: the observations of each series, in the order they were imported, become blocks of at
    /// most ``ObservationBlock/maxCount``. Memory stays bounded (the rows are read with a cursor).
    static func registerObservationBlockMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-observation-blocks") { db in
            try db.execute(sql: """
                CREATE TABLE observationBlock (
                    id INTEGER PRIMARY KEY,
                    seriesID INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
                    count INTEGER NOT NULL,
                    data BLOB NOT NULL
                );
                CREATE INDEX observationBlock_series ON observationBlock(seriesID);
                """)
            let insert = try db.makeStatement(sql: "INSERT INTO observationBlock (seriesID, count, data) VALUES (?, ?, ?)")
            var buffer = ObservationBuffer(capacity: 1 << 16)
            func drain() throws {
                try buffer.drain { series, count, bytes in
                    try insert.execute(arguments: [series, count, Data(bytes)])
                }
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT seriesID, regionID, period, value, status FROM observation ORDER BY seriesID, rowid")
            while let row = try rows.next() {
                if buffer.isFull { try drain() }
                let status: Int = row[4]
                let value: Double? = row[3]
                buffer.append(
                    series: row[0], region: Int32(truncatingIfNeeded: row[1] as Int64), period: Int32(truncatingIfNeeded: row[2] as Int64),
                    bits: status == 0 ? (value ?? 0).bitPattern : 0, status: UInt8(truncatingIfNeeded: status))
            }
            try drain()
            try db.execute(sql: "DROP TABLE observation")
        }
    }

    /// A stored observation with the provenance of the source it came from.
    public struct StoredObservation: Sendable, Hashable {
        public var observation: Observation
        public var provenance: Provenance
    }

    /// Observations of one measure whose dimensions match `dimensions` exactly (as a set of key=value),
    /// for any of `tableIDs`, ordered by region code, period and source (oldest import first); within
    /// one source, in the order they were imported.
    public func observations(tableIDs: [String], measure: String, dimensions: [String: String]) throws -> [StoredObservation] {
        guard !tableIDs.isEmpty else { return [] }
        let dims = Observation.dimensionKey(dimensions)
        return try database.read { db in
            let placeholders = Array(repeating: "?", count: tableIDs.count).joined(separator: ", ")
            var arguments: [any DatabaseValueConvertible] = [measure, dims]
            arguments.append(contentsOf: tableIDs)
            // Every block of the matching series, with its source; blocks come in import order.
            let blocks = try Row.fetchCursor(
                db,
                sql: """
                    SELECT b.id, b.count, b.data, r.sourceID
                    FROM series r
                    JOIN source s ON s.id = r.sourceID
                    JOIN observationBlock b ON b.seriesID = r.id
                    WHERE r.measure = ? AND r.dims = ? AND s.tableID IN (\(placeholders))
                    ORDER BY r.sourceID, b.id
                    """,
                arguments: StatementArguments(arguments))
            var entries: [(region: Int32, period: Int32, source: Int64, order: Int, value: ObservedValue)] = []
            while let row = try blocks.next() {
                let source: Int64 = row[3]
                let count: Int = row[1]
                try row.withUnsafeData(atIndex: 2) { data in
                    try ObservationBlock.decode(data ?? Data(), count: count) { _, entry in
                        entries.append((entry.region, entry.period, source, entries.count, entry.value))
                    }
                }
            }
            guard !entries.isEmpty else { return [] }
            let provenances = try sourceProvenances(db, ids: Set(entries.map(\.source)))
            let regionIDs = Set(entries.map(\.region))
            let codes = try regionCodes(db, ids: regionIDs)
            guard codes.count == regionIDs.count else {
                throw ObservationBlock.Damaged(detail: "\(regionIDs.count - codes.count) region ids without a regionKey row")
            }
            // Replace each region id by the rank of its code, so that the sort compares integers only.
            let ranked = codes.keys.sorted { codes[$0]! < codes[$1]! }
            var rank: [Int32: Int32] = [:]
            for (index, id) in ranked.enumerated() { rank[id] = Int32(index) }
            for index in entries.indices { entries[index].region = rank[entries[index].region]! }
            entries.sort {
                if $0.region != $1.region { return $0.region < $1.region }
                if $0.period != $1.period { return $0.period < $1.period }
                if $0.source != $1.source { return $0.source < $1.source }
                return $0.order < $1.order
            }
            let rankedCodes = ranked.map { codes[$0]! }
            return entries.compactMap { entry -> StoredObservation? in
                guard let period = Period(sortKey: Int(entry.period)), let provenance = provenances[entry.source] else { return nil }
                return StoredObservation(
                    observation: Observation(
                        tableID: provenance.tableID, measure: measure, dimensions: dimensions, region: rankedCodes[Int(entry.region)],
                        period: period, value: entry.value),
                    provenance: provenance)
            }
        }
    }

    /// The provenance of each of the sources `ids`.
    private func sourceProvenances(_ db: Database, ids: Set<Int64>) throws -> [Int64: Provenance] {
        var result: [Int64: Provenance] = [:]
        let list = ids.map(String.init).joined(separator: ",")
        for row in try Row.fetchAll(db, sql: "SELECT * FROM source WHERE id IN (\(list))") {
            result[row["id"]] = Provenance(
                tableID: row["tableID"], tableTitle: row["tableTitle"], tableDate: row["tableDate"], origin: row["origin"],
                sha256: row["sha256"], retrievedAt: Date(timeIntervalSince1970: row["retrievedAt"]), publisher: row["publisher"],
                provisionalYears: Self.years(row["provisionalYears"]))
        }
        return result
    }

    /// The code of each of the regions `ids`.
    private func regionCodes(_ db: Database, ids: Set<Int32>) throws -> [Int32: String] {
        var result: [Int32: String] = [:]
        result.reserveCapacity(ids.count)
        // One pass over the (small) region table is cheaper than a long IN list.
        let rows = try Row.fetchCursor(db, sql: "SELECT id, code FROM regionKey")
        while let row = try rows.next() {
            let id = Int32(truncatingIfNeeded: row[0] as Int64)
            if ids.contains(id) { result[id] = row[1] }
        }
        return result
    }

    /// Number of observations stored, for tests and reports.
    public func observationCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(count), 0) FROM observationBlock") ?? 0 }
    }
}

// MARK: - For tests (reached with `@testable import ZichtStore`)

extension Snapshot {
    /// Opens (and creates) a snapshot migrated only up to `migration`, e.g. "v1-indexes" for the
    /// layout of the first release, so that tests can write old data and check later migrations.
    convenience init(url: URL, migratingUpTo migration: String) throws {
        try self.init(url: url, migrator: { try Snapshot.migrator.migrate($0, upTo: migration) })
    }

    /// Runs SQL statements outside any import.
    func execute(sql: String) throws {
        try database.write { db in try db.execute(sql: sql) }
    }

    /// The number of rows of `table`.
    func rowCount(of table: String) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// Whether the snapshot has a table called `name`.
    func hasTable(_ name: String) throws -> Bool {
        try database.read { db in try db.tableExists(name) }
    }
}
