import Foundation
import Testing
import ZichtApp
import ZichtWorkspace

/// The site-project folder is the werkomgeving's exchange format: a project taken in and written out
/// again is the same, byte for byte, and an export writes out the versions it names.
struct WorkspaceRoundTripTests {
    static func files(in folder: URL) throws -> [String: Data] {
        Dictionary(uniqueKeysWithValues: try ZichtApp.projectFiles(in: folder).map { ($0.path, $0.bytes) })
    }

    @Test func theDemoRoundTripsWithoutLoss() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-roundtrip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let project = root.appendingPathComponent("project")
        try ZichtApp.copyExample(to: project)
        let location = ZichtApp.WorkspaceLocation(project: project)
        let (store, imported) = try await ZichtApp.openWorkspace(location)
        let original = try Self.files(in: project)
        #expect(imported == original.count && original.count > 30)
        #expect(original.keys.contains("zicht.yaml") && original.keys.contains { $0.hasSuffix(".svg") } && original.keys.contains { $0.hasSuffix(".geojson") })

        try await ZichtApp.checkout(location, export: nil, to: root.appendingPathComponent("out"))
        #expect(try Self.files(in: root.appendingPathComponent("out")) == original)

        // A change, then an export: the checkout of the export holds it; the first export does not.
        let first = try await store.createExport(by: "t", at: 1, audit: AuditEvent(actor: "t", origin: "-", action: "export", object: "-", result: .success))
        let path = "zicht.yaml"
        let changed = original[path]! + Data("# gewijzigd\n".utf8)
        _ = try await store.save(path: path, bytes: changed, base: 1, by: "t", at: 2, audit: AuditEvent(actor: "t", origin: "-", action: "save", object: path, result: .success))
        let second = try await store.createExport(by: "t", at: 3, audit: AuditEvent(actor: "t", origin: "-", action: "export", object: "-", result: .success))
        try await ZichtApp.checkout(location, export: first.number, to: root.appendingPathComponent("export-1"))
        try await ZichtApp.checkout(location, export: second.number, to: root.appendingPathComponent("export-2"))
        #expect(try Self.files(in: root.appendingPathComponent("export-1")) == original)
        var expected = original
        expected[path] = changed
        #expect(try Self.files(in: root.appendingPathComponent("export-2")) == expected)

        // Never into a folder that holds files.
        await #expect(throws: WorkspaceError.self) { try await ZichtApp.checkout(location, export: nil, to: project) }
        #expect(try Self.files(in: project) == original)
    }
}
