import Foundation
import Testing
import ZichtTestSupport
import ZichtAnalysis
import ZichtApp
import ZichtEngine

/// Disclosure control remembers its secondary suppressions for the next build of the same figures,
/// and never trusts them without the audit.
struct DisclosureDecisionsTests {
    static let time = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func rememberedDecisionsGiveTheSameSiteAndAlteredOnesAreIgnored() async throws {
        try await HeavyWork.run {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-decisions-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: base) }
            let project = base.appendingPathComponent("project")
            try ZichtApp.copyExample(to: project)
            let file = project.appendingPathComponent(".zicht/disclosure-decisions.json")

            func build(_ name: String) throws -> [String: Data] {
                let output = base.appendingPathComponent(name)
                try SiteSession(project: project, output: output, generator: "Zicht (test)").build(builtAt: Self.time, dataAt: Self.time)
                return try SiteSessionTests.Fixture.files(output)
            }
            let first = try build("first")
            let decisions = try JSONDecoder().decode(DisclosureDecisions.self, from: Data(contentsOf: file))
            #expect(!decisions.secondary.isEmpty, "the demo needs secondary suppressions")
            #expect(try build("second") == first, "the remembered decisions give the same pages")

            // Decisions that withhold nothing fail the audit: they are ignored, and the search runs.
            try JSONEncoder().encode(DisclosureDecisions(key: decisions.key, secondary: [])).write(to: file)
            #expect(try build("third") == first)
            #expect(try JSONDecoder().decode(DisclosureDecisions.self, from: Data(contentsOf: file)) == decisions)

            // A damaged file is no error either.
            try Data("{".utf8).write(to: file)
            #expect(try build("fourth") == first)
        }
    }
}
