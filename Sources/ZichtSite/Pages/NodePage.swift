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
        writePDFDownload(&html)
        if node.kind == .doel { writeCounterparts(&html) }
        if !node.preamble.isEmpty {
            html.element("div", ["class": "preamble"]) { $0.raw(prose.preamble) }
        }
        for (index, section) in node.sections.enumerated() {
            let id = "sectie-\(index + 1)"
            html.open("section", ["class": "prose", "aria-labelledby": id])
            html.open("h2", ["id": id])
            html.raw(markdown.renderInline(section.heading))
            if index == 0, let origin = node.origin { writeOrigin(origin, link: true, &html) }
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
        case .portal:
            writePortal(&html)
        case .goalMaps(let goalID):
            if let goal = site.document[goalID] { writeMaps(of: goal, &html) }
        case .patterns(let goalID):
            if let patterns = site.analysis.patterns[goalID] {
                PatternSection(data: patterns, threshold: site.config.disclosureThreshold).write(&html)
            }
        case .goal:
            writeCriteria(&html)
            writeChangesSincePreviousBegroting(&html)
            writeIndicators(&html)
            writeAnalysisSummaries(&html)
            writeEvaluations(&html)
            writeKaders(&html)
            writePortefeuillehouder(&html, required: true)
        case .financialOverview(let finance):
            FinancialPages(finance: finance, site: site, documentKey: node.documentKey ?? "").writeOverview(node, &html)
        case .prose:
            if node.kind == .programma, let pages = FinancialPages(for: node, site: site) { pages.writeProgramma(node, &html) }
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
            html.element("span", ["class": "number"], text: "\(label) \(node.localID)")
            html.text(" ")
        }
        html.text(node.title)
        html.close("h1")
        if let subtitle = node.subtitle { html.element("p", ["class": "subtitle"], text: subtitle) }
        html.close("header")
    }

    /// "(tekst uit Begroting 2019)", a link to that page when the text was taken by reference and
    /// `link` is set (once per page: the same link twice would be noise for a screen reader).
    private func writeOrigin(_ origin: String, link: Bool = false, _ html: inout HTMLWriter) {
        html.text(" ")
        if link, let source = node.originID.flatMap({ site.document[$0] }) {
            html.element("span", ["class": "origin"]) { html in
                html.text("(")
                html.element("a", ["href": site.link(from: node, to: source)], text: origin)
                html.text(")")
            }
        } else {
            html.element("span", ["class": "origin"], text: "(\(origin))")
        }
    }

    /// The same goal in the other documents of its year (begroting and jaarverslag link to each
    /// other), and in the begroting of the year before.
    private func writeCounterparts(_ html: inout HTMLWriter) {
        guard site.config.isCycle, let key = node.documentKey, let own = site.config.document(key: key) else { return }
        let others = site.config.documents.filter { $0.key != key && ($0.year == own.year || ($0.kind == .begroting && own.kind == .begroting && $0.year == own.year - 1)) }
        let pages = others.compactMap { info in site.document[Node.qualified(node.localID, in: info.key)].map { (info, $0) } }
            .filter { $0.1.kind == node.kind }
        guard !pages.isEmpty else { return }
        html.element("nav", ["class": "counterparts", "aria-label": "Dit doel in andere documenten"]) { html in
            html.element("p") { html in
                html.text("Dit doel in ")
                for (index, (info, page)) in pages.enumerated() {
                    if index > 0 { html.text(index == pages.count - 1 ? " en " : ", ") }
                    html.element("a", ["href": site.link(from: node, to: page)], text: info.title)
                }
                html.text(".")
            }
        }
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
                pagePath: pagePath,
                targets: IndicatorTargets(node: node, document: site.documentInfo(of: node))
            ).write(&html)
        }
        html.close("section")
    }

    /// On a goal page, for its maps and its patterns: a few sentences each and a link to the page
    /// that shows them in full.
    private func writeAnalysisSummaries(_ html: inout HTMLWriter) {
        let pages = site.document.children(of: node.id)
        if let page = pages.first(where: { if case .goalMaps = site.content(of: $0) { true } else { false } }) {
            openSection("wijken", "Veiligheid in de wijken", &html)
            let maps = site.analysis.maps[node.id] ?? []
            if maps.isEmpty {
                html.element("p", text: "Voor de kaarten van dit doel zijn nog geen cijfers per buurt ingelezen.")
            } else {
                let titles = maps.map { map in
                    map.definition.title.lowercasedFirst + (map.definition.isSimulated && !map.definition.title.contains("gesimuleerd") ? " (gesimuleerd)" : "")
                }
                html.element("p", text: "\(maps.count == 1 ? "Eén kaart toont" : "\(maps.count) kaarten tonen") per buurt: \(Self.list(titles)).")
            }
            html.element("p") { html in
                html.element("a", ["href": site.link(from: node, to: page)], text: "Bekijk de kaarten en de cijfers per buurt")
            }
            html.close("section")
        }
        if let page = pages.first(where: { if case .patterns = site.content(of: $0) { true } else { false } }),
            let patterns = site.analysis.patterns[node.id] {
            let section = PatternSection(data: patterns, threshold: site.config.disclosureThreshold)
            openSection("patronen", "\(section.noun.prefix(1).uppercased() + section.noun.dropFirst()): waar en wanneer", &html)
            html.element("p", text: section.summary().joined(separator: " "))
            html.element("p") { html in
                html.element("a", ["href": site.link(from: node, to: page)], text: "Lees hoe dit is berekend, met de tabellen")
            }
            html.close("section")
        }
    }

    /// "a, b en c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " en " + items.last!
    }

    /// "Veiligheid in de wijken": a choropleth map per `kaarten:` entry of `goal`, with summary,
    /// table and source.
    private func writeMaps(of goal: Node, _ html: inout HTMLWriter) {
        guard !goal.maps.isEmpty else { return }
        openSection("wijken", "Veiligheid in de wijken", &html)
        let maps = site.analysis.maps[goal.id] ?? []
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

    /// The evaluations of the instruments this goal uses: the result in three sentences at most,
    /// and a link to the evaluation's page.
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
                if case .evaluation(let result) = site.content(of: page), let (estimate, meaning) = EvaluationPage.headline(result.evaluation) {
                    html.element("p", text: estimate + ". " + meaning)
                } else if let subtitle = page.subtitle {
                    html.element("p", text: subtitle)
                }
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

    /// Between two begrotingen: what changed in the goal's description and criteria since the
    /// begroting of the year before.
    private func writeChangesSincePreviousBegroting(_ html: inout HTMLWriter) {
        guard site.config.isCycle, let key = node.documentKey, let own = site.config.document(key: key), own.kind == .begroting,
            let previousInfo = site.config.documents.first(where: { $0.kind == .begroting && $0.year == own.year - 1 }),
            let previous = site.document[Node.qualified(node.localID, in: previousInfo.key)], previous.kind == node.kind
        else { return }
        openSection("veranderd", "Wat is er veranderd sinds \(previousInfo.title)?", &html)
        let added = node.criteria.filter { !previous.criteria.contains($0) }
        let removed = previous.criteria.filter { !node.criteria.contains($0) }
        let descriptionChanged = node.sections.first?.blocks.plainText != previous.sections.first?.blocks.plainText
        if added.isEmpty, removed.isEmpty, !descriptionChanged {
            html.element("p", text: "De beschrijving en de criteria van dit doel zijn niet veranderd.")
        } else {
            html.element("p", text: descriptionChanged
                ? "De beschrijving van het doel is veranderd. De vorige tekst staat hieronder."
                : "De beschrijving van het doel is niet veranderd.")
            if !added.isEmpty {
                html.element("h3", text: "Nieuwe criteria")
                html.element("ul") { html in for criterion in added { html.element("li", text: criterion) } }
            }
            if !removed.isEmpty {
                html.element("h3", text: "Vervallen criteria")
                html.element("ul") { html in for criterion in removed { html.element("li", text: criterion) } }
            }
            if descriptionChanged, let section = previous.sections.first {
                html.element("details", ["class": "previous-text"]) { html in
                    html.element("summary", text: "Beschrijving in \(previousInfo.title)")
                    html.raw(site.markdownRenderer(for: pagePath).render(section.blocks))
                }
            }
        }
        html.element("p") { html in
            html.element("a", ["href": site.link(from: node, to: previous)], text: "Dit doel in \(previousInfo.title)")
        }
        html.close("section")
    }

    /// The portal of a cycle: its documents, newest year first, in the order of the cycle.
    private func writePortal(_ html: inout HTMLWriter) {
        let homes = site.document.children(of: node.id)
        let years = Set(homes.compactMap { $0.documentKey.flatMap { site.config.document(key: $0)?.year } }).sorted(by: >)
        openSection("documenten", "Documenten", &html)
        for year in years {
            html.element("h3", text: String(year))
            html.open("ul", ["class": "children documents"])
            for home in homes {
                let info = site.documentInfo(of: home)
                guard info.year == year else { continue }
                html.element("li") { html in
                    html.element("a", ["href": site.link(from: node, to: home)], text: info.title)
                    html.element("p", text: DocumentWording.description(info.kind))
                    writePDFDownload(of: home, &html)
                }
            }
            html.close("ul")
        }
        html.close("section")
    }

    private func writeBackLink(_ html: inout HTMLWriter) {
        guard let parent = site.document.parent(of: node) else { return }
        let label = parent.kind == .document
            ? (parent.documentKey == nil ? "Terug naar de startpagina" : "Terug naar \(site.documentInfo(of: parent).title)")
            : "Terug naar \(parent.displayTitle.lowercasedFirst)"
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
