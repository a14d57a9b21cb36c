import Testing
import ZichtCore
import ZichtSources

/// `normalizingHeadings(topLevel:)`, `splitSections(atLevel:)` and `referencedLinks` on parsed text.
struct MarkdownHeadingsTests {
    /// The levels of all headings, in document order (inside quotes and lists too).
    private func levels(_ blocks: [MarkdownBlock]) -> [Int] {
        var result: [Int] = []
        for block in blocks {
            switch block {
            case .heading(let level, _, _): result.append(level)
            case .blockQuote(let inner): result += levels(inner)
            case .list(_, _, let items): for item in items { result += levels(item) }
            default: break
            }
        }
        return result
    }

    /// Headings with the given levels, one per line.
    private func headings(_ levels: [Int]) -> [MarkdownBlock] {
        parsedBlocks(levels.map { String(repeating: "#", count: $0) + " Kop \($0)" }.joined(separator: "\n"))
    }

    // MARK: normalizingHeadings

    /// Each case: levels in, top level, levels out.
    ///
    /// - 1,3,5 → shift +1 → 2,4,6 → no skipped levels → 2,3,4.
    /// - 3,2 → smallest is 2 already (no shift) → the first heading may not be deeper than the
    ///   top → 2; the second is 2 → 2,2.
    /// - 4,2,6 → no shift → 2 (first at most top), 2, 3 (at most one deeper than 2).
    /// - 1…6 at top 3 → shift +2 → 3,4,5,6,7,8 → capped at 6 → 3,4,5,6,6,6.
    /// - 2,2,3,3,2 at top 2 → already fine, unchanged.
    /// - 5,6 at top 1 → shift −4 → 1,2.
    /// - 2 at top 9 → top is at most 6 → 6.
    @Test(arguments: [
        ([1, 3, 5], 2, [2, 3, 4]),
        ([3, 2], 2, [2, 2]),
        ([4, 2, 6], 2, [2, 2, 3]),
        ([1, 2, 3, 4, 5, 6], 3, [3, 4, 5, 6, 6, 6]),
        ([2, 2, 3, 3, 2], 2, [2, 2, 3, 3, 2]),
        ([5, 6], 1, [1, 2]),
        ([2], 9, [6]),
        ([1, 1, 6, 2], 2, [2, 2, 3, 3]),
    ])
    func normalizingHeadings(input: [Int], topLevel: Int, expected: [Int]) {
        #expect(levels(headings(input).normalizingHeadings(topLevel: topLevel)) == expected)
    }

    @Test func normalizingKeepsContentLinesAndOtherBlocks() {
        let text = "Intro\n\n# Een\n\ntekst\n\n> ### Citaatkop\n\n- ##### In lijst\n\n### Twee"
        let normalized = parsedBlocks(text).normalizingHeadings(topLevel: 2)
        #expect(
            normalized == [
                textParagraph("Intro"),
                .heading(level: 2, content: [.text("Een")], line: 3),
                textParagraph("tekst"),
                .blockQuote([.heading(level: 3, content: [.text("Citaatkop")], line: 7)]),
                .list(ordered: false, start: 1, items: [[.heading(level: 4, content: [.text("In lijst")], line: 9)]]),
                .heading(level: 4, content: [.text("Twee")], line: 11),
            ])
    }

    @Test func normalizingWithoutHeadingsChangesNothing() {
        let parsed = parsedBlocks("tekst\n\n- a\n\n> b")
        #expect(parsed.normalizingHeadings(topLevel: 2) == parsed)
        #expect([MarkdownBlock]().normalizingHeadings(topLevel: 2) == [])
    }

    // MARK: splitSections

    @Test func splitSectionsAtLevel() {
        let text = """
            Inleiding.

            ## Een
            tekst een
            ### Sub
            # Hoger
            ## Twee

            > ## In citaat
            """
        let (preamble, sections) = parsedBlocks(text, firstLine: 4).splitSections(atLevel: 2)
        #expect(preamble == [textParagraph("Inleiding.")])
        #expect(sections.count == 2)
        #expect(sections.map(\.heading) == [[.text("Een")], [.text("Twee")]])
        #expect(sections.map(\.line) == [6, 10])
        #expect(
            sections[0].blocks == [
                textParagraph("tekst een"),
                .heading(level: 3, content: [.text("Sub")], line: 8),
                .heading(level: 1, content: [.text("Hoger")], line: 9),
            ])
        // A heading inside a quote does not split.
        #expect(sections[1].blocks == [.blockQuote([.heading(level: 2, content: [.text("In citaat")], line: 12)])])
    }

    @Test func splitSectionsWithoutMatchingHeadings() {
        let parsed = parsedBlocks("### Drie\n\ntekst")
        let (preamble, sections) = parsed.splitSections(atLevel: 2)
        #expect(preamble == parsed)
        #expect(sections.isEmpty)
        let (emptyPreamble, first) = parsedBlocks("## A\n## B").splitSections(atLevel: 2)
        #expect(emptyPreamble.isEmpty)
        #expect(first.map(\.blocks) == [[], []])
    }

    // MARK: referencedLinks

    @Test func referencedLinksEverywhere() {
        let text = """
            ## Kop met [a](ref:a)

            Tekst *met [b](https://b.nl)* en <https://c.nl>.

            - item [d](#d)
              > citaat [e](e.html)

            | [f](ref:f) | x |
            |---|---|
            | **[g](ref:g)** | y |

            > 1. [h](mailto:h@h.nl)

                [niet](in-code)
            """
        let links = parsedBlocks(text, firstLine: 3).referencedLinks
        #expect(
            links.map(\.destination) == [
                "ref:a", "https://b.nl", "https://c.nl", "#d", "e.html", "ref:f", "ref:g", "mailto:h@h.nl",
            ])
        #expect(links.map { [$0.line, $0.column] } == [[3, 12], [5, 12], [5, 34], [7, 8], [8, 12], [10, 3], [12, 5], [14, 6]])
    }

    @Test func referencedLinksSkipsRefusedLinks() {
        let (parsed, diagnostics) = MarkdownParser.parse("[a](javascript:x) ![](c.png) [d](ref:d)", file: "t.md")
        #expect(parsed.referencedLinks.map(\.destination) == ["ref:d"])
        #expect(diagnostics.count == 2)
    }
}
