import Foundation
import GRDB
import Testing
@testable import ZichtWorkspace

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
    @Test func anExportHoldsTheApprovedVersionsAndNeverChanges() throws {
        let store = try SQLiteWorkspaceStore()
        try store.importFiles(
            [("zicht.yaml", Data("a: 1\n".utf8)), ("content/a.md", Data("a1".utf8)), ("content/b.md", Data("b1".utf8))],
            by: "import", at: 1, audit: Self.event("import"))
        #expect(try store.latestStatuses().mapValues(\.status) == ["content/a.md": .goedgekeurd, "content/b.md": .goedgekeurd])
        _ = try store.save(path: "content/a.md", bytes: Data("a2".utf8), base: 1, by: "anna", at: 2, audit: Self.event("save"))
        _ = try store.save(path: "content/b.md", bytes: Data("b2".utf8), base: 1, by: "anna", at: 3, audit: Self.event("save"))
        _ = try store.save(path: "zicht.yaml", bytes: Data("a: 2\n".utf8), base: 1, by: "red", at: 4, audit: Self.event("save"))
        try store.setStatus(StatusChange(path: "content/b.md", version: 2, status: .terReview, comment: "", by: "anna", at: 5), audit: Self.event("status"))
        try store.setStatus(StatusChange(path: "content/b.md", version: 2, status: .goedgekeurd, comment: "prima", by: "red", at: 6), audit: Self.event("status"))
        #expect(throws: WorkspaceError.self) {
            try store.setStatus(StatusChange(path: "content/b.md", version: 9, status: .goedgekeurd, comment: "", by: "red", at: 7), audit: Self.event("status"))
        }
        let export = try store.createExport(by: "red", at: 8, audit: Self.event("export"))
        #expect(export.number == 1)
        #expect(export.files == ["zicht.yaml": 2, "content/a.md": 1, "content/b.md": 2])
        let entries = try store.allAuditEntries()
        #expect(export.auditAnchor == AuditChain.Anchor(sequence: entries.last!.sequence, hash: entries.last!.hash))
        #expect(try store.export(number: 1) == export)
        #expect(try store.createExport(by: "red", at: 9, audit: Self.event("export")).number == 2)

        #expect(throws: (any Error).self) { try store.database.write { try $0.execute(sql: "UPDATE export_file SET version = 2 WHERE path = 'content/a.md'") } }
        #expect(throws: (any Error).self) { try store.database.write { try $0.execute(sql: "DELETE FROM export WHERE number = 1") } }
        #expect(throws: (any Error).self) { try store.database.write { try $0.execute(sql: "UPDATE file_version SET bytes = x'00' WHERE path = 'content/a.md'") } }
        #expect(try store.export(number: 1) == export)

        try store.recordPublication(Publication(export: 1, by: "red", at: 10), audit: Self.event("publish"))
        #expect(try store.publications() == [Publication(export: 1, by: "red", at: 10)])
        try AuditChain.verify(store.allAuditEntries(), anchors: store.exports().map(\.auditAnchor))
    }
}
