import Foundation
import GRDB
import ZichtCore

extension Snapshot {
    /// A hash of everything that identifies the snapshot's contents: every stored source with its
    /// content hash, times, row count and provisional years, in import order.
    ///
    /// Rows are only ever written by ``importTable(_:hash:produce:)``, one transaction per source, and
    /// each adds a row to `source`; so two snapshots (or one snapshot at two moments) with the same
    /// fingerprint hold the same data. Analyses of the snapshot are kept under this key between
    /// processes (ZichtEngine's `AnalysisCache`).
    public func fingerprint() throws -> String {
        try database.read { db in
            var hash = SHA256()
            hash.update(Array("zicht snapshot fingerprint 1\n".utf8))
            let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            hash.update(Array("migrations \(migrations.joined(separator: ","))\n".utf8))
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, tableID, tableTitle, tableDate, origin, sha256, publisher, retrievedAt, importedAt, rowCount, provisionalYears
                    FROM source ORDER BY id
                    """)
            while let row = try rows.next() {
                var fields: [String] = []
                for index in 0..<row.count {
                    // Exact: the bits of a time, the length of a text (so that no text can look like two).
                    let value: DatabaseValue = row[index]
                    switch value.storage {
                    case .null: fields.append("n")
                    case .int64(let value): fields.append("i\(value)")
                    case .double(let value): fields.append("d" + String(value.bitPattern, radix: 16))
                    case .string(let value): fields.append("s\(value.utf8.count):\(value)")
                    case .blob(let value): fields.append("b" + SHA256.hex(value))
                    }
                }
                hash.update(Array((fields.joined(separator: "\t") + "\n").utf8))
            }
            return hash.finalizeHex()
        }
    }
}
