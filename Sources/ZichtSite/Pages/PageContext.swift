import Foundation
import ZichtAnalysis
import ZichtCore

/// Everything shared by the pages of one build: the project, the paths and the stamps.
public struct BuildStamps: Sendable, Hashable {
    /// When the pages were built.
    public var builtAt: Date
    /// When the data (the snapshot, or until there is one the newest content) was taken.
    public var dataAt: Date

    public init(builtAt: Date, dataAt: Date) {
        self.builtAt = builtAt
        self.dataAt = dataAt
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

    var document: Document { project.document }
    var config: ProjectConfig { project.config }

    func path(_ node: Node) -> String { paths.path(of: node.id)! }

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
        return MarkdownHTMLRenderer(resolveReference: { id in
            paths.path(of: id).map { SitePaths.relative(from: pagePath, to: $0) }
        })
    }
}
