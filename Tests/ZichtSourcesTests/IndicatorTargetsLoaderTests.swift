import Foundation
import Testing
import ZichtCore
import ZichtSources
import ZichtTestSupport

/// Targets (streefwaarden) per indicator and year: set by the begroting, taken by the jaarverslag
/// that quotes it, and every mistake located.
extension DocumentCycleLoaderTests {
    static let begrotingGoal = "content/begroting-2019/1/1.1.1.md"
    static let jaarverslagGoal = "content/jaarverslag-2019/1/1.1.1.md"

    /// The begroting's goal with two indicators and targets for the first.
    static func begroting(_ targets: String = "  bbv-winkeldiefstallen: {2019: 3.5, 2020: 3.4}\n") -> String {
        TemporaryProject.cycleFiles[begrotingGoal]!.replacingOccurrences(
            of: "parent: \"1.1\"\n",
            with: "parent: \"1.1\"\nindicatoren:\n  - bbv-winkeldiefstallen\n  - bbv-geweldsmisdrijven\nstreefwaarden:\n" + targets)
    }

    @Test func theJaarverslagTakesTheTargetsAndIndicatorsOfItsBegroting() throws {
        let project = try load([Self.begrotingGoal: Self.begroting()])
        let begroting = try #require(project.document["begroting-2019/1.1.1"])
        #expect(begroting.targets == ["bbv-winkeldiefstallen": [2019: 3.5, 2020: 3.4]])
        #expect(begroting.targetsOrigin == nil)
        let jaarverslag = try #require(project.document["jaarverslag-2019/1.1.1"])
        #expect(jaarverslag.indicatorIDs == ["bbv-winkeldiefstallen", "bbv-geweldsmisdrijven"], "it lists none of its own")
        #expect(jaarverslag.targets == begroting.targets)
        #expect(jaarverslag.targetsOrigin == "Begroting 2019")
    }

    @Test func aJaarverslagCannotSetTargetsOrLeaveOneOut() {
        let own = TemporaryProject.cycleFiles[Self.jaarverslagGoal]!.replacingOccurrences(
            of: "origin: ref:begroting-2019/1.1.1\n",
            with: "origin: ref:begroting-2019/1.1.1\nindicatoren:\n  - bbv-geweldsmisdrijven\nstreefwaarden:\n  bbv-geweldsmisdrijven: {2019: 6.0}\n")
        let found = problems([Self.begrotingGoal: Self.begroting(), Self.jaarverslagGoal: own])
        #expect(found.contains {
            $0.file == Self.jaarverslagGoal && $0.line == 9 && $0.message == "the targets come from Begroting 2019 ('origin: ref:begroting-2019/1.1.1'); this page cannot set its own"
        })
        #expect(found.contains {
            $0.file == Self.jaarverslagGoal && $0.line == 7
                && $0.message == "Begroting 2019 sets targets for the indicator 'bbv-winkeldiefstallen', but this page does not show it"
        })
    }

    @Test(arguments: [
        ("  bbv-vernielingen: {2019: 6.0}\n", 10, "'streefwaarden' names the indicator 'bbv-vernielingen', which is not in this page's 'indicatoren'"),
        ("  bbv-winkeldiefstallen: {twintig: 3.5}\n", 10, "expected a year from 1900 to 2200 in the targets of 'bbv-winkeldiefstallen', found 'twintig'"),
        ("  bbv-winkeldiefstallen: {2019: '3,5'}\n", 10, "expected the target of 'bbv-winkeldiefstallen' for 2019 as a number with a decimal point, found '3,5'"),
        ("  bbv-winkeldiefstallen: 3.5\n", 10, "expected the targets of 'bbv-winkeldiefstallen' as '{year: value, …}', found the text '3.5'"),
        ("  - bbv-winkeldiefstallen\n", 10, "expected 'streefwaarden' as lines 'indicator-id: {year: value, …}', found a list"),
    ])
    func aWrongTargetIsLocated(targets: String, line: Int, message: String) {
        let found = problems([Self.begrotingGoal: Self.begroting(targets)])
        #expect(found.contains { $0.file == Self.begrotingGoal && $0.line == line && $0.message == message }, "\(found)")
        if targets.contains("3,5") { #expect(found.first?.hint == "write 3.5 instead of 3,5") }
    }

    @Test func onlyAGoalHasTargets() {
        let text = TemporaryProject.cycleFiles["content/begroting-2019/1/1.1.md"]!.replacingOccurrences(
            of: "parent: \"1\"\n", with: "parent: \"1\"\nstreefwaarden:\n  x: {2019: 1.0}\n")
        #expect(problems(["content/begroting-2019/1/1.1.md": text]).contains {
            $0.message == "field 'streefwaarden' is only for pages of kind 'doel', this page is 'ambitie'"
        })
    }
}
