import Testing
import ZichtCore
import ZichtSite
import ZichtSources

/// Laws that hold for any input: parsing never crashes, and rendering never lets markup through.
struct MarkdownRenderingPropertyTests {
    /// Pieces that exercise the syntax, hostile markup, line endings and multi-byte characters.
    static let pieces = [
        "a", "tekst", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "*", "**", "_", "__", "`", "```", "~~~", "[", "]",
        "(", ")", "![", "<", ">", "<script>", "</script>", "<SCRIPT>", "<img src=x onerror=alert(1)>", "\"", "'",
        "&", "&amp;", "&lt;", "#", "## ", "- ", "* ", "1. ", "2) ", "> ", "|", "\\|", "---", "\\", "javascript:",
        "JAVASCRIPT:", "https://x.nl", "ref:", "ref:7.2", "mailto:", "é", "€", "😀", "\u{0}", "\u{1}", "\u{C}", "\u{7F}", "\u{85}",
        String(Unicode.Scalar(0xFFFE)!), String(Unicode.Scalar(0xFDD0)!), ":", "    ", "=",
        "](", "](javascript:alert(1))", "](https://x.nl/\"><b>)", "<https://a.nl>", "<a@b.nl>", "|---|", ":-:",
    ]

    static func randomMarkdown(_ generator: inout SplitMix64) -> String {
        let count = Int(generator.next() % 80)
        var text = ""
        for _ in 0..<count {
            text += pieces[Int(generator.next() % UInt64(pieces.count))]
        }
        return text
    }

    /// The tags the testRenderer writes, with the attributes it may give them.
    /// (Computed: `Regex` is not `Sendable`, so it cannot be a stored static.)
    static var allowedTag: Regex<(Substring, Substring, Substring, Substring)> {
        /<(\/?)(h[2-6]|p|em|strong|code|a|br|ul|ol|li|blockquote|pre|hr|div|table|thead|tbody|tr|th|td)((?: (?:href|id|class|scope|start)="[^"<>]*")*)>/
    }

    @Test func randomInputNeverCrashesOrInjectsMarkup() throws {
        var generator = SplitMix64(seed: 20_240_601)
        let allowedTag = Self.allowedTag
        for iteration in 0..<3_000 {
            let markdown = Self.randomMarkdown(&generator)
            let (blocks, diagnostics) = MarkdownParser.parse(markdown, file: "random.md", firstLine: 3)
            let output = testRenderer.render(blocks)
            #expect(!output.lowercased().contains("<script"), "iteration \(iteration): \(markdown.debugDescription)")
            #expect(!output.lowercased().contains("<img"), "iteration \(iteration): \(markdown.debugDescription)")
            // Every `<` in the output starts one of our own tags; every tag is properly nested.
            let leftover = output.replacing(allowedTag, with: "")
            #expect(!leftover.contains("<"), "iteration \(iteration): \(markdown.debugDescription)\n\(output)")
            #expect(isProperlyNested(output), "iteration \(iteration): \(markdown.debugDescription)\n\(output)")
            // No code point that HTML forbids in a document (the Nu checker reports them).
            #expect(
                output.unicodeScalars.allSatisfy(isAllowedInHTML),
                "iteration \(iteration): \(markdown.debugDescription)")
            // Positions point into the text.
            let lineCount = markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            for link in blocks.referencedLinks {
                #expect(link.line >= 3 && link.line < 3 + lineCount && link.column >= 1)
            }
            for diagnostic in diagnostics {
                let line = try #require(diagnostic.line)
                #expect(line >= 3 && line < 3 + lineCount && (diagnostic.column ?? 0) >= 1)
            }
        }
    }

    private func isAllowedInHTML(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return [0x09, 0x0A, 0x0D].contains(value) }
        if value >= 0x7F && value <= 0x9F { return false }
        return !(value >= 0xFDD0 && value <= 0xFDEF) && value & 0xFFFE != 0xFFFE
    }

    /// Whether the non-void tags in `html` open and close in matching pairs.
    private func isProperlyNested(_ html: String) -> Bool {
        var stack: [Substring] = []
        for match in html.matches(of: Self.allowedTag) {
            let name = match.output.2
            if name == "br" || name == "hr" { continue }
            if match.output.1.isEmpty {
                stack.append(name)
            } else if stack.popLast() != name {
                return false
            }
        }
        return stack.isEmpty
    }

    @Test func parserAndRendererAgreeOnSafeDestinations() {
        var generator = SplitMix64(seed: 7)
        let parts = [
            "javascript", "JavaScript", "http", "https", "mailto", "data", "ref", ":", "/", "?", "#", " ", "\t",
            "\u{A0}", "a", "x.nl", "&colon;", "%3A", "İ", "K",
        ]
        var destinations = ["", "https://a.nl", "//a.nl", "HTTPS://A.NL", " javascript:x", "\tjavascript:x"]
        for _ in 0..<5_000 {
            let count = Int(generator.next() % 6)
            destinations.append((0..<count).map { _ in parts[Int(generator.next() % UInt64(parts.count))] }.joined())
        }
        for destination in destinations where !destination.hasPrefix("ref:") {
            #expect(
                MarkdownParser.isAllowedDestination(destination) == HTMLEscaping.isSafeURL(destination),
                "\(destination.debugDescription)")
        }
    }

    @Test func parsingIsDeterministicAndRenderingIsStable() {
        var generator = SplitMix64(seed: 99)
        for _ in 0..<300 {
            let markdown = Self.randomMarkdown(&generator)
            let first = MarkdownParser.parse(markdown, file: "a.md")
            let second = MarkdownParser.parse(markdown, file: "a.md")
            #expect(first.blocks == second.blocks)
            #expect(first.diagnostics == second.diagnostics)
            #expect(testRenderer.render(first.blocks) == testRenderer.render(second.blocks))
        }
    }
}
