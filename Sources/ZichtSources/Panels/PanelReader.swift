import Foundation
import ZichtCore

/// Reads an area panel: one count per area and period, with a treatment indicator, for the
/// evaluation of a safety measure (`zicht evaluate --panel`).
///
/// Columns (`,` or `;`, in any order, names matched without regard to case; other columns are
/// ignored):
/// - `area`: any non-empty text (a buurt or wijk code, a name);
/// - `period`: `YYYY-MM` (a month) or a whole number (a period number); one kind in the whole file;
/// - `count`: a whole number ≥ 0;
/// - `treated`: `0` or `1` — 1 for a treated area from its start on.
///
/// An (area, period) pair may occur once; a second row is refused with the line of the first. The
/// panel may be unbalanced: a pair without a row is a *missing* observation, not a zero count, and
/// the models use the rows present (write the zeros when there were no crimes). Areas keep the
/// order in which they first appear; periods are sorted in time.
///
/// Every problem is reported with file, line, column (the field number) and what was expected;
/// reading stops after ``maximumDiagnostics``. The file is read with ``StatLineCSVReader``.
public enum PanelReader {
    public static let maximumDiagnostics = 50

    /// A period of a panel: a month or a period number.
    public enum Period: Sendable, Hashable, Comparable, CustomStringConvertible {
        case month(year: Int, month: Int)
        case number(Int)

        /// The position on the time line: months since year 0 (`year·12 + month − 1`), or the number.
        public var ordinal: Int {
            switch self {
            case .month(let year, let month): year * 12 + month - 1
            case .number(let value): value
            }
        }

        public var description: String {
            switch self {
            case .month(let year, let month): String(format: "%04d-%02d", year, month)
            case .number(let value): String(value)
            }
        }

        public static func < (left: Period, right: Period) -> Bool { left.ordinal < right.ordinal }
    }

    /// One row of the file.
    public struct Observation: Sendable, Hashable {
        /// Index into ``Panel/areas``.
        public var area: Int
        /// Index into ``Panel/periods``.
        public var period: Int
        public var count: Int
        public var treated: Bool
        /// The file line of the row.
        public var line: Int

        public init(area: Int, period: Int, count: Int, treated: Bool, line: Int) {
            self.area = area
            self.period = period
            self.count = count
            self.treated = treated
            self.line = line
        }
    }

    /// The panel as read.
    public struct Panel: Sendable {
        /// Area names in order of first appearance.
        public var areas: [String]
        /// Periods in time order.
        public var periods: [Period]
        /// The rows, in file order.
        public var observations: [Observation]

        /// Whether every area has a row in every period.
        public var isBalanced: Bool { observations.count == areas.count * periods.count }
    }

    /// - Throws: ``StatLineCSVError`` when the file cannot be opened or is not CSV, else
    ///   ``DiagnosticsError`` listing the problems found.
    public static func read(url: URL, displayName: String) throws -> Panel {
        let reader = try StatLineCSVReader(url: url, displayName: displayName)
        let header = reader.header
        func column(_ name: String) -> Int? { header.firstIndex { $0.lowercased() == name } }
        let names = ["area", "period", "count", "treated"]
        let indexes = names.map(column)
        let missing = zip(names, indexes).filter { $0.1 == nil }.map(\.0)
        if !missing.isEmpty {
            throw DiagnosticsError([Diagnostic(
                file: displayName, line: 1,
                message: "missing column\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", ")); found \(header.map { "'\($0)'" }.joined(separator: ", "))",
                hint: "a panel file has the columns area, period (YYYY-MM or a number), count and treated (0 or 1)")])
        }
        let (areaColumn, periodColumn, countColumn, treatedColumn) = (indexes[0]!, indexes[1]!, indexes[2]!, indexes[3]!)

        var diagnostics: [Diagnostic] = []
        var areaIndex: [String: Int] = [:]
        var areas: [String] = []
        var periodIndex: [String: Period] = [:]
        var monthly: Bool?
        var firstPeriodLine = 0
        var rows: [(area: Int, period: Period, count: Int, treated: Bool, line: Int)] = []
        var lastArea: (name: String, index: Int)?
        do {
            try reader.forEachRow { row in
                guard diagnostics.count < maximumDiagnostics else { return }
                let line = row.line
                var problems: [Diagnostic] = []
                func problem(_ field: Int, _ message: String, _ hint: String? = nil) {
                    problems.append(Diagnostic(
                        file: displayName, line: line, column: field + 1,
                        message: "column '\(header[field])' (field \(field + 1)): \(message)", hint: hint))
                }
                // Rows usually come area by area: compare with the previous row's area before making a String.
                let areaText: String
                if let lastArea, row.key(areaColumn, equals: lastArea.name) {
                    areaText = lastArea.name
                } else {
                    areaText = row.string(areaColumn)
                }
                if areaText.isEmpty { problem(areaColumn, "expected an area name or code, found an empty field") }

                let periodText = row.string(periodColumn)
                var period: Period?
                if let known = periodIndex[periodText] {
                    period = known
                } else if let parsed = parsePeriod(periodText) {
                    let isMonth: Bool
                    if case .month = parsed { isMonth = true } else { isMonth = false }
                    if let monthly, monthly != isMonth {
                        problem(
                            periodColumn,
                            "expected \(monthly ? "a month as YYYY-MM" : "a period number") like the period on line \(firstPeriodLine), found '\(periodText)'",
                            "use one kind of period in the whole file")
                    } else {
                        if monthly == nil { firstPeriodLine = line }
                        monthly = isMonth
                        periodIndex[periodText] = parsed
                        period = parsed
                    }
                } else {
                    problem(periodColumn, "expected a month as YYYY-MM (month 01–12) or a whole number, found '\(periodText)'")
                }

                // Numbers are parsed from the bytes; a String is made only for an error message.
                var count: Int?
                if case .number(let value)? = try? row.value(countColumn), value >= 0, value == value.rounded(), value < 0x1p53 {
                    count = Int(value)
                } else {
                    let countText = row.string(countColumn)
                    problem(
                        countColumn, "expected a whole number of 0 or more, found '\(countText)'",
                        countText.isEmpty ? "write 0 when there were no crimes; leave the row out when the count is unknown" : nil)
                }

                let isTreated = row.key(treatedColumn, equals: "1")
                if !isTreated && !row.key(treatedColumn, equals: "0") {
                    problem(treatedColumn, "expected 0 or 1, found '\(row.string(treatedColumn))'", "1 marks a treated area from the start of the measure on")
                }

                diagnostics.append(contentsOf: problems)
                guard problems.isEmpty, let period, let count else { return }
                let area: Int
                if let lastArea, lastArea.name == areaText {
                    area = lastArea.index
                } else if let known = areaIndex[areaText] {
                    area = known
                } else {
                    area = areas.count
                    areaIndex[areaText] = area
                    areas.append(areaText)
                }
                lastArea = (areaText, area)
                rows.append((area, period, count, isTreated, line))
            }
        } catch let error as StatLineCSVError {
            diagnostics.append(error.diagnostic)
        }

        let periods = Set(rows.map(\.period)).sorted()
        let position = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
        // The first line of each (area, period) pair: a flat table when it is small, else a dictionary.
        let cells = areas.count * periods.count
        var seenTable = [Int](repeating: 0, count: cells <= 1 << 24 ? cells : 0)
        var seenDictionary: [Int: Int] = [:]
        var observations: [Observation] = []
        observations.reserveCapacity(rows.count)
        for row in rows {
            let period = position[row.period]!
            let key = row.area * periods.count + period
            let firstLine = seenTable.isEmpty ? seenDictionary[key] : (seenTable[key] == 0 ? nil : seenTable[key])
            if let first = firstLine {
                diagnostics.append(Diagnostic(
                    file: displayName, line: row.line, column: periodColumn + 1,
                    message: "area '\(areas[row.area])' has a second row for period \(row.period); the first is on line \(first)",
                    hint: "give one count per area and period (add up the counts first)"))
                if diagnostics.count >= maximumDiagnostics { break }
                continue
            }
            if seenTable.isEmpty { seenDictionary[key] = row.line } else { seenTable[key] = row.line }
            observations.append(Observation(area: row.area, period: period, count: row.count, treated: row.treated, line: row.line))
        }
        if !diagnostics.isEmpty {
            throw DiagnosticsError(diagnostics.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) })
        }
        return Panel(areas: areas, periods: periods, observations: observations)
    }

    /// `YYYY-MM` with a month 01–12 and a year 1000–9999, or an integer (optionally signed).
    static func parsePeriod(_ text: String) -> Period? {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        if bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let year = digits(0..<4), let month = digits(5..<7), year >= 1000, (1...12).contains(month) {
            return .month(year: year, month: month)
        }
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        let signed = negative || bytes[0] == UInt8(ascii: "+")
        guard bytes.count > (signed ? 1 : 0), let value = digits((signed ? 1 : 0)..<bytes.count) else { return nil }
        return .number(negative ? -value : value)
    }
}
