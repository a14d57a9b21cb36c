import Foundation
import ZichtCore

/// Indicator tables as rows for `zicht indicators`: one row per indicator × region × period, with the
/// columns `indicator,region,period,value,unit,numerator,denominator,source`.
public enum IndicatorReport {
    public struct Row: Sendable, Hashable, Codable {
        public var indicator: String
        public var region: String
        public var period: String
        public var value: Double?
        public var unit: String
        public var numerator: Double?
        public var denominator: Double?
        public var source: String
        public var method: String
    }

    public static func rows(_ tables: [IndicatorTable]) -> [Row] {
        var rows: [Row] = []
        for table in tables {
            let definition = table.definition
            for region in table.regions {
                for period in table.periods {
                    guard let value = table.value(region: region, period: period) else { continue }
                    rows.append(Row(
                        indicator: definition.id, region: region, period: "\(period)", value: value.value, unit: definition.unit,
                        numerator: value.numerator, denominator: value.denominator,
                        source: value.provenance.map { "\($0.publisher) \($0.tableID)" }.joined(separator: "; "),
                        method: method(value.method)))
                }
            }
        }
        return rows
    }

    static func method(_ method: IndicatorValue.Method) -> String {
        switch method {
        case .computed: "computed"
        case .aggregated: "aggregated"
        case .published: "published"
        case .suppressed: "suppressed"
        case .missing: "missing"
        }
    }

    static func number(_ value: Double?, decimals: Int) -> String {
        guard let value else { return "" }
        return String(format: "%.\(decimals)f", value)
    }

    /// CSV with a decimal point; unknown values are empty, never 0.
    public static func csv(_ tables: [IndicatorTable], includeMethod: Bool = false) -> String {
        var lines = ["indicator,region,period,value,unit,numerator,denominator,source" + (includeMethod ? ",method" : "")]
        for row in rows(tables) {
            var fields = [
                row.indicator, row.region, row.period, number(row.value, decimals: 4), row.unit, number(row.numerator, decimals: 0),
                number(row.denominator, decimals: 0), row.source,
            ]
            if includeMethod { fields.append(row.method) }
            lines.append(CSVText.line(fields))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ tables: [IndicatorTable]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rows(tables)), as: UTF8.self) + "\n"
    }

    /// An aligned text table for the terminal.
    public static func text(_ tables: [IndicatorTable]) -> String {
        let header = ["indicator", "region", "period", "value", "unit", "numerator", "denominator", "source"]
        let body = rows(tables).map { row in
            [row.indicator, row.region, row.period, row.value.map { String(format: "%.1f", $0) } ?? "–", row.unit,
             number(row.numerator, decimals: 0), number(row.denominator, decimals: 0), row.source]
        }
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        return ([header] + body).map { cells in
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}
