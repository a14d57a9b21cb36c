import ZichtCore

/// Pages outside the document tree: the full table of contents, search, and "not found".
enum SpecialPages {
    /// Every page of the document as one nested list; the way to reach every page without JavaScript.
    static func tableOfContents(_ site: SiteContext) -> String {
        let pagePath = "inhoud/"
        var html = HTMLWriter(capacity: 256 * site.document.count)
        html.element("h1", text: "Inhoudsopgave")
        html.element("p", text: site.config.isCycle
            ? "Alle pagina's van alle documenten van \(site.config.organisation.name), per document in de volgorde van het document."
            : "Alle pagina's van \(site.config.document.title) van \(site.config.organisation.name), in de volgorde van het document.")
        func list(_ nodes: [Node]) {
            guard !nodes.isEmpty else { return }
            html.open("ul")
            for node in nodes {
                html.open("li")
                html.element("a", ["href": SitePaths.relative(from: pagePath, to: site.path(node))], text: node.displayTitle)
                list(site.document.children(of: node.id))
                html.close("li")
            }
            html.close("ul")
        }
        html.open("nav", ["class": "toc", "aria-label": "Inhoudsopgave"])
        list([site.document.root])
        html.close("nav")
        return html.output
    }

    /// A search form that works with JavaScript; without it, the page points to the table of contents.
    static func search(_ site: SiteContext) -> String {
        let pagePath = "zoeken/"
        var html = HTMLWriter(capacity: 2048)
        html.element("h1", text: "Zoeken")
        html.element("div", ["id": "zoeken-zonder-js"]) { html in
            html.open("p")
            html.text("Zoeken werkt met JavaScript. Zonder JavaScript vindt u alle pagina's in de ")
            html.element("a", ["href": SitePaths.relative(from: pagePath, to: "inhoud/")], text: "inhoudsopgave")
            html.text(".")
            html.close("p")
        }
        html.open("form", [
            "id": "zoekformulier", "class": "search-form", "role": "search", "action": "./", "method": "get",
            "data-root": SitePaths.relative(from: pagePath, to: "") == "./" ? "" : SitePaths.relative(from: pagePath, to: ""),
            "hidden": "",
        ])
        html.element("label", ["for": "zoekterm"], text: "Zoek in \(site.siteTitle)")
        html.void("input", ["type": "search", "id": "zoekterm", "name": "q", "autocomplete": "off"])
        html.element("button", ["type": "submit"], text: "Zoeken")
        html.close("form")
        html.element("p", ["id": "zoekstatus", "role": "status"], text: "")
        html.element("ul", ["id": "zoekresultaten", "class": "search-results"]) { _ in }
        return html.output
    }

    static func notFound(_ site: SiteContext) -> String {
        var html = HTMLWriter(capacity: 512)
        html.element("h1", text: "Pagina niet gevonden")
        html.open("p")
        html.text("Deze pagina bestaat niet (meer). Kijk in de ")
        html.element("a", ["href": site.config.baseURL + "inhoud/"], text: "inhoudsopgave")
        html.text(" of ga naar de ")
        html.element("a", ["href": site.config.baseURL], text: "startpagina")
        html.text(".")
        html.close("p")
        return html.output
    }
}
