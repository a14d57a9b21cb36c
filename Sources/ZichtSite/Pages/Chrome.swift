import ZichtCore

/// The navigation around the content of every page: breadcrumb, tree menu and footer stamp.
enum Chrome {
    /// The breadcrumb: Home › Fysiek domein › Ambitie 7.2 …, the current page last and not a link.
    static func breadcrumb(for node: Node, pagePath: String, in site: SiteContext) -> String {
        var html = HTMLWriter(capacity: 512)
        html.element("nav", ["class": "breadcrumb", "aria-label": "Kruimelpad"]) { html in
            html.element("ol") { html in
                for ancestor in site.document.ancestors(of: node) {
                    html.element("li") { html in
                        html.element("a", ["href": site.link(from: node, to: ancestor)], text: site.crumbLabel(ancestor))
                    }
                }
                html.element("li") { html in
                    html.element("span", ["aria-current": "page"], text: site.crumbLabel(node))
                }
            }
        }
        return html.output
    }

    /// A breadcrumb for a page outside the document tree (the table of contents, search).
    /// - Parameter absoluteRoot: link from this base URL instead of relative to the page (404.html).
    static func breadcrumb(title: String, pagePath: String, in site: SiteContext, absoluteRoot: String? = nil) -> String {
        var html = HTMLWriter(capacity: 256)
        html.element("nav", ["class": "breadcrumb", "aria-label": "Kruimelpad"]) { html in
            html.element("ol") { html in
                html.element("li") { html in
                    html.element("a", ["href": site.href(from: pagePath, to: "", absoluteRoot: absoluteRoot)], text: "Home")
                }
                html.element("li") { html in
                    html.element("span", ["aria-current": "page"], text: title)
                }
            }
        }
        return html.output
    }

    /// The tree menu: the document's top level (in a project of several documents: the top level of
    /// the current page's document, or the list of documents), opened along the path to the current
    /// page, with the current page's children. Keeping closed branches closed keeps pages small in large documents;
    /// the full tree is on the table-of-contents page.
    static func menu(current: Node?, pagePath: String, in site: SiteContext, absoluteRoot: String? = nil) -> String {
        let document = site.document
        var openIDs: Set<String> = []
        if let current {
            openIDs.insert(current.id)
            for ancestor in document.ancestors(of: current) { openIDs.insert(ancestor.id) }
        }
        var html = HTMLWriter(capacity: 2048)
        func more(_ count: Int) {
            guard count > 0 else { return }
            html.open("li", ["class": "menu-more"])
            html.element(
                "a", ["href": site.href(from: pagePath, to: "inhoud/", absoluteRoot: absoluteRoot)],
                text: "… en \(DutchNumber.format(Double(count), decimals: 0)) andere pagina's (inhoudsopgave)")
            html.close("li")
        }
        func list(_ children: [Node]) {
            guard !children.isEmpty else { return }
            let shown = Self.menuWindow(children.count, around: children.firstIndex { openIDs.contains($0.id) })
            html.open("ul")
            more(shown.lowerBound)
            for child in children[shown] {
                html.open("li")
                let isCurrent = child.id == current?.id
                html.element(
                    "a",
                    ["href": site.href(from: pagePath, to: site.path(child), absoluteRoot: absoluteRoot), "aria-current": isCurrent ? "page" : nil],
                    text: child.shortTitle)
                if openIDs.contains(child.id) { list(document.children(of: child.id)) }
                html.close("li")
            }
            more(children.count - shown.upperBound)
            html.close("ul")
        }
        html.open("nav", ["class": "menu", "aria-label": "Menu"])
        html.element("h2", ["class": "menu-title"], text: "Menu")
        list(document.children(of: (current.map(site.documentHome(of:)) ?? document.root).id))
        html.open("p", ["class": "menu-extra"])
        html.element("a", ["href": site.href(from: pagePath, to: "inhoud/", absoluteRoot: absoluteRoot)], text: "Volledige inhoudsopgave")
        html.close("p")
        html.close("nav")
        return html.output
    }

    /// The most pages of one level that the menu lists; the rest are in the table of contents. A
    /// flat document of 4,000 pages would otherwise repeat all 4,000 links on every page.
    static let menuLevelLimit = 25

    /// The positions of a level of `count` pages that the menu shows: all of them, or a window of
    /// ``menuLevelLimit`` around the open page (`anchor`), or the first ones when none is open.
    static func menuWindow(_ count: Int, around anchor: Int?) -> Range<Int> {
        guard count > menuLevelLimit else { return 0..<count }
        let start = max(0, min((anchor ?? 0) - menuLevelLimit / 2, count - menuLevelLimit))
        return start..<(start + menuLevelLimit)
    }

    /// "Gebouwd op 1 juli 2020 om 09:56 met de gegevens van 1 juli 2020 om 09:51." With a
    /// snapshot, the data time is the newest day its figures were retrieved: "… van 1 juni 2022."
    /// A site built from a werkomgeving export names the export's time too: "Gebouwd op … met de
    /// export van 1 juli 2020 om 09:50 en de gegevens van …".
    static func stamp(_ stamps: BuildStamps) -> String {
        var html = HTMLWriter(capacity: 256)
        html.text("Gebouwd op ")
        html.element("time", ["datetime": DutchDate.iso(stamps.builtAt)], text: DutchDate.longWithTime(stamps.builtAt))
        if let exportedAt = stamps.exportedAt {
            html.text(" met de export van ")
            html.element("time", ["datetime": DutchDate.iso(exportedAt)], text: DutchDate.longWithTime(exportedAt))
            html.text(" en de gegevens van ")
        } else {
            html.text(" met de gegevens van ")
        }
        if stamps.dataAtIsDay {
            html.element("time", ["datetime": DutchDate.isoDay(stamps.dataAt)], text: DutchDate.long(stamps.dataAt))
        } else {
            html.element("time", ["datetime": DutchDate.iso(stamps.dataAt)], text: DutchDate.longWithTime(stamps.dataAt))
        }
        html.text(".")
        return html.output
    }
}
