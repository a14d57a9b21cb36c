import Foundation
import Testing
import ZichtCore
import ZichtSources

/// Positions, diagnostics, hostile input, line endings, and robustness.
struct MarkdownParserDiagnosticsTests {
    /// The (line, column) of every link in `text`, in order.
    private func linkPositions(_ text: String, firstLine: Int = 1) -> [[Int]] {
        parsedBlocks(text, firstLine: firstLine).referencedLinks.map { [$0.line, $0.column] }
    }

    // MARK: Link positions

    @Test func linkPositionIsTheFilePositionOfTheBracket() {
        #expect(linkPositions("[a](b)") == [[1, 1]])
        #expect(linkPositions("tekst [a](b) en [c](d)") == [[1, 7], [1, 17]])
        #expect(linkPositions("eerste regel\n  tweede [a](b)") == [[2, 10]])
        #expect(linkPositions("[a](b)", firstLine: 12) == [[12, 1]])
        #expect(linkPositions("---\nskip\n\n[a](b)", firstLine: 3) == [[6, 1]])
    }

    @Test func linkPositionsInContainers() {
        #expect(linkPositions("> citaat [a](b)") == [[1, 10]])
        #expect(linkPositions("> > [a](b)") == [[1, 5]])
        #expect(linkPositions("- item\n  - sub [a](b)") == [[2, 9]])
        #expect(linkPositions("1. [a](b)") == [[1, 4]])
        #expect(linkPositions("## Kop [a](b)") == [[1, 8]])
        #expect(linkPositions("| x | y |\n|---|---|\n| 1 | [a](b) |") == [[3, 7]])
        #expect(linkPositions("> a\nlazy [a](b)") == [[2, 6]])
    }

    @Test func columnsCountCharactersAndTabStops() {
        // é and € are one column each, although they take 2 and 3 bytes.
        #expect(linkPositions("é € [a](b)") == [[1, 5]])
        // A tab advances to the next multiple of 4.
        #expect(linkPositions("-\t[a](b)") == [[1, 5]])
        #expect(linkPositions("ab\t[a](b)") == [[1, 5]])
        #expect(linkPositions("> ab\t[a](b)") == [[1, 9]])
    }

    @Test func autolinkPositionIsTheAngleBracket() {
        #expect(linkPositions("zie <https://a.nl>") == [[1, 5]])
    }

    // MARK: Diagnostics

    @Test func anImageKeepsItsAltTextAsPlainTextAndItsTitle() throws {
        let (parsed, diagnostics) = MarkdownParser.parse(
            "Tekst\n\nKijk: ![Kaart van *de* wijk](kaart%20binnenstad.png \"Bron: \\\"gemeente\\\"\") en verder", file: "h1.md", firstLine: 4)
        #expect(diagnostics.isEmpty)
        #expect(parsed == [
            textParagraph("Tekst"),
            .paragraph([
                .text("Kijk: "),
                .image(source: "kaart%20binnenstad.png", alt: "Kaart van de wijk", title: "Bron: \"gemeente\"", line: 6, column: 7),
                .text(" en verder"),
            ]),
        ])
    }

    @Test(arguments: ["![](kaart.png)", "![   ](kaart.png)", "![ \t ](kaart.png \"titel\")"])
    func anImageWithoutAltTextIsALocatedError(text: String) throws {
        let (_, diagnostics) = MarkdownParser.parse("Tekst\n\nKijk: " + text, file: "h1.md", firstLine: 4)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.description.hasPrefix("h1.md:6:7: error: an image needs alt text"))
        #expect(diagnostic.hint?.contains("![") == true)
    }

    @Test(arguments: [
        "javascript:alert(1)", "JAVASCRIPT:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>",
        "vbscript:msgbox", "file:///etc/passwd", "ftp://x.nl",
    ])
    func unsafeLinksAreReportedAndKeptAsText(destination: String) throws {
        let (parsed, diagnostics) = MarkdownParser.parse("Klik\n[*hier*](\(destination)) nu", file: "p.md", firstLine: 10)
        #expect(parsed == [.paragraph([.text("Klik "), .emphasis([.text("hier")]), .text(" nu")])])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.line == 11)
        #expect(diagnostic.column == 1)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("not allowed"))
        #expect(diagnostic.hint?.contains("ref:") == true)
    }

    @Test func unsafeAutolinkIsReported() throws {
        let (parsed, diagnostics) = MarkdownParser.parse("x <javascript:alert(1)>", file: "p.md")
        #expect(parsed == [textParagraph("x javascript:alert(1)")])
        #expect(diagnostics.map { [$0.line, $0.column] } == [[1, 3]])
    }

    @Test(arguments: [
        ("https://", "the host name is empty"),
        ("https://:80/a", "the host name is empty"),
        ("https:x.nl", "needs '//'"),
        ("http:/x.nl", "needs '//'"),
        ("<https://ex ample.nl>", "contains a space"),
        ("http://x.nl\\y", "contains '\\'"),
        ("https://a..b.nl", "empty part"),
        ("https://x.nl:8a/", "the port is not a number"),
        ("//x.nl:abc/", "the port is not a number"),
        ("https://x.nl:65536/", "larger than 65535"),
        ("https://[::1/", "no ']'"),
        ("https://[zz]/", "IPv6 address is not valid"),
    ])
    func malformedWebAddressesAreReported(destination: String, problem: String) throws {
        let (parsed, diagnostics) = MarkdownParser.parse("zie [de site](\(destination))", file: "p.md")
        #expect(parsed == [textParagraph("zie de site")])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect([diagnostic.line, diagnostic.column] == [1, 5])
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("not a valid web address: "), "\(diagnostic.message)")
        #expect(diagnostic.message.contains(problem), "\(diagnostic.message)")
    }

    @Test func wellFormedWebAddressesPass() {
        for destination in [
            "https://www.cbs.nl/nl-nl/cijfers?a=1#b", "http://x.nl:8080/", "https://x.nl:/", "https://[::1]:80/a",
            "https://jan@x.nl", "//x.nl/a", "https://café.nl/é", "https://x_y.nl", "https://x.nl.", "/a:b", "mailto:a@b.nl",
        ] {
            #expect(MarkdownParser.webAddressProblem(destination) == nil, "\(destination)")
        }
    }

    @Test func allowedDestinations() {
        for destination in [
            "https://a.nl", "HTTP://A.NL", "mailto:a@b.nl", "/pad", "pad/b.html", "#anker", "?q=1", "ref:7.2.4",
            "ref:", "a/b:c", "",
            // Entities are not decoded, so these are relative URLs (a path; a path and a #fragment).
            "javascript&colon;alert(1)", "jav&#x61;script:alert(1)",
        ] {
            #expect(MarkdownParser.isAllowedDestination(destination), "\(destination)")
        }
        for destination in ["javascript:x", " javascript:x", "data:x", "REF:x", "ref :x", "java\tscript:x"] {
            #expect(!MarkdownParser.isAllowedDestination(destination), "\(destination)")
        }
    }

    @Test func diagnosticsAreInFileOrder() {
        let text = "![](b) [c](javascript:d)\ntekst\n---\n![](f)"
        let (_, diagnostics) = MarkdownParser.parse(text, file: "t.md")
        #expect(diagnostics.map { [$0.line ?? 0, $0.column ?? 0] } == [[1, 1], [1, 8], [3, 1], [4, 1]])
        #expect(diagnostics.map(\.severity) == [.error, .error, .warning, .error])
    }

    @Test func emptyHeadingIsAWarning() {
        let (parsed, diagnostics) = MarkdownParser.parse("text\n\n##", file: "t.md")
        #expect(parsed == [textParagraph("text"), .heading(level: 2, content: [], line: 3)])
        #expect(diagnostics.map { [$0.line ?? 0, $0.column ?? 0] } == [[3, 1]])
        #expect(diagnostics.first?.severity == .warning)
    }

    // MARK: Hostile input

    @Test func hostileTextStaysText() {
        #expect(parsedInlines("<script>alert(1)</script>") == [.text("<script>alert(1)</script>")])
        #expect(
            parsedInlines("[\"><img src=x onerror=alert(1)>](https://a.nl)") == [
                .link(destination: "https://a.nl", content: [.text("\"><img src=x onerror=alert(1)>")], line: 1, column: 1)
            ])
        // A space ends the destination, and what follows is no title: not a link at all.
        #expect(
            parsedInlines("[a](https://a.nl/\"><img src=x onerror=alert(1)>)")
                == [.text("[a](https://a.nl/\"><img src=x onerror=alert(1)>)")])
        // The pointy destination ends at the first `>`; what follows is no `)`, so no link, but
        // `<https://a.nl/">` is an autolink (its quote is escaped on output).
        #expect(
            parsedInlines("[a](<https://a.nl/\"><img>)") == [
                .text("[a]("),
                .link(destination: "https://a.nl/\"", content: [.text("https://a.nl/\"")], line: 1, column: 5),
                .text("<img>)"),
            ])
    }

    // MARK: Line endings

    @Test func crlfAndCRLineEndings() {
        let expected: [MarkdownBlock] = [
            .heading(level: 2, content: [.text("Kop")], line: 1),
            .paragraph([.text("een twee"), .lineBreak, .text("drie")]),
            .codeBlock("code\nregel"),
            .list(ordered: false, start: 1, items: [[textParagraph("a")], [textParagraph("b")]]),
            .heading(level: 3, content: [.link(destination: "x", content: [.text("l")], line: 13, column: 5)], line: 13),
        ]
        let lf = "## Kop\n\neen\ntwee  \ndrie\n\n```\ncode\nregel\n```\n- a\n- b\n### [l](x)\n"
        #expect(parsedBlocks(lf) == expected)
        #expect(parsedBlocks(lf.replacingOccurrences(of: "\n", with: "\r\n")) == expected)
        #expect(parsedBlocks(lf.replacingOccurrences(of: "\n", with: "\r")) == expected)
    }

    // MARK: Robustness

    @Test func deepNestingDoesNotExhaustTheStack() {
        let quotes = String(repeating: ">", count: 20_000) + " a"
        _ = MarkdownParser.parse(quotes, file: "t.md")
        let lists = (0..<300).map { String(repeating: " ", count: $0 * 2) + "- x" }.joined(separator: "\n")
        _ = MarkdownParser.parse(lists, file: "t.md")
        let emphasis = String(repeating: "*a ", count: 20_000) + String(repeating: "a* ", count: 20_000)
        let (parsed, _) = MarkdownParser.parse(emphasis, file: "t.md")
        #expect(parsed.count == 1)
        let brackets = String(repeating: "[", count: 20_000) + "a" + String(repeating: "](b)", count: 20_000)
        _ = MarkdownParser.parse(brackets, file: "t.md")
    }

    /// Beyond 24 levels quotes and lists are read as text; that used to happen silently, now one
    /// located warning says so (issue 10).
    @Test func nestingBeyondTheLimitIsReadAsTextWithOneWarning() throws {
        let lists = (0..<30).map { String(repeating: " ", count: $0 * 2) + "- x" }.joined(separator: "\n")
        let quotes = String(repeating: "> ", count: 30) + "a"
        for (text, line) in [(lists, 25), (quotes, 1)] {
            let (_, diagnostics) = MarkdownParser.parse(text, file: "t.md")
            #expect(diagnostics.count == 1)
            let warning = try #require(diagnostics.first)
            #expect(warning.severity == .warning && warning.line == line && warning.column == 49)
            #expect(warning.message == "Lists and block quotes are nested more than 24 levels deep here; deeper levels are read as text.")
        }
        let shallow = (0..<24).map { String(repeating: " ", count: $0 * 2) + "- x" }.joined(separator: "\n")
        #expect(MarkdownParser.parse(shallow, file: "t.md").diagnostics.isEmpty)
    }

    @Test func pathologicalInputStaysFast() {
        let clock = ContinuousClock()
        let inputs = [
            String(repeating: "`a", count: 50_000),
            String(repeating: "*_", count: 50_000),
            String(repeating: "[a](", count: 20_000),
            String(repeating: "<a", count: 50_000),
            String(repeating: "a | ", count: 20_000) + "\n" + String(repeating: "- | ", count: 20_000),
            String(repeating: "- ", count: 5_000) + "x",
        ]
        for input in inputs {
            let elapsed = clock.measure { _ = MarkdownParser.parse(input, file: "t.md") }
            #expect(elapsed < .seconds(5), "took \(elapsed) for \(input.prefix(10))…")
        }
    }

    @Test func emptyAndBlankInput() {
        #expect(parsedBlocks("") == [])
        #expect(parsedBlocks("\n\n  \n\t\n") == [])
        #expect(parsedBlocks("\r\n") == [])
    }
}
