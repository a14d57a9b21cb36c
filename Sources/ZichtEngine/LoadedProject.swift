public import Foundation
public import ZichtCore
public import ZichtGeo
import ZichtSources
public import ZichtStore

/// A site project read once: its settings, pages, definitions and area boundaries.
///
/// Everything later steps need from the project's own files is here, so that no step reads them
/// again: the snapshot's imports, the analysis and the pages all start from this value.
public struct LoadedProject: Sendable {
    /// The checked settings, pages, indicator definitions and interventions.
    public var project: SiteProject
    /// The areas of every boundary file under `boundaries:` in zicht.yaml, in file order, in RD New.
    public var areas: [Area]
    /// The project's data files, each read from disk at most once for this load.
    public let inputs: InputFiles

    public var root: URL { project.root }
    public var config: ProjectConfig { project.config }

    public init(project: SiteProject, areas: [Area]) {
        self.project = project
        self.areas = areas
        self.inputs = InputFiles(root: project.root)
    }

    /// Reads and checks the project at `root`, and its area boundaries.
    /// - Throws: ``DiagnosticsError`` listing every problem in the project, or naming the boundary
    ///   file that cannot be read.
    public static func load(_ root: URL) throws -> LoadedProject {
        let project = try SiteProjectLoader.load(root)
        return LoadedProject(project: project, areas: try readBoundaries(project))
    }

    /// The same project with some content files read again (after an edit): pages of unchanged
    /// files are kept as they are. Gives the same result as ``load(_:)`` when only those files changed.
    /// - Parameters:
    ///   - files: paths relative to the project (`content/…md`), changed, added or removed.
    ///   - overriding: texts read instead of the files on disk (a draft that is not saved).
    public func reloading(content files: [String], overriding: [String: String] = [:]) throws -> LoadedProject {
        var reloaded = self
        reloaded.project = try SiteProjectLoader.reload(project, content: files, overriding: overriding)
        return reloaded
    }

    /// Reads the project's area boundaries (buurten), converted to RD New.
    static func readBoundaries(_ project: SiteProject) throws -> [Area] {
        var result: [Area] = []
        for source in project.config.boundaries {
            do {
                let read = try GeoJSONReader().read(contentsOf: project.root.appendingPathComponent(source.file), displayName: source.file)
                result += read.areas.map(\.area)
            } catch let error as any DiagnosticConvertible {
                throw DiagnosticsError(error.diagnostics.map { diagnostic in
                    var located = diagnostic
                    if located.hint == nil { located.hint = "listed in zicht.yaml line \(source.line)" }
                    return located
                })
            } catch {
                let exists = FileManager.default.fileExists(atPath: project.root.appendingPathComponent(source.file).path)
                throw DiagnosticsError([Diagnostic(
                    file: source.file, message: exists ? "cannot read the boundaries (\(error))" : "file not found",
                    hint: "listed in zicht.yaml line \(source.line)")])
            }
        }
        return result
    }

    /// The snapshot of a project: `.zicht/snapshot.sqlite` in the project folder.
    public static func snapshotURL(of project: URL) -> URL {
        project.appendingPathComponent(Snapshot.defaultRelativePath)
    }
}

/// The bytes of a project's data files, read from disk once and kept for every step that needs
/// them (hashing and importing an area table, reading inhabitants for the simulation). Files up
/// to ``memoryLimit`` are kept; larger ones are streamed by their readers instead.
public final class InputFiles: @unchecked Sendable {
    /// 64 MiB: every data file of a municipality's project is far smaller; a national table of a
    /// million rows is larger and is streamed (hashed and parsed in two passes) instead.
    public static let memoryLimit = 64 << 20

    private let root: URL
    private let lock = NSLock()
    private var cache: [String: Data] = [:]

    init(root: URL) { self.root = root }

    /// The bytes of `relativePath`, read once.
    /// - Throws: ``InputFile/Refusal`` (not found, not a regular file, larger than the limit).
    public func bytes(of relativePath: String) throws -> Data {
        if let cached = lock.withLock({ cache[relativePath] }) { return cached }
        let data = try InputFile.read(root.appendingPathComponent(relativePath), limit: Self.memoryLimit)
        lock.withLock { cache[relativePath] = data }
        return data
    }

    /// The bytes of `relativePath` when it is a readable file within the limit; nil otherwise (the
    /// caller then streams it, and reports what is wrong with it).
    public func bytesIfSmall(of relativePath: String) -> Data? {
        try? bytes(of: relativePath)
    }
}
