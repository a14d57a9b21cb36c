import Foundation
import ZichtCore

/// Loads a site project folder: `zicht.yaml` and every `content/**.md`, checked as a whole.
///
/// Loading never stops at the first problem: it reads every file, then checks the tree (unique ids,
/// one document, parents that exist, no cycles, references that resolve) and throws one
/// ``DiagnosticsError`` listing everything found.
public enum SiteProjectLoader {
    public static let configFileName = "zicht.yaml"
    public static let contentFolderName = "content"

    /// Loads and checks the project at `root`.
    /// - Parameter overriding: texts of content files (by path relative to the root) that are read
    ///   instead of the files on disk: a draft that is shown but not saved.
    /// - Throws: ``DiagnosticsError`` with every problem found, each with file, line and column.
    public static func load(_ root: URL, overriding: [String: String] = [:]) throws(DiagnosticsError) -> SiteProject {
        var diagnostics: [Diagnostic] = []
        var newest = Date.distantPast
        let paths = ProjectPaths(root: root)

        let configURL = root.appendingPathComponent(configFileName)
        var config: ProjectConfig?
        switch readText(configURL, shownAs: configFileName) {
        case .success(let file):
            newest = max(newest, file.modified)
            config = ProjectConfigReader.read(file.text, file: configFileName, into: &diagnostics)
            if let config { diagnostics.append(contentsOf: paths.diagnostics(for: config, file: configFileName)) }
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
        }

        var nodes: [Node] = []
        var images: [String: Data] = [:]
        if let config, config.isCycle {
            // The files of all documents are read in one pass side by side, so that no core waits
            // at the end of each document for its last page; the results are taken in document order.
            var listings: [(diagnostics: [Diagnostic], files: [String], readable: Bool)] = []
            for document in config.documents {
                if let problem = paths.problem(with: document.contentFolder) {
                    listings.append(([Diagnostic(file: configFileName, line: document.line, message: "content of '\(document.key)': \(problem)")], [], false))
                    continue
                }
                var found = paths.files(in: document.contentFolder, suffixes: [".md"], recursive: true)
                if found.files.isEmpty {
                    found.diagnostics.append(Diagnostic(
                        file: configFileName, line: document.line, message: "no content files (*.md) found in \(document.contentFolder) for '\(document.key)'",
                        hint: "add at least \(document.contentFolder)/index.md with 'kind: document'"))
                }
                listings.append((found.diagnostics, found.files, true))
            }
            let pending = zip(config.documents, listings).flatMap { document, listing in
                listing.files.map { PendingFile(folder: document.contentFolder, relative: $0) }
            }
            var results = readConcurrently(pending, root: root, overriding: overriding)[...]
            for (position, (document, listing)) in zip(config.documents, listings).enumerated() {
                diagnostics.append(contentsOf: listing.diagnostics)
                guard listing.readable else { continue }
                var pages: [Node] = []
                for result in results.prefix(listing.files.count) {
                    diagnostics.append(contentsOf: result.diagnostics)
                    if let node = result.node { pages.append(node) }
                    images.merge(result.images) { $1 }
                    if let modified = result.modified { newest = max(newest, modified) }
                }
                results = results.dropFirst(listing.files.count)
                nodes += DocumentCycle.qualify(pages, in: document, position: position)
            }
            if !nodes.isEmpty { nodes.append(DocumentCycle.portal(config)) }
        } else {
            let contentURL = root.appendingPathComponent(contentFolderName)
            let files: [String]
            do {
                files = try markdownFiles(in: contentURL, paths: paths, into: &diagnostics)
            } catch {
                diagnostics.append(error)
                throw DiagnosticsError(diagnostics)
            }
            if files.isEmpty {
                diagnostics.append(Diagnostic(
                    file: contentFolderName, message: "no content files (*.md) found",
                    hint: "add at least content/index.md with 'kind: document'"))
            }
            for result in readConcurrently(files, in: contentFolderName, root: root, overriding: overriding) {
                diagnostics.append(contentsOf: result.diagnostics)
                if let node = result.node { nodes.append(node) }
                images.merge(result.images) { $1 }
                if let modified = result.modified { newest = max(newest, modified) }
            }
        }
        diagnostics.append(contentsOf: DocumentChecker.check(nodes))
        if let config {
            nodes = DocumentCycle.takeOrigins(nodes, config: config, into: &diagnostics)
        }
        let indicators = readIndicatorDefinitions(root.appendingPathComponent("indicators"), names: yamlFiles("indicators", paths, &diagnostics), into: &diagnostics)
        var interventions = readInterventions(root.appendingPathComponent("interventions"), names: yamlFiles("interventions", paths, &diagnostics), into: &diagnostics)
        if var cycle = config, cycle.isCycle {
            let ids = Set(nodes.map(\.id))
            for index in interventions.indices {
                interventions[index].goal = interventions[index].goal.map { DocumentCycle.resolveGoal($0, ids: ids, config: cycle) }
            }
            if let goal = cycle.patterns?.goal {
                let resolved = DocumentCycle.resolveGoal(goal, ids: ids, config: cycle)
                cycle.patterns?.goal = resolved
            }
            config = cycle
        }
        diagnostics.append(contentsOf: goalDiagnostics(interventions, nodes: nodes))

        if diagnostics.contains(where: { $0.severity == .error }) || config == nil {
            throw DiagnosticsError(diagnostics)
        }
        var project = SiteProject(
            root: root, config: config!, document: Document(nodes: nodes), contentModifiedAt: newest, indicatorDefinitions: indicators)
        project.interventions = interventions
        project.images = images
        return project
    }

    /// `previous` with some content files read again, for a rebuild after an edit: the pages of
    /// the other files are kept, and the whole tree is checked again as ``load(_:)`` checks it.
    /// - Parameter files: paths relative to the project root (`content/…/x.md`) that changed, were
    ///   added or were removed; other paths are ignored.
    /// - Throws: ``DiagnosticsError`` with every problem found.
    public static func reload(_ previous: SiteProject, content files: [String], overriding: [String: String] = [:]) throws(DiagnosticsError) -> SiteProject {
        let prefix = contentFolderName + "/"
        let changed = Set(files.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".md") })
        // A page of a cycle can take its text from a page of another document, and any page can
        // show an image that changed: read it whole.
        if previous.config.isCycle && !changed.isEmpty || files.contains(where: { previous.images[$0] != nil }) {
            return try load(previous.root, overriding: overriding)
        }
        guard !changed.isEmpty else { return previous }
        var nodes = previous.document.nodesInOrder.filter { !changed.contains($0.sourceFile) }
        var diagnostics: [Diagnostic] = []
        var newest = previous.contentModifiedAt
        let present = changed.sorted().filter {
            overriding[$0] != nil || FileManager.default.fileExists(atPath: previous.root.appendingPathComponent($0).path)
        }
        var images = previous.images
        for result in readConcurrently(
            present.map { String($0.dropFirst(prefix.count)) }, in: contentFolderName, root: previous.root, overriding: overriding) {
            diagnostics.append(contentsOf: result.diagnostics)
            if let node = result.node { nodes.append(node) }
            images.merge(result.images) { $1 }
            if let modified = result.modified { newest = max(newest, modified) }
        }
        // The document orders pages by the tree, whatever order they come in; only the order of
        // problems found depends on it, so the nodes are put in file order (as ``load(_:)`` reads
        // them) only to report those.
        // With the same ids, links in unchanged pages still resolve: only the changed pages' are checked.
        let sameIDs = Set(nodes.map(\.id)) == Set(previous.document.nodesInOrder.map(\.id))
        diagnostics.append(contentsOf: DocumentChecker.check(nodes, linksIn: sameIDs ? changed : nil))
        diagnostics.append(contentsOf: goalDiagnostics(previous.interventions, nodes: nodes))
        if !diagnostics.isEmpty {
            nodes.sort { $0.sourceFile < $1.sourceFile }
            diagnostics = DocumentChecker.check(nodes) + goalDiagnostics(previous.interventions, nodes: nodes)
        }
        nodes = DocumentCycle.takeOrigins(nodes, config: previous.config, into: &diagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticsError(diagnostics) }
        var project = previous
        project.document = Document(nodes: nodes)
        project.contentModifiedAt = newest
        let shown = Set(nodes.flatMap { ($0.preamble + $0.sections.flatMap(\.blocks)).images.map(\.source) })
        project.images = images.filter { shown.contains($0.key) }
        return project
    }

    /// Interventions whose goal is not a page.
    private static func goalDiagnostics(_ interventions: [Intervention], nodes: [Node]) -> [Diagnostic] {
        let ids = Set(nodes.map(\.id))
        return interventions.compactMap { intervention in
            guard let goal = intervention.goal, !ids.contains(goal) else { return nil }
            return Diagnostic(
                file: intervention.sourceFile, line: intervention.fieldLines["goal"] ?? 1, message: "goal '\(goal)' is not a page of the document",
                hint: "give the id of the goal page that links to this evaluation, e.g. \"7.2.1\"")
        }
    }

    private struct FileResult: Sendable {
        var node: Node?
        var diagnostics: [Diagnostic] = []
        var modified: Date?
        var images: [String: Data] = [:]
    }

    private struct TextFile {
        var text: String
        var modified: Date
    }

    /// A content file to read: its folder relative to the project root, and its path in that folder.
    private struct PendingFile: Sendable {
        var folder: String
        var relative: String
    }

    /// Reads the pages `files` of the folder `folder` (relative to `root`) side by side.
    private static func readConcurrently(_ files: [String], in folder: String, root: URL, overriding: [String: String]) -> [FileResult] {
        readConcurrently(files.map { PendingFile(folder: folder, relative: $0) }, root: root, overriding: overriding)
    }

    /// Reads the pages `files` side by side; the results are in the order of `files`.
    private static func readConcurrently(_ files: [PendingFile], root: URL, overriding: [String: String]) -> [FileResult] {
        let paths = ProjectPaths(root: root)
        return files.parallelMap { file in
            let shownAs = "\(file.folder)/\(file.relative)"
            var result = FileResult()
            let read = overriding[shownAs].map { Result.success(TextFile(text: $0, modified: Date())) }
                ?? readText(root.appendingPathComponent(file.folder).appendingPathComponent(file.relative), shownAs: shownAs)
            switch read {
            case .success(let file):
                result.modified = file.modified
                if let node = ContentReader.read(file.text, file: shownAs, into: &result.diagnostics) {
                    (result.node, result.images) = ContentImages.resolve(node, paths: paths, into: &result.diagnostics)
                }
            case .failure(let diagnostic):
                result.diagnostics.append(diagnostic)
            }
            return result
        }
    }

    /// The largest text file of a project (zicht.yaml, a page, an indicator or intervention): 8 MiB,
    /// a hundred times a long page. Parsing is about linear, but the whole file is held in memory
    /// several times over, once per page in parallel.
    public static let maximumTextFileBytes = 8 << 20

    private static func readText(_ url: URL, shownAs: String) -> Result<TextFile, Diagnostic> {
        let data: Data
        let modified: Date
        do {
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes?[.size] as? Int, size > maximumTextFileBytes {
                return .failure(Diagnostic(
                    file: shownAs, message: "the file has \(size) bytes; Zicht reads project files of at most \(maximumTextFileBytes) bytes (\(maximumTextFileBytes >> 20) MiB)",
                    hint: "split the page into several pages, or move tables of data into data/ files"))
            }
            data = try InputFile.read(url)
            modified = attributes?[.modificationDate] as? Date ?? Date()
        } catch {
            let missing = error.reason == "file not found"
            return .failure(Diagnostic(
                file: shownAs, message: missing ? "file not found" : "cannot read the file: \(error.reason)",
                hint: missing ? (shownAs == configFileName ? "is this a Zicht project? 'zicht init DIR' makes one" : nil) : "check the file's type and permissions"))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(data)
            let line = data.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return .failure(Diagnostic(
                file: shownAs, line: line, message: "expected UTF-8 text, found an invalid byte at offset \(offset)",
                hint: "save the file as UTF-8"))
        }
        return .success(TextFile(text: text, modified: modified))
    }

    /// Reads `indicators/*.yaml`; an id defined twice is an error.
    /// The YAML files of a definitions folder (`indicators`, `interventions`).
    private static func yamlFiles(_ folder: String, _ paths: ProjectPaths, _ diagnostics: inout [Diagnostic]) -> [String] {
        let found = paths.files(in: folder, suffixes: [".yaml", ".yml"], recursive: false)
        diagnostics.append(contentsOf: found.diagnostics)
        return found.files
    }

    private static func readIndicatorDefinitions(_ folder: URL, names: [String], into diagnostics: inout [Diagnostic]) -> [IndicatorDefinition] {
        var definitions: [IndicatorDefinition] = []
        var files: [String: String] = [:]
        for name in names {
            let shownAs = "indicators/\(name)"
            switch readText(folder.appendingPathComponent(name), shownAs: shownAs) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let file):
                guard let definition = IndicatorDefinitionReader.read(file.text, file: shownAs, into: &diagnostics) else { continue }
                if let first = files[definition.id] {
                    diagnostics.append(Diagnostic(
                        file: shownAs, line: 1, message: "indicator id '\(definition.id)' is also defined in \(first)",
                        hint: "every indicator needs its own id"))
                } else {
                    files[definition.id] = shownAs
                    definitions.append(definition)
                }
            }
        }
        return definitions
    }

    private static func readInterventions(_ folder: URL, names: [String], into diagnostics: inout [Diagnostic]) -> [Intervention] {
        var interventions: [Intervention] = []
        var files: [String: String] = [:]
        for name in names {
            let shownAs = "interventions/\(name)"
            switch readText(folder.appendingPathComponent(name), shownAs: shownAs) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let file):
                guard let intervention = InterventionReader.read(file.text, file: shownAs, into: &diagnostics) else { continue }
                if let first = files[intervention.id] {
                    diagnostics.append(Diagnostic(
                        file: shownAs, line: 1, message: "intervention id '\(intervention.id)' is also used in \(first)",
                        hint: "every intervention needs its own id"))
                } else {
                    files[intervention.id] = shownAs
                    interventions.append(intervention)
                }
            }
        }
        return interventions
    }

    /// The byte offset of the first byte that is not valid UTF-8.
    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return offset
    }

    /// Relative paths of every `.md` file under `folder`, sorted; unreadable folders and links out of
    /// the project go into `diagnostics`.
    static func markdownFiles(in folder: URL, paths: ProjectPaths, into diagnostics: inout [Diagnostic]) throws(Diagnostic) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostic(file: contentFolderName, message: "content folder not found",
                             hint: "a project has a folder 'content' with one Markdown file per page")
        }
        let found = paths.files(in: contentFolderName, suffixes: [".md"], recursive: true)
        diagnostics.append(contentsOf: found.diagnostics)
        return found.files
    }
}

