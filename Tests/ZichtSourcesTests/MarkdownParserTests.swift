import Testing
import ZichtCore
import ZichtSources

/// Parses `text` and expects no diagnostics.
func blocks(_ text: String, firstLine: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) -> [MarkdownBlock] {
    let (blocks, diagnostics) = MarkdownParser.parse(text, file: "test.md", firstLine: firstLine)
    #expect(diagnostics.isEmpty, "unexpected diagnostics: \(diagnostics)", sourceLocation: sourceLocation)
    return blocks
}

/// The inline content of `text`, which must parse to one paragraph.
func inlines(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [MarkdownInline] {
    let parsed = blocks(text, sourceLocation: sourceLocation)
    guard parsed.count == 1, case .paragraph(let content) = parsed[0] else {
        Issue.record("expected one paragraph, got \(parsed)", sourceLocation: sourceLocation)
        return []
    }
    return content
}

/// A paragraph of plain text.
func paragraph(_ text: String) -> MarkdownBlock { .paragraph([.text(text)]) }

/// Block structure: headings, paragraphs, lists, quotes, code, rules.
struct MarkdownParserTests {
    // MARK: Headings

    @Test func atxHeadingsOfEveryLevel() {
        #expect(
            blocks("# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six") == [
                .heading(level: 1, content: [.text("One")], line: 1),
                .heading(level: 2, content: [.text("Two")], line: 2),
                .heading(level: 3, content: [.text("Three")], line: 3),
                .heading(level: 4, content: [.text("Four")], line: 4),
                .heading(level: 5, content: [.text("Five")], line: 5),
                .heading(level: 6, content: [.text("Six")], line: 6),
            ])
    }

    @Test func headingClosingSequenceIsRemovedOnlyAfterWhitespace() {
        #expect(blocks("## Title ##") == [.heading(level: 2, content: [.text("Title")], line: 1)])
        #expect(blocks("## Title #####   ") == [.heading(level: 2, content: [.text("Title")], line: 1)])
        #expect(blocks("## C#") == [.heading(level: 2, content: [.text("C#")], line: 1)])
        #expect(blocks("## C \\#") == [.heading(level: 2, content: [.text("C #")], line: 1)])
    }

    @Test func notHeadings() {
        #expect(blocks("#hashtag") == [paragraph("#hashtag")])
        #expect(blocks("####### seven") == [paragraph("####### seven")])
        #expect(blocks("    # indented") == [.codeBlock("# indented")])
        #expect(blocks("   # three spaces") == [.heading(level: 1, content: [.text("three spaces")], line: 1)])
    }

    @Test func headingLineIsTheFileLine() {
        let parsed = blocks("Intro.\n\n## Begroting\n\ntext\n### Details", firstLine: 5)
        #expect(parsed[1] == .heading(level: 2, content: [.text("Begroting")], line: 7))
        #expect(parsed[3] == .heading(level: 3, content: [.text("Details")], line: 10))
    }

    @Test func headingContentIsInline() {
        #expect(
            blocks("## Het *college* en [de raad](ref:raad)") == [
                .heading(
                    level: 2,
                    content: [
                        .text("Het "), .emphasis([.text("college")]), .text(" en "),
                        .link(destination: "ref:raad", content: [.text("de raad")], line: 1, column: 21),
                    ], line: 1)
            ])
    }

    // MARK: Paragraphs

    @Test func softLineBreaksBecomeSpaces() {
        #expect(blocks("een\ntwee\n   drie") == [paragraph("een twee drie")])
        #expect(blocks("een\n\ntwee") == [paragraph("een"), paragraph("twee")])
        #expect(blocks("  ingesprongen  ") == [paragraph("ingesprongen")])
    }

    @Test func hardLineBreaks() {
        #expect(inlines("een  \ntwee") == [.text("een"), .lineBreak, .text("twee")])
        #expect(inlines("een\\\ntwee") == [.text("een"), .lineBreak, .text("twee")])
        #expect(inlines("een     \ntwee") == [.text("een"), .lineBreak, .text("twee")])
        // Not at the end of a paragraph.
        #expect(inlines("een  ") == [.text("een")])
        #expect(inlines("een\\") == [.text("een\\")])
    }

    @Test func indentedLineContinuesParagraph() {
        #expect(blocks("een\n        twee") == [paragraph("een twee")])
    }

    // MARK: Thematic breaks

    @Test func thematicBreaks() {
        #expect(blocks("---\n***\n___\n - - -\n*  *  *") == Array(repeating: .thematicBreak, count: 5))
        #expect(blocks("--") == [paragraph("--")])
        #expect(blocks("--- a") == [paragraph("--- a")])
    }

    // MARK: Lists

    @Test func bulletLists() {
        let expected: MarkdownBlock = .list(ordered: false, start: 1, items: [[paragraph("a")], [paragraph("b")]])
        #expect(blocks("- a\n- b") == [expected])
        #expect(blocks("* a\n* b") == [expected])
        #expect(blocks("+ a\n+ b") == [expected])
        // Changing the bullet starts a new list.
        #expect(
            blocks("- a\n* b") == [
                .list(ordered: false, start: 1, items: [[paragraph("a")]]),
                .list(ordered: false, start: 1, items: [[paragraph("b")]]),
            ])
    }

    @Test func orderedLists() {
        #expect(blocks("1. a\n2. b") == [.list(ordered: true, start: 1, items: [[paragraph("a")], [paragraph("b")]])])
        #expect(blocks("3) a\n4) b") == [.list(ordered: true, start: 3, items: [[paragraph("a")], [paragraph("b")]])])
        #expect(blocks("007. a") == [.list(ordered: true, start: 7, items: [[paragraph("a")]])])
        #expect(blocks("1234567890. a") == [paragraph("1234567890. a")])
    }

    @Test func onlyAListStartingAtOneInterruptsAParagraph() {
        #expect(blocks("In\n2015. was het") == [paragraph("In 2015. was het")])
        #expect(
            blocks("Punten:\n1. een") == [
                paragraph("Punten:"), .list(ordered: true, start: 1, items: [[paragraph("een")]]),
            ])
        #expect(
            blocks("Punten:\n- een") == [
                paragraph("Punten:"), .list(ordered: false, start: 1, items: [[paragraph("een")]]),
            ])
    }

    @Test func nestedListsByIndentation() {
        let text = """
            - a
              - a1
                - a1x
              - a2
            - b
            1. c
               - c1
            """
        #expect(
            blocks(text) == [
                .list(
                    ordered: false, start: 1,
                    items: [
                        [
                            paragraph("a"),
                            .list(
                                ordered: false, start: 1,
                                items: [
                                    [paragraph("a1"), .list(ordered: false, start: 1, items: [[paragraph("a1x")]])],
                                    [paragraph("a2")],
                                ]),
                        ],
                        [paragraph("b")],
                    ]),
                .list(
                    ordered: true, start: 1,
                    items: [[paragraph("c"), .list(ordered: false, start: 1, items: [[paragraph("c1")]])]]),
            ])
    }

    @Test func tooLittleIndentationMakesASibling() {
        #expect(
            blocks("- a\n - b\n  - c") == [
                .list(ordered: false, start: 1, items: [[paragraph("a")], [paragraph("b")], [paragraph("c")]])
            ])
    }

    @Test func multiParagraphItems() {
        let text = "1. Eerste alinea\n   loopt door.\n\n   Tweede alinea.\n\n       code\n2. Volgende"
        #expect(
            blocks(text) == [
                .list(
                    ordered: true, start: 1,
                    items: [
                        [paragraph("Eerste alinea loopt door."), paragraph("Tweede alinea."), .codeBlock("code")],
                        [paragraph("Volgende")],
                    ])
            ])
    }

    @Test func lazyContinuationAndEmptyItems() {
        #expect(blocks("- a\nlazy\n- b") == [.list(ordered: false, start: 1, items: [[paragraph("a lazy")], [paragraph("b")]])])
        #expect(blocks("-\n  foo") == [.list(ordered: false, start: 1, items: [[paragraph("foo")]])])
        #expect(blocks("-\n\n  foo") == [.list(ordered: false, start: 1, items: [[]]), paragraph("foo")])
    }

    @Test func listItemWithTabAfterMarker() {
        #expect(blocks("-\tfoo\n\n\tbar") == [.list(ordered: false, start: 1, items: [[paragraph("foo"), paragraph("bar")]])])
    }

    @Test func listItemHoldingFencedCode() {
        #expect(
            blocks("- ```\n  let a = 1\n  ```\n- x") == [
                .list(ordered: false, start: 1, items: [[.codeBlock("let a = 1")], [paragraph("x")]])
            ])
    }

    @Test func lazyLinesAreOnlyParagraphText() {
        // An unprefixed line continues the innermost paragraph and is not re-read as a list
        // item, however far it is indented (as in cmark).
        #expect(
            blocks("> - a\n    1. b") == [.blockQuote([.list(ordered: false, start: 1, items: [[paragraph("a 1. b")]])])])
        #expect(blocks("- a\n  1.\nlazy") == [.list(ordered: false, start: 1, items: [[paragraph("a 1. lazy")]])])
        #expect(blocks("> a\n\t> > b") == [.blockQuote([paragraph("a > > b")])])
    }

    @Test func indentationCountsFromTheContainer() {
        // The second `>` is indented, but its item lines up with the first one inside the quote.
        #expect(
            blocks("> - a\n  > - b") == [.blockQuote([.list(ordered: false, start: 1, items: [[paragraph("a")], [paragraph("b")]])])])
        #expect(
            blocks("> - a\n>\n>   b") == [.blockQuote([.list(ordered: false, start: 1, items: [[paragraph("a"), paragraph("b")]])])])
    }

    @Test func emptyItemFollowedByIndentedWhitespaceLine() {
        // cmark reads a whitespace line indented as far as the content as part of the item.
        #expect(blocks("1.\n   \n   foo") == [.list(ordered: true, start: 1, items: [[paragraph("foo")]])])
        #expect(blocks("1.\n\n   foo") == [.list(ordered: true, start: 1, items: [[]]), paragraph("foo")])
    }

    // MARK: Block quotes

    @Test func blockQuotes() {
        #expect(blocks("> een\n> twee") == [.blockQuote([paragraph("een twee")])])
        #expect(blocks(">een\n>\n> twee") == [.blockQuote([paragraph("een"), paragraph("twee")])])
        #expect(blocks("> een\nlazy") == [.blockQuote([paragraph("een lazy")])])
        #expect(blocks("> een\n\nna") == [.blockQuote([paragraph("een")]), paragraph("na")])
        #expect(blocks("> een\n- b") == [.blockQuote([paragraph("een")]), .list(ordered: false, start: 1, items: [[paragraph("b")]])])
    }

    @Test func nestedBlockQuotes() {
        #expect(blocks("> a\n> > b\n> > c\n> d") == [.blockQuote([paragraph("a"), .blockQuote([paragraph("b c d")])])])
        #expect(blocks(">> a\n>\n> b") == [.blockQuote([.blockQuote([paragraph("a")]), paragraph("b")])])
    }

    @Test func blockQuoteHoldingListAndHeading() {
        #expect(
            blocks("> ## Kop\n> - a\n> - b") == [
                .blockQuote([
                    .heading(level: 2, content: [.text("Kop")], line: 1),
                    .list(ordered: false, start: 1, items: [[paragraph("a")], [paragraph("b")]]),
                ])
            ])
    }

    // MARK: Code blocks

    @Test func fencedCodeBlocks() {
        #expect(blocks("```\nlet a = 1 < 2\n\n  b\n```") == [.codeBlock("let a = 1 < 2\n\n  b")])
        #expect(blocks("~~~swift\n*niet* `inline`\n~~~") == [.codeBlock("*niet* `inline`")])
        #expect(blocks("````\n```\n````") == [.codeBlock("```")])
        #expect(blocks("~~~\n```\n~~~") == [.codeBlock("```")])
        #expect(blocks("```\nopen tot het einde\n\nnog steeds") == [.codeBlock("open tot het einde\n\nnog steeds")])
        #expect(blocks("  ```\n  a\n    b\n c\n  ```") == [.codeBlock("a\n  b\nc")])
        #expect(blocks("```\n```") == [.codeBlock("")])
    }

    @Test func backtickFenceWithBacktickInInfoIsInlineCode() {
        #expect(inlines("``` a`b ```") == [.code("a`b")])
    }

    @Test func indentedCodeBlocks() {
        #expect(blocks("    een\n\n      twee\n    \n\nna") == [.codeBlock("een\n\n  twee"), paragraph("na")])
        #expect(blocks("    <script>") == [.codeBlock("<script>")])
    }

    @Test func tabsCountAsFourColumns() {
        #expect(blocks("\tcode") == [.codeBlock("code")])
        #expect(blocks("  \tcode") == [.codeBlock("code")])
        #expect(blocks("\t\tdeeper") == [.codeBlock("\tdeeper")])
        #expect(blocks(">\t\tcode") == [.blockQuote([.codeBlock("  code")])])
    }
}
