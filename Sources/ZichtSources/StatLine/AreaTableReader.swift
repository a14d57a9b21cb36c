import Foundation
import ZichtCore

/// Reads a municipality's own area table: one row per area, one column per variable, such as the
/// Zwolle neighbourhood file (`GEOITEM,bspman,…,b_vhrbrt,…`), into observations.
///
/// - The area column holds either CBS codes (`BU01931000`) or the municipality's own numbers; a
///   `codeTemplate` such as `BU0193{}0` turns the number 100 into `BU01931000`.
/// - `NA`, `.` and empty cells are unknown, never 0. Rows whose area is in `skipAreas` (Zwolle uses
///   999 for "all areas, not available") are left out.
public enum AreaTableReader {
    public struct Options: Sendable {
        public var tableID: String
        public var areaColumn: String
        public var codeTemplate: String?
        public var period: Period
        public var measures: [String]?
        public var skipAreas: Set<String>

        public init(
            tableID: String, areaColumn: String, codeTemplate: String? = nil, period: Period, measures: [String]? = nil,
            skipAreas: Set<String> = []
        ) {
            self.tableID = tableID
            self.areaColumn = areaColumn
            self.codeTemplate = codeTemplate
            self.period = period
            self.measures = measures
            self.skipAreas = skipAreas
        }
    }

    /// Reads the file; returns the number of rows read.
    /// - Throws: ``StatLineCSVError`` located at the file, line and column of a non-numeric value.
    @discardableResult
    public static func read(url: URL, data: Data? = nil, displayName: String, options: Options, observe: (Observation) throws -> Void) throws -> Int {
        let reader = try StatLineCSVReader(url: url, data: data, displayName: displayName)
        let areaColumn = try reader.requireColumn(named: options.areaColumn)
        var columns: [Int] = []
        for (index, name) in reader.header.enumerated() where index != areaColumn {
            if let wanted = options.measures, !wanted.contains(name) { continue }
            columns.append(index)
        }
        for wanted in options.measures ?? [] where reader.column(named: wanted) == nil {
            throw StatLineCSVError(
                code: .unknownColumn, file: displayName, line: 1, columnName: wanted, expected: "a column named '\(wanted)'",
                found: nil, message: "column '\(wanted)' not found", hint: "check 'measures' for this file in zicht.yaml")
        }
        var rows = 0
        try reader.forEachRow { row in
            let area = row.key(areaColumn)
            guard !options.skipAreas.contains(area) else { return }
            rows += 1
            let code = options.codeTemplate.map { $0.replacingOccurrences(of: "{}", with: area) } ?? area
            for column in columns {
                let text = row.string(column)
                let value: ObservedValue
                if text.isEmpty || text == "NA" || text == "." {
                    value = .unknown
                } else if let number = DecimalNumber.finite(text) {
                    value = .number(number)
                } else {
                    throw StatLineCSVError(
                        code: .notANumber, file: displayName, line: row.line, column: column + 1, columnName: reader.header[column],
                        expected: "a number with a decimal point, NA, '.' or nothing", found: text,
                        message: "'\(text)' is not a number")
                }
                try observe(Observation(
                    tableID: options.tableID, measure: reader.header[column], dimensions: [:], region: code, period: options.period,
                    value: value))
            }
        }
        return rows
    }
}
