import Foundation
import ZichtCore

/// A document of the site that gets a PDF of its own.
public struct PrintedDocument: Sendable, Hashable {
    /// The document's key: "jaarverslag-2019".
    public var key: String
    /// Its title, which is also the PDF's title: "Jaarverslag 2019".
    public var title: String
    /// The id of its home page.
    public var homeID: String
    /// Where the PDF lies in the site: "jaarverslag-2019/jaarverslag-2019.pdf", or at the root
    /// ("jaarverslag-2019.pdf") in a project of one document.
    public var path: String
}

/// The print version of one document: every page of the document in the order of its tree, one
/// after another in one self-contained HTML file (styles and images inline), from which Chromium
/// prints the PDF.
///
/// - The first page is the document's home page, with the organisation, the notice and the build
///   stamp; a table of contents follows.
/// - A page's heading level follows its depth below the home page (chapters such as a programma
///   are h1, an ambitie h2, a doel h3), and the headings inside a page follow from there, so that
///   the PDF's bookmarks (made from h1–h6) mirror the document tree.
/// - Generated pages (maps, patterns, evaluations, wijken, the financial overview) are included as
///   on the site: an archived document holds what the council was shown.
/// - Links between pages of the document become links inside the PDF; links elsewhere in the site
///   point to the published site when `baseURL` is an absolute address, and are otherwise left as
///   text. See ``PrintMarkup`` for the rewrite of each page.
struct PrintDocument {
    let site: SiteContext
    let document: PrintedDocument
    /// The rendered site's files, for images.
    let files: [String: Data]
    let theme: Theme
    let logo: SiteRenderer.LogoAsset?
    let generator: String

    /// The id of the table of contents.
    static let contentsID = "inhoud"

    /// The pages of the document in reading order, the home page first.
    var pages: [Node] {
        let key = site.config.isCycle ? document.key : nil
        return site.document.nodesInOrder.filter { $0.documentKey == key && ($0.kind != .document || $0.id == document.homeID) }
    }

    func html() -> String {
        let pages = self.pages
        guard let home = pages.first else { return "" }
        let homeDepth = site.document.ancestors(of: home).count
        let anchors = Dictionary(pages.map { (site.path($0), anchor(of: $0)) }, uniquingKeysWith: { first, _ in first })
        var html = HTMLWriter(capacity: 64 * 1024 * pages.count)
        html.raw("<!DOCTYPE html>\n")
        html.open("html", ["lang": "nl"])
        html.open("head")
        html.void("meta", ["charset": "utf-8"])
        html.element("title", text: document.title)
        html.void("meta", ["name": "generator", "content": generator])
        html.void("meta", ["name": "author", "content": site.config.organisation.name])
        html.open("style")
        html.raw(stylesheet().replacingOccurrences(of: "</", with: "<\\/"))
        html.close("style")
        html.close("head")
        html.open("body", ["class": "pdf"])
        html.open("main")
        let levels = pages.map { max(1, site.document.ancestors(of: $0).count - homeDepth) }
        // Rendered and rewritten in parallel, as the site's pages are.
        let mains = zip(pages, levels).map { ($0, $1) }.parallelMap { page, level in
            let pagePath = site.path(page)
            var markup = PrintMarkup(
                headingLevel: level, idPrefix: anchors[pagePath]!,
                link: { link($0, from: pagePath, anchors: anchors) },
                source: { source($0, from: pagePath) })
            if onlineBase == nil { markup.droppedClasses.formUnion(PrintMarkup.downloadClasses) }
            return markup.rewrite(NodePage(node: page, site: site).mainHTML())
        }
        for (index, page) in pages.enumerated() {
            var main = mains[index]
            html.open("div", ["class": "pdf-page pdf-level-\(levels[index]) pdf-kind-\(page.kind.rawValue)", "id": anchors[site.path(page)]!])
            if page.id == home.id {
                writeMasthead(&html)
                if let end = main.range(of: "</header>") { main.insert(contentsOf: coverFacts(), at: end.upperBound) }
            }
            html.raw(main)
            html.close("div")
            if page.id == home.id { writeContents(home, anchors: anchors, &html) }
        }
        html.close("main")
        html.close("body")
        html.close("html")
        html.newline()
        return html.output
    }

    /// The anchor of a page inside the PDF, from its path without the document's key:
    /// "doel-7-2-1-sociale-veiligheid"; "start" for the home page. Kinds have no hyphen and slugs
    /// no double hyphen, so anchors are unique and `ANCHOR--ID` cannot clash with one.
    func anchor(of page: Node) -> String {
        var path = site.path(page)
        if site.config.isCycle, path.hasPrefix(document.key + "/") { path.removeFirst(document.key.count + 1) }
        let anchor = path.split(separator: "/").joined(separator: "-")
        return anchor.isEmpty ? "start" : anchor
    }

    /// The organisation and its logo, above the document's title.
    private func writeMasthead(_ html: inout HTMLWriter) {
        html.open("div", ["class": "pdf-masthead"])
        if let logo, let type = Self.mediaType(ofPath: logo.name) {
            html.void("img", ["src": "data:\(type);base64,\(logo.data.base64EncodedString())", "alt": "", "width": "64", "height": "64"])
        }
        html.element("p", ["class": "pdf-organisation"], text: site.config.organisation.name)
        html.close("div")
    }

    /// Under the title: the notice, when and from which data the document was made, where it is online.
    private func coverFacts() -> String {
        var html = HTMLWriter(capacity: 1024)
        html.open("div", ["class": "pdf-facts"])
        if let notice = site.config.notice {
            html.element("p", ["class": "notice"]) { html in
                html.element("strong", text: "Let op:")
                html.text(" " + notice)
            }
        }
        html.element("p", ["class": "stamp"]) { $0.raw(Chrome.stamp(site.stamps)) }
        if let base = onlineBase {
            let address = base + site.path(site.document[document.homeID]!)
            html.element("p", ["class": "pdf-online"]) { html in
                html.text("Dit document staat ook op internet: ")
                html.element("a", ["href": address], text: address)
            }
        }
        html.close("div")
        return html.output
    }

    /// The table of contents: every page under the home page, nested as in the tree, each a link
    /// inside the PDF.
    private func writeContents(_ home: Node, anchors: [String: String], _ html: inout HTMLWriter) {
        html.open("nav", ["class": "pdf-toc", "aria-labelledby": Self.contentsID])
        html.element("h2", ["id": Self.contentsID], text: "Inhoud")
        func list(_ nodes: [Node]) {
            guard !nodes.isEmpty else { return }
            html.open("ol")
            for node in nodes {
                html.open("li")
                html.element("a", ["href": "#" + anchors[site.path(node)]!], text: node.displayTitle)
                list(site.document.children(of: node.id))
                html.close("li")
            }
            html.close("ol")
        }
        list(site.document.children(of: home.id))
        html.close("nav")
    }

    /// The theme's screen and print styles, the PDF's own (`pdf.css`), and the footer of every
    /// sheet with the document's title.
    private func stylesheet() -> String {
        func asset(_ name: String) -> String { theme.assets[name].map { String(decoding: $0, as: UTF8.self) } ?? "" }
        let footer = "\(document.title) · \(site.config.organisation.name)"
        return [
            asset("zicht.css"), Theme.themeCSS(site.config.theme), "@media print {\n\(asset("print.css"))\n}", asset("pdf.css"),
            "@page { @bottom-left { content: \(Self.cssString(footer)); } }\n",
        ].joined(separator: "\n")
    }

    /// A CSS string literal: quotes, backslashes and line ends escaped, `<` too (it sits in `<style>`).
    static func cssString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", "\n", "\r": result += "\\" + String(scalar.value, radix: 16) + " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// The published site's address, when `baseURL` is an absolute http(s) address.
    var onlineBase: String? {
        let base = site.config.baseURL
        let lowercased = base.lowercased()
        guard lowercased.hasPrefix("https://") || lowercased.hasPrefix("http://") else { return nil }
        return base.hasSuffix("/") ? base : base + "/"
    }

    /// Where a link of the page at `pagePath` goes in the PDF: a page of this document (or a place
    /// on it) becomes `#anchor`; other places in the site the published address, or nothing.
    func link(_ href: String, from pagePath: String, anchors: [String: String]) -> String? {
        if Self.hasScheme(href) {
            let scheme = href.prefix { $0 != ":" }.lowercased()
            return ["http", "https", "mailto"].contains(scheme) ? href : nil
        }
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let target = Self.resolve(String(parts[0]), from: pagePath)
        let fragment = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
        if let anchor = anchors[target] { return "#" + anchor + (fragment.map { "--" + $0 } ?? "") }
        return onlineBase.map { $0 + target + (fragment.map { "#" + $0 } ?? "") }
    }

    /// An image of the site as a `data:` URL; nil for images from elsewhere (the PDF fetches nothing).
    func source(_ src: String, from pagePath: String) -> String? {
        guard !Self.hasScheme(src) else { return src.lowercased().hasPrefix("data:") ? src : nil }
        let target = Self.resolve(src.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].description, from: pagePath)
        guard let data = files[target], let type = Self.mediaType(ofPath: target) else { return nil }
        return "data:\(type);base64,\(data.base64EncodedString())"
    }

    static func hasScheme(_ href: String) -> Bool {
        guard let colon = href.firstIndex(of: ":") else { return false }
        return !href[..<colon].contains { $0 == "/" || $0 == "?" || $0 == "#" }
    }

    /// A relative link of the page whose folder is `pagePath` as a path from the site's root:
    /// "../7-2-veiligheid/" from "ambitie/7-1/" gives "ambitie/7-2-veiligheid/".
    static func resolve(_ relative: String, from pagePath: String) -> String {
        var components = pagePath.split(separator: "/").map(String.init)
        for component in relative.split(separator: "/") {
            switch component {
            case "..": _ = components.popLast()
            case ".": break
            default: components.append(String(component))
            }
        }
        let isFolder = relative.isEmpty || relative.hasSuffix("/") || relative == "." || relative == ".."
        let path = components.joined(separator: "/")
        return isFolder && !path.isEmpty ? path + "/" : path
    }

    static func mediaType(ofPath path: String) -> String? {
        switch (path as NSString).pathExtension.lowercased() {
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        default: nil
        }
    }
}
