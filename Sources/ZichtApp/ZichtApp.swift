import Foundation
import ZichtCore
import ZichtEngine
import ZichtSite
import ZichtSources
import ZichtStore

/// What the `zicht` commands do, as library calls; the executable only parses arguments.
public enum ZichtApp {
    public static let version = "0.1.0"
    public static var generator: String { "Zicht \(version)" }

    /// The bundled example project (a jaarverslag 2019 for Zwolle), shipped as a package resource.
    public static var exampleProject: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Example")
    }

    /// Creates a new site project at `folder` by copying the bundled example.
    /// - Throws: ``AppError`` when the folder exists and is not empty.
    public static func initialize(at folder: URL) throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: folder.path) {
            let contents = try fileManager.contentsOfDirectory(atPath: folder.path)
            if !contents.isEmpty {
                throw AppError("folder '\(folder.path)' already exists and is not empty; choose a new folder")
            }
            try fileManager.removeItem(at: folder)
        }
        let staging = try AtomicDirectory.makeStaging(for: folder)
        AtomicDirectory.discard(staging)
        try fileManager.copyItem(at: exampleProject, to: staging)
        try fileManager.moveItem(at: staging, to: folder)
    }

    /// Loads the project at `project` and builds its site into `output`.
    /// - Parameter pdf: make the PDF of each document too (see ``pdfOptions(environment:)``).
    /// - Throws: ``DiagnosticsError`` listing every problem in the project, ``DisclosureLeak`` when
    ///   the disclosure audit fails, or ``PDFError`` when a required PDF cannot be made; the previous
    ///   output is kept.
    @discardableResult
    public static func build(project: URL, output: URL, builtAt: Date = Date(), pdf: PDFOptions? = nil) throws -> SiteSession.Report {
        try SiteSession(project: project, output: output, generator: generator, pdf: pdf).build(builtAt: builtAt)
    }

    /// ``build(project:output:builtAt:pdf:)`` on a thread of its own, for callers in Swift concurrency:
    /// the build's loops fan out over every core with Dispatch, and started from a thread of the
    /// cooperative pool they took a quarter longer (BENCHMARKS.md, "Rebuilding").
    @discardableResult
    public static func build(project: URL, output: URL, builtAt: Date = Date(), pdf: PDFOptions? = nil) async throws -> SiteSession.Report {
        try await onOwnThread { try build(project: project, output: output, builtAt: builtAt, pdf: pdf) }
    }

    /// Runs `body` on a new thread and waits for it without blocking a thread of the cooperative pool.
    public static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Copies the bundled example to a new folder, so that the demo can keep its snapshot there.
    public static func copyExample(to folder: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: exampleProject, to: folder)
    }

    /// The folders and files whose changes trigger a rebuild in `zicht serve`.
    public static func watchedPaths(of project: URL) -> [URL] {
        ["zicht.yaml", "content", "theme", "indicators", "interventions", "data"].map {
            project.appendingPathComponent($0)
        }
    }
}
