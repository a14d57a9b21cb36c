import ZichtAnalysis
import ZichtCore

/// A financial table as an accessible HTML fragment: a caption, column headings with
/// `scope="col"`, row headings with `scope="row"` (and `scope="rowgroup"` for the programma or
/// taakveld of a group of rows), numbers right-aligned, the sign convention above and the source
/// and downloads below.
public struct FinancialTableHTML: Sendable {
    public var table: FinancialTable
    public var caption: String
    /// The kind of document the table is in (column titles differ).
    public var documentKind: DocumentKind
    /// The name of each group (programma id or taakveld code) as shown.
    public var groupTitles: [String: String]
    /// The source sentence ("Bron: …").
    public var source: String
    /// Relative links to the CSV and JSON downloads, when published.
    public var downloads: (csv: String, json: String)?

    public init(
        table: FinancialTable, caption: String, documentKind: DocumentKind, groupTitles: [String: String] = [:], source: String,
        downloads: (csv: String, json: String)? = nil
    ) {
        self.table = table
        self.caption = caption
        self.documentKind = documentKind
        self.groupTitles = groupTitles
        self.source = source
        self.downloads = downloads
    }

    /// The fragment: a `div.financial-table` with the notes, the table and the source.
    public func html() -> String {
        var html = HTMLWriter(capacity: 4096)
        write(&html)
        return html.output
    }

    func write(_ html: inout HTMLWriter) {
        html.open("div", ["class": "financial-table"])
        html.element("p", ["class": "table-note"], text: MoneyText.conventions(table))
        if let missing = MoneyText.missing(table, kind: documentKind) { html.element("p", ["class": "table-note"], text: missing) }
        let grouped = table.rows.contains { !$0.isTotal }
        var columns: [HTMLWriter.Column] = grouped ? [.text(groupHeading), .text("Regel")] : [.text("Regel")]
        columns += table.columns.map { .number(MoneyText.columnTitle($0, in: documentKind)) }
        if table.varianceBase != nil { columns += [.number("Verschil"), .text("V/N")] }
        html.scrollTable(caption: caption, columns: columns, tableClass: "money") { html in
            let groups = groupOrder
            for group in groups {
                html.open("tbody")
                writeRows(table.rows.filter { $0.group == group }, group: group, grouped: grouped, &html)
                html.close("tbody")
            }
            let totals = table.rows.filter(\.isTotal)
            if !totals.isEmpty {
                html.open(grouped ? "tfoot" : "tbody")
                writeRows(totals, group: nil, grouped: grouped, &html)
                html.close(grouped ? "tfoot" : "tbody")
            }
        }
        html.element("p", ["class": "source"], text: source)
        if let downloads {
            html.element("p", ["class": "downloads"]) { html in
                html.text("Download deze tabel: ")
                html.element("a", ["href": downloads.csv], text: "CSV")
                html.text(" · ")
                html.element("a", ["href": downloads.json], text: "JSON")
            }
        }
        html.close("div")
    }

    private var groupHeading: String { table.kind == .taakvelden ? "Taakveld" : "Programma" }

    /// The groups in table order (first appearance).
    private var groupOrder: [String] {
        var seen: Set<String> = []
        return table.rows.compactMap { $0.group }.filter { seen.insert($0).inserted }
    }

    private func writeRows(_ rows: [FinancialRow], group: String?, grouped: Bool, _ html: inout HTMLWriter) {
        for (index, row) in rows.enumerated() {
            html.open("tr", ["class": row.line == .saldo ? "saldo" : nil])
            if grouped && index == 0 {
                let title = group.map { groupTitles[$0] ?? $0 } ?? "Totaal"
                html.element("th", ["scope": "rowgroup", "rowspan": String(rows.count)], text: title)
            }
            html.element("th", ["scope": "row"], text: MoneyText.lineTitle(row.line))
            for cents in row.amounts {
                html.element("td", ["class": "align-right"], text: MoneyText.euros(cents))
            }
            if table.varianceBase != nil {
                let variance = row.variance ?? 0
                html.element("td", ["class": "align-right"], text: MoneyText.euros(abs(variance)))
                html.element("td") { html in
                    if let mark = MoneyText.favourability(variance) {
                        html.element("abbr", ["title": mark.word], text: mark.letter)
                    }
                }
            }
            html.close("tr")
        }
    }
}
