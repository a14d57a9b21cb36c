import Foundation
import Testing
import ZichtTestSupport
import ZichtApp
import ZichtEngine

/// The HTML, SVG, JSON and CSV of representative pages of the built demo, compared byte for byte
/// with the files in `Golden/`: a goal with indicators, maps and patterns (7.2.1), a wijk page, an
/// evaluation page, and two downloads.
///
/// When a change to the pages is meant, update the files and review the diff before committing:
///
///     ZICHT_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests
///     git diff Tests/ZichtEngineTests/Golden
@Suite(.serialized) struct GoldenFileTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let isUpdating = ProcessInfo.processInfo.environment["ZICHT_UPDATE_GOLDEN"] == "1"

    /// Golden name → the file of the built site it is taken from, and the part of it compared.
    static let cases: [(golden: String, file: String, part: Part)] = [
        ("doel-7-2-1.html", "jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.html", .whole),
        ("doel-7-2-1.json", "jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.json", .whole),
        ("doel-7-2-1-kaart-1.svg", "jaarverslag-2019/pagina/kaarten-7-2-1/index.html", .svg(0)),
        ("programma-7.html", "jaarverslag-2019/programma/7-fysiek-domein/index.html", .whole),
        ("portaal.html", "index.html", .whole),
        ("wijk-10.html", "jaarverslag-2019/wijk/wijk-10/index.html", .whole),
        ("wijk-10.json", "jaarverslag-2019/wijk/wijk-10/index.json", .whole),
        ("evaluatie.html", "jaarverslag-2019/pagina/evaluatie-uitbreiding-cameratoezicht-binnenstad-gesimuleerd/index.html", .whole),
        ("evaluatie.json", "jaarverslag-2019/pagina/evaluatie-uitbreiding-cameratoezicht-binnenstad-gesimuleerd/index.json", .whole),
        ("evaluatie-grafiek-1.svg", "jaarverslag-2019/pagina/evaluatie-uitbreiding-cameratoezicht-binnenstad-gesimuleerd/index.html", .svg(0)),
        ("bbv-winkeldiefstallen.csv", "indicatoren/bbv-winkeldiefstallen.csv", .whole),
        ("incidenten-per-wijk-en-buurt.csv", "wijken/incidenten-per-wijk-en-buurt.csv", .whole),
    ]

    enum Part {
        case whole
        /// The n-th `<svg>…</svg>` element of an HTML page.
        case svg(Int)
    }

    /// The demo built once, with fixed build and data times.
    static let site: Result<URL, any Error> = Result {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-golden-\(UUID().uuidString)")
        let project = base.appendingPathComponent("project")
        let output = base.appendingPathComponent("site")
        try ZichtApp.copyExample(to: project)
        let fixed = Date(timeIntervalSince1970: 1_700_000_000)
        // A data file without 'retrieved:' in zicht.yaml is dated by its modification time, which a
        // copy sets to now: fix it, so that the pages do not depend on the day of the test.
        for path in FileManager.default.enumerator(atPath: project.path)?.allObjects as? [String] ?? [] {
            try FileManager.default.setAttributes([.modificationDate: fixed], ofItemAtPath: project.appendingPathComponent(path).path)
        }
        try SiteSession(project: project, output: output, generator: "Zicht (golden)").build(builtAt: fixed, dataAt: fixed)
        return output
    }

    @Test(arguments: cases.map(\.golden))
    func pageMatchesItsGoldenFile(_ name: String) async throws {
        try await HeavyWork.run {
            let entry = try #require(Self.cases.first { $0.golden == name })
            let built = try String(contentsOf: Self.site.get().appendingPathComponent(entry.file), encoding: .utf8)
            let actual = Self.normalised(try Self.extract(entry.part, from: built, file: entry.file))
            let goldenURL = Self.golden.appendingPathComponent(name)
            if Self.isUpdating {
                try Data(actual.utf8).write(to: goldenURL)
                return
            }
            let expected = Self.normalised(try String(contentsOf: goldenURL, encoding: .utf8))
            if actual != expected {
                let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
                let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let first = Array(zip(actualLines, expectedLines)).firstIndex { $0.0 != $0.1 } ?? min(actualLines.count, expectedLines.count)
                Issue.record("""
                    \(name) differs from \(entry.file) at line \(first + 1):
                      golden: \(first < expectedLines.count ? String(expectedLines[first].prefix(300)) : "(end of file)")
                      built:  \(first < actualLines.count ? String(actualLines[first].prefix(300)) : "(end of file)")
                    If the change is meant: ZICHT_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests
                    """)
            }
        }
    }

    static func extract(_ part: Part, from text: String, file: String) throws -> String {
        switch part {
        case .whole:
            return text
        case .svg(let index):
            var rest = text[...]
            var found: [Substring] = []
            while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
                found.append(rest[start.lowerBound..<end.upperBound])
                rest = rest[end.upperBound...]
            }
            guard index < found.count else { throw GoldenError("\(file) has \(found.count) SVG elements, expected at least \(index + 1)") }
            return String(found[index]) + "\n"
        }
    }

    /// The one value of the demo that depends on the day it is built: when its simulated incidents
    /// were imported into the snapshot ("retrievedAt" of the ZichtSim source). Real sources keep
    /// their retrieval dates from zicht.yaml and are compared as they are.
    static func normalised(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices where lines[index].contains("\"publisher\" : \"ZichtSim (gesimuleerd)\"") {
            // Keys are sorted: the source's retrievedAt follows its publisher within the same object.
            var next = index + 1
            while next < lines.count, !lines[next].trimmingCharacters(in: .whitespaces).hasPrefix("}") {
                if lines[next].contains("\"retrievedAt\" : \"") {
                    lines[next] = lines[next].prefix { $0 == " " } + "\"retrievedAt\" : \"(import time)\","
                }
                next += 1
            }
        }
        // The same import time in the HTML source line of a simulated dataset.
        return lines.joined(separator: "\n")
            .replacing(/\(ZichtSim, seed (\d+)\), gemaakt op \d{1,2} [a-z]+ \d{4}/) { "(ZichtSim, seed \($0.1)), gemaakt op (importdatum)" }
    }

    struct GoldenError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
