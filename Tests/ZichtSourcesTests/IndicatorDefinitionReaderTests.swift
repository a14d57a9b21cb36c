import Testing
import ZichtCore
import ZichtSources

struct IndicatorDefinitionReaderTests {
    func read(_ text: String) -> (IndicatorDefinition?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let definition = IndicatorDefinitionReader.read(text, file: "indicators/x.yaml", into: &diagnostics)
        return (definition, diagnostics)
    }

    @Test func readsAFullDefinition() throws {
        let (definition, diagnostics) = read("""
            id: lokaal
            title: Woninginbraken
            unit: per 1.000 inwoners
            numerator:
              table: 83651NED
              measure: TotaalGeregistreerdeDiefstallen_1
              alternatives:
                - {GebruikVanGeweld: T001540, SoortDiefstal: CRI1135}
                - {GebruikVanGeweld: "0", SoortDiefstal: "14"}
            denominator: {table: 70072ned, measure: TotaleBevolking_1}
            scale: 1000
            decimals: 2
            comparisons: [provincie, GM0200]
            target: {value: 3.5, direction: lower, tolerance: 0.2}
            note: Een lokale indicator.
            provisionalYears: [2021]
            """)
        #expect(diagnostics.isEmpty)
        let d = try #require(definition)
        #expect(d.numerator.alternatives == [["GebruikVanGeweld": "T001540", "SoortDiefstal": "CRI1135"], ["GebruikVanGeweld": "0", "SoortDiefstal": "14"]])
        #expect(d.denominator == SeriesSelector(tables: ["70072ned"], measure: "TotaleBevolking_1"))
        #expect(d.scale == 1000 && d.decimals == 2)
        #expect(d.comparisons == [.province, .code("GM0200")])
        #expect(d.target == IndicatorTarget(value: 3.5, direction: .lower, tolerance: 0.2))
        #expect(d.provisionalYears == [2021])
    }

    @Test func reportsEveryProblemWithItsLine() {
        let (definition, diagnostics) = read("""
            id: x
            title: X
            numerator: {measure: M_1}
            comparisons: [gemeente]
            target: {value: "6,0", direction: omlaag}
            scale: nul
            """)
        #expect(definition == nil)
        let messages = diagnostics.map { "\($0.line ?? 0): \($0.message)" }
        #expect(messages.contains("1: missing required field 'unit'"))
        #expect(messages.contains { $0.hasPrefix("3: 'numerator' needs 'table:'") })
        #expect(messages.contains("4: unknown comparison region 'gemeente'"))
        #expect(messages.contains("5: expected 'direction' to be 'lower' or 'higher', found 'omlaag'"))
        #expect(messages.contains("5: expected the target value as a number with a decimal point, found '6,0'"))
        #expect(messages.contains("6: expected 'scale' to be a positive number such as 1000, found 'nul'"))
    }
}

extension IndicatorDefinitionReaderTests {
    static let minimal = "id: i\ntitle: T\nunit: aantal\nnumerator: {table: 83648NED, measure: M}\n"

    /// `decimals: -1` and `decimals: 1000` used to be accepted (issue 10); 0…6 are the decimals a
    /// figure can sensibly show.
    @Test(arguments: ["-1", "7", "1000", "99999999999999999999"])
    func decimalsOutsideZeroToSixAreLocatedErrors(decimals: String) throws {
        let (definition, diagnostics) = read(Self.minimal + "decimals: \(decimals)\n")
        #expect(definition == nil)
        let problem = try #require(diagnostics.first)
        #expect(problem.line == 5 && problem.column == 11)
        #expect(problem.message.contains("'decimals'") && problem.message.contains(decimals == "99999999999999999999" ? "whole number" : "from 0 to 6"))
    }

    /// `better:` says which way the figures should go, so that a begroting's target can be judged.
    @Test func whichDirectionIsBetterIsReadAndChecked() throws {
        #expect(try #require(read(Self.minimal + "better: higher\n").0).better == .higher)
        #expect(try #require(read(Self.minimal + "target: {value: 3, direction: lower}\n").0).better == .lower, "taken from the target")
        #expect(try #require(read(Self.minimal).0).better == nil)
        let wrong = read(Self.minimal + "better: omlaag\n").1.first
        #expect(wrong?.line == 5 && wrong?.message == "expected 'better' to be 'lower' or 'higher', found 'omlaag'")
        let contradiction = read(Self.minimal + "target: {value: 3, direction: lower}\nbetter: higher\n").1.first
        #expect(contradiction?.line == 6 && contradiction?.message == "'better: higher' contradicts the target's 'direction: lower'")
    }

    @Test(arguments: [0, 6])
    func decimalsAtTheEndsOfTheRangeAreAccepted(decimals: Int) throws {
        let (definition, diagnostics) = read(Self.minimal + "decimals: \(decimals)\n")
        #expect(diagnostics.isEmpty)
        #expect(try #require(definition).decimals == decimals)
    }

    /// `Double(_:)` reads "nan", "inf" and 1e999 (as infinity); none of them is a scale or a target.
    @Test(arguments: ["scale: nan", "scale: inf", "scale: 1e999", "target: {value: nan, direction: lower}",
                      "target: {value: 1e999, direction: lower}", "target: {value: 3, direction: lower, tolerance: -1}",
                      "target: {value: 3, direction: lower, tolerance: infinity}"])
    func nonFiniteNumbersAreLocatedErrors(line: String) throws {
        let (definition, diagnostics) = read(Self.minimal + line + "\n")
        #expect(definition == nil)
        let problem = try #require(diagnostics.first)
        #expect(problem.line == 5)
        #expect(problem.message.hasPrefix("expected "))
    }
}
