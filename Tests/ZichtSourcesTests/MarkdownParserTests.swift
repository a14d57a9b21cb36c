import Testing
import ZichtCore
import ZichtSources

/// Parses `text` and expects no diagnostics.
func parsedBlocks(_ text: String, firstLine: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) -> [MarkdownBlock] {
    let (blocks, diagnostics) = MarkdownParser.parse(text, file: "test.md", firstLine: firstLine)
    #expect(diagnostics.isEmpty, "unexpected diagnostics: \(diagnostics)", sourceLocation: sourceLocation)
    return blocks
}

/// The inline content of `text`, which must parse to one paragraph.
func parsedInlines(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [MarkdownInline] {
    let parsed = parsedBlocks(text, sourceLocation: sourceLocation)
    guard parsed.count == 1, case .paragraph(let content) = parsed[0] else {
        Issue.record("expected one paragraph, got \(parsed)", sourceLocation: sourceLocation)
        return []
    }
    return content
}

/// A paragraph of plain text.
func textParagraph(_ text: String) -> MarkdownBlock { .paragraph([.text(text)]) }

/// Block structure: headings, paragraphs, lists, quotes, code, rules.
struct MarkdownParserTests {
    // MARK: Headings

    @Test func atxHeadingsOfEveryLevel() {
        #expect(
            parsedBlocks("# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six") == [
                .heading(level: 1, content: [.text("One")], line: 1),
                .heading(level: 2, content: [.text("Two")], line: 2),
                .heading(level: 3, content: [.text("Three")], line: 3),
                .heading(level: 4, content: [.text("Four")], line: 4),
                .heading(level: 5, content: [.text("Five")], line: 5),
                .heading(level: 6, content: [.text("Six")], line: 6),
            ])
    }

    @Test func headingClosingSequenceIsRemovedOnlyAfterWhitespace() {
        #expect(parsedBlocks("## Title ##") == [.heading(level: 2, content: [.text("Title")], line: 1)])
        #expect(parsedBlocks("## Title #####   ") == [.heading(level: 2, content: [.text("Title")], line: 1)])
        #expect(parsedBlocks("## C#") == [.heading(level: 2, content: [.text("C#")], line: 1)])
        #expect(parsedBlocks("## C \\#") == [.heading(level: 2, content: [.text("C #")], line: 1)])
    }

    @Test func notHeadings() {
        #expect(parsedBlocks("#hashtag") == [textParagraph("#hashtag")])
        #expect(parsedBlocks("####### seven") == [textParagraph("####### seven")])
        #expect(parsedBlocks("    # indented") == [.codeBlock("# indented")])
        #expect(parsedBlocks("   # three spaces") == [.heading(level: 1, content: [.text("three spaces")], line: 1)])
    }

    @Test func headingLineIsTheFileLine() {
        let parsed = parsedBlocks("Intro.\n\n## Begroting\n\ntext\n### Details", firstLine: 5)
        #expect(parsed[1] == .heading(level: 2, content: [.text("Begroting")], line: 7))
        #expect(parsed[3] == .heading(level: 3, content: [.text("Details")], line: 10))
    }

    @Test func headingContentIsInline() {
        #expect(
            parsedBlocks("## Het *college* en [de raad](ref:raad)") == [
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
        #expect(parsedBlocks("een\ntwee\n   drie") == [textParagraph("een twee drie")])
        #expect(parsedBlocks("een\n\ntwee") == [textParagraph("een"), textParagraph("twee")])
        #expect(parsedBlocks("  ingesprongen  ") == [textParagraph("ingesprongen")])
    }

    @Test func hardLineBreaks() {
        #expect(parsedInlines("een  \ntwee") == [.text("een"), .lineBreak, .text("twee")])
        #expect(parsedInlines("een\\\ntwee") == [.text("een"), .lineBreak, .text("twee")])
        #expect(parsedInlines("een     \ntwee") == [.text("een"), .lineBreak, .text("twee")])
        // Not at the end of a paragraph.
        #expect(parsedInlines("een  ") == [.text("een")])
        #expect(parsedInlines("een\\") == [.text("een\\")])
    }

    @Test func indentedLineContinuesParagraph() {
        #expect(parsedBlocks("een\n        twee") == [textParagraph("een twee")])
    }

    // MARK: Thematic breaks

    @Test func thematicBreaks() {
        #expect(parsedBlocks("---\n***\n___\n - - -\n*  *  *") == Array(repeating: .thematicBreak, count: 5))
        #expect(parsedBlocks("--") == [textParagraph("--")])
        #expect(parsedBlocks("--- a") == [textParagraph("--- a")])
    }

    // MARK: Lists

    @Test func bulletLists() {
        let expected: MarkdownBlock = .list(ordered: false, start: 1, items: [[textParagraph("a")], [textParagraph("b")]])
        #expect(parsedBlocks("- a\n- b") == [expected])
        #expect(parsedBlocks("* a\n* b") == [expected])
        #expect(parsedBlocks("+ a\n+ b") == [expected])
        // Changing the bullet starts a new list.
        #expect(
            parsedBlocks("- a\n* b") == [
                .list(ordered: false, start: 1, items: [[textParagraph("a")]]),
                .list(ordered: false, start: 1, items: [[textParagraph("b")]]),
            ])
    }

    @Test func orderedLists() {
        #expect(parsedBlocks("1. a\n2. b") == [.list(ordered: true, start: 1, items: [[textParagraph("a")], [textParagraph("b")]])])
        #expect(parsedBlocks("3) a\n4) b") == [.list(ordered: true, start: 3, items: [[textParagraph("a")], [textParagraph("b")]])])
        #expect(parsedBlocks("007. a") == [.list(ordered: true, start: 7, items: [[textParagraph("a")]])])
        #expect(parsedBlocks("1234567890. a") == [textParagraph("1234567890. a")])
    }

    @Test func onlyAListStartingAtOneInterruptsAParagraph() {
        #expect(parsedBlocks("In\n2015. was het") == [textParagraph("In 2015. was het")])
        #expect(
            parsedBlocks("Punten:\n1. een") == [
                textParagraph("Punten:"), .list(ordered: true, start: 1, items: [[textParagraph("een")]]),
            ])
        #expect(
            parsedBlocks("Punten:\n- een") == [
                textParagraph("Punten:"), .list(ordered: false, start: 1, items: [[textParagraph("een")]]),
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
            parsedBlocks(text) == [
                .list(
                    ordered: false, start: 1,
                    items: [
                        [
                            textParagraph("a"),
                            .list(
                                ordered: false, start: 1,
                                items: [
                                    [textParagraph("a1"), .list(ordered: false, start: 1, items: [[textParagraph("a1x")]])],
                                    [textParagraph("a2")],
                                ]),
                        ],
                        [textParagraph("b")],
                    ]),
                .list(
                    ordered: true, start: 1,
                    items: [[textParagraph("c"), .list(ordered: false, start: 1, items: [[textParagraph("c1")]])]]),
            ])
    }

    @Test func tooLittleIndentationMakesASibling() {
        #expect(
            parsedBlocks("- a\n - b\n  - c") == [
                .list(ordered: false, start: 1, items: [[textParagraph("a")], [textParagraph("b")], [textParagraph("c")]])
            ])
    }

    @Test func multiParagraphItems() {
        let text = "1. Eerste alinea\n   loopt door.\n\n   Tweede alinea.\n\n       code\n2. Volgende"
        #expect(
            parsedBlocks(text) == [
                .list(
                    ordered: true, start: 1,
                    items: [
                        [textParagraph("Eerste alinea loopt door."), textParagraph("Tweede alinea."), .codeBlock("code")],
                        [textParagraph("Volgende")],
                    ])
            ])
    }

    @Test func lazyContinuationAndEmptyItems() {
        #expect(parsedBlocks("- a\nlazy\n- b") == [.list(ordered: false, start: 1, items: [[textParagraph("a lazy")], [textParagraph("b")]])])
        #expect(parsedBlocks("-\n  foo") == [.list(ordered: false, start: 1, items: [[textParagraph("foo")]])])
        #expect(parsedBlocks("-\n\n  foo") == [.list(ordered: false, start: 1, items: [[]]), textParagraph("foo")])
    }

    @Test func listItemWithTabAfterMarker() {
        #expect(parsedBlocks("-\tfoo\n\n\tbar") == [.list(ordered: false, start: 1, items: [[textParagraph("foo"), textParagraph("bar")]])])
    }

    @Test func listItemHoldingFencedCode() {
        #expect(
            parsedBlocks("- ```\n  let a = 1\n  ```\n- x") == [
                .list(ordered: false, start: 1, items: [[.codeBlock("let a = 1")], [textParagraph("x")]])
            ])
    }

    @Test func lazyLinesAreOnlyParagraphText() {
        // An unprefixed line continues the innermost paragraph and is not re-read as a list
        // item, however far it is indented (as in cmark).
        #expect(
            parsedBlocks("> - a\n    1. b") == [.blockQuote([.list(ordered: false, start: 1, items: [[textParagraph("a 1. b")]])])])
        #expect(parsedBlocks("- a\n  1.\nlazy") == [.list(ordered: false, start: 1, items: [[textParagraph("a 1. lazy")]])])
        #expect(parsedBlocks("> a\n\t> > b") == [.blockQuote([textParagraph("a > > b")])])
        // An empty item beside the nested item that held the paragraph closes it: no lazy line.
        #expect(
            parsedBlocks("1. a\n    - b\n   1.\nc") == [
                .list(
                    ordered: true, start: 1,
                    items: [
                        [
                            textParagraph("a"), .list(ordered: false, start: 1, items: [[textParagraph("b")]]),
                            .list(ordered: true, start: 1, items: [[]]),
                        ]
                    ]),
                textParagraph("c"),
            ])
        #expect(parsedBlocks("> a\nb\n1.\nc") == [.blockQuote([textParagraph("a b")]), .list(ordered: true, start: 1, items: [[]]), textParagraph("c")])
    }

    @Test func indentationCountsFromTheContainer() {
        // The second `>` is indented, but its item lines up with the first one inside the quote.
        #expect(
            parsedBlocks("> - a\n  > - b") == [.blockQuote([.list(ordered: false, start: 1, items: [[textParagraph("a")], [textParagraph("b")]])])])
        #expect(
            parsedBlocks("> - a\n>\n>   b") == [.blockQuote([.list(ordered: false, start: 1, items: [[textParagraph("a"), textParagraph("b")]])])])
    }

    @Test func emptyItemFollowedByIndentedWhitespaceLine() {
        // cmark reads a whitespace line indented as far as the content as part of the item.
        #expect(parsedBlocks("1.\n   \n   foo") == [.list(ordered: true, start: 1, items: [[textParagraph("foo")]])])
        #expect(parsedBlocks("1.\n\n   foo") == [.list(ordered: true, start: 1, items: [[]]), textParagraph("foo")])
        #expect(parsedBlocks("1.\n     \n  \n   foo") == [.list(ordered: true, start: 1, items: [[]]), textParagraph("foo")])
    }

    // MARK: Block quotes

    @Test func blockQuotes() {
        #expect(parsedBlocks("> een\n> twee") == [.blockQuote([textParagraph("een twee")])])
        #expect(parsedBlocks(">een\n>\n> twee") == [.blockQuote([textParagraph("een"), textParagraph("twee")])])
        #expect(parsedBlocks("> een\nlazy") == [.blockQuote([textParagraph("een lazy")])])
        #expect(parsedBlocks("> een\n\nna") == [.blockQuote([textParagraph("een")]), textParagraph("na")])
        #expect(parsedBlocks("> een\n- b") == [.blockQuote([textParagraph("een")]), .list(ordered: false, start: 1, items: [[textParagraph("b")]])])
    }

    @Test func nestedBlockQuotes() {
        #expect(parsedBlocks("> a\n> > b\n> > c\n> d") == [.blockQuote([textParagraph("a"), .blockQuote([textParagraph("b c d")])])])
        #expect(parsedBlocks(">> a\n>\n> b") == [.blockQuote([.blockQuote([textParagraph("a")]), textParagraph("b")])])
    }

    @Test func blockQuoteHoldingListAndHeading() {
        #expect(
            parsedBlocks("> ## Kop\n> - a\n> - b") == [
                .blockQuote([
                    .heading(level: 2, content: [.text("Kop")], line: 1),
                    .list(ordered: false, start: 1, items: [[textParagraph("a")], [textParagraph("b")]]),
                ])
            ])
    }

    // MARK: Code blocks

    @Test func fencedCodeBlocks() {
        #expect(parsedBlocks("```\nlet a = 1 < 2\n\n  b\n```") == [.codeBlock("let a = 1 < 2\n\n  b")])
        #expect(parsedBlocks("~~~swift\n*niet* `inline`\n~~~") == [.codeBlock("*niet* `inline`")])
        #expect(parsedBlocks("````\n```\n````") == [.codeBlock("```")])
        #expect(parsedBlocks("~~~\n```\n~~~") == [.codeBlock("```")])
        #expect(parsedBlocks("```\nopen tot het einde\n\nnog steeds") == [.codeBlock("open tot het einde\n\nnog steeds")])
        #expect(parsedBlocks("  ```\n  a\n    b\n c\n  ```") == [.codeBlock("a\n  b\nc")])
        #expect(parsedBlocks("```\n```") == [.codeBlock("")])
    }

    @Test func backtickFenceWithBacktickInInfoIsInlineCode() {
        #expect(parsedInlines("``` a`b ```") == [.code("a`b")])
    }

    @Test func indentedCodeBlocks() {
        #expect(parsedBlocks("    een\n\n      twee\n    \n\nna") == [.codeBlock("een\n\n  twee"), textParagraph("na")])
        #expect(parsedBlocks("    <script>") == [.codeBlock("<script>")])
    }

    @Test func tabsCountAsFourColumns() {
        #expect(parsedBlocks("\tcode") == [.codeBlock("code")])
        #expect(parsedBlocks("  \tcode") == [.codeBlock("code")])
        #expect(parsedBlocks("\t\tdeeper") == [.codeBlock("\tdeeper")])
        #expect(parsedBlocks(">\t\tcode") == [.blockQuote([.codeBlock("  code")])])
    }
}
