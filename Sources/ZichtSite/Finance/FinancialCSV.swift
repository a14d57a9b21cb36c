import ZichtAnalysis
import ZichtCore

/// The downloads of a financial table: CSV through ``CSVText`` (RFC 4180, formula cells
/// neutralised) and JSON, both with amounts in euros with a decimal point and two decimals.
///
/// CSV columns: `group,name,line`, one column per table column named like the money file's
/// `kolom` and `jaar` (`realisatie 2019`), and for a jaarverslag `variance` (positive =
/// favourable) and `favourable` (`V`, `N` or empty).
public enum FinancialCSV {
    public static func csv(_ table: FinancialTable, groupTitles: [String: String]) -> String {
        var header = ["group", "name", "line"] + table.columns.map(\.description)
        if table.varianceBase != nil { header += ["variance", "favourable"] }
        var lines = [CSVText.line(header)]
        for row in table.rows {
            var fields = [row.group ?? "", row.group.map { groupTitles[$0] ?? $0 } ?? "Totaal", row.line.rawValue]
            fields += row.amounts.map(MoneyText.machine)
            if table.varianceBase != nil {
                let variance = row.variance ?? 0
                fields += [MoneyText.machine(variance), MoneyText.favourability(variance)?.letter ?? ""]
            }
            lines.append(CSVText.line(fields))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct TableJSON: Codable, Equatable {
        struct Column: Codable, Equatable {
            var kolom: String
            var jaar: Int
            var title: String
        }

        struct Row: Codable, Equatable {
            var group: String?
            var name: String
            var line: String
            /// Euros, one per column.
            var amounts: [Double]
            var variance: Double?
            var favourable: String?
        }

        var id: String
        var kind: String
        var caption: String
        var unit: String
        var source: String
        var columns: [Column]
        var missingColumns: [Column]
        var varianceBase: Column?
        var rows: [Row]
    }

    static func json(_ table: FinancialTable, caption: String, groupTitles: [String: String], source: String, documentKind: DocumentKind) -> TableJSON {
        func column(_ column: BudgetColumn) -> TableJSON.Column {
            .init(kolom: column.version.rawValue, jaar: column.year, title: MoneyText.columnTitle(column, in: documentKind))
        }
        return TableJSON(
            id: table.id, kind: table.kind.rawValue, caption: caption, unit: "EUR", source: source, columns: table.columns.map(column),
            missingColumns: table.missingColumns.map(column), varianceBase: table.varianceBase.map(column),
            rows: table.rows.map { row in
                TableJSON.Row(
                    group: row.group, name: row.group.map { groupTitles[$0] ?? $0 } ?? "Totaal", line: row.line.rawValue,
                    amounts: row.amounts.map { Double($0) / 100 }, variance: row.variance.map { Double($0) / 100 },
                    favourable: row.variance.flatMap { MoneyText.favourability($0)?.letter })
            })
    }
}
