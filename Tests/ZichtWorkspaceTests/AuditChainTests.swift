import Foundation
import GRDB
import Testing
@testable import ZichtWorkspace
import ZichtTestSupport

struct AuditChainTests {
    static func filledStore(_ count: Int, _ kind: TestStoreKind = .sqlite) async throws -> any WorkspaceStore {
        let store = try await kind.makeStore()
        for index in 1...count {
            _ = try await store.appendAudit(
                AuditEvent(actor: "u\(index % 3)", origin: "10.0.0.\(index)", action: "save", object: "content/\(index).md", result: .success),
                at: Int64(1_800_000_000_000 + index))
        }
        return store
    }

    @Test(arguments: TestStoreKind.allCases) func anUntouchedLogVerifies(kind: TestStoreKind) async throws {
        let store = try await Self.filledStore(50, kind)
        let entries = try await store.allAuditEntries()
        #expect(try AuditChain.verify(entries) == 50)
        #expect(entries.first?.previousHash == AuditEntry.genesis)
        #expect(try AuditChain.verify(entries, anchors: [.init(sequence: 50, hash: entries[49].hash)]) == 50)
    }

    @Test(arguments: TestStoreKind.allCases) func theDatabaseRefusesToChangeOrDeleteALine(kind: TestStoreKind) async throws {
        let store = try await Self.filledStore(3, kind)
        await #expect(throws: (any Error).self) { try await executeBehindTheStore("UPDATE audit SET actor = 'x' WHERE sequence = 2", in: store) }
        await #expect(throws: (any Error).self) { try await executeBehindTheStore("DELETE FROM audit WHERE sequence = 3", in: store) }
        if kind == .postgres {
            await #expect(throws: (any Error).self) { try await executeBehindTheStore("TRUNCATE audit", in: store) }
        }
        #expect(try await store.allAuditEntries().count == 3)
    }

    /// Someone with the database file drops the triggers and edits: the chain still tells.
    @Test func everyKindOfTamperingIsFound() async throws {
        let entries = try await Self.filledStore(10).allAuditEntries()

        var changed = entries
        changed[4].actor = "iemand-anders"
        #expect(throws: AuditChain.Break(sequence: 5, reason: "its fields do not match its hash: the line was changed")) { try AuditChain.verify(changed) }

        var rehashed = changed
        rehashed[4].hash = rehashed[4].expectedHash
        #expect((try? AuditChain.verify(rehashed)) == nil)
        #expect(throws: AuditChain.Break.self) { try AuditChain.verify(rehashed) }

        var deleted = entries
        deleted.remove(at: 6)
        #expect(throws: AuditChain.Break.self) { try AuditChain.verify(deleted) }

        var swapped = entries
        swapped.swapAt(2, 3)
        #expect(throws: AuditChain.Break.self) { try AuditChain.verify(swapped) }

        // Cutting off the end leaves a valid chain; the anchor kept in an export finds it.
        let cut = Array(entries.prefix(7))
        #expect(try AuditChain.verify(cut) == 7)
        #expect(throws: AuditChain.Break.self) { try AuditChain.verify(cut, anchors: [.init(sequence: 9, hash: entries[8].hash)]) }

        // A whole rewritten log is a valid chain again, but not with the old anchor.
        #expect(throws: AuditChain.Break.self) { try AuditChain.verify(entries, anchors: [.init(sequence: 9, hash: entries[7].hash)]) }
    }

    /// Field boundaries are part of the hash: moving text between two fields changes it.
    @Test func movingTextBetweenFieldsChangesTheHash() {
        let one = AuditEntry.hash(sequence: 1, time: 0, actor: "ab", origin: "c", action: "x", object: "y", result: .success, detail: "", previousHash: AuditEntry.genesis)
        let two = AuditEntry.hash(sequence: 1, time: 0, actor: "a", origin: "bc", action: "x", object: "y", result: .success, detail: "", previousHash: AuditEntry.genesis)
        #expect(one != two)
    }
}
