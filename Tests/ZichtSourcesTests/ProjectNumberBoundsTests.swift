import Testing
import ZichtCore
import ZichtSources
import ZichtTestSupport

/// Numbers in zicht.yaml and interventions that later code turns into dates, loops or grids are
/// bounded, each with a located error (issue 10): a year of 10¹⁵, a window of 10¹⁵ months or a risk
/// zone of 10³⁰⁰ metres used to pass the readers and trap (or run for ever) further on.
struct ProjectNumberBoundsTests {
    static let config = TemporaryProject.minimalFiles["zicht.yaml"]!

    func configProblems(_ extra: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        _ = ProjectConfigReader.read(Self.config + "\n" + extra, file: "zicht.yaml", into: &diagnostics)
        return diagnostics
    }

    static let patterns = "patterns:\n  goal: \"7.2.1\"\n  types: [\"1.1.1\"]\n  year: 2019\n"

    @Test(arguments: [
        ("  spaceBreaks: [0, 100, 1e300]\n", "'spaceBreaks' as increasing numbers starting at 0 and at most 2000 metres"),
        ("  timeBreaks: [0, 7, 99999]\n", "'timeBreaks' as increasing numbers starting at 0 and at most 365 days"),
        ("  recentDays: 99999999\n", "'recentDays' from 1 to 3650"),
        ("  permutations: 99999999999\n", "19 to 1000000 permutations"),
        ("  from: -99999999999\n", "'from' to be a whole number from 1900 to 2200"),
    ])
    func patternNumbersOutOfRange(line: String, expected: String) throws {
        let problems = configProblems(Self.patterns + line)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.message.contains(expected), "\(problem.message)")
        #expect(problem.line == 13)
    }

    @Test func yearsOutsideTheirRange() throws {
        let problems = configProblems("""
            boundaries:
              - {file: data/b.geojson, year: 99999999999}
            incidents:
              - simulate: {seed: 1, from: 2014, to: 999999}
            """)
        #expect(problems.map(\.line) == [10, 12])
        #expect(problems.allSatisfy { $0.message.hasSuffix("to be a whole number from 1900 to 2200, found \($0.line == 10 ? 99999999999 : 999999)") })
    }

    @Test func interventionWindowsAreAtMostFortyYears() throws {
        var diagnostics: [Diagnostic] = []
        let text = """
            id: x
            name: X
            kind: cameratoezicht
            start: 2018-06-01
            goal: "7.2.1"
            target: {buurten: [BU01931000]}
            control: {automatic: 4}
            types: ["1.1.1"]
            before: 1000000000000000
            after: 481
            """
        #expect(InterventionReader.read(text, file: "interventions/x.yaml", into: &diagnostics) == nil)
        #expect(diagnostics.map(\.line) == [9, 10])
        #expect(diagnostics.first?.message == "expected 'before' to be at most 480 months (40 years), found 1000000000000000")
    }
}
