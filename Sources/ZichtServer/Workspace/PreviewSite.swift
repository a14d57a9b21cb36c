import Foundation
import ZichtAnalysis
import ZichtCore
import ZichtEngine
import ZichtWorkspace

/// The werkomgeving's own rendering of the newest version of every page, for authors and reviewers:
/// the files of the workspace written into a working folder, built by the same ``SiteSession`` as
/// `zicht build`, and brought up to date after every save in milliseconds.
///
/// A save is checked by building it before it is stored: when the page no longer builds (a broken
/// reference, a front-matter field of the wrong type), the working folder gets its old file back,
/// nothing is stored, and the author sees the same located errors as `zicht build` prints, with the
/// text still in the form.
actor PreviewSite {
    let store: any WorkspaceStore
    let workFolder: URL
    let output: URL
    private let session: SiteSession
    /// The version of every file in the working folder, to notice what other instances saved.
    private var known: [String: Int] = [:]
    /// One change of the working folder at a time: the store's calls suspend, and another request
    /// must not write into the folder between a save's check and its build.
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(store: any WorkspaceStore, workFolder: URL, output: URL, generator: String) {
        self.store = store
        self.workFolder = workFolder
        self.output = output
        session = SiteSession(project: workFolder, output: output, generator: generator)
    }

    /// Writes every file's newest version into a fresh working folder and builds the preview. The
    /// snapshot (`.zicht/`) of an earlier working folder is kept, so its data need not be imported again.
    func prepare() async throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: workFolder, withIntermediateDirectories: true)
        for name in try fileManager.contentsOfDirectory(atPath: workFolder.path) where name != ".zicht" && name != "site" {
            try fileManager.removeItem(at: workFolder.appendingPathComponent(name))
        }
        await acquire()
        defer { release() }
        let heads = try await store.headVersions()
        for file in try await store.headFiles() {
            guard let bytes = file.bytes else { continue }
            try write(bytes, to: file.path)
        }
        known = heads
        try session.build()
    }

    /// Brings the working folder and the preview up to the newest version of every file: another
    /// instance on the same database may have saved. One query when nothing changed.
    func catchUp() async throws {
        await acquire()
        defer { release() }
        try await catchUpLocked()
    }

    private func catchUpLocked() async throws {
        let heads = try await store.headVersions()
        guard heads != known else { return }
        var changed: [String] = []
        for (path, version) in heads where known[path] != version {
            if let bytes = try await store.version(path: path, number: version)?.bytes {
                try write(bytes, to: path)
            } else {
                try? FileManager.default.removeItem(at: workFolder.appendingPathComponent(path))
            }
            changed.append(path)
        }
        known = heads
        do {
            try session.update(changed: changed.sorted())
        } catch {
            // What another instance saved did build there; if an update cannot take it, build it all.
            try session.build()
        }
    }

    private func acquire() async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
    }

    /// Hands the turn to the next waiting change, or frees it.
    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }

    var document: Document? { session.document }
    var indicatorDefinitions: [IndicatorDefinition] { session.indicatorDefinitions }
    var config: ProjectConfig? { session.config }
    var analysis: ProjectAnalysis? { session.analysis }
    func sitePath(of nodeID: String) -> String? { session.sitePath(of: nodeID) }

    /// What a save did.
    enum SaveOutcome: Sendable {
        case saved(FileVersion, milliseconds: Double)
        /// The page does not build with this text; nothing was stored.
        case rejected([Diagnostic])
    }

    /// Checks `bytes` by building, and stores them as the next version when they build and `base`
    /// is still the newest version.
    /// - Parameter action: the audit's name for it: `save` for a page, `data.import` for a data file.
    func save(path: String, bytes: Data, base: Int, actor: String, origin: String, action: String = "save") async throws -> SaveOutcome {
        let started = ContinuousClock.now
        try WorkspacePaths.validate(path)
        await acquire()
        defer { release() }
        try await catchUpLocked()
        let head = try await store.head(path: path)
        if (head?.version ?? 0) != base {
            // Stored as a conflict copy by the store, which also throws the conflict.
            _ = try await store.save(
                path: path, bytes: bytes, base: base, by: actor, at: Self.now,
                audit: AuditEvent(actor: actor, origin: origin, action: action, object: path, result: .success))
        }
        let old = head?.bytes
        try write(bytes, to: path)
        do {
            try session.update(changed: [path])
        } catch let error as any DiagnosticConvertible {
            try restore(path, to: old)
            _ = try await store.appendAudit(
                AuditEvent(actor: actor, origin: origin, action: action, object: path, result: .failure, detail: "\(error.diagnostics.count) build errors"),
                at: Self.now)
            return .rejected(error.diagnostics)
        } catch {
            try restore(path, to: old)
            throw error
        }
        do {
            let version = try await store.save(
                path: path, bytes: bytes, base: base, by: actor, at: Self.now,
                audit: AuditEvent(
                    actor: actor, origin: origin, action: action, object: path, result: .success,
                    detail: action == "save" ? "" : "\(bytes.count) bytes, SHA-256 \(SHA256.hex(bytes))"))
            known[path] = version.version
            let elapsed = (ContinuousClock.now - started).components
            return .saved(version, milliseconds: Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15)
        } catch {
            try restore(path, to: old)
            throw error
        }
    }

    /// What a draft looks like.
    enum DraftOutcome: Sendable {
        /// The page's folder in the site and its HTML.
        case rendered(sitePath: String, html: Data)
        /// The draft does not build; these are the problems, located in its text.
        case rejected([Diagnostic])
    }

    /// Renders the page of `path` as it would be with `text`, without storing or writing anything.
    func draft(path: String, text: String) throws -> DraftOutcome? {
        do {
            return try session.renderDraft(path: path, text: text).map { .rendered(sitePath: $0.sitePath, html: $0.html) }
        } catch let error as DiagnosticsError {
            return .rejected(error.diagnostics)
        }
    }

    /// Stores a file that is not a page's text (an uploaded image) as its next version and brings
    /// the preview up to date with it.
    func storeFile(path: String, bytes: Data, actor: String, origin: String) async throws -> FileVersion {
        try WorkspacePaths.validate(path)
        await acquire()
        defer { release() }
        try await catchUpLocked()
        let base = try await store.head(path: path)?.version ?? 0
        let version = try await store.save(
            path: path, bytes: bytes, base: base, by: actor, at: Self.now,
            audit: AuditEvent(actor: actor, origin: origin, action: "image.upload", object: path, result: .success, detail: "\(bytes.count) bytes"))
        try write(bytes, to: path)
        known[path] = version.version
        _ = try? session.update(changed: [path])
        return version
    }

    /// Puts the stored version back into the working folder and the preview.
    private func restore(_ path: String, to bytes: Data?) throws {
        if let bytes {
            try write(bytes, to: path)
        } else {
            try? FileManager.default.removeItem(at: workFolder.appendingPathComponent(path))
        }
        _ = try? session.update(changed: [path])
    }

    private func write(_ bytes: Data, to path: String) throws {
        let url = workFolder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url, options: .atomic)
    }

    static var now: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
