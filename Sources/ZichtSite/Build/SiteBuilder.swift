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
    ///   - builtAt: the build time shown in every footer (pass a fixed time for reproducible output).
    ///   - dataAt: the data time; defaults to the project's newest content modification time.
    ///   - onWait: called when another build of the same output holds it for more than a second.
    /// - Throws: ``OutputFolderError`` when `output` is not a folder a build may replace (see
    ///   ``OutputFolder``); ``DiagnosticsError`` for problems in the project's theme or settings; file-system
    ///   errors when the output cannot be written. The previous output is kept in both cases.
    public func build(
        _ project: SiteProject, to output: URL, builtAt: Date = Date(), dataAt: Date? = nil, indicators: IndicatorData = IndicatorData(),
        onWait: (() -> Void)? = nil
    ) throws -> Report {
        let theme = try Theme.load(projectRoot: project.root)
        var diagnostics = Theme.contrastDiagnostics(project.config.theme)
        var logoAsset: (name: String, data: Data)?
        if let logo = project.config.theme.logo {
            let url = project.root.appendingPathComponent(logo)
            if let data = FileManager.default.contents(atPath: url.path) {
                logoAsset = ("logo." + (url.pathExtension.isEmpty ? "svg" : url.pathExtension.lowercased()), data)
            } else {
                diagnostics.append(Diagnostic(
                    file: "zicht.yaml", message: "logo '\(logo)' not found",
                    hint: "give the path of the logo relative to the project folder, or remove 'theme.logo'"))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }

        let stamps = BuildStamps(builtAt: builtAt, dataAt: dataAt ?? project.contentModifiedAt)
        var site = SiteContext(project: project, paths: SitePaths(document: project.document), stamps: stamps)
        site.indicators = indicators
        let layout = LayoutRenderer(theme: theme, site: site, logoPath: logoAsset.map { "assets/\($0.name)" }, generator: generator)

        let folder = OutputFolder(output)
        try folder.checkReplaceable(projectRoot: project.root)
        return try folder.withLock(onWait: onWait) {
            try folder.checkReplaceable(projectRoot: project.root)
            return try writeSite(project, site: site, layout: layout, theme: theme, logoAsset: logoAsset, to: output)
        }
    }

    /// Writes every file into a staging folder beside `output` and swaps it in.
    private func writeSite(
        _ project: SiteProject, site: SiteContext, layout: LayoutRenderer, theme: Theme, logoAsset: (name: String, data: Data)?,
        to output: URL
    ) throws -> Report {
        let indicators = site.indicators
        let stamps = site.stamps
        let staging = try AtomicDirectory.makeStaging(for: output)
        do {
            var writer = SiteFileWriter(root: staging)
            let nodes = project.document.nodesInOrder
            let rendered = renderConcurrently(nodes, layout: layout, site: site)
            for (node, page) in zip(nodes, rendered) {
                try writer.write(page.html, to: site.path(node) + "index.html")
                try writer.write(page.json, to: site.path(node) + "index.json")
            }
            try writer.write(layout.render(
                pageTitle: "Inhoudsopgave", pagePath: "inhoud/", current: nil,
                main: SpecialPages.tableOfContents(site), breadcrumb: Chrome.breadcrumb(title: "Inhoudsopgave", pagePath: "inhoud/", in: site)),
                to: "inhoud/index.html")
            try writer.write(layout.render(
                pageTitle: "Zoeken", pagePath: "zoeken/", current: nil,
                main: SpecialPages.search(site), breadcrumb: Chrome.breadcrumb(title: "Zoeken", pagePath: "zoeken/", in: site)),
                to: "zoeken/index.html")
            try writer.write(layout.render(
                pageTitle: "Pagina niet gevonden", pagePath: "", current: nil,
                main: SpecialPages.notFound(site), breadcrumb: Chrome.breadcrumb(title: "Pagina niet gevonden", pagePath: "", in: site, absoluteRoot: project.config.baseURL),
                absoluteRoot: project.config.baseURL),
                to: "404.html")
            let encoder = OpenData.encoder()
            try writer.write(encoder.encode(OpenData.documentIndex(site, generator: generator)), to: "document.json")
            let compact = JSONEncoder()
            compact.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try writer.write(compact.encode(OpenData.searchIndex(site)), to: "zoekindex.json")
            for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
                try writer.write(data, to: "assets/\(name)")
            }
            try writer.write(Data(Theme.themeCSS(project.config.theme).utf8), to: "assets/theme.css")
            for (id, table) in indicators.tables.sorted(by: { $0.key < $1.key }) {
                try writer.write(IndicatorReport.csv([table], includeMethod: true), to: "indicatoren/\(id).csv")
            }
            if let neighbourhoods = indicators.neighbourhoods, !neighbourhoods.incidentYears.isEmpty {
                try writer.write(WijkPages(data: neighbourhoods, site: site).incidentCSV(), to: "wijken/incidenten-per-wijk-en-buurt.csv")
            }
            if let logoAsset { try writer.write(logoAsset.data, to: "assets/\(logoAsset.name)") }
            try writer.write(OutputFolder.markerContents(generator: generator), to: OutputFolder.markerName)
            try AtomicDirectory.commit(staging, to: output)
            return Report(output: output, pageCount: nodes.count, fileCount: writer.fileCount, stamps: stamps)
        } catch {
            AtomicDirectory.discard(staging)
            throw error
        }
    }

    private struct RenderedPage: Sendable {
        var html: Data
        var json: Data
    }

    private func renderConcurrently(_ nodes: [Node], layout: LayoutRenderer, site: SiteContext) -> [RenderedPage] {
        nodes.parallelMap { node in
            let page = NodePage(node: node, site: site)
            let html = layout.render(
                pageTitle: node.displayTitle, pagePath: page.pagePath, current: node, main: page.mainHTML(),
                breadcrumb: Chrome.breadcrumb(for: node, pagePath: page.pagePath, in: site), jsonPath: "index.json")
            let json = (try? OpenData.encoder().encode(OpenData.page(for: node, in: site, prose: page.prose))) ?? Data()
            return RenderedPage(html: Data(html.utf8), json: json)
        }
    }
}

/// Writes files under a root folder, creating folders as needed.
struct SiteFileWriter {
    let root: URL
    private(set) var fileCount = 0
    private var createdFolders: Set<String> = [""]

    init(root: URL) { self.root = root }

    mutating func write(_ data: Data, to relativePath: String) throws {
        let folder = (relativePath as NSString).deletingLastPathComponent
        if !createdFolders.contains(folder) {
            var path = root.path
            for component in folder.split(separator: "/") {
                path += "/" + component
                if mkdir(path, 0o755) != 0 && errno != EEXIST { throw SiteWriteError(path: path, code: errno) }
            }
            createdFolders.insert(folder)
        }
        try Self.writeWithoutSync(data, to: root.appendingPathComponent(relativePath).path)
        fileCount += 1
    }

    /// Writes a file with plain POSIX calls. Foundation's `Data.write(to:)` calls `fsync` for every
    /// file, which took half of a 2,000-page build on ext4 (see BENCHMARKS.md); the site is written
    /// into a staging folder that is swapped in only when complete, so a crash mid-build loses nothing.
    static func writeWithoutSync(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SiteWriteError(path: path, code: errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SiteWriteError(path: path, code: errno)
                }
                offset += written
            }
        }
    }

    mutating func write(_ text: String, to relativePath: String) throws {
        try write(Data(text.utf8), to: relativePath)
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
