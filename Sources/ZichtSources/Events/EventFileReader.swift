import Foundation
import ZichtCore

/// Events with a place and a time, read from a CSV file: the input of a near-repeat analysis.
public struct EventFile: Sendable, Hashable {
    /// How the file gives the time of an event.
    public enum TimeColumn: String, Sendable, Hashable {
        /// A `date` column: `YYYY-MM-DD`, or a date and time `YYYY-MM-DDTHH:MM[:SS]` (a space instead
        /// of the `T` is accepted). Times become days since 1970-01-01, with the time of day as a
        /// fraction; the clock time is taken as written (no time zone, no daylight saving shift).
        case date
        /// A `t` column: a number of days (any origin; only differences matter).
        case days
    }

    /// A row that repeats an earlier row's place and time exactly.
    public struct Duplicate: Sendable, Hashable {
        public var line: Int
        /// The line of the first row with this place and time.
        public var firstLine: Int

        public init(line: Int, firstLine: Int) {
            self.line = line
            self.firstLine = firstLine
        }
    }

    /// Easting in metres, per event.
    public var x: [Double]
    /// Northing in metres, per event.
    public var y: [Double]
    /// Time in days, per event.
    public var t: [Double]
    /// The file line of each event.
    public var lines: [Int]
    public var timeColumn: TimeColumn
    /// Whether the first line was a header (false: the columns are x, y and the time, in that order).
    public var hasHeader: Bool
    /// Rows that repeat an earlier row exactly, in file order. They are kept (two burglaries at one
    /// address on one day do happen); ``duplicateWarning(file:listed:)`` reports them.
    public var duplicates: [Duplicate]

    public var count: Int { x.count }

    /// One warning for all duplicated rows (nil when there are none), located at the first one's line
    /// and listing up to `listed` of them with the line they repeat.
    public func duplicateWarning(file: String, listed: Int = 10) -> Diagnostic? {
        guard let first = duplicates.first else { return nil }
        let lines = duplicates.prefix(listed).map { "\($0.line) (as \($0.firstLine))" }.joined(separator: ", ")
        let more = duplicates.count > listed ? " and \(duplicates.count - listed) more" : ""
        let what = timeColumn == .date ? "date" : "t"
        return Diagnostic(
            file: file, line: first.line, severity: .warning,
            message: "\(duplicates.count) row\(duplicates.count == 1 ? " repeats" : "s repeat") an earlier row's x, y and \(what) exactly: line\(duplicates.count == 1 ? "" : "s") \(lines)\(more)",
            hint: "they are counted as separate events at the same place and time; remove the lines that are copies")
    }
}

/// Reads a CSV file of events for a near-repeat analysis.
///
/// The file is separated by `,` or `;` and has a header with the columns `x` and `y` (metres, in a
/// projected system such as RD New) and either `date` (see ``EventFile/TimeColumn/date``) or `t`
/// (days); other columns are ignored, names are compared without regard to case. A file without a
/// header has the columns x, y and date (or t) in that order: with ``HeaderMode/automatic`` such a
/// file is recognised because its first row's first two fields are numbers; ``HeaderMode/absent``
/// says so explicitly. Numbers use a decimal point.
///
/// It uses the byte-level ``StatLineCSVReader`` (quotes, BOM, line ends). Every problem is a
/// ``Diagnostic`` with file, line, column (the field's position, from 1) and what was expected; up
/// to ``maximumDiagnostics`` are collected before reading stops.
public enum EventFileReader {
    public static let maximumDiagnostics = 50

    /// Whether the file starts with a header line.
    public enum HeaderMode: String, Sendable, Hashable, CaseIterable {
        /// A header if the first row's first two fields are not both numbers.
        case automatic
        case present
        case absent
    }

    /// Reads and checks every row.
    ///
    /// - Parameters:
    ///   - url: a file URL.
    ///   - displayName: the file name used in messages.
    ///   - header: whether the first line is a header.
    /// - Throws: ``StatLineCSVError`` when the file cannot be opened or is not CSV, else
    ///   ``DiagnosticsError`` listing every problem found: a missing column, a coordinate that
    ///   is not a finite number, a bad date or time, a row with the wrong number of fields, a file
    ///   without rows.
    public static func read(url: URL, displayName: String, header: HeaderMode = .automatic) throws -> EventFile {
        let reader = try StatLineCSVReader(url: url, displayName: displayName)
        let names = reader.header.map { $0.lowercased() }
        let firstLine = firstRecordLine(url)
        let headerless: Bool
        switch header {
        case .present: headerless = false
        case .absent: headerless = true
        case .automatic: headerless = !names.contains("x") && number(reader.header[0]) != nil && number(reader.header[1]) != nil
        }

        // Column positions.
        let xColumn: Int, yColumn: Int, timeIndex: Int, timeColumn: EventFile.TimeColumn
        if headerless {
            guard reader.header.count >= 3 else {
                throw DiagnosticsError([Diagnostic(
                    file: displayName, line: firstLine,
                    message: "expected 3 columns (x, y, date or t), found \(reader.header.count)",
                    hint: "a file without a header has the columns x, y and date (YYYY-MM-DD) or t (days)")])
            }
            (xColumn, yColumn, timeIndex) = (0, 1, 2)
            timeColumn = number(reader.header[2]) != nil ? .days : .date
        } else {
            var problems: [Diagnostic] = []
            let found = reader.header.map { "'\($0)'" }.joined(separator: ", ")
            func column(_ name: String) -> Int? { names.firstIndex(of: name) }
            for name in ["x", "y"] where column(name) == nil {
                problems.append(Diagnostic(
                    file: displayName, line: firstLine, message: "missing column '\(name)'; the header has \(found)",
                    hint: "an event file has the columns x and y (metres) and date or t; a file without a header needs --no-header"))
            }
            let date = column("date"), days = column("t")
            if date == nil && days == nil {
                problems.append(Diagnostic(
                    file: displayName, line: firstLine, message: "missing column 'date' or 't'; the header has \(found)",
                    hint: "give the time as date (YYYY-MM-DD or YYYY-MM-DDTHH:MM) or as t (days)"))
            } else if let date, let days {
                problems.append(Diagnostic(
                    file: displayName, line: firstLine, column: max(date, days) + 1,
                    message: "the header has both 'date' and 't'; expected one time column", hint: "remove or rename one of them"))
            }
            if !problems.isEmpty { throw DiagnosticsError(problems) }
            (xColumn, yColumn) = (column("x")!, column("y")!)
            timeIndex = date ?? days!
            timeColumn = date != nil ? .date : .days
        }

        var file = EventFile(x: [], y: [], t: [], lines: [], timeColumn: timeColumn, hasHeader: !headerless, duplicates: [])
        var diagnostics: [Diagnostic] = []
        let columnNames = headerless ? ["x", "y", timeColumn == .date ? "date" : "t"] : [reader.header[xColumn], reader.header[yColumn], reader.header[timeIndex]]

        func take(_ field: (Int) -> String, line: Int) {
            var rowProblems: [Diagnostic] = []
            func coordinate(_ index: Int, _ name: String) -> Double? {
                let text = field(index)
                if let value = number(text) { return value }
                var hint: String?
                if text.contains(",") { hint = "use a decimal point, not a comma" }
                if text.isEmpty { hint = "every event needs both coordinates; leave events without a place out" }
                rowProblems.append(Diagnostic(
                    file: displayName, line: line, column: index + 1,
                    message: "column '\(name)': expected a number (metres), found '\(text)'", hint: hint))
                return nil
            }
            let x = coordinate(xColumn, columnNames[0])
            let y = coordinate(yColumn, columnNames[1])
            let text = field(timeIndex)
            let t: Double?
            switch timeColumn {
            case .date:
                t = days(fromDate: text)
                if t == nil {
                    rowProblems.append(Diagnostic(
                        file: displayName, line: line, column: timeIndex + 1,
                        message: "column '\(columnNames[2])': expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], found '\(text)'"))
                }
            case .days:
                t = number(text)
                if t == nil {
                    rowProblems.append(Diagnostic(
                        file: displayName, line: line, column: timeIndex + 1,
                        message: "column '\(columnNames[2])': expected a number of days, found '\(text)'",
                        hint: text.contains(",") ? "use a decimal point, not a comma" : nil))
                }
            }
            diagnostics.append(contentsOf: rowProblems)
            if let x, let y, let t, rowProblems.isEmpty {
                file.x.append(x)
                file.y.append(y)
                file.t.append(t)
                file.lines.append(line)
            }
        }

        if headerless {
            take({ reader.header[$0] }, line: firstLine)
        }
        do {
            try reader.forEachRow { row in
                guard diagnostics.count < maximumDiagnostics else { return }
                take({ row.string($0) }, line: row.line)
            }
        } catch let error as StatLineCSVError {
            if error.code == .noDataRows {
                if !headerless {
                    diagnostics.append(Diagnostic(
                        file: displayName, line: error.line, message: "the file has a header but no events",
                        hint: "add one line per event: x, y and the date or t"))
                }
            } else {
                diagnostics.append(error.diagnostic)
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }

        // Exact repeats of an earlier row's place and time.
        var seen: [SIMD3<UInt64>: Int] = [:]
        for index in file.x.indices {
            let key = SIMD3(file.x[index].bitPattern, file.y[index].bitPattern, file.t[index].bitPattern)
            if let first = seen[key] {
                file.duplicates.append(EventFile.Duplicate(line: file.lines[index], firstLine: first))
            } else {
                seen[key] = file.lines[index]
            }
        }
        return file
    }

    /// A finite number written with digits, an optional sign, decimal point and exponent; nil for
    /// anything else (including "nan", "inf" and hexadecimal forms, which `Double(_:)` would accept).
    static func number(_ text: String) -> Double? { DecimalNumber.finite(text) }

    /// Days since 1970-01-01 of a date `YYYY-MM-DD` (1900–2200), plus the time of day as a fraction
    /// when `THH:MM` or `THH:MM:SS` (or a space instead of `T`) follows; nil when invalid.
    public static func days(fromDate text: String) -> Double? {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count == 10 || bytes.count == 16 || bytes.count == 19,
              bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10),
              (1900...2200).contains(year), (1...12).contains(month) else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthLength = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...monthLength).contains(day) else { return nil }
        var seconds = 0
        if bytes.count > 10 {
            guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
                  let hour = digits(11..<13), let minute = digits(14..<16), hour < 24, minute < 60 else { return nil }
            seconds = hour * 3600 + minute * 60
            if bytes.count == 19 {
                guard bytes[16] == UInt8(ascii: ":"), let second = digits(17..<19), second < 60 else { return nil }
                seconds += second
            }
        }
        let dayNumber = daysSince1970(year: year, month: month, day: day)
        return seconds == 0 ? Double(dayNumber) : Double(dayNumber) + Double(seconds) / 86_400
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar, by counting whole 400-year
    /// eras of 146,097 days from 1 March of year 0 (the algorithm "days_from_civil" of H. Hinnant,
    /// "chrono-Compatible Low-Level Date Algorithms", 2013).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The line of the file's first record: 1 plus the empty lines before it.
    private static func firstRecordLine(_ url: URL) -> Int {
        guard let descriptor = try? InputFile.open(url.path) else { return 1 }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let bytes = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
        var line = 1, index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
            } else if bytes[index] == UInt8(ascii: "\r") {
                if index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n") { line += 1 }
            } else {
                break
            }
            index += 1
        }
        return line
    }
}
