import Foundation
import GRDB
import Testing
@testable import ZichtWorkspace
import ZichtTestSupport

struct WorkflowTests {
    static func event(_ action: String) -> AuditEvent { AuditEvent(actor: "t", origin: "-", action: action, object: "-", result: .success) }

    @Test func theStepsGoConceptReviewApprovedAndBackOnly() {
        #expect(Workflow.next(from: .concept, by: .submit) == .terReview)
        #expect(Workflow.next(from: .terReview, by: .approve) == .goedgekeurd)
        #expect(Workflow.next(from: .terReview, by: .reject) == .concept)
        #expect(Workflow.next(from: .concept, by: .approve) == nil)
        #expect(Workflow.next(from: .goedgekeurd, by: .submit) == nil)
        #expect(Workflow.next(from: .goedgekeurd, by: .reject) == nil)
        #expect(Workflow.needsComment(.reject) && !Workflow.needsComment(.approve))
        let page = PageRef(document: "begroting-2019", id: "7.2.1")
        let auteur = Account(id: 1, username: "a", displayName: "A", roles: [.auteur], assignments: [page])
        #expect(Rights.allows(auteur, Workflow.action(for: .submit, page: page)))
        #expect(!Rights.allows(auteur, Workflow.action(for: .approve, page: page)))
    }

    /// An export takes the newest approved version of each page, not the newest saved one, and the
    /// newest version of every other file; exports and versions cannot be changed afterwards.
    @Test(arguments: TestStoreKind.allCases) func anExportHoldsTheApprovedVersionsAndNeverChanges(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        try await store.importFiles(
            [("zicht.yaml", Data("a: 1\n".utf8)), ("content/a.md", Data("a1".utf8)), ("content/b.md", Data("b1".utf8))],
            by: "import", at: 1, audit: Self.event("import"))
        #expect(try await store.latestStatuses().mapValues(\.status) == ["content/a.md": .goedgekeurd, "content/b.md": .goedgekeurd])
        _ = try await store.save(path: "content/a.md", bytes: Data("a2".utf8), base: 1, by: "anna", at: 2, audit: Self.event("save"))
        _ = try await store.save(path: "content/b.md", bytes: Data("b2".utf8), base: 1, by: "anna", at: 3, audit: Self.event("save"))
        _ = try await store.save(path: "zicht.yaml", bytes: Data("a: 2\n".utf8), base: 1, by: "red", at: 4, audit: Self.event("save"))
        try await store.setStatus(StatusChange(path: "content/b.md", version: 2, status: .terReview, comment: "", by: "anna", at: 5), audit: Self.event("status"))
        try await store.setStatus(StatusChange(path: "content/b.md", version: 2, status: .goedgekeurd, comment: "prima", by: "red", at: 6), audit: Self.event("status"))
        await #expect(throws: WorkspaceError.self) {
            try await store.setStatus(StatusChange(path: "content/b.md", version: 9, status: .goedgekeurd, comment: "", by: "red", at: 7), audit: Self.event("status"))
        }
        let export = try await store.createExport(by: "red", at: 8, audit: Self.event("export"))
        #expect(export.number == 1)
        #expect(export.files == ["zicht.yaml": 2, "content/a.md": 1, "content/b.md": 2])
        let entries = try await store.allAuditEntries()
        #expect(export.auditAnchor == AuditChain.Anchor(sequence: entries.last!.sequence, hash: entries.last!.hash))
        #expect(try await store.export(number: 1) == export)
        // Nothing changed: no second export (also when two instances ask at once), and nothing audited.
        let lines = try await store.allAuditEntries().count
        await #expect(throws: WorkspaceError.unchangedSinceExport(1)) { try await store.createExport(by: "red", at: 9, audit: Self.event("export")) }
        #expect(try await store.allAuditEntries().count == lines)
        _ = try await store.save(path: "zicht.yaml", bytes: Data("a: 3\n".utf8), base: 2, by: "red", at: 10, audit: Self.event("save"))
        #expect(try await store.createExport(by: "red", at: 11, audit: Self.event("export")).number == 2)

        await #expect(throws: (any Error).self) { try await executeBehindTheStore("UPDATE export_file SET version = 2 WHERE path = 'content/a.md'", in: store) }
        await #expect(throws: (any Error).self) { try await executeBehindTheStore("DELETE FROM export WHERE number = 1", in: store) }
        await #expect(throws: (any Error).self) { try await executeBehindTheStore("UPDATE file_version SET saved_by = 'x' WHERE path = 'content/a.md'", in: store) }
        #expect(try await store.export(number: 1) == export)

        try await store.recordPublication(Publication(export: 1, by: "red", at: 10), audit: Self.event("publish"))
        #expect(try await store.publications() == [Publication(export: 1, by: "red", at: 10)])
        try await AuditChain.verify(store.allAuditEntries(), anchors: store.exports().map(\.auditAnchor))
    }
}
