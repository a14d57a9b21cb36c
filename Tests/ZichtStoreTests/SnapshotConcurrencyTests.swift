import Foundation
import Testing
import GRDB
@testable import ZichtStore

/// Two connections to one snapshot file, as two processes have: reading goes on while another
/// connection is in the middle of writing (write-ahead log), and a second writer waits for the
/// first instead of failing with "database is locked".
struct SnapshotConcurrencyTests {
    static func temporarySnapshot() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("zicht-wal-\(UUID().uuidString)/snapshot.sqlite")
    }

    @Test func readingDoesNotWaitForAWriteInProgress() throws {
        let url = Self.temporarySnapshot()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let writer = try Snapshot(url: url)
        let reader = try Snapshot(url: url)
        let inside = DispatchSemaphore(value: 0), readDone = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? writer.database.write { db in
                try db.execute(sql: "INSERT INTO region (code, name) VALUES ('GM0193', 'Zwolle')")
                inside.signal()
                _ = readDone.wait(timeout: .now() + 20)
            }
            finished.signal()
        }
        inside.wait()
        let started = Date()
        #expect(try reader.snapshotTime() == nil)
        let seconds = Date().timeIntervalSince(started)
        readDone.signal()
        finished.wait()
        // Blocked, the read would have waited the writer's full 20 s.
        #expect(seconds < 10, "the read waited \(seconds) s for the writer")
    }

    @Test func aSecondWriterWaitsAndIsTold() throws {
        let url = Self.temporarySnapshot()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let first = try Snapshot(url: url)
        let told = Told()
        let second = try Snapshot(url: url, onWait: { told.mark() })
        let inside = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? first.database.write { db in
                try db.execute(sql: "INSERT INTO region (code, name) VALUES ('GM0193', 'Zwolle')")
                inside.signal()
                Thread.sleep(forTimeInterval: 1.5)
            }
        }
        inside.wait()
        try second.database.write { db in
            try db.execute(sql: "INSERT INTO region (code, name) VALUES ('GM0200', 'Apeldoorn')")
        }
        #expect(told.value, "the waiting writer was told after a second")
        #expect(try second.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM region") } == 2)
    }

    final class Told: @unchecked Sendable {
        // Written once by SQLite's busy handler on the waiting thread, read after that thread is done.
        private(set) var value = false
        func mark() { value = true }
    }
}
