import Foundation
import GRDB
import GRDBSQLite
import ZichtCore

/// Individual incidents in the snapshot, for analyses that need places and days: evaluations of
/// safety instruments (monthly counts per area), near-repeat tests and hot spots.
///
/// The snapshot is private to the municipality's analysts; incidents are never written to the site,
/// only counts and results that pass disclosure control.
extension Snapshot {
    static func registerIncidentMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-incidents") { db in
            try db.execute(sql: """
                CREATE TABLE incident (
                    sourceID INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    day INTEGER NOT NULL,
                    minute INTEGER,
                    type TEXT NOT NULL,
                    x REAL,
                    y REAL,
                    area TEXT
                );
                CREATE INDEX incident_lookup ON incident(type, day);
                """)
        }
    }

    /// An incident as stored: its day, type, point (RD New) and the area it was assigned to.
    public struct StoredIncident: Sendable, Hashable {
        /// Days since 1970-01-01 (the calendar date, no time zone).
        public var day: Int
        /// Minutes after midnight, when known.
        public var minute: Int?
        public var type: String
        public var x: Double?
        public var y: Double?
        /// The area (buurt) code, or nil when the point lies in no area.
        public var area: String?

        public init(day: Int, minute: Int?, type: String, x: Double?, y: Double?, area: String?) {
            self.day = day
            self.minute = minute
            self.type = type
            self.x = x
            self.y = y
            self.area = area
        }

        public var year: Int { CivilDate(day: day).year }
        public var month: Int { CivilDate(day: day).month }
    }

    /// Incidents of the given tables, optionally of some types and within a range of days.
    public func incidents(tableIDs: [String], types: Set<String>? = nil, days: ClosedRange<Int>? = nil) throws -> [StoredIncident] {
        try database.read { db in
            let placeholders = Array(repeating: "?", count: tableIDs.count).joined(separator: ", ")
            var arguments: [any DatabaseValueConvertible] = tableIDs
            var sql = """
                SELECT i.day, i.minute, i.type, i.x, i.y, i.area FROM incident i JOIN source s ON s.id = i.sourceID
                WHERE s.tableID IN (\(placeholders))
                """
            if let days {
                sql += " AND i.day BETWEEN ? AND ?"
                arguments += [days.lowerBound, days.upperBound]
            }
            sql += " ORDER BY i.day, i.rowid"
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            var result: [StoredIncident] = []
            while let row = try rows.next() {
                let type: String = row[2]
                if let types, !types.contains(type) { continue }
                result.append(StoredIncident(day: row[0], minute: row[1], type: type, x: row[3], y: row[4], area: row[5]))
            }
            return result
        }
    }

    /// Counts of stored incidents per area, year and type (incidents outside every area left out).
    public func incidentCounts(tableID: String) throws -> [(area: String, year: Int, type: String, count: Int)] {
        // Grouped by calendar year in SQL (days since 1970 → proleptic Gregorian year, as CivilDate
        // computes it): a few thousand groups instead of one row per area, day and type.
        try database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT i.area, CAST(strftime('%Y', i.day * 86400, 'unixepoch') AS INTEGER) AS year, i.type, COUNT(*) AS n
                    FROM incident i JOIN source s ON s.id = i.sourceID
                    WHERE s.tableID = ? AND i.area IS NOT NULL GROUP BY i.area, year, i.type
                    """,
                arguments: [tableID])
            var result: [(area: String, year: Int, type: String, count: Int)] = []
            while let row = try rows.next() {
                result.append((area: row[0], year: row[1], type: row[2], count: row[3]))
            }
            return result
        }
    }

    /// The number of stored incidents.
    public func incidentCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident") ?? 0 }
    }
}

extension Snapshot.StoredObservation {
    /// A derived observation (e.g. a sum over types) that keeps the provenance of its parts.
    public init(derived observation: Observation, provenance: Provenance) {
        self.init(observation: observation, provenance: provenance)
    }
}

extension Snapshot.ImportSink {
    /// Stores one incident with the area it was assigned to (nil: outside every area).
    public func store(_ incident: Incident, area: String?) throws {
        if insertIncident == nil {
            insertIncident = try database.makeStatement(
                sql: "INSERT INTO incident (sourceID, day, minute, type, x, y, area) VALUES (?, ?, ?, ?, ?, ?, ?)")
        }
        let point: (Double, Double)? = if case .rd(let x, let y) = incident.location { (x, y) } else { nil }
        let code: String? = if case .area(let given) = incident.location, area == nil { given } else { area }
        try insertIncident!.execute(arguments: [
            sourceID, CivilDate(year: incident.year, month: incident.month, day: incident.day).dayNumber, incident.minuteOfDay,
            incident.type, point?.0, point?.1, code,
        ])
    }
}
