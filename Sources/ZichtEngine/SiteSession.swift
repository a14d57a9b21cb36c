public import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import ZichtCore
public import ZichtSite
public import ZichtAnalysis
import ZichtSources
import ZichtStore

/// One project's site, built once and then kept up to date: what `zicht build` runs once and what
/// `zicht serve` (and later the werkomgeving's server) holds.
///
/// A full build loads the project (``LoadedProject``), opens and fills its snapshot, analyses it once
/// (``ProjectAnalyser``), renders every file and swaps the new site in. After an edit of page texts
/// only, ``update(changed:builtAt:)`` reads just the changed files, keeps the analysis, renders only
/// the pages that can differ and the search index, and replaces only the files that did, each with
/// one atomic rename.
/// Any other change (settings, data, definitions, theme, a page's place in the tree, its indicators
/// or maps) falls back to a full build.
///
/// Not thread-safe: one caller at a time (``zicht serve`` calls it from one watcher task).
public final class SiteSession: @unchecked Sendable {
    public let projectRoot: URL
    public let output: URL
    public let generator: String

    /// What the last successful build used.
    private struct State {
        var loaded: LoadedProject
        var renderer: SiteRenderer
        var site: RenderedSite
        var dataAt: Date
        /// Whether `dataAt` is fixed (given, or the snapshot's data time) rather than the content's.
        var hasSnapshotTime: Bool
        var dataAtIsDay = false
        /// The inode of the output folder that was written: another process that swaps in a
        /// different folder makes the files in memory stale, and the next update writes them all.
        var outputInode: UInt64 = 0
    }
    private var state: State?
    /// The data time given to ``build(builtAt:dataAt:)``, kept for the rebuilds after it.
    private var fixedDataAt: Date?

    /// Whether and how each full build makes the documents' PDFs (none by default).
    public let pdf: PDFOptions?

    public init(project: URL, output: URL, generator: String, pdf: PDFOptions? = nil) {
        self.projectRoot = project
        self.output = output
        self.generator = generator
        self.pdf = pdf
    }

    /// What a build or update did.
    /// The document tree of the last successful build.
    public var document: Document? { state?.loaded.project.document }
    /// The project's settings, as of the last successful build.
    public var config: ProjectConfig? { state?.loaded.project.config }
    /// Every indicator a page can show, as of the last successful build: the BBV's built-in ones and
    /// the project's own (which replace a built-in one with the same id).
    public var indicatorDefinitions: [IndicatorDefinition] { (analysis?.definitions.values).map { $0.sorted { $0.id < $1.id } } ?? [] }
    /// The analysis of the last successful build (it includes what the public site leaves out,
    /// such as the prevention lists).
    public var analysis: ProjectAnalysis? { state?.renderer.analysis }
    /// The site path of a page of the last successful build, by node id.
    public func sitePath(of nodeID: String) -> String? { state?.renderer.paths.path(of: nodeID) }

    public struct Report: Sendable {
        public var pageCount: Int
        /// Files written: all of them for a full build, the changed ones for an update.
        public var filesWritten: Int
        /// Whether the whole site was built (rather than a few pages).
        public var isFull: Bool
        /// Ids of the pages rendered again in an update (empty for a full build).
        public var renderedPages: [String]
        /// The PDFs made (with ``PDFOptions``).
        public var pdfs: [DocumentPDF] = []
        /// Why no PDFs were made although they were asked for as optional.
        public var pdfFailure: PDFError?
    }

    /// Loads, analyses and renders everything, and swaps the new site in.
    /// - Parameter dataAt: the data time in every footer; by default the snapshot's time (or, for a
    ///   project without a snapshot, the newest content). Fixed only for reproducible output.
    /// - Throws: ``DiagnosticsError``, ``DisclosureLeak``, ``OutputFolderError`` or a write error;
    ///   the previous site is then kept.
    @discardableResult
    public func build(builtAt: Date = Date(), dataAt fixedDataAt: Date? = nil, exportedAt: Date? = nil) throws -> Report {
        self.fixedDataAt = fixedDataAt
        let folder = OutputFolder(output)
        try folder.checkReplaceable(projectRoot: projectRoot)
        let loaded = try LoadedProject.load(projectRoot)
        let snapshot = try loaded.openSnapshot()
        let analysis = try ProjectAnalyser.analyse(loaded, snapshot: snapshot)
        // The footer's data time is the time of the data: the newest day a source was retrieved.
        let snapshotTime = try snapshot.dataTime()
        let dataAt = fixedDataAt ?? snapshotTime ?? loaded.project.contentModifiedAt
        let dataAtIsDay = fixedDataAt == nil && snapshotTime != nil
        var renderer = try SiteRenderer(
            loaded.project, analysis: analysis, stamps: BuildStamps(builtAt: builtAt, dataAt: dataAt, dataAtIsDay: dataAtIsDay, exportedAt: exportedAt),
            generator: generator)
        var site = try renderer.renderAll()
        let printed = try pdf.map { try $0.add(to: &site, renderer: &renderer) }
        try folder.withLock(onWait: waitMessage) {
            try folder.checkReplaceable(projectRoot: projectRoot)
            try SiteBuilder.write(site, to: output)
        }
        state = State(
            loaded: loaded, renderer: renderer, site: site, dataAt: dataAt, hasSnapshotTime: snapshotTime != nil || fixedDataAt != nil,
            dataAtIsDay: dataAtIsDay,
            outputInode: Self.inode(of: output))
        return Report(
            pageCount: site.pageCount, filesWritten: site.files.count, isFull: true, renderedPages: [], pdfs: printed?.pdfs ?? [],
            pdfFailure: printed?.failure)
    }

    /// Brings the site up to date after files of the project changed.
    /// - Parameter changed: absolute paths, or paths relative to the project, of files that changed,
    ///   appeared or disappeared.
    /// - Throws: as ``build(builtAt:)``; the previous site is then kept, and the next update builds fully.
    @discardableResult
    /// - Parameter timed: called with the name and duration of each step, for profiling.
    public func update(changed: [String], builtAt: Date = Date(), timed: ((String, Duration) -> Void)? = nil) throws -> Report {
        let clock = ContinuousClock()
        var mark = clock.now
        func lap(_ name: String) {
            let now = clock.now
            timed?(name, now - mark)
            mark = now
        }
        // Files under content/ that are not pages (an editor's temporary file) are no input.
        let relative = changed.map(relativePath).filter { !Self.isIgnoredContent($0) }
        if relative.isEmpty, let state {
            return Report(pageCount: state.site.pageCount, filesWritten: 0, isFull: false, renderedPages: [])
        }
        // A session that makes PDFs builds fully, so that no PDF is older than its pages.
        guard let state, pdf == nil, relative.allSatisfy(Self.isPageText) else { return try rebuild(builtAt: builtAt) }
        do {
            let reloaded = try state.loaded.reloading(content: relative)
            lap("reload")
            let old = state.loaded.project.document.nodesInOrder
            let new = reloaded.project.document.nodesInOrder
            // Indicators, maps and the variance check are part of the analysis; a change there needs it again.
            guard Self.sameAnalysisInputs(old, new), ProjectFinance.sameExplanations(old, new) else { return try rebuild(builtAt: builtAt) }
            let dataAt = state.hasSnapshotTime ? state.dataAt : reloaded.project.contentModifiedAt
            lap("compare inputs")
            let stamps = BuildStamps(builtAt: builtAt, dataAt: dataAt, dataAtIsDay: state.hasSnapshotTime && state.dataAtIsDay)
            // A page shows the titles of others (menu, breadcrumb, lists of children): when any
            // title or place changes, every page is rendered again; else only the edited ones.
            guard Self.sameStructure(old, new) else {
                return try replaceAll(with: state.renderer.replacing(project: reloaded.project, stamps: stamps), loaded: reloaded, dataAt: dataAt)
            }
            let renderer = try state.renderer.replacing(project: reloaded.project, stamps: stamps, keepingPaths: true)
            lap("plan")
            // The pages of the changed files (ids and places are unchanged, so each file still
            // holds the same page).
            let changedFiles = Set(relative)
            let edited = Self.pagesShowing(changedFiles, in: reloaded.project)
            lap("find edited")
            var files = try renderer.renderPages(ids: edited)
            lap("render pages")
            // Of the shared files only the search index holds page text; the others (contents,
            // search and 404 pages, document.json, assets, downloads) depend on the tree, the
            // settings and the analysis, which did not change, and keep the stamps of their build.
            files["zoekindex.json"] = try renderer.renderSearchIndex(edited: Set(edited))
            lap("render search index")
            let differing = files.filter { state.site.files[$0.key] != $0.value }
            let folder = OutputFolder(output)
            let isSameFolder = try folder.withLock(onWait: waitMessage) {
                try folder.checkReplaceable(projectRoot: projectRoot)
                guard Self.inode(of: output) == state.outputInode else { return false }
                try SiteBuilder.replaceInPlace(differing, in: output)
                return true
            }
            guard isSameFolder else { return try replaceAll(with: renderer, loaded: reloaded, dataAt: dataAt) }
            lap("write")
            var site = state.site
            for (path, data) in differing { site.files[path] = data }
            self.state = State(
                loaded: reloaded, renderer: renderer, site: site, dataAt: dataAt, hasSnapshotTime: state.hasSnapshotTime,
                dataAtIsDay: state.dataAtIsDay, outputInode: state.outputInode)
            return Report(pageCount: site.pageCount, filesWritten: differing.count, isFull: false, renderedPages: edited)
        } catch {
            self.state = nil
            throw error
        }
    }

    /// A page as it would look with `text` as its file, rendered by the same renderer and with the
    /// analysis of the last build, without writing anything or changing what the session holds: the
    /// werkomgeving's preview of an edit before it is saved.
    /// - Parameters:
    ///   - path: the page's file, relative to the project (`content/…md`).
    ///   - text: the draft text of that file.
    /// - Returns: the page's folder path (`jaarverslag-2019/doel/7-2-1-sociale-veiligheid/`) and its
    ///   HTML, or nil before a first build or when the file is not a page.
    /// - Throws: ``DiagnosticsError`` with the located problems of the draft (as `zicht build` reports them).
    public func renderDraft(path: String, text: String, builtAt: Date = Date()) throws -> (sitePath: String, html: Data)? {
        guard let state, Self.isPageText(path) else { return nil }
        let reloaded = try state.loaded.reloading(content: [path], overriding: [path: text])
        let old = state.loaded.project.document.nodesInOrder
        let new = reloaded.project.document.nodesInOrder
        guard let node = new.first(where: { $0.sourceFile == path }) else { return nil }
        let stamps = BuildStamps(builtAt: builtAt, dataAt: state.dataAt, dataAtIsDay: state.hasSnapshotTime && state.dataAtIsDay)
        let renderer = try state.renderer.replacing(project: reloaded.project, stamps: stamps, keepingPaths: Self.sameStructure(old, new))
        guard let sitePath = renderer.path(ofPage: node.id), let html = try renderer.renderPages(ids: [node.id])[sitePath + "index.html"] else {
            return nil
        }
        return (sitePath, html)
    }

    /// The pages that show text of the files `changed`: their own pages and, in a cycle, the pages
    /// that take their text (a jaarverslag goal quoting its begroting) or compare with it (the same
    /// goal in the next begroting). Every goal with the same number in another document counts, a
    /// few pages more than needed, which keeps the rule simple.
    static func pagesShowing(_ changed: Set<String>, in project: SiteProject) -> [String] {
        let nodes = project.document.nodesInOrder
        var ids = Set(nodes.filter { changed.contains($0.sourceFile) }.map(\.id))
        if project.config.isCycle {
            let numbers = Set(nodes.filter { ids.contains($0.id) && $0.kind != .document }.map(\.localID))
            for node in nodes where node.kind != .document && numbers.contains(node.localID) { ids.insert(node.id) }
        }
        return nodes.filter { ids.contains($0.id) }.map(\.id)
    }

    private func rebuild(builtAt: Date) throws -> Report {
        state = nil
        return try build(builtAt: builtAt, dataAt: fixedDataAt)
    }

    private func replaceAll(with renderer: SiteRenderer, loaded: LoadedProject, dataAt: Date) throws -> Report {
        let site = try renderer.renderAll()
        let folder = OutputFolder(output)
        try folder.withLock(onWait: waitMessage) {
            try folder.checkReplaceable(projectRoot: projectRoot)
            try SiteBuilder.write(site, to: output)
        }
        state = State(
            loaded: loaded, renderer: renderer, site: site, dataAt: dataAt, hasSnapshotTime: state?.hasSnapshotTime ?? false,
            dataAtIsDay: state?.dataAtIsDay ?? false, outputInode: Self.inode(of: output))
        return Report(pageCount: site.pageCount, filesWritten: site.files.count, isFull: true, renderedPages: renderer.plan.project.document.nodesInOrder.map(\.id))
    }

    /// The inode of a folder, or 0 when it cannot be read.
    static func inode(of folder: URL) -> UInt64 {
        var info = stat()
        return stat(folder.path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    private func waitMessage() {
        Waiting.tell("another zicht process is building into \(output.path); waiting for it")
    }

    private func relativePath(_ path: String) -> String {
        let root = projectRoot.standardizedFileURL.path
        let standardized = path.hasPrefix("/") ? URL(fileURLWithPath: path).standardizedFileURL.path : path
        return standardized.hasPrefix(root + "/") ? String(standardized.dropFirst(root.count + 1)) : standardized
    }

    /// A page's text: a Markdown file under `content/`.
    static func isPageText(_ relative: String) -> Bool {
        relative.hasPrefix(SiteProjectLoader.contentFolderName + "/") && relative.hasSuffix(".md")
    }

    /// A file under `content/` that the loader does not read (only `.md` files are pages).
    static func isIgnoredContent(_ relative: String) -> Bool {
        relative.hasPrefix(SiteProjectLoader.contentFolderName + "/") && !relative.hasSuffix(".md")
    }

    /// Whether two versions of the document agree in what the analysis reads from the pages: their
    /// ids, indicators and maps.
    static func sameAnalysisInputs(_ a: [Node], _ b: [Node]) -> Bool {
        func inputs(_ nodes: [Node]) -> [String: ([String], [MapDefinition])] {
            Dictionary(nodes.map { ($0.id, ($0.indicatorIDs, $0.maps)) }, uniquingKeysWith: { first, _ in first })
        }
        let (x, y) = (inputs(a), inputs(b))
        return x.count == y.count && x.allSatisfy { id, value in y[id].map { $0 == value } ?? false }
    }

    /// Whether two versions of the document agree in what other pages show of each page: its
    /// place, kind, titles and slug (and its file).
    static func sameStructure(_ a: [Node], _ b: [Node]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            guard x.id == y.id, x.kind == y.kind, x.title == y.title, x.subtitle == y.subtitle, x.order == y.order,
                x.parentID == y.parentID, x.slug == y.slug, x.sourceFile == y.sourceFile
            else { return false }
        }
        return true
    }
}
