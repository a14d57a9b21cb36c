import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ZichtCore

/// The files a build of a site project may read: only those inside the project folder, after
/// symbolic links are followed.
///
/// Without this check a project could publish any file the builder can read — a `theme.logo` of
/// `../../etc/passwd`, or a link in `content/` to a file elsewhere — and a folder that cannot be read
/// would silently drop its pages. Every path in zicht.yaml and every file found in the project's
/// folders goes through here; problems are diagnostics with the file and line that named the path.
public struct ProjectPaths: Sendable {
    /// The project folder.
    public let root: URL
    /// The project folder with symbolic links resolved.
    let realRoot: String

    public init(root: URL) {
        self.root = root
        realRoot = Self.realPath(root.path) ?? root.standardizedFileURL.path
    }

    /// What is wrong with `relative`, a path written in the project's settings; nil when it names a
    /// place inside the project (whether or not a file exists there: readers report missing files).
    public func problem(with relative: String) -> String? {
        if relative.hasPrefix("/") || relative.hasPrefix("~") {
            return "'\(relative)' is an absolute path; give the path relative to the project folder"
        }
        if relative.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "the path contains a control character"
        }
        let url = root.appendingPathComponent(relative)
        let resolved = Self.realPath(url.path) ?? url.standardizedFileURL.path
        guard isInside(resolved) else {
            return "'\(relative)' lies outside the project folder (it resolves to \(resolved)); Zicht only reads files inside the project"
        }
        return nil
    }

    /// A diagnostic for the path `relative`, named in `file` at `line`, or nil when it is fine.
    public func diagnostic(for relative: String, field: String, file: String, line: Int?) -> Diagnostic? {
        problem(with: relative).map {
            Diagnostic(file: file, line: line, message: "\(field): \($0)", hint: "keep every file the site uses inside the project folder")
        }
    }

    /// The files under `folder` (relative to the project) whose names end in one of `suffixes`,
    /// relative to `folder` and sorted; names starting with a dot are skipped. A missing folder has
    /// no files; a folder that cannot be read, or a file or folder that links outside the project,
    /// is a diagnostic.
    public func files(in folder: String, suffixes: [String], recursive: Bool) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var visited: Set<String> = []
        func walk(_ relative: String) {
            let shownAs = relative.isEmpty ? folder : "\(folder)/\(relative)"
            let url = root.appendingPathComponent(shownAs)
            if let real = Self.realPath(url.path) {
                guard visited.insert(real).inserted else { return }  // a link back to a folder already read
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: url.path)
            } catch {
                diagnostics.append(Diagnostic(
                    file: shownAs, message: "cannot read the folder", hint: "check the folder's permissions; its pages would otherwise be left out"))
                return
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                let entry = url.appendingPathComponent(name)
                let resolved = Self.realPath(entry.path)
                var status = stat()
                let isFolder = stat(entry.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
                let wanted = isFolder ? recursive : suffixes.contains { name.hasSuffix($0) }
                guard wanted else { continue }
                guard let resolved else {
                    files.append(path)  // a dangling link: reading it reports "file not found"
                    continue
                }
                guard isInside(resolved) else {
                    diagnostics.append(Diagnostic(
                        file: "\(folder)/\(path)", message: "links to \(resolved), outside the project folder; Zicht only reads files inside the project",
                        hint: "copy the file into the project instead of linking to it"))
                    continue
                }
                if isFolder { walk(path) } else { files.append(path) }
            }
        }
        var status = stat()
        let folderURL = root.appendingPathComponent(folder)
        guard lstat(folderURL.path, &status) == 0 else { return ([], []) }
        if let real = Self.realPath(folderURL.path), !isInside(real) {
            return ([], [Diagnostic(file: folder, message: "links to \(real), outside the project folder", hint: "keep the folder inside the project")])
        }
        walk("")
        return (files.sorted(), diagnostics)
    }

    /// Checks every path in the project's settings (logo, data files, boundaries, incidents).
    public func diagnostics(for config: ProjectConfig, file: String) -> [Diagnostic] {
        var found: [Diagnostic?] = []
        if let logo = config.theme.logo { found.append(diagnostic(for: logo, field: "theme.logo", file: file, line: config.theme.logoLine)) }
        for source in config.dataSources { found.append(diagnostic(for: source.file, field: "data", file: file, line: source.line)) }
        for source in config.boundaries { found.append(diagnostic(for: source.file, field: "boundaries", file: file, line: source.line)) }
        for source in config.incidentSources {
            if case .file(let path) = source.origin { found.append(diagnostic(for: path, field: "incidents", file: file, line: source.line)) }
        }
        if let money = config.money {
            if let path = money.file { found.append(diagnostic(for: path, field: "money.file", file: file, line: money.line)) }
            for source in money.iv3 { found.append(diagnostic(for: source.file, field: "money.iv3", file: file, line: source.line)) }
        }
        return found.compactMap { $0 }
    }

    func isInside(_ resolved: String) -> Bool {
        resolved == realRoot || resolved.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }
}
