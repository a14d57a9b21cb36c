import ZichtAnalysis
import ZichtCore

/// The main content of a document page, in the fixed section order of a P&C document.
///
/// A goal page shows: number, title and subtitle; the prose sections of its body (the first one,
/// usually "Beschrijving doel", with its origin label); "Criteria"; "Indicatoren" (with an explicit
/// notice when there are none); "Kaderstellende nota's"; "Portefeuillehouder"; and a link back to
/// the parent. Other pages show their prose and a list of their children.
/// A page's Markdown rendered once, for both its HTML and its JSON.
struct RenderedProse {
    var preamble: String
    var sections: [String]

    init(_ node: Node, _ markdown: MarkdownHTMLRenderer) {
        preamble = node.preamble.isEmpty ? "" : markdown.render(node.preamble)
        sections = node.sections.map { markdown.render($0.blocks) }
    }
}

struct NodePage {
    let node: Node
    let site: SiteContext
    let prose: RenderedProse

    init(node: Node, site: SiteContext) {
        self.node = node
        self.site = site
        self.prose = RenderedProse(node, site.markdownRenderer(for: site.path(node)))
    }

    static let noIndicatorsNotice = "Voor dit doel zijn geen indicatoren vastgesteld."
    static let noKadersNotice = "Voor dit doel zijn geen kaderstellende nota's opgegeven."
    static let noPortefeuillehouderNotice = "Er is geen portefeuillehouder opgegeven."

    var pagePath: String { site.path(node) }

    func mainHTML() -> String {
        let markdown = site.markdownRenderer(for: pagePath)
        var html = HTMLWriter(capacity: 8192)
        html.open("article", ["class": "page page-\(node.kind.rawValue)"])
        writeTitle(&html)
        if !node.preamble.isEmpty {
            html.element("div", ["class": "preamble"]) { $0.raw(prose.preamble) }
        }
        for (index, section) in node.sections.enumerated() {
            let id = "sectie-\(index + 1)"
            html.open("section", ["class": "prose", "aria-labelledby": id])
            html.open("h2", ["id": id])
            html.raw(markdown.renderInline(section.heading))
            if index == 0, let origin = node.origin { writeOrigin(origin, &html) }
            html.close("h2")
            html.raw(prose.sections[index])
            html.close("section")
        }
        switch site.content(of: node) {
        case .wijk(let wijk):
            WijkPages(data: site.analysis.neighbourhoods!, site: site).wijkHTML(wijk, node: node, &html)
        case .evaluation(let result):
            var body = HTMLWriter(capacity: 32_768)
            EvaluationPage(data: result, site: site).write(&body)
            html.raw(body.output)
        case .wijkOverview:
            WijkPages(data: site.analysis.neighbourhoods!, site: site).overviewHTML(node: node, &html)
            writeChildren(&html)
        case .goal:
            writeCriteria(&html)
            writeIndicators(&html)
            writeMaps(&html)
            if let patterns = site.analysis.patterns[node.id] {
                PatternSection(data: patterns, threshold: site.config.disclosureThreshold).write(&html)
            }
            writeEvaluations(&html)
            writeKaders(&html)
            writePortefeuillehouder(&html, required: true)
        case .financialOverview(let finance):
            FinancialPages(finance: finance, site: site).writeOverview(node, &html)
        case .prose:
            if node.kind == .programma, let finance = site.analysis.finance { FinancialPages(finance: finance, site: site).writeProgramma(node, &html) }
            writeChildren(&html)
            if node.portefeuillehouder != nil { writePortefeuillehouder(&html, required: false) }
        }
        writeBackLink(&html)
        html.close("article")
        return html.output
    }

    private func writeTitle(_ html: inout HTMLWriter) {
        html.open("header", ["class": "page-header"])
        html.open("h1")
        if node.kind.isNumbered, let label = node.kind.label {
            html.element("span", ["class": "number"], text: "\(label) \(node.id)")
            html.text(" ")
        }
        html.text(node.title)
        html.close("h1")
        if let subtitle = node.subtitle { html.element("p", ["class": "subtitle"], text: subtitle) }
        html.close("header")
    }

    private func writeOrigin(_ origin: String, _ html: inout HTMLWriter) {
        html.text(" ")
        html.element("span", ["class": "origin"], text: "(\(origin))")
    }

    private func openSection(_ id: String, _ heading: String, origin: String? = nil, _ html: inout HTMLWriter) {
        html.open("section", ["class": "fixed-section", "aria-labelledby": id])
        html.open("h2", ["id": id])
        html.text(heading)
        if let origin { writeOrigin(origin, &html) }
        html.close("h2")
    }

    private func writeCriteria(_ html: inout HTMLWriter) {
        openSection("criteria", "Criteria", origin: node.origin, &html)
        if node.criteria.isEmpty {
            html.element("p", ["class": "empty"], text: "Voor dit doel zijn geen criteria vastgesteld.")
        } else {
            html.element("ul") { html in
                for criterion in node.criteria { html.element("li", text: criterion) }
            }
        }
        html.close("section")
    }

    private func writeIndicators(_ html: inout HTMLWriter) {
        openSection("indicatoren", "Indicatoren", &html)
        if node.indicatorIDs.isEmpty {
            html.element("p", ["class": "empty"], text: Self.noIndicatorsNotice)
        } else {
            let data = site.analysis
            IndicatorSection(
                tables: node.indicatorIDs.compactMap { data.tables[$0] },
                withoutData: node.indicatorIDs.filter { data.tables[$0] == nil }.map { ($0, data.definitions[$0]) },
                pagePath: pagePath
            ).write(&html)
        }
        html.close("section")
    }

    /// "Veiligheid in de wijken": a choropleth map per `kaarten:` entry, with summary, table and source.
    private func writeMaps(_ html: inout HTMLWriter) {
        guard !node.maps.isEmpty else { return }
        openSection("wijken", "Veiligheid in de wijken", &html)
        let maps = site.analysis.maps[node.id] ?? []
        if maps.isEmpty {
            html.element("p", ["class": "empty"], text: "Voor de kaarten van dit doel zijn nog geen cijfers per buurt ingelezen.")
        }
        for (index, data) in maps.enumerated() {
            let definition = data.definition
            let id = "kaart-\(index + 1)"
            html.open("section", ["class": "area-map", "aria-labelledby": id])
            html.open("h3", ["id": id])
            html.text(definition.title)
            if let period = data.period { html.text(", \(period)") }
            if definition.isSimulated { html.element("span", ["class": "simulated"], text: " (gesimuleerd)") }
            html.close("h3")
            if definition.isSimulated {
                html.element("p", ["class": "notice-simulated"], text: "Deze kaart toont gesimuleerde cijfers, gemaakt om Zicht te laten zien. Het zijn geen echte cijfers.")
            }
            let map = ChoroplethMap(
                id: "\(id)-kaart", title: definition.title, unit: definition.unit,
                areas: data.areas.map { ChoroplethMap.Area(code: $0.code, name: $0.name, path: data.path($0), value: $0.value, displayText: DisclosureText.mapDisplay($0, perThousand: data.definition.perThousandInhabitants)) },
                breaks: data.breaks, classLabelDecimals: definition.decimals,
                frame: .init(width: data.width, height: data.height), areaNoun: .buurt)
            // The summary and the map stay visible; the long table per buurt folds open on request.
            html.element("p", ["class": "summary"], text: map.summary())
            html.element("figure", ["class": "map-figure"]) { html in
                html.raw(map.svg())
                html.element("figcaption", text: "Kaart van de cijfers in de tabel hieronder.")
            }
            html.element("details", ["class": "map-table"]) { html in
                html.element("summary", text: "Tabel met de cijfers per buurt")
                html.raw(map.tableHTML())
            }
            let sources = data.provenance.map { "\($0.publisher)\($0.tableTitle.map { ", \($0)" } ?? ""), opgehaald op \(DutchDate.long($0.retrievedAt))" }
            html.element("p", ["class": "source"], text: "Bron: " + (definition.source.map { [$0] } ?? sources).joined(separator: "; ") + ".")
            html.close("section")
        }
        html.close("section")
    }

    /// Links to the evaluations of the instruments this goal uses.
    private func writeEvaluations(_ html: inout HTMLWriter) {
        let pages = site.document.children(of: node.id).filter {
            if case .evaluation = site.content(of: $0) { true } else { false }
        }
        guard !pages.isEmpty else { return }
        openSection("evaluaties", "Werken onze veiligheidsinstrumenten?", &html)
        html.open("ul", ["class": "children"])
        for page in pages {
            html.element("li") { html in
                html.element("a", ["href": site.link(from: node, to: page)], text: page.title)
                if let subtitle = page.subtitle { html.element("p", text: subtitle) }
            }
        }
        html.close("ul")
        html.close("section")
    }

    private func writeKaders(_ html: inout HTMLWriter) {
        openSection("kaders", "Kaderstellende nota's", &html)
        if node.kaders.isEmpty {
            html.element("p", ["class": "empty"], text: Self.noKadersNotice)
        } else {
            html.element("ul") { html in
                for kader in node.kaders {
                    html.element("li") { html in
                        switch kader.target {
                        case .url(let url):
                            html.element("a", ["href": url], text: kader.title)
                            html.element("span", ["class": "external"], text: " (externe website)")
                        case .reference(let id):
                            if let target = site.document[id] {
                                html.element("a", ["href": site.link(from: node, to: target)], text: kader.title)
                            } else {
                                html.text(kader.title)
                            }
                        }
                    }
                }
            }
        }
        html.close("section")
    }

    private func writePortefeuillehouder(_ html: inout HTMLWriter, required: Bool) {
        openSection("portefeuillehouder", "Portefeuillehouder", &html)
        if let holder = node.portefeuillehouder {
            html.element("p") { html in
                html.element("strong", text: holder.name)
                if let role = holder.role { html.text(", \(role)") }
            }
        } else {
            html.element("p", ["class": "empty"], text: Self.noPortefeuillehouderNotice)
        }
        html.close("section")
    }

    private func writeChildren(_ html: inout HTMLWriter) {
        let children = site.document.children(of: node.id)
        guard !children.isEmpty else { return }
        let heading: String
        let kinds = Set(children.map(\.kind))
        switch kinds.count == 1 ? kinds.first : nil {
        case .doel: heading = "Doelen"
        case .ambitie: heading = "Ambities"
        case .domein: heading = "Domeinen"
        case .programma: heading = "Programma's"
        default: heading = node.kind == .document ? "Inhoud" : "Onderdelen"
        }
        openSection("onderdelen", heading, &html)
        html.open("ul", ["class": "children"])
        for child in children {
            html.element("li") { html in
                html.element("a", ["href": site.link(from: node, to: child)], text: child.displayTitle)
                if let subtitle = child.subtitle { html.element("p", text: subtitle) }
            }
        }
        html.close("ul")
        html.close("section")
    }

    private func writeBackLink(_ html: inout HTMLWriter) {
        guard let parent = site.document.parent(of: node) else { return }
        let label = parent.kind == .document ? "Terug naar de startpagina" : "Terug naar \(parent.displayTitle.lowercasedFirst)"
        html.element("p", ["class": "back"]) { html in
            html.element("a", ["href": site.link(from: node, to: parent)], text: label)
        }
    }
}

extension String {
    /// The string with its first letter lowercased: "Ambitie 7.2 Veiligheid" → "ambitie 7.2 Veiligheid".
    var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
