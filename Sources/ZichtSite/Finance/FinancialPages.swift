import Foundation
import ZichtAnalysis
import ZichtCore

/// The financial tables on the pages of a site: the section "Wat heeft het gekost?" / "Wat mag het
/// kosten?" on each programma page, the generated page "Overzicht van baten en lasten" with the
/// table per taakveld, and a CSV and JSON download of every table under `financien/`.
struct FinancialPages {
    let finance: FinancialStatements
    let site: SiteContext
    /// The key of the document in a cycle ("" in a project of one document).
    let documentKey: String

    init(finance: FinancialStatements, site: SiteContext, documentKey: String) {
        self.finance = finance
        self.site = site
        self.documentKey = documentKey
    }

    /// The tables of the document that `node` belongs to, when it has any.
    init?(for node: Node, site: SiteContext) {
        let key = node.documentKey ?? ""
        guard let finance = site.analysis.finances[key] else { return nil }
        self.init(finance: finance, site: site, documentKey: key)
    }

    /// The id of the generated overview page.
    static let overviewID = "overzicht-baten-en-lasten"

    /// The id of the overview page of the document `key` ("" in a project of one document).
    static func overviewID(in key: String) -> String { key.isEmpty ? overviewID : Node.qualified(overviewID, in: key) }

    /// The site path of a table's download: `financien/programma-7.csv`, in a cycle under the
    /// document's key (`jaarverslag-2019/financien/programma-7.csv`).
    func downloadPath(_ table: FinancialTable, _ ext: String) -> String {
        (documentKey.isEmpty ? "" : "\(documentKey)/") + "financien/\(table.id).\(ext)"
    }

    /// The page of programma `id` (as numbered in the money data) in this document.
    private func programmaPage(_ id: String) -> Node? {
        site.document[documentKey.isEmpty ? id : Node.qualified(id, in: documentKey)]
    }

    private var documentTitle: String {
        documentKey.isEmpty ? site.config.document.title : site.config.document(key: documentKey)?.title ?? site.config.document.title
    }

    var kind: DocumentKind { finance.kind }

    /// "Programma 7 Fysiek domein" for programma ids, "1.2 Openbare orde en veiligheid" for taakvelden.
    func groupTitles(_ table: FinancialTable) -> [String: String] {
        var titles: [String: String] = [:]
        for group in Set(table.rows.compactMap(\.group)) {
            if table.kind == .taakvelden {
                titles[group] = Taakvelden.named(group).map { "\($0.code) \($0.name)" } ?? group
            } else {
                titles[group] = programmaPage(group)?.displayTitle ?? group
            }
        }
        return titles
    }

    func caption(_ table: FinancialTable) -> String {
        let document = documentTitle
        switch table.kind {
        case .programmaRealisation, .programmaBudget:
            let title = table.programma.flatMap { programmaPage($0)?.displayTitle } ?? "Programma \(table.programma ?? "")"
            return "\(MoneyText.programmaHeading(kind)) \(title), \(document)"
        case .overview: return "\(MoneyText.overviewTitle), \(document)"
        case .taakvelden: return "\(MoneyText.taakveldenTitle), \(document)"
        }
    }

    func fragment(_ table: FinancialTable, pagePath: String) -> FinancialTableHTML {
        FinancialTableHTML(
            table: table, caption: caption(table), documentKind: kind, groupTitles: groupTitles(table),
            source: MoneyText.source(finance.sources, organisation: site.config.organisation.name),
            downloads: (SitePaths.relative(from: pagePath, to: downloadPath(table, "csv")),
                        SitePaths.relative(from: pagePath, to: downloadPath(table, "json"))))
    }

    /// The programma's section; a programma without amounts says so.
    func writeProgramma(_ node: Node, _ html: inout HTMLWriter) {
        html.open("section", ["class": "fixed-section financial", "aria-labelledby": "financien"])
        html.element("h2", ["id": "financien"], text: MoneyText.programmaHeading(kind))
        if let table = finance.programmas[node.localID] {
            fragment(table, pagePath: site.path(node)).write(&html)
        } else {
            html.element("p", ["class": "empty"], text: "Voor dit programma zijn geen bedragen aangeleverd.")
        }
        html.close("section")
    }

    /// The overview page: all programma's with totals, then the same per taakveld.
    func writeOverview(_ node: Node, _ html: inout HTMLWriter) {
        let path = site.path(node)
        for (id, title, table) in [("overzicht", MoneyText.overviewTitle, finance.overview), ("taakvelden", MoneyText.taakveldenTitle, finance.taakvelden)] {
            html.open("section", ["class": "fixed-section financial", "aria-labelledby": id])
            html.element("h2", ["id": id], text: title)
            fragment(table, pagePath: path).write(&html)
            html.close("section")
        }
    }

    /// The downloads of every table.
    func files() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for table in finance.tables {
            files[downloadPath(table, "csv")] = Data(FinancialCSV.csv(table, groupTitles: groupTitles(table)).utf8)
            files[downloadPath(table, "json")] = try OpenData.encoder().encode(FinancialCSV.json(
                table, caption: caption(table), groupTitles: groupTitles(table),
                source: MoneyText.source(finance.sources, organisation: site.config.organisation.name), documentKind: kind))
        }
        return files
    }
}
