import Foundation
import Testing
import ZichtCore
import ZichtSources
import ZichtTestSupport

/// The event file reader on the Chicago example (no header), on small files written here, and on
/// files with mistakes, whose messages must say where and what.
struct EventFileReaderTests {
    static func withFile<R>(_ text: String, _ body: (URL) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    static func diagnostics(_ text: String, header: EventFileReader.HeaderMode = .automatic) throws -> [Diagnostic] {
        try withFile(text) { url in
            do {
                _ = try EventFileReader.read(url: url, displayName: "events.csv", header: header)
                Issue.record("expected errors")
                return []
            } catch let error as any DiagnosticConvertible {
                return error.diagnostics
            }
        }
    }

    /// The Chicago burglaries of the NearRepeat R package have no header: x, y, date. The first and
    /// last lines, read with `head -1` and `tail -1`, are
    /// `350353.394956896,578924.252858319,2015-12-31` and `…,2016-01-31`. 2015-12-31 is day 16,800
    /// after 1970-01-01 (45 years of 365 days plus 11 leap days, 1972 … 2012, minus one day:
    /// 45 · 365 + 11 + 364 = 16,800).
    @Test func readsTheChicagoFileWithoutHeader() throws {
        let url = try PeerData.url("chicago_be_month1.csv")
        for mode in [EventFileReader.HeaderMode.automatic, .absent] {
            let file = try EventFileReader.read(url: url, displayName: "chicago_be_month1.csv", header: mode)
            #expect(file.count == 970)
            #expect(!file.hasHeader)
            #expect(file.timeColumn == .date)
            #expect(file.x[0] == 350353.394956896 && file.y[0] == 578924.252858319)
            #expect(file.t[0] == 16_800)
            #expect(file.t.last == 16_831)
            #expect(file.lines.first == 1 && file.lines.last == 970)
            #expect(file.t.allSatisfy { $0 == $0.rounded() })
        }
    }

    /// `sort chicago_be_month1.csv | uniq -d | wc -l` lists the rows that occur more than once.
    @Test func reportsDuplicatesAsWarnings() throws {
        let url = try PeerData.url("chicago_be_month1.csv")
        let file = try EventFileReader.read(url: url, displayName: "chicago_be_month1.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var counts: [Substring: Int] = [:]
        for line in text.split(separator: "\n") { counts[line, default: 0] += 1 }
        #expect(file.duplicates.count == counts.values.map { $0 - 1 }.reduce(0, +))
        #expect(file.duplicates.allSatisfy { $0.firstLine < $0.line })
        let warning = try #require(file.duplicateWarning(file: "chicago_be_month1.csv", listed: 2))
        #expect(warning.severity == .warning)
        #expect(warning.line == file.duplicates[0].line)
        #expect(warning.message.hasPrefix("\(file.duplicates.count) rows repeat an earlier row's x, y and date exactly: lines \(file.duplicates[0].line) (as \(file.duplicates[0].firstLine)), "))
        #expect(warning.message.hasSuffix(" and \(file.duplicates.count - 2) more"))

        let small = try Self.withFile("x,y,date\n1,2,2024-01-01\n3,4,2024-01-02\n1,2,2024-01-01\n") { url in
            try EventFileReader.read(url: url, displayName: "e.csv")
        }
        #expect(small.duplicates == [EventFile.Duplicate(line: 4, firstLine: 2)])
        #expect(small.duplicateWarning(file: "e.csv")?.description.hasPrefix("e.csv:4: warning: 1 row repeats an earlier row's x, y and date exactly: line 4 (as 2)\n") == true)
    }

    @Test func readsHeaderSemicolonsDateTimesAndDays() throws {
        let dated = try Self.withFile("id;Y;X;Date\n7;100.5;200;2024-02-28T12:00\n8;101;201;2024-03-01 06:00:30\n9;1;2;2024-03-01\n") { url in
            try EventFileReader.read(url: url, displayName: "e.csv")
        }
        #expect(dated.hasHeader && dated.timeColumn == .date)
        #expect(dated.x == [200, 201, 2] && dated.y == [100.5, 101, 1])
        // 2024-02-28 is day 19,781 (2024-01-01 is 19,723; January has 31 days, plus 27).
        #expect(dated.t[0] == 19_781.5)
        // 2024 is a leap year: 1 March is two days after 28 February; 6:00:30 is 21,630 s.
        #expect(dated.t[1] == 19_783 + 21_630.0 / 86_400)
        #expect(dated.t[2] == 19_783)
        #expect(dated.lines == [2, 3, 4])

        let days = try Self.withFile("x,y,t\n0,0,1.5\n10,10,-3\n") { url in try EventFileReader.read(url: url, displayName: "e.csv") }
        #expect(days.timeColumn == .days && days.t == [1.5, -3])

        let headerless = try Self.withFile("\n\n5,6,12\n7,8,13\n") { url in try EventFileReader.read(url: url, displayName: "e.csv") }
        #expect(!headerless.hasHeader && headerless.timeColumn == .days && headerless.lines == [3, 4] && headerless.x == [5, 7])
    }

    @Test func dayNumbers() {
        #expect(EventFileReader.days(fromDate: "1970-01-01") == 0)
        #expect(EventFileReader.days(fromDate: "2000-03-01") == 11_017)  // 30 · 365 + 7 leap days (1972 … 1996) + 31 (January) + 29 (February 2000)
        #expect(EventFileReader.days(fromDate: "1969-12-31") == -1)
        #expect(EventFileReader.days(fromDate: "2023-02-29") == nil)
        #expect(EventFileReader.days(fromDate: "2024-02-29") != nil)
        #expect(EventFileReader.days(fromDate: "2024-13-01") == nil)
        #expect(EventFileReader.days(fromDate: "2024-1-01") == nil)
        #expect(EventFileReader.days(fromDate: "2024-01-01T24:00") == nil)
        #expect(EventFileReader.days(fromDate: "01-01-2024") == nil)
    }

    @Test func locatedErrors() throws {
        let text = "x,y,date\n1,2,2024-01-01\nabc,2,2024-01-02\n3,4,2024-02-30\n5,6\n7,1e999,2024-01-01\n8,nan,2024-01-01\n"
        let problems = try Self.diagnostics(text)
        let rendered = problems.map(\.description)
        #expect(rendered.contains { $0.hasPrefix("events.csv:3:1: error: column 'x': expected a number (metres), found 'abc'") })
        #expect(rendered.contains { $0.hasPrefix("events.csv:4:3: error: column 'date': expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], found '2024-02-30'") })
        #expect(rendered.contains { $0.hasPrefix("events.csv:5") && $0.contains("field") })
        #expect(problems.allSatisfy { $0.severity == .error })
    }

    @Test func infiniteAndNotANumberAreRejected() throws {
        let problems = try Self.diagnostics("x,y,t\n1,1e999,1\n2,nan,2\n3,inf,3\n4,0x10,4\n")
        #expect(problems.map(\.line) == [2, 3, 4, 5])
        #expect(problems.allSatisfy { $0.column == 2 && $0.message.hasPrefix("column 'y': expected a number (metres)") })
    }

    @Test func decimalCommaGetsAHint() throws {
        let problems = try Self.diagnostics("x;y;t\n1,5;2;3\n")
        #expect(problems.first?.hint == "use a decimal point, not a comma")
    }

    @Test func missingColumns() throws {
        let problems = try Self.diagnostics("a,b,c\nq,r,s\n")
        #expect(problems.map(\.message) == [
            "missing column 'x'; the header has 'a', 'b', 'c'",
            "missing column 'y'; the header has 'a', 'b', 'c'",
            "missing column 'date' or 't'; the header has 'a', 'b', 'c'",
        ])
        #expect(problems.allSatisfy { $0.line == 1 })
        let both = try Self.diagnostics("x,y,date,t\n1,2,2024-01-01,3\n")
        #expect(both.map(\.message) == ["the header has both 'date' and 't'; expected one time column"])
        let noRows = try Self.diagnostics("x,y,date\n")
        #expect(noRows.map(\.message) == ["the file has a header but no events"])
        // A header-less file forced on a file with a header: the header's fields are not numbers.
        let forced = try Self.diagnostics("x,y,date\n1,2,2024-01-01\n", header: .absent)
        #expect(forced.first?.line == 1 && forced.first?.column == 1)
    }
}
