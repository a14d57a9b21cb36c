import Foundation
import Testing
import ZichtCore
import ZichtSources

/// The werkomgeving's page form: read from a page's text and written back, on every page of the
/// example project and on hostile values.
struct ContentFormTests {
    static let exampleContent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/ZichtApp/Example/content")

    static func examplePages() throws -> [(path: String, text: String)] {
        let root = exampleContent.path
        let paths = try #require(FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".md") }.sorted() as [String]?)
        return try paths.map { ($0, try String(contentsOfFile: root + "/" + $0, encoding: .utf8)) }
    }

    static func node(_ text: String, file: String = "content/p.md") -> (ZichtCore.Node?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let node = ContentReader.read(text, file: file, into: &diagnostics)
        return (node, diagnostics)
    }

    /// What a page shows, without the lines and columns it was read from.
    static func shown(_ node: ZichtCore.Node) -> [String] {
        let shown = [
            node.id, node.kind.rawValue, node.title, node.subtitle ?? "-", node.parentID ?? "-", node.origin ?? "-",
            node.criteria.joined(separator: "|"), node.indicatorIDs.joined(separator: "|"), "\(node.kaders)", "\(node.portefeuillehouder as Any)",
            "\(node.maps)", "\(node.targets.sorted { $0.key < $1.key }.map { ($0.key, $0.value.sorted { $0.key < $1.key }) })",
            "\(node.preamble)", "\(node.sections.map { [$0.title, "\($0.blocks)"] })",
        ]
        return shown.map { $0.replacing(/(line|column): \d+/, with: "") }
    }

    @Test func everyExamplePageIsWrittenBackByteForByteWhenNothingChanged() throws {
        let pages = try Self.examplePages()
        #expect(pages.count > 30)
        for page in pages {
            let form = try #require(ContentForm(parsing: page.text), "\(page.path)")
            #expect(form.text(replacing: page.text).text == page.text, "\(page.path)")
        }
    }

    @Test func everyExamplePageWrittenAfreshShowsTheSame() throws {
        var goals = 0
        for page in try Self.examplePages() {
            let form = try #require(ContentForm(parsing: page.text))
            let fresh = form.text(replacing: nil).text
            let (before, _) = Self.node(page.text)
            let (after, diagnostics) = Self.node(fresh)
            #expect(diagnostics.isEmpty, "\(page.path): \(diagnostics)")
            let old = try #require(before), new = try #require(after, "\(page.path)\n\(fresh)")
            #expect(Self.shown(old) == Self.shown(new), "\(page.path)\n\(fresh)")
            if old.kind == .doel {
                goals += 1
                #expect(form.fields.isSuperset(of: [.title, .subtitle, .indicatoren, .kaders, .portefeuillehouder]), "\(page.path)")
                #expect(!form.otherFields.contains(/(^|\n)(title|subtitle|indicatoren|kaders|portefeuillehouder):/), "\(page.path)")
            }
        }
        #expect(goals >= 8)
    }

    @Test func aChangedFieldIsWrittenAndTheRestKeptAsItWas() throws {
        let page = try #require(try Self.examplePages().first { $0.path.hasSuffix("jaarverslag-2019/7-fysiek-domein/7-2-veiligheid/7-2-1-sociale-veiligheid.md") })
        var form = try #require(ContentForm(parsing: page.text))
        #expect(form.title == "Sociale veiligheid")
        #expect(form.indicatorIDs.first == "bbv-verwijzingen-halt")
        #expect(form.kaders.map(\.target) == ["https://www.zwolle.nl/", "7.2"])
        #expect(form.holderName == "J. de Vries (voorbeeld)")
        #expect(form.otherFields.contains("kaarten:"))
        #expect(form.sections.first?.heading == "Toelichting op realisatie doel")
        form.title = "Sociale veiligheid \"en\" overlast"
        form.criteria = ["Minder woninginbraken", "  "]
        form.kaders.append(.init(title: "Begroting", target: "begroting-2019/7.2.1"))
        form.sections[0].text += "\n\nEen nieuwe alinea."
        let written = form.text(replacing: page.text)
        let (node, diagnostics) = Self.node(written.text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let changed = try #require(node)
        #expect(changed.title == "Sociale veiligheid \"en\" overlast")
        #expect(changed.criteria == ["Minder woninginbraken"])
        #expect(changed.kaders.last == Kader(title: "Begroting", target: .reference("begroting-2019/7.2.1")))
        #expect(changed.maps.count == 3)
        // The unchanged parts are the original lines.
        let kaarten = try #require(page.text.range(of: "kaarten:\n")).lowerBound
        let kaartenEnd = try #require(page.text.range(of: "kaders:")).lowerBound
        #expect(written.text.contains(page.text[kaarten..<kaartenEnd]))
        // The title's line is where the form says.
        let titleLines = try #require(written.lines.first { $0.part == .field(.title) }?.lines)
        let lines = written.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[titleLines.lowerBound - 1].hasPrefix("title: "))
        let sectionLines = try #require(written.lines.first { $0.part == .section(0) }?.lines)
        #expect(lines[sectionLines.lowerBound - 1] == "## Toelichting op realisatie doel")
        #expect(lines[sectionLines.upperBound - 1] == "Een nieuwe alinea.")
    }

    @Test func hostileValuesStayValuesAndCannotAddFields() throws {
        var form = try #require(ContentForm(parsing: "---\nid: \"1\"\nkind: doel\ntitle: T\nparent: \"0\"\n---\n\nTekst.\n"))
        #expect(form.fields == Set(ContentForm.Field.allCases))
        form.title = "x\"\nkind: programma\n<script>alert(1)</script>\\"
        form.subtitle = "a: b # c\u{0}\u{7}\u{2028}"
        form.criteria = ["- [ ] {x: y}", "&anchor *alias", "'"]
        let written = form.text(replacing: nil).text
        let (node, diagnostics) = Self.node(written)
        #expect(diagnostics.isEmpty, "\(diagnostics)\n\(written)")
        let parsed = try #require(node)
        #expect(parsed.kind == .doel)
        #expect(parsed.title == "x\" kind: programma <script>alert(1)</script>\\")
        // Control characters are dropped; a line separator is a line break, which a one-line field turns into a space.
        #expect(parsed.subtitle == "a: b # c")
        #expect(parsed.criteria == ["- [ ] {x: y}", "&anchor *alias", "'"])
    }

    @Test func aFieldTheFormCannotShowStaysInTheYAML() throws {
        let text = """
            ---
            id: "1"
            kind: doel
            title: |
              Twee
              regels
            parent: "0"
            kaders:
              - title: K
                url: "https://example.org/"
                extra: x
            criteria:
              # een opmerking
              - Eén
            ---

            ## Kop

            Tekst.

            """
        let form = try #require(ContentForm(parsing: text))
        #expect(form.fields.isDisjoint(with: [.title, .kaders, .criteria]))
        #expect(form.otherFields.contains("extra: x") && form.otherFields.contains("# een opmerking") && form.otherFields.contains("Twee"))
        #expect(form.text(replacing: text).text == text)
    }

    @Test func sectionsSplitAtTheTopHeadingsOutsideCode() throws {
        let text = "---\nid: x\nkind: pagina\ntitle: T\nparent: p\n---\n\nInleiding.\n\n# Een\n\n```\n# geen kop\n```\n\n## Onder een\n\n# Twee #\n\nTekst.\n"
        let form = try #require(ContentForm(parsing: text))
        #expect(form.headingLevel == 1)
        #expect(form.introduction == "Inleiding.")
        #expect(form.sections.map(\.heading) == ["Een", "Twee"])
        #expect(form.sections[0].text == "```\n# geen kop\n```\n\n## Onder een")
        var changed = form
        changed.sections.append(.init(heading: "", text: ""))
        changed.sections[1].heading = "Twee bis"
        let written = changed.text(replacing: text).text
        #expect(written.hasSuffix("# Twee bis\n\nTekst.\n"))
        #expect(changed.problems.isEmpty)
        changed.sections.append(.init(heading: " ", text: "Tekst zonder kop"))
        #expect(changed.problems.map(\.part) == [.section(3)])
    }

    @Test func withoutFrontMatterThereIsNoForm() {
        #expect(ContentForm(parsing: "# Alleen tekst\n") == nil)
        #expect(ContentForm(parsing: "") == nil)
    }
}
