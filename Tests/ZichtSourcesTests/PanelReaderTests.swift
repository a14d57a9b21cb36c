import Foundation
import Testing
import ZichtCore
import ZichtSources

/// The area-panel reader: periods, order, unbalanced panels, and a located error for every kind of
/// bad row.
struct PanelReaderTests {
    /// Writes `text` to a temporary file, reads it as "panel.csv", and removes it.
    static func read(_ text: String) throws -> PanelReader.Panel {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("panel-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try PanelReader.read(url: url, displayName: "panel.csv")
    }

    /// The diagnostics of reading `text`; records an issue when it reads without error.
    static func problems(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            _ = try read(text)
            Issue.record("expected the panel to be refused", sourceLocation: sourceLocation)
        } catch let error as any DiagnosticConvertible {
            return error.diagnostics
        } catch {
            Issue.record("expected diagnostics, got \(error)", sourceLocation: sourceLocation)
        }
        return []
    }

    @Test func readsMonthlyPanelsInTimeOrder() throws {
        let panel = try Self.read("""
            Area,Period,Count,Treated,note
            BU01,2021-02,4,0,x
            BU01,2021-01,3,0,
            BU02,2021-01,0,0,
            BU02,2021-02,7,1,
            BU01,2020-12,5,0,
            BU02,2020-12,2,0,
            """)
        #expect(panel.areas == ["BU01", "BU02"])
        #expect(panel.periods.map(\.description) == ["2020-12", "2021-01", "2021-02"])
        #expect(panel.periods.map(\.ordinal) == [2020 * 12 + 11, 2021 * 12, 2021 * 12 + 1])
        #expect(panel.isBalanced)
        let first = try #require(panel.observations.first)
        #expect(first == PanelReader.Observation(area: 0, period: 2, count: 4, treated: false, line: 2))
        #expect(panel.observations[3] == PanelReader.Observation(area: 1, period: 2, count: 7, treated: true, line: 5))
    }

    /// Periods as numbers, `;` as separator, and a missing (area, period) pair: an unbalanced panel
    /// whose missing pair is not a zero.
    @Test func readsNumberedPeriodsAndUnbalancedPanels() throws {
        let panel = try Self.read("area;period;count;treated\nA;10;1;0\nA;-2;2;0\nB;10;3;1\n")
        #expect(panel.periods == [.number(-2), .number(10)])
        #expect(!panel.isBalanced)
        #expect(panel.observations.count == 3)
        #expect(panel.observations.map(\.count) == [1, 2, 3])
    }

    @Test func missingColumnsAreNamed() {
        let problems = Self.problems("area,period,aantal\nA,2021-01,3\n")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 1)
        #expect(problems.first?.message.contains("'count', 'treated'") == true)
    }

    @Test func everyBadFieldIsLocated() {
        let problems = Self.problems("""
            area,period,count,treated
            A,2021-13,3,0
            A,2021-02,-1,0
            A,2021-03,2.5,0
            A,2021-04,4,yes
            ,2021-05,4,0
            A,2021-06,,0
            """)
        let located = problems.map { "\($0.line ?? 0):\($0.column ?? 0)" }
        #expect(located == ["2:2", "3:3", "4:3", "5:4", "6:1", "7:3"])
        #expect(problems[0].message.contains("YYYY-MM") && problems[0].message.contains("'2021-13'"))
        #expect(problems[1].message.contains("column 'count' (field 3): expected a whole number of 0 or more, found '-1'"))
        #expect(problems[3].message.contains("expected 0 or 1, found 'yes'"))
        #expect(problems[5].hint?.contains("write 0") == true)
        #expect(problems.allSatisfy { $0.file == "panel.csv" })
    }

    @Test func mixedPeriodKindsAreRefused() {
        let problems = Self.problems("area,period,count,treated\nA,2021-01,1,0\nA,5,1,0\n")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.message.contains("like the period on line 2") == true)
    }

    @Test func duplicatesAreRefusedWithTheFirstLine() {
        let problems = Self.problems("area,period,count,treated\nA,2021-01,1,0\nB,2021-01,1,0\nA,2021-01,2,0\n")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 4)
        #expect(problems.first?.message == "area 'A' has a second row for period 2021-01; the first is on line 2")
    }

    @Test func badFieldsAndDuplicatesAreReportedTogetherInLineOrder() {
        let problems = Self.problems("area,period,count,treated\nA,2021-01,3,0\nA,2021-01,4,0\nB,2021-02,x,1\n")
        #expect(problems.map { $0.line ?? 0 } == [3, 4])
        #expect(problems[0].message.contains("second row"))
        #expect(problems[1].message.contains("found 'x'"))
    }

    @Test func csvProblemsComeFromTheStatLineReader() {
        let problems = Self.problems("area,period,count,treated\nA,2021-01,1\n")
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message.contains("field") == true)
    }
}
