import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ZichtAnalysis
import ZichtCore

/// Turns a loaded site project into a static website.
///
/// The site is written into a staging folder beside the output and swapped in only when every file
/// is written (``AtomicDirectory``): a failed build leaves the previous site untouched.
public struct SiteBuilder: Sendable {
    /// What a build wrote.
    public struct Report: Sendable {
        public var output: URL
        public var pageCount: Int
        public var fileCount: Int
        public var stamps: BuildStamps
    }

    public var generator: String

    public init(generator: String = "Zicht") {
        self.generator = generator
    }

    /// Builds the site of `project` into `output`.
    /// - Parameters:
    ///   - analysis: what the pages show from the snapshot (none for a project without data).
    ///   - builtAt: the build time shown in every footer (pass a fixed time for reproducible output).
    ///   - dataAt: the data time; defaults to the project's newest content modification time.
    ///   - onWait: called when another build of the same output holds it for more than a second.
    /// - Throws: ``OutputFolderError`` when `output` is not a folder a build may replace (see
    ///   ``OutputFolder``); ``DiagnosticsError`` for problems in the project's theme or settings; file-system
    ///   errors when the output cannot be written. The previous output is kept in both cases.
    public func build(
        _ project: SiteProject, analysis: ProjectAnalysis = ProjectAnalysis(), to output: URL, builtAt: Date = Date(), dataAt: Date? = nil,
        onWait: (() -> Void)? = nil
    ) throws -> Report {
        let folder = OutputFolder(output)
        try folder.checkReplaceable(projectRoot: project.root)
        let renderer = try SiteRenderer(project, analysis: analysis, stamps: BuildStamps(builtAt: builtAt, dataAt: dataAt ?? project.contentModifiedAt), generator: generator)
        let site = try renderer.renderAll()
        return try folder.withLock(onWait: onWait) {
            try folder.checkReplaceable(projectRoot: project.root)
            try Self.write(site, to: output)
            return Report(output: output, pageCount: site.pageCount, fileCount: site.files.count, stamps: renderer.stamps)
        }
    }

    /// Writes every file of `site` into a staging folder beside `output` and swaps it in; the
    /// caller holds the output's lock.
    public static func write(_ site: RenderedSite, to output: URL) throws {
        let staging = try AtomicDirectory.makeStaging(for: output)
        do {
            try SiteFileWriter.writeAll(site.files, under: staging)
            try AtomicDirectory.commit(staging, to: output)
        } catch {
            AtomicDirectory.discard(staging)
            throw error
        }
    }

    /// Replaces files of the live site one by one, each written beside it and renamed over it, so
    /// that a reader gets the old file or the new one, never a part. The folders exist (the site's
    /// structure did not change); the caller holds the output's lock.
    package static func replaceInPlace(_ files: [String: Data], in output: URL) throws {
        let suffix = ".zicht-new-\(getpid())"
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let target = output.appendingPathComponent(path).path
            let folder = (target as NSString).deletingLastPathComponent
            let temporary = folder + "/." + (target as NSString).lastPathComponent + suffix
            do {
                try SiteFileWriter.writeWithoutSync(data, to: temporary)
                guard rename(temporary, target) == 0 else { throw SiteWriteError(path: target, code: errno) }
            } catch {
                unlink(temporary)
                throw error
            }
        }
    }
}

/// Every file of a site, by path relative to the site's root, as bytes.
public struct RenderedSite: Sendable, Equatable {
    public var files: [String: Data]
    /// The number of document pages (each has an `index.html` and an `index.json`).
    public var pageCount: Int

    public init(files: [String: Data] = [:], pageCount: Int = 0) {
        self.files = files
        self.pageCount = pageCount
    }
}

/// Renders the files of one site: every page, or only some (for a rebuild after an edit).
///
/// Holds what every page shares (the checked theme, the plan of written and generated pages, the
/// paths, the layout), so that rendering one page costs only that page.
public struct SiteRenderer: Sendable {
    public let plan: SitePlan
    public let stamps: BuildStamps
    var site: SiteContext
    var layout: LayoutRenderer
    let theme: Theme
    let logoAsset: LogoAsset?
    let generator: String
    /// The search entries of the last render, passed on by ``replacing(project:stamps:)``.
    let searchEntries: SearchIndexCache

    /// What the pages show from the snapshot.
    public var analysis: ProjectAnalysis { site.analysis }
    /// Where each page of the tree lives in the site ("begroting-2019/doel/7-2-1-…/"), by node id.
    public var paths: SitePaths { site.paths }

    struct LogoAsset: Sendable {
        var name: String
        var data: Data
    }

    /// Checks the theme and settings and plans the pages.
    /// - Throws: ``DiagnosticsError`` for problems in the theme, the logo or the generated pages' ids.
    public init(_ project: SiteProject, analysis: ProjectAnalysis, stamps: BuildStamps, generator: String) throws {
        let theme = try Theme.load(projectRoot: project.root)
        var diagnostics = Theme.contrastDiagnostics(project.config.theme)
        var logoAsset: LogoAsset?
        if let logo = project.config.theme.logo {
            let url = project.root.appendingPathComponent(logo)
            if let data = FileManager.default.contents(atPath: url.path) {
                logoAsset = LogoAsset(name: "logo." + (url.pathExtension.isEmpty ? "svg" : url.pathExtension.lowercased()), data: data)
            } else {
                diagnostics.append(Diagnostic(
                    file: "zicht.yaml", message: "logo '\(logo)' not found",
                    hint: "give the path of the logo relative to the project folder, or remove 'theme.logo'"))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        try self.init(
            project, analysis: analysis, stamps: stamps, generator: generator, theme: theme, logoAsset: logoAsset, searchEntries: SearchIndexCache())
    }

    private init(
        _ project: SiteProject, analysis: ProjectAnalysis, stamps: BuildStamps, generator: String, theme: Theme, logoAsset: LogoAsset?,
        searchEntries: SearchIndexCache, paths: SitePaths? = nil
    ) throws {
        let plan = try SitePlan(project, analysis: analysis)
        var site = SiteContext(project: plan.project, paths: paths ?? SitePaths(document: plan.project.document), stamps: stamps)
        site.analysis = analysis
        site.contents = plan.contents
        self.plan = plan
        self.stamps = stamps
        self.site = site
        self.theme = theme
        self.logoAsset = logoAsset
        self.generator = generator
        self.searchEntries = searchEntries
        self.layout = LayoutRenderer(theme: theme, site: site, logoPath: logoAsset.map { "assets/\($0.name)" }, generator: generator)
    }

    /// The same theme and analysis with another version of the written pages and other stamps,
    /// without reading the theme again.
    /// - Parameter keepingPaths: the pages' ids, titles, kinds, slugs and places are unchanged, so
    ///   their paths are too and are not worked out again.
    package func replacing(project: SiteProject, stamps: BuildStamps, keepingPaths: Bool = false) throws -> SiteRenderer {
        try SiteRenderer(
            project, analysis: site.analysis, stamps: stamps, generator: generator, theme: theme, logoAsset: logoAsset, searchEntries: searchEntries,
            paths: keepingPaths ? site.paths : nil)
    }

    /// The relative path of a page's folder (`doel/7-2-1-sociale-veiligheid/`), or nil for an unknown id.
    public func path(ofPage id: String) -> String? { site.paths.path(of: id) }

    /// Every file of the site.
    public func renderAll() throws -> RenderedSite {
        var files = try renderPages(plan.project.document.nodesInOrder)
        for (path, data) in try renderShared() { files[path] = data }
        return RenderedSite(files: files, pageCount: plan.project.document.nodesInOrder.count)
    }

    /// The `index.html` and `index.json` of the pages with the given ids.
    package func renderPages(ids: [String]) throws -> [String: Data] {
        try renderPages(ids.compactMap { plan.project.document[$0] })
    }

    private func renderPages(_ nodes: [Node]) throws -> [String: Data] {
        let rendered = nodes.parallelMap { node in
            Result { () throws -> (html: Data, json: Data) in
                let page = NodePage(node: node, site: site)
                let html = layout.render(
                    pageTitle: node.displayTitle, pagePath: page.pagePath, current: node, main: page.mainHTML(),
                    breadcrumb: Chrome.breadcrumb(for: node, pagePath: page.pagePath, in: site), jsonPath: "index.json")
                let json = try OpenData.encoder().encode(OpenData.page(for: node, in: site, prose: page.prose))
                return (Data(html.utf8), json)
            }
        }
        var files: [String: Data] = [:]
        files.reserveCapacity(nodes.count * 2)
        for (node, result) in zip(nodes, rendered) {
            let page = try result.get()
            files[site.path(node) + "index.html"] = page.html
            files[site.path(node) + "index.json"] = page.json
        }
        return files
    }

    /// The search index (`zoekindex.json`), encoding only the entries of `edited` pages again.
    package func renderSearchIndex(edited: Set<String>) throws -> Data {
        try OpenData.searchIndexJSON(site, cache: searchEntries, stale: edited)
    }

    /// The files every page shares or that list every page: contents, search, 404, the document's
    /// JSON and search index, assets, the CSV downloads and the output marker.
    package func renderShared() throws -> [String: Data] {
        let project = plan.project
        var files: [String: Data] = [:]
        files["inhoud/index.html"] = Data(layout.render(
            pageTitle: "Inhoudsopgave", pagePath: "inhoud/", current: nil,
            main: SpecialPages.tableOfContents(site), breadcrumb: Chrome.breadcrumb(title: "Inhoudsopgave", pagePath: "inhoud/", in: site)).utf8)
        files["zoeken/index.html"] = Data(layout.render(
            pageTitle: "Zoeken", pagePath: "zoeken/", current: nil,
            main: SpecialPages.search(site), breadcrumb: Chrome.breadcrumb(title: "Zoeken", pagePath: "zoeken/", in: site)).utf8)
        files["404.html"] = Data(layout.render(
            pageTitle: "Pagina niet gevonden", pagePath: "", current: nil,
            main: SpecialPages.notFound(site), breadcrumb: Chrome.breadcrumb(title: "Pagina niet gevonden", pagePath: "", in: site, absoluteRoot: project.config.baseURL),
            absoluteRoot: project.config.baseURL).utf8)
        files["document.json"] = try OpenData.encoder().encode(OpenData.documentIndex(site, generator: generator))
        files["zoekindex.json"] = try OpenData.searchIndexJSON(site, cache: searchEntries, stale: nil)
        for (name, data) in theme.assets { files["assets/\(name)"] = data }
        files["assets/theme.css"] = Data(Theme.themeCSS(project.config.theme).utf8)
        for (id, table) in site.analysis.tables {
            files["indicatoren/\(id).csv"] = Data(IndicatorCSV.csv([table], includeMethod: true).utf8)
        }
        if let neighbourhoods = site.analysis.neighbourhoods, !neighbourhoods.incidentYears.isEmpty {
            files["wijken/incidenten-per-wijk-en-buurt.csv"] = Data(WijkPages(data: neighbourhoods, site: site).incidentCSV().utf8)
        }
        for (key, finance) in site.analysis.finances {
            for (path, data) in try FinancialPages(finance: finance, site: site, documentKey: key).files() { files[path] = data }
        }
        if let logoAsset { files["assets/\(logoAsset.name)"] = logoAsset.data }
        for (path, data) in project.images { files[SiteContext.imagePath(path)] = data }
        files[OutputFolder.markerName] = OutputFolder.markerContents(generator: generator)
        return files
    }
}

/// Writing the site failed; says why in plain words (a full disk, no permission, …).
public struct SiteWriteError: DiagnosticConvertible, Sendable, CustomStringConvertible {
    public var path: String
    /// The system's error number (`errno`).
    public var code: Int32

    public var description: String {
        let reason: String
        switch code {
        case ENOSPC: reason = "the disk is full"
        case EDQUOT: reason = "the disk quota is used up"
        case EACCES, EPERM: reason = "no permission to write there"
        case EROFS: reason = "the file system is read-only"
        case ENAMETOOLONG: reason = "the file name is too long"
        case EIO: reason = "the disk reported an input/output error"
        default: reason = String(cString: strerror(code))
        }
        return "cannot write the site file \(path): \(reason); the previous site is unchanged"
    }

    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
}
