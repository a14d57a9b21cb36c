import Foundation
import Testing
import ZichtTestSupport
import ZichtApp
import ZichtCore
import ZichtEngine

/// The incremental rebuild gives the same site as a full build of the same files, byte for byte,
/// and falls back to a full build whenever an edit reaches beyond one page's text.
@Suite(.serialized) struct SiteSessionTests {
    static let time = Date(timeIntervalSince1970: 1_700_000_000)
    static let goal = "content/jaarverslag-2019/7-fysiek-domein/7-2-veiligheid/7-2-2-fysieke-veiligheid.md"

    /// A copy of the example with a session that built it.
    struct Fixture {
        let base: URL
        let project: URL
        let output: URL
        let session: SiteSession

        init() throws {
            base = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-session-\(UUID().uuidString)")
            project = base.appendingPathComponent("project")
            output = base.appendingPathComponent("site")
            try ZichtApp.copyExample(to: project)
            session = SiteSession(project: project, output: output, generator: "Zicht (test)")
            try session.build(builtAt: time, dataAt: time)
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = project.appendingPathComponent(path)
            try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
        }

        /// Every file of a fresh full build of the project as it is now, and of the session's output.
        func compareWithFullBuild() throws {
            let fresh = base.appendingPathComponent("fresh-\(UUID().uuidString)")
            try SiteSession(project: project, output: fresh, generator: "Zicht (test)").build(builtAt: time, dataAt: time)
            let expected = try Self.files(fresh)
            let actual = try Self.files(output)
            #expect(Set(actual.keys) == Set(expected.keys))
            for (path, data) in expected where actual[path] != data {
                Issue.record("\(path) differs from a full build")
            }
        }

        static func files(_ root: URL) throws -> [String: Data] {
            var result: [String: Data] = [:]
            let paths = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []
            for path in paths {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    result[path] = try Data(contentsOf: root.appendingPathComponent(path))
                }
            }
            return result
        }

        func remove() { try? FileManager.default.removeItem(at: base) }
    }

    @Test func editingOnePagesTextRendersOnlyThatPage() async throws {
        try await HeavyWork.run {
            let fixture = try Fixture()
            defer { fixture.remove() }
            try fixture.edit(Self.goal) { $0.replacingOccurrences(of: "De brandweer rukte in 2019 uit", with: "De brandweer rukte in 2019 vaak uit") }
            let report = try fixture.session.update(changed: [fixture.project.appendingPathComponent(Self.goal).path], builtAt: Self.time)
            #expect(!report.isFull)
            #expect(Set(report.renderedPages) == ["begroting-2019/7.2.2", "jaarverslag-2019/7.2.2"])
            let page = try String(contentsOf: fixture.output.appendingPathComponent("jaarverslag-2019/doel/7-2-2-fysieke-veiligheid/index.html"), encoding: .utf8)
            #expect(page.contains("De brandweer rukte in 2019 vaak uit"))
            try fixture.compareWithFullBuild()
        }
    }

    /// The jaarverslag takes the goal's description from the begroting: an edit there changes the
    /// jaarverslag's page too.
    @Test func editingTheBegrotingRendersTheJaarverslagThatQuotesIt() async throws {
        try await HeavyWork.run {
            let fixture = try Fixture()
            defer { fixture.remove() }
            let begroting = "content/begroting-2019/7-fysiek-domein/7-2-veiligheid/7-2-2-fysieke-veiligheid.md"
            try fixture.edit(begroting) { $0.replacingOccurrences(of: "## Beschrijving doel\n\n", with: "## Beschrijving doel\n\nEen nieuwe eerste zin.\n\n") }
            let report = try fixture.session.update(changed: [fixture.project.appendingPathComponent(begroting).path], builtAt: Self.time)
            #expect(!report.isFull)
            #expect(Set(report.renderedPages) == ["begroting-2019/7.2.2", "jaarverslag-2019/7.2.2"])
            let page = try String(contentsOf: fixture.output.appendingPathComponent("jaarverslag-2019/doel/7-2-2-fysieke-veiligheid/index.html"), encoding: .utf8)
            #expect(page.contains("Een nieuwe eerste zin."))
            try fixture.compareWithFullBuild()
        }
    }

    @Test func aNewTitleRendersEveryPageWithoutAnalysingAgain() async throws {
        try await HeavyWork.run {
            let fixture = try Fixture()
            defer { fixture.remove() }
            try fixture.edit(Self.goal) { $0.replacingOccurrences(of: "title: Fysieke veiligheid", with: "title: Brandveiligheid en crisisbeheersing") }
            let report = try fixture.session.update(changed: [Self.goal], builtAt: Self.time)
            #expect(report.renderedPages.count == report.pageCount, "every page shows the menu with the new title")
            try fixture.compareWithFullBuild()
        }
    }

    @Test func otherChangesBuildFully() async throws {
        try await HeavyWork.run {
            let fixture = try Fixture()
            defer { fixture.remove() }
            try fixture.edit("zicht.yaml") { $0.replacingOccurrences(of: "title: Jaarverslag 2019", with: "title: Jaarverslag 2019 (concept)") }
            let report = try fixture.session.update(changed: ["zicht.yaml"], builtAt: Self.time)
            #expect(report.isFull && report.renderedPages.isEmpty)
            try fixture.compareWithFullBuild()
            // A page's indicators are computed by the analysis: changing them builds fully too.
            try fixture.edit(Self.goal) { $0.replacingOccurrences(of: "indicatoren: []", with: "indicatoren: [bbv-vernielingen]") }
            #expect(try fixture.session.update(changed: [Self.goal], builtAt: Self.time).isFull)
            try fixture.compareWithFullBuild()
        }
    }

    @Test func aBrokenEditKeepsTheSiteAndTheNextGoodOneRepairsIt() async throws {
        try await HeavyWork.run {
            let fixture = try Fixture()
            defer { fixture.remove() }
            let before = try Fixture.files(fixture.output)
            try fixture.edit(Self.goal) { $0.replacingOccurrences(of: "parent: \"7.2\"", with: "parent: \"7.9\"") }
            let error = try #require(throws: DiagnosticsError.self) { try fixture.session.update(changed: [Self.goal], builtAt: Self.time) }
            #expect(error.diagnostics.contains { $0.file == Self.goal }, "\(error.diagnostics)")
            #expect(try Fixture.files(fixture.output) == before, "the previous site stays")
            try fixture.edit(Self.goal) { $0.replacingOccurrences(of: "parent: \"7.9\"", with: "parent: \"7.2\"") }
            try fixture.session.update(changed: [Self.goal], builtAt: Self.time)
            try fixture.compareWithFullBuild()
        }
    }

    @Test func aRemovedAndAnAddedPage() async throws {
        try await HeavyWork.run {
            let fixture = try Fixture()
            defer { fixture.remove() }
            let moved = "content/jaarverslag-2019/7-fysiek-domein/7-2-veiligheid/brandweer.md"
            try FileManager.default.moveItem(at: fixture.project.appendingPathComponent(Self.goal), to: fixture.project.appendingPathComponent(moved))
            try fixture.session.update(changed: [Self.goal, moved], builtAt: Self.time)
            try fixture.compareWithFullBuild()
        }
    }
}
