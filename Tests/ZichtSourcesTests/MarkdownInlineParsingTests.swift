import Testing
import ZichtCore
import ZichtSources

/// Inline content: emphasis, code, links, autolinks, escapes, entities, raw HTML; and tables.
struct MarkdownInlineParsingTests {
    // MARK: Emphasis

    @Test func emphasisAndStrong() {
        #expect(parsedInlines("*een*") == [.emphasis([.text("een")])])
        #expect(parsedInlines("_een_") == [.emphasis([.text("een")])])
        #expect(parsedInlines("**twee**") == [.strong([.text("twee")])])
        #expect(parsedInlines("__twee__") == [.strong([.text("twee")])])
        #expect(parsedInlines("***drie***") == [.emphasis([.strong([.text("drie")])])])
        #expect(parsedInlines("*a **b** c*") == [.emphasis([.text("a "), .strong([.text("b")]), .text(" c")])])
        #expect(parsedInlines("**a *b***") == [.strong([.text("a "), .emphasis([.text("b")])])])
        #expect(parsedInlines("*foo**bar**baz*") == [.emphasis([.text("foo"), .strong([.text("bar")]), .text("baz")])])
    }

    @Test func delimitersThatDoNotEmphasise() {
        #expect(parsedInlines("snake_case_name en __init__") == [.text("snake_case_name en "), .strong([.text("init")])])
        #expect(parsedInlines("2 * 3 * 4") == [.text("2 * 3 * 4")])
        #expect(parsedInlines("**open") == [.text("**open")])
        #expect(parsedInlines("a*b*c") == [.text("a"), .emphasis([.text("b")]), .text("c")])
        #expect(parsedInlines("a_b_c") == [.text("a_b_c")])
        #expect(parsedInlines("*(*x*)*") == [.emphasis([.text("("), .emphasis([.text("x")]), .text(")")])])
    }

    @Test func emphasisWithNonASCIIText() {
        #expect(parsedInlines("*één* en _ë_") == [.emphasis([.text("één")]), .text(" en "), .emphasis([.text("ë")])])
        #expect(parsedInlines("€*5*") == [.text("€"), .emphasis([.text("5")])])
    }

    // MARK: Code spans

    @Test func codeSpans() {
        #expect(parsedInlines("`code`") == [.code("code")])
        #expect(parsedInlines("`` a ` b ``") == [.code("a ` b")])
        #expect(parsedInlines("` `` `") == [.code("``")])
        #expect(parsedInlines("`*niet* [x](y) \\*`") == [.code("*niet* [x](y) \\*")])
        #expect(parsedInlines("`<script>`") == [.code("<script>")])
        #expect(parsedInlines("`regel\neen`") == [.code("regel een")])
        #expect(parsedInlines("`open") == [.text("`open")])
        #expect(parsedInlines("``a`") == [.text("``a`")])
    }

    // MARK: Links

    @Test func inlineLinks() {
        #expect(
            parsedInlines("[CBS](https://www.cbs.nl)")
                == [.link(destination: "https://www.cbs.nl", content: [.text("CBS")], line: 1, column: 1)])
        #expect(
            parsedInlines("zie [§ 7.2](ref:7.2)")
                == [.text("zie "), .link(destination: "ref:7.2", content: [.text("§ 7.2")], line: 1, column: 5)])
        #expect(
            parsedInlines("[*nadruk* en `code`](#anker)") == [
                .link(
                    destination: "#anker", content: [.emphasis([.text("nadruk")]), .text(" en "), .code("code")], line: 1,
                    column: 1)
            ])
    }

    @Test func linkDestinationForms() {
        func destination(_ text: String) -> String? {
            if case .link(let destination, _, _, _)? = parsedInlines(text).first { return destination }
            return nil
        }
        #expect(destination("[a](/pad \"Titel\")") == "/pad")
        #expect(destination("[a](/pad 'Titel')") == "/pad")
        #expect(destination("[a](/pad (Titel))") == "/pad")
        #expect(destination("[a](<met spatie>)") == "met spatie")
        #expect(destination("[a](/wiki/Zicht_(app))") == "/wiki/Zicht_(app)")
        #expect(destination("[a](/a\\)b)") == "/a)b")
        #expect(destination("[a](/a?x=1&amp;y=2)") == "/a?x=1&amp;y=2")
        #expect(destination("[a]()") == "")
        #expect(destination("[a](\n/volgende-regel\n)") == "/volgende-regel")
        #expect(destination("[mail](mailto:info@gemeente.nl)") == "mailto:info@gemeente.nl")
    }

    @Test func bracketsThatAreNotLinks() {
        #expect(parsedInlines("[alleen tekst]") == [.text("[alleen tekst]")])
        #expect(parsedInlines("[a] (b)") == [.text("[a] (b)")])
        #expect(parsedInlines("[a](b") == [.text("[a](b")])
        #expect(parsedInlines("[a](b c)") == [.text("[a](b c)")])
        #expect(parsedInlines("a]b") == [.text("a]b")])
        #expect(parsedInlines("\\[a](b)") == [.text("[a](b)")])
    }

    @Test func linksDoNotNest() {
        #expect(
            parsedInlines("[a [b](c) d](e)") == [
                .text("[a "), .link(destination: "c", content: [.text("b")], line: 1, column: 4), .text(" d](e)"),
            ])
    }

    @Test func emphasisDoesNotCrossLinkBoundaries() {
        #expect(
            parsedInlines("*a [b*](c)") == [
                .text("*a "), .link(destination: "c", content: [.text("b*")], line: 1, column: 4),
            ])
    }

    @Test func autolinks() {
        #expect(
            parsedInlines("<https://www.zicht.nl/a?b=c>")
                == [
                    .link(
                        destination: "https://www.zicht.nl/a?b=c", content: [.text("https://www.zicht.nl/a?b=c")], line: 1,
                        column: 1)
                ])
        #expect(
            parsedInlines("mail <info@gemeente.nl>") == [
                .text("mail "),
                .link(destination: "mailto:info@gemeente.nl", content: [.text("info@gemeente.nl")], line: 1, column: 6),
            ])
        #expect(parsedInlines("<https://met spatie>") == [.text("<https://met spatie>")])
        #expect(parsedInlines("<geen link>") == [.text("<geen link>")])
    }

    // MARK: Escapes, entities, raw HTML

    @Test func backslashEscapes() {
        #expect(parsedInlines("\\*geen nadruk\\*") == [.text("*geen nadruk*")])
        #expect(parsedInlines("\\`geen code\\`") == [.text("`geen code`")])
        #expect(parsedInlines("\\\\ en \\a") == [.text("\\ en \\a")])
        #expect(parsedInlines("\\# \\_ \\< \\|") == [.text("# _ < |")])
    }

    @Test func entitiesAreNotDecoded() {
        #expect(parsedInlines("&amp; &lt;b&gt; &#169; &copy;") == [.text("&amp; &lt;b&gt; &#169; &copy;")])
    }

    @Test func rawHTMLIsText() {
        #expect(parsedInlines("<script>alert(1)</script>") == [.text("<script>alert(1)</script>")])
        #expect(parsedInlines("<b>vet</b> <!-- c -->") == [.text("<b>vet</b> <!-- c -->")])
        #expect(parsedBlocks("<div>\nblok\n</div>") == [textParagraph("<div> blok </div>")])
    }

    // MARK: Tables

    @Test func pipeTableWithAlignments() {
        let text = """
            | Programma | Lasten | Baten | Saldo |
            |:----------|-------:|:-----:|-------|
            | Bestuur   | 1.234  | *12*  | 1.222 |
            | Veiligheid | 2.345 | 0 | 2.345 |
            """
        #expect(
            parsedBlocks(text) == [
                .table(
                    header: [[.text("Programma")], [.text("Lasten")], [.text("Baten")], [.text("Saldo")]],
                    alignments: [.left, .right, .center, .none],
                    rows: [
                        [[.text("Bestuur")], [.text("1.234")], [.emphasis([.text("12")])], [.text("1.222")]],
                        [[.text("Veiligheid")], [.text("2.345")], [.text("0")], [.text("2.345")]],
                    ])
            ])
    }

    @Test func tableWithoutOuterPipesAndWithRaggedRows() {
        #expect(
            parsedBlocks("a | b\n--|--\n1\n2 | 3 | 4\n\nna") == [
                .table(
                    header: [[.text("a")], [.text("b")]], alignments: [.none, .none],
                    rows: [[[.text("1")], []], [[.text("2")], [.text("3")]]]),
                textParagraph("na"),
            ])
    }

    @Test func escapedPipesInCells() {
        #expect(
            parsedBlocks("| a \\| b | `c \\| d` |\n| --- | --- |\n| \\|\\| | x\\\\|") == [
                .table(
                    header: [[.text("a | b")], [.code("c | d")]], alignments: [.none, .none],
                    rows: [[[.text("||")], [.text("x\\")]]])
            ])
    }

    @Test func tableInterruptsParagraphAndEndsAtBlock() {
        #expect(
            parsedBlocks("Tekst\n| a |\n| - |\n| 1 |\n# Kop") == [
                textParagraph("Tekst"),
                .table(header: [[.text("a")]], alignments: [.none], rows: [[[.text("1")]]]),
                .heading(level: 1, content: [.text("Kop")], line: 5),
            ])
    }

    @Test func notATable() {
        // Cell counts differ.
        #expect(parsedBlocks("| a | b |\n| --- |") == [textParagraph("| a | b | | --- |")])
        // No alignment row.
        #expect(parsedBlocks("| a | b |\n| c | d |") == [textParagraph("| a | b | | c | d |")])
        // An alignment row needs a pipe; this is text followed by a rule (with a warning).
        let (parsed, diagnostics) = MarkdownParser.parse("a\n---", file: "t.md")
        #expect(parsed == [textParagraph("a"), .thematicBreak])
        #expect(diagnostics.map(\.severity) == [.warning])
    }

    @Test func tableEdgesFollowCmarkGFM() {
        // An alignment row indented as code does not make a table.
        #expect(parsedBlocks("| a |\n    |---|") == [textParagraph("| a | |---|")])
        // An indented paragraph line can be the header.
        #expect(
            parsedBlocks("| c |\n    | a | b |\n|---|:-:|") == [
                textParagraph("| c |"), .table(header: [[.text("a")], [.text("b")]], alignments: [.none, .center], rows: []),
            ])
        // A lazy line can be the header when the alignment row is inside the container.
        #expect(
            parsedBlocks("- a\n| b | c |\n  |---|---|") == [
                .list(
                    ordered: false, start: 1,
                    items: [
                        [
                            textParagraph("a"),
                            .table(header: [[.text("b")], [.text("c")]], alignments: [.none, .none], rows: []),
                        ]
                    ])
            ])
        // Indented code ends a table.
        #expect(
            parsedBlocks("| a |\n|---|\n| b |\n    code") == [
                .table(header: [[.text("a")]], alignments: [.none], rows: [[[.text("b")]]]), .codeBlock("code"),
            ])
        // A lazy line cannot be an alignment row.
        #expect(
            parsedBlocks("* a\n  | c | d |\n|---|:-:|") == [
                .list(ordered: false, start: 1, items: [[textParagraph("a | c | d | |---|:-:|")]])
            ])
        // After a table in a quote, an unprefixed line is no lazy continuation.
        #expect(
            parsedBlocks("> | a |\n> |---|\n> | 1 |\nna") == [
                .blockQuote([.table(header: [[.text("a")]], alignments: [.none], rows: [[[.text("1")]]])]),
                textParagraph("na"),
            ])
    }

    @Test func tableInsideListItem() {
        #expect(
            parsedBlocks("- | a |\n  |---|\n  | 1 |") == [
                .list(
                    ordered: false, start: 1,
                    items: [[.table(header: [[.text("a")]], alignments: [.none], rows: [[[.text("1")]]])]])
            ])
    }
}
