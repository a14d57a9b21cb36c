import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ZichtCore

/// The folder a build replaces, checked so that a build can never destroy anything but its own
/// earlier output.
///
/// A folder may be replaced when it does not exist, is empty, or carries the marker file that every
/// Zicht build writes (``markerName``). It may never be the project, an ancestor of the project, or
/// lie inside (or be) one of the project's input folders (`content/`, `data/`, `.zicht/`, …). Builds
/// into the same output wait for each other (a lock file beside the output), and a build first
/// removes the staging folders that an interrupted build left behind.
public struct OutputFolder: Sendable {
    /// The marker file at the top of every built site.
    public static let markerName = ".zicht-output"
    /// The project entries an output must never be, contain or lie inside.
    public static let projectInputs = ["zicht.yaml", "content", "data", ".zicht", "indicators", "interventions", "theme"]

    /// The output folder, as given.
    public var url: URL

    public init(_ url: URL) {
        self.url = url
    }

    /// What the marker file says; it only needs to exist.
    public static func markerContents(generator: String) -> Data {
        Data("This folder was written by \(generator). A new build replaces it as a whole.\n".utf8)
    }

    /// Checks that this folder may be replaced by a build of the project at `projectRoot`.
    /// - Throws: ``OutputFolderError`` saying why not, and what to do.
    public func checkReplaceable(projectRoot: URL?) throws {
        let output = Self.resolved(url)
        if let projectRoot {
            let root = Self.resolved(projectRoot)
            if output == root || Self.isAncestor(output, of: root) {
                throw OutputFolderError(url, reason: "it is the project folder or contains it; the build would delete the project")
            }
            for input in Self.projectInputs {
                let entry = Self.resolved(projectRoot.appendingPathComponent(input))
                if output == entry || Self.isAncestor(entry, of: output) || Self.isAncestor(output, of: entry) {
                    throw OutputFolderError(url, reason: "it is, contains or lies inside the project's '\(input)'; the build would delete project files")
                }
            }
        }
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return }  // absent: nothing to lose
        if (status.st_mode & S_IFMT) == S_IFLNK {
            throw OutputFolderError(url, reason: "it is a symbolic link; give the folder it points to")
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw OutputFolderError(url, reason: "it is a file, not a folder")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: url.path)
        if !entries.isEmpty && !entries.contains(Self.markerName) {
            throw OutputFolderError(
                url, reason: "it is not empty and was not written by Zicht (it has no \(Self.markerName) file)",
                hint: "choose a new or empty folder; Zicht only replaces folders it wrote itself")
        }
    }

    /// Runs `body` while holding the lock of this output folder; a second build of the same output
    /// waits. Before `body`, staging folders of interrupted builds are removed.
    /// - Parameter onWait: called once when the lock is not free within a second.
    public func withLock<T>(onWait: (() -> Void)? = nil, _ body: () throws -> T) throws -> T {
        let parent = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let lockPath = parent.appendingPathComponent(".\(url.lastPathComponent).zicht-lock").path
        return try FileLock.withLock(at: lockPath, removeWhenDone: true, onWait: onWait) {
            removeStaleStaging()
            return try body()
        }
    }

    /// Removes `.NAME.zicht-*` folders beside the output: staging folders of builds that were killed.
    /// Only called while the lock is held, so no running build's staging folder is among them.
    func removeStaleStaging() {
        let parent = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).zicht-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry != prefix + "lock" {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    /// The path with symbolic links resolved, also when its last components do not exist yet.
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL.path
        var missing: [String] = []
        while !existing.isEmpty && existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                return ([String(cString: real)] + missing.reversed()).joined(separator: "/").replacingOccurrences(of: "//", with: "/")
            }
            missing.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return "/" + missing.reversed().joined(separator: "/")
    }

    static func isAncestor(_ ancestor: String, of path: String) -> Bool {
        ancestor == "/" ? path != "/" : path.hasPrefix(ancestor + "/")
    }
}

/// A build refused to replace its output folder.
public struct OutputFolderError: DiagnosticConvertible, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var hint: String

    public init(_ url: URL, reason: String, hint: String = "choose another output folder with --out") {
        path = url.path
        self.reason = reason
        self.hint = hint
    }

    public var description: String {
        "refusing to write the site into '\(path)': \(reason)\n    hint: \(hint)"
    }

    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: "refusing to write the site into '\(path)': \(reason)", hint: hint)] }
}
