import Foundation
import ZichtAnalysis
import ZichtSite

/// Indicator tables for `zicht indicators`: the rows of the site's CSV download (``IndicatorCSV``)
/// as CSV, JSON or an aligned text table for the terminal.
public enum IndicatorReport {
    /// CSV with a decimal point; unknown values are empty, never 0.
    public static func csv(_ tables: [IndicatorTable], includeMethod: Bool = false) -> String {
        IndicatorCSV.csv(tables, includeMethod: includeMethod)
    }

    public static func json(_ tables: [IndicatorTable]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(IndicatorCSV.rows(tables)), as: UTF8.self) + "\n"
    }

    /// An aligned text table for the terminal.
    public static func text(_ tables: [IndicatorTable]) -> String {
        let header = ["indicator", "region", "period", "value", "unit", "numerator", "denominator", "source"]
        let body = IndicatorCSV.rows(tables).map { row in
            [row.indicator, row.region, row.period, row.value.map { String(format: "%.1f", $0) } ?? "–", row.unit,
             IndicatorCSV.number(row.numerator, decimals: 0), IndicatorCSV.number(row.denominator, decimals: 0), row.source]
        }
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        return ([header] + body).map { cells in
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}
