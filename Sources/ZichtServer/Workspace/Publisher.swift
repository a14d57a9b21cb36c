import Foundation
import ZichtEngine
import ZichtWorkspace

/// Builds the public site from an export and puts it live. Each export is written once into its own
/// folder (`exports/N/`, a site project), built by the same ``SiteSession`` as `zicht build`, and
/// swapped in with one rename, so readers see the old site or the new one, never a mix. Publishing an
/// earlier export again is the rollback.
actor Publisher {
    let store: any WorkspaceStore
    let exportsFolder: URL
    let publicSite: URL
    let generator: String

    init(store: any WorkspaceStore, exportsFolder: URL, publicSite: URL, generator: String) {
        self.store = store
        self.exportsFolder = exportsFolder
        self.publicSite = publicSite
        self.generator = generator
    }

    /// Builds export `number` into the public site and records the publication.
    /// - Returns: the number of pages.
    func publish(_ number: Int, by actor: String, origin: String) async throws -> Int {
        publishing += 1
        defer { publishing -= 1 }
        guard let export = try await store.export(number: number) else { throw WorkspaceError.notFound("export \(number)") }
        let folder = try await materialise(export)
        let session = SiteSession(project: folder, output: publicSite, generator: generator)
        let publishedAt = Self.now
        let report: SiteSession.Report
        do {
            // Built "at" the moment of publication, so that every instance builds the same bytes.
            report = try session.build(builtAt: Self.date(publishedAt), exportedAt: Self.date(export.createdAt))
        } catch {
            _ = try await store.appendAudit(
                AuditEvent(actor: actor, origin: origin, action: "publish", object: "export \(number)", result: .failure, detail: "\(error)".prefix(500).description),
                at: Self.now)
            throw error
        }
        try await store.recordPublication(
            Publication(export: number, by: actor, at: publishedAt),
            audit: AuditEvent(actor: actor, origin: origin, action: "publish", object: "export \(number)", result: .success, detail: "\(report.pageCount) pages"))
        try? Data(Self.markerText(number, publishedAt).utf8).write(to: marker, options: .atomic)
        return report.pageCount
    }

    /// Publications under way here: catching up waits for them, so it never builds an older one over them.
    private var publishing = 0

    /// Which publication this instance's public site shows: its export and time (nil: none yet, or
    /// the project as imported).
    private var shownPublication: String? { try? String(contentsOf: marker, encoding: .utf8) }

    static func markerText(_ export: Int, _ publishedAt: Int64) -> String { "export \(export) published \(publishedAt)\n" }

    private var marker: URL { publicSite.deletingLastPathComponent().appendingPathComponent(publicSite.lastPathComponent + ".export") }

    /// Builds the newest publication when this instance's public site shows another one: another
    /// instance on the same database published it. Recorded nothing (the publication is recorded).
    func catchUp() async throws {
        guard let latest = try await store.publications().last, Self.markerText(latest.export, latest.at) != shownPublication,
              let export = try await store.export(number: latest.export)
        else { return }
        let folder = try await materialise(export)
        guard publishing == 0 else { return }
        let session = SiteSession(project: folder, output: publicSite, generator: generator)
        _ = try session.build(builtAt: Self.date(latest.at), exportedAt: Self.date(export.createdAt))
        try Data(Self.markerText(latest.export, latest.at).utf8).write(to: marker, options: .atomic)
    }

    /// Checks for a newer publication every `interval` until cancelled; the public sites of all
    /// instances are the same a moment after a publication.
    func follow(every interval: Duration) async {
        while !Task.isCancelled {
            try? await catchUp()
            try? await Task.sleep(for: interval)
        }
    }

    /// The export's files in `exports/N/`, written once: a folder that holds them already (its
    /// marker file says which export) is used as it is, with the snapshot its earlier build made.
    private func materialise(_ export: Export) async throws -> URL {
        let folder = exportsFolder.appendingPathComponent(String(export.number))
        let marker = folder.appendingPathComponent(".export")
        if FileManager.default.fileExists(atPath: marker.path) { return folder }
        let staging = exportsFolder.appendingPathComponent(".\(export.number)-\(UUID().uuidString)")
        try? FileManager.default.removeItem(at: folder)
        for (path, version) in export.files.sorted(by: { $0.key < $1.key }) {
            guard let file = try await store.version(path: path, number: version), let bytes = file.bytes else {
                throw WorkspaceError.notFound("version \(version) of \(path) in export \(export.number)")
            }
            try WorkspacePaths.validate(path)
            let url = staging.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: url)
        }
        try Data("export \(export.number)\n".utf8).write(to: staging.appendingPathComponent(".export"))
        try FileManager.default.moveItem(at: staging, to: folder)
        return folder
    }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static var now: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
