import Foundation
import ZichtAnalysis
import ZichtCore

/// Everything shared by the pages of one build: the project, the paths and the stamps.
public struct BuildStamps: Sendable, Hashable {
    /// When the pages were built.
    public var builtAt: Date
    /// When the data was taken: the newest retrieval date of the snapshot's sources, or until
    /// there is a snapshot the newest change of the content.
    public var dataAt: Date
    /// Whether `dataAt` is a day (a retrieval date, shown without a time of day).
    public var dataAtIsDay: Bool
    /// When the content was exported from the werkomgeving, for a site built from an export.
    public var exportedAt: Date?

    public init(builtAt: Date, dataAt: Date, dataAtIsDay: Bool = false, exportedAt: Date? = nil) {
        self.builtAt = builtAt
        self.dataAt = dataAt
        self.dataAtIsDay = dataAtIsDay
        self.exportedAt = exportedAt
    }
}

/// The chrome of a page (menu, breadcrumb) and the links between pages.
struct SiteContext: Sendable {
    let project: SiteProject
    let paths: SitePaths
    let stamps: BuildStamps
    var analysis = ProjectAnalysis()
    /// What each page is, by node id (pages not listed are written prose).
    var contents: [String: PageContent] = [:]
    /// The PDFs the build made, by the id of their document's home page (none without `--pdf`).
    var pdfs: [String: DocumentPDF] = [:]
    /// Where an image of the project is copied: under `afbeeldingen/`, with the path it has under
    /// content/ (`content/jaarverslag-2019/foto.png` → `afbeeldingen/jaarverslag-2019/foto.png`);
    /// an image elsewhere in the project goes under `afbeeldingen/_/`, so that paths never clash.
    static func imagePath(_ projectPath: String) -> String {
        projectPath.hasPrefix("content/") ? "afbeeldingen/" + projectPath.dropFirst("content/".count) : "afbeeldingen/_/" + projectPath
    }

    var document: Document { project.document }
    var config: ProjectConfig { project.config }

    func path(_ node: Node) -> String { paths.path(of: node.id)! }

    /// The home page of the document `node` belongs to: its document page in a project of several
    /// documents, else the root.
    func documentHome(of node: Node) -> Node {
        guard let key = node.documentKey else { return document.root }
        if node.kind == .document { return node }
        return document.ancestors(of: node).first { $0.kind == .document && $0.documentKey == key } ?? document.root
    }

    /// The id of a generated page (a wijk, the wijk overview) in this site: qualified by the key of
    /// the document that holds the generated pages in a project of several documents.
    func generatedID(_ id: String) -> String {
        SitePlan.reportingHome(project).documentKey.map { Node.qualified(id, in: $0) } ?? id
    }

    /// The settings of the document `node` belongs to.
    func documentInfo(of node: Node) -> ProjectConfig.DocumentInfo {
        node.documentKey.flatMap { config.document(key: $0) } ?? config.document
    }

    /// The title of the whole site: the document's, or the portal's in a project of several.
    var siteTitle: String { config.isCycle ? document.root.title : config.document.title }

    /// The label of a page in breadcrumbs: "Home" for the site's home, a document's title for its
    /// home page in a cycle, else the short title.
    func crumbLabel(_ node: Node) -> String {
        guard node.kind == .document else { return node.shortTitle }
        return node.documentKey == nil ? "Home" : documentInfo(of: node).title
    }

    /// What `node` is; a written page without an entry is prose.
    func content(of node: Node) -> PageContent {
        contents[node.id] ?? (node.kind == .doel ? .goal : .prose)
    }

    /// A relative link from `page` to `target`.
    func link(from page: Node, to target: Node) -> String {
        SitePaths.relative(from: path(page), to: path(target))
    }

    /// A relative link from `page` to a site path such as "inhoud/" or "assets/zicht.css".
    func link(from page: String, toSitePath target: String) -> String {
        SitePaths.relative(from: page, to: target)
    }

    /// A link to a site path: relative to the page, or from `absoluteRoot` (the base URL) for pages
    /// such as 404.html that the server shows at any address.
    func href(from page: String, to target: String, absoluteRoot: String?) -> String {
        absoluteRoot.map { $0 + target } ?? link(from: page, toSitePath: target)
    }

    /// A Markdown renderer that resolves `ref:` links relative to the page at `pagePath`.
    func markdownRenderer(for pagePath: String) -> MarkdownHTMLRenderer {
        let paths = self.paths
        let images = Set(project.images.keys)
        return MarkdownHTMLRenderer(
            resolveReference: { id in paths.path(of: id).map { SitePaths.relative(from: pagePath, to: $0) } },
            resolveImage: { source in images.contains(source) ? SitePaths.relative(from: pagePath, to: Self.imagePath(source)) : nil })
    }
}
