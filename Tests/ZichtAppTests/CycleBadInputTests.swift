import Foundation
import Testing
import ZichtApp
import ZichtTestSupport

/// The demo's cycle with one mistake at a time, through the real `zicht` executable: each is a
/// located error, exit status 1, and the site built before stays as it was.
struct CycleBadInputTests {
    static let goal = "content/jaarverslag-2019/7-fysiek-domein/7-2-veiligheid/7-2-1-sociale-veiligheid.md"
    static let money = "data/voorbeeldbedragen-financien-2017-2022.csv"
    static let programma = "content/jaarverslag-2019/7-fysiek-domein/index.md"

    /// A mistake: the file it changes, how, and the start of the error the build must print.
    struct Mistake: Sendable {
        var name: String
        var file: String
        var change: @Sendable (String) -> String
        var error: String
    }

    static let mistakes: [Mistake] = [
        Mistake(
            name: "a reference to a goal the begroting lacks", file: goal,
            change: { $0.replacingOccurrences(of: "ref:begroting-2019/7.2.1", with: "ref:begroting-2019/7.2.9") },
            error: "\(goal):8: error: origin refers to 'begroting-2019/7.2.9', but Begroting 2019 has no page '7.2.9'"),
        Mistake(
            name: "the begroting left out of the project", file: "zicht.yaml",
            change: { $0.replacingOccurrences(of: "  - kind: begroting        # begroting | jaarverslag | kadernota | berap\n    year: 2019\n    title: Begroting 2019\n", with: "") },
            error: "\(goal):8: error: origin refers to 'begroting-2019/7.2.1', but the project has no document 'begroting-2019'"),
        Mistake(
            name: "an amount that is not a number", file: money,
            change: { $0.replacingOccurrences(of: "6;6.1;lasten;begroting-primitief;2019;31500000", with: "6;6.1;lasten;begroting-primitief;2019;315x0000") },
            error: "\(money):4: error: field 'bedrag': expected an amount in euros"),
        Mistake(
            name: "a programma without a page", file: money,
            change: { $0 + "9;0.1;lasten;realisatie;2019;100\n" },
            error: "error: programma '9' has amounts, but no page of kind 'programma' has that id"),
        Mistake(
            name: "a duplicate row", file: money,
            change: { $0 + "6;6.1;lasten;begroting-primitief;2019;31500000\n" },
            error: "error: duplicate row: programma 6, taakveld 6.1, lasten, begroting-primitief 2019 is also on line 4"),
        Mistake(
            name: "a variance without explanation", file: programma,
            change: { text in
                guard let start = text.range(of: "## Toelichting op de verschillen") else { return text }
                let end = text[start.upperBound...].range(of: "\n## ")?.lowerBound ?? text.endIndex
                return String(text[..<start.lowerBound] + text[end...])
            },
            error: "\(programma):2: error: programma 7 'Fysiek domein': the variance on lasten of EUR 264,250 N"),
    ]

    @Test func everyMistakeIsLocatedExitsWithOneAndKeepsTheSite() async throws {
        try await HeavyWork.run {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-cycle-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: base) }
            let project = base.appendingPathComponent("project"), site = base.appendingPathComponent("site")
            try ZichtApp.copyExample(to: project)
            let cli = CommandLineTests()
            let first = try cli.zicht(["build", project.path, "--out", site.path])
            try #require(first.status == 0, "\(first.stderr)")
            let before = try Self.contents(of: site)
            for mistake in Self.mistakes {
                let url = project.appendingPathComponent(mistake.file)
                let original = try String(contentsOf: url, encoding: .utf8)
                let changed = mistake.change(original)
                #expect(changed != original, "\(mistake.name): the change applies")
                try changed.write(to: url, atomically: true, encoding: .utf8)
                let run = try cli.zicht(["build", project.path, "--out", site.path])
                #expect(run.status == 1, "\(mistake.name)")
                #expect(run.stderr.contains(mistake.error), "\(mistake.name): \(run.stderr)")
                #expect(try Self.contents(of: site) == before, "\(mistake.name): the previous site is untouched")
                try original.write(to: url, atomically: true, encoding: .utf8)
            }
        }
    }

    /// Every file of a folder by its relative path.
    static func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path) ?? FileManager.DirectoryEnumerator() {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }
}
