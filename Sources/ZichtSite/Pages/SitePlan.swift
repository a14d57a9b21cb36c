import ZichtAnalysis
import ZichtCore

/// What a page of the site is. The page builder switches over it, so a new kind of page cannot be
/// forgotten anywhere a page is rendered.
public enum PageContent: Sendable {
    /// The home page of a project of several documents: the documents by year.
    case portal
    /// A written page that is not a goal (document, domein, programma, ambitie, paragraaf, bijlage,
    /// pagina): its prose and the list of its children.
    case prose
    /// A written goal page: prose, criteria, indicators, maps, patterns, evaluations, kaders and
    /// portefeuillehouder, in the fixed order of a P&C document.
    case goal
    /// The generated overview of the wijk pages ("Veiligheid in de wijken").
    case wijkOverview
    /// A generated wijk page.
    case wijk(WijkProfile)
    /// A generated evaluation page of one intervention.
    case evaluation(EvaluationResult)
    /// The generated page with the maps of a goal (by the goal's id): the goal page shows a summary.
    case goalMaps(goalID: String)
    /// The generated page with the near-repeat and hot-spot analysis of a goal (by the goal's id).
    case patterns(goalID: String)
    /// The generated "Overzicht van baten en lasten" with the table per taakveld.
    case financialOverview(FinancialStatements)
}

/// The pages of a site: the written document extended with the pages generated from the analysis
/// (the wijk overview, one page per wijk, one per evaluated intervention), each with its
/// ``PageContent``. The Dutch titles and introductions of generated pages are written here.
public struct SitePlan: Sendable {
    /// The project whose document holds the written and the generated pages.
    public var project: SiteProject
    /// What each page is, by node id.
    public var contents: [String: PageContent]

    /// The id of the wijk overview page.
    public static let wijkOverviewID = "wijken"

    /// The page id of an intervention's evaluation.
    public static func evaluationID(_ interventionID: String) -> String { "evaluatie-\(interventionID)" }

    /// The page id of a wijk.
    public static func wijkID(_ wijkCode: String) -> String { wijkCode.lowercased() }

    /// Adds the generated pages of `analysis` to `project`'s document.
    /// - Throws: ``DiagnosticsError`` when a written page uses the id of a generated one.
    public init(_ project: SiteProject, analysis: ProjectAnalysis) throws(DiagnosticsError) {
        var nodes = project.document.nodesInOrder
        var contents: [String: PageContent] = [:]
        for node in nodes { contents[node.id] = node.kind == .doel ? .goal : .prose }
        if project.config.isCycle { contents[project.document.root.id] = .portal }
        // Generated pages join the document that reports on the analysis: the only one, or in a
        // cycle the newest jaarverslag (else the newest document).
        let root = Self.reportingHome(project)
        let key = root.documentKey
        func generatedID(_ id: String) -> String { key.map { Node.qualified(id, in: $0) } ?? id }
        if let data = analysis.neighbourhoods {
            if let existing = project.document[generatedID(Self.wijkOverviewID)] {
                throw DiagnosticsError([Diagnostic(
                    file: existing.sourceFile, line: existing.line(of: "id"), message: "the id 'wijken' is used for the generated wijken overview",
                    hint: "give this page another id, or remove 'neighbourhoods:' from zicht.yaml")])
            }
            let siblings = project.document.children(of: root.id)
            nodes.append(Node(
                id: generatedID(Self.wijkOverviewID), kind: .pagina, title: "Veiligheid in de wijken",
                subtitle: "Per wijk: hoe veilig inwoners zich voelen, en hoeveel incidenten er zijn.",
                order: (siblings.compactMap(\.order).max() ?? siblings.count) + 1, parentID: root.id,
                preamble: [.paragraph([.text(
                    "Op deze pagina's staan per wijk de cijfers uit het Buurt-voor-Buurt-onderzoek en de geregistreerde incidenten. Kies een wijk voor de cijfers per buurt.")])],
                sourceFile: "zicht.yaml"))
            contents[generatedID(Self.wijkOverviewID)] = .wijkOverview
            for (index, wijk) in data.wijken.enumerated() {
                let id = generatedID(Self.wijkID(wijk.code))
                nodes.append(Node(
                    id: id, kind: .wijk, title: wijk.title,
                    subtitle: "\(wijk.buurten.count == 1 ? "Buurt" : "Buurten"): \(wijk.buurten.map(\.name).joined(separator: ", "))",
                    order: index + 1, parentID: generatedID(Self.wijkOverviewID), slug: SitePaths.slugify(wijk.title), sourceFile: "zicht.yaml"))
                contents[id] = .wijk(wijk)
            }
        }
        for (index, result) in analysis.evaluations.enumerated() {
            let intervention = result.evaluation.intervention
            let goalKey = intervention.goal.flatMap { project.document[$0]?.documentKey } ?? key
            let id = goalKey.map { Node.qualified(Self.evaluationID(intervention.id), in: $0) } ?? Self.evaluationID(intervention.id)
            nodes.append(Node(
                id: id, kind: .pagina, title: "Evaluatie: \(intervention.name)\(result.isSimulated ? " (gesimuleerd)" : "")",
                subtitle: "Wat veranderde er na de start op \(DutchDate.long(date: intervention.start)), vergeleken met buurten zonder deze maatregel?",
                order: 100 + index, parentID: intervention.goal ?? root.id,
                preamble: intervention.description.map { [.paragraph([.text($0)])] } ?? [], sourceFile: intervention.sourceFile))
            contents[id] = .evaluation(result)
        }
        for (key, finance) in analysis.finances.sorted(by: { $0.key < $1.key }) {
            let id = FinancialPages.overviewID(in: key)
            let home = key.isEmpty ? project.document.root : project.document.children(of: project.document.root.id).first { $0.documentKey == key }
            guard let home else { continue }
            if let existing = project.document[id] {
                throw DiagnosticsError([Diagnostic(
                    file: existing.sourceFile, line: existing.line(of: "id"),
                    message: "the id '\(FinancialPages.overviewID)' is used for the generated overview of lasten and baten",
                    hint: "give this page another id, or remove 'money:' from zicht.yaml")])
            }
            let siblings = project.document.children(of: home.id)
            nodes.append(Node(
                id: id, kind: .pagina, title: MoneyText.overviewTitle,
                subtitle: "Alle lasten en baten van dit document per programma en per taakveld, met de totalen.",
                order: (siblings.compactMap(\.order).max() ?? siblings.count) + 2, parentID: home.id, sourceFile: "zicht.yaml"))
            contents[id] = .financialOverview(finance)
        }
        // A goal page stays short: its maps and its patterns get pages of their own, under it.
        for goal in project.document.nodesInOrder where goal.kind == .doel {
            func addPage(_ suffix: String, title: String, about: String, summary: String, order: Int, content: PageContent) {
                let id = goal.id + "-" + suffix
                nodes.append(Node(
                    id: id, kind: .pagina, title: "\(title) bij doel \(goal.localID): \(about)",
                    subtitle: summary, order: order, parentID: goal.id,
                    slug: "\(suffix)-\(SitePaths.slugify(goal.localID))", sourceFile: goal.sourceFile))
                contents[id] = content
            }
            if !goal.maps.isEmpty {
                addPage(
                    "kaarten", title: "Kaarten", about: "veiligheid per buurt",
                    summary: "De kaarten per buurt bij dit doel, met de cijfers in een tabel.", order: 90, content: .goalMaps(goalID: goal.id))
            }
            if analysis.patterns[goal.id] != nil {
                addPage(
                    "patronen", title: "Patronen", about: "waar en wanneer",
                    summary: "Herhaling dichtbij (near repeat) en hot spots.", order: 91, content: .patterns(goalID: goal.id))
            }
        }
        var extended = project
        if nodes.count != project.document.nodesInOrder.count { extended.document = Document(nodes: nodes) }
        self.project = extended
        self.contents = contents
    }

    /// The page under which the generated pages hang: the document's home, or in a cycle the home of
    /// the newest jaarverslag (else of the newest document).
    static func reportingHome(_ project: SiteProject) -> Node {
        let document = project.document
        guard project.config.isCycle else { return document.root }
        let homes = document.children(of: document.root.id).filter { $0.kind == .document }
        let info = { (node: Node) in node.documentKey.flatMap { project.config.document(key: $0) } }
        return homes.max { a, b in
            guard let x = info(a), let y = info(b) else { return false }
            return (x.kind == .jaarverslag ? 1 : 0, x.year, x.kind.cycleRank) < (y.kind == .jaarverslag ? 1 : 0, y.year, y.kind.cycleRank)
        } ?? document.root
    }
}
