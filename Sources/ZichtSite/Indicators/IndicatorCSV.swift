import Foundation
import ZichtAnalysis
import ZichtCore

/// Indicator tables as rows and CSV: one row per indicator × region × period, with the columns
/// `indicator,region,period,value,unit,numerator,denominator,source` (and `method` in the site's
/// download `indicatoren/ID.csv`). `zicht indicators` prints the same rows (ZichtApp's `IndicatorReport`).
public enum IndicatorCSV {
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

    /// A number with a decimal point and fixed decimals; empty when unknown, never 0.
    public static func number(_ value: Double?, decimals: Int) -> String {
        guard let value else { return "" }
        return DutchNumber.machine(value, decimals: decimals)
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
}
