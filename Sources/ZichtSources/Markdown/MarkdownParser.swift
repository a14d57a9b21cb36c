import Foundation
import ZichtCore

/// Parses the Markdown subset of Zicht content files into `MarkdownBlock`s.
///
/// The subset is CommonMark's core plus GitHub pipe tables: ATX headings, paragraphs, emphasis,
/// inline code, links and autolinks, bullet and ordered lists, block quotes, fenced and indented
/// code, thematic breaks and backslash escapes. Raw HTML and entities are kept as literal text, so
/// they are escaped on output. Images, links with an unsafe scheme and links to malformed web
/// addresses are reported as errors; their text is kept. Setext headings, link reference
/// definitions and HTML blocks are not part of the subset.
///
/// ```swift
/// let (blocks, diagnostics) = MarkdownParser.parse(body, file: "hoofdstuk-2.md", firstLine: 6)
/// ```
public struct MarkdownParser: Sendable {
    /// Parses `text`, the body of a content file.
    ///
    /// - Parameters:
    ///   - text: The Markdown text; `\n`, `\r\n` and `\r` all end a line.
    ///   - file: The path reported in diagnostics.
    ///   - firstLine: The file line number of the first line of `text`, so that positions in
    ///     headings, links and diagnostics are file positions even after front matter.
    /// - Returns: The blocks, and every problem found, in file order: errors for images, unsafe or
    ///   malformed links; warnings for empty headings and `---`/`===` directly below text.
    public static func parse(
        _ text: String, file: String, firstLine: Int = 1
    ) -> (blocks: [MarkdownBlock], diagnostics: [Diagnostic]) {
        let source = MarkdownSource(text, firstLine: firstLine)
        var parser = MarkdownBlockParser(source: source, file: file)
        var lines: [LineView] = []
        lines.reserveCapacity(source.lineCount)
        for index in 0..<source.lineCount { lines.append(source.view(ofLine: index)) }
        let blocks = parser.parseBlocks(lines, depth: 0)
        // Paragraphs report when they end; list the problems in file order.
        let diagnostics = parser.diagnostics.enumerated().sorted { first, second in
            let (a, b) = (first.element, second.element)
            return (a.line ?? 0, a.column ?? 0, first.offset) < (b.line ?? 0, b.column ?? 0, second.offset)
        }.map(\.element)
        return (blocks, diagnostics)
    }
}

/// The block structure pass: turns lines into blocks, handing paragraph and heading text to
/// `MarkdownInlineParser`. Containers (quotes, list items) are parsed by collecting their lines,
/// stripping their prefixes and parsing those recursively.
struct MarkdownBlockParser {
    /// Deeper block quotes and lists are read as text, so hostile input cannot exhaust the stack.
    static let maximumDepth = 24

    let source: MarkdownSource
    let file: String
    var diagnostics: [Diagnostic] = []
    /// Whether the warning about nesting beyond ``maximumDepth`` was given (once per text).
    private var reportedDepth = false

    init(source: MarkdownSource, file: String) {
        self.source = source
        self.file = file
    }

    /// Parses the lines of one container (the document, a quote, a list item) into blocks.
    mutating func parseBlocks(_ lines: [LineView], depth: Int) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var paragraph: [LineView] = []
        let allowContainers = depth < Self.maximumDepth
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let (offset, indent) = source.indentation(of: line)
            let end = source.end(of: line)
            if line.isLazy, !paragraph.isEmpty {
                // A lazy line continues the paragraph, unless it is the header of a table whose
                // alignment row follows inside this container (as in cmark-gfm).
                if containsPipe(from: offset, end: end), let table = tableStart(lines, at: index) {
                    flushParagraph(&paragraph, into: &blocks)
                    index = parseTable(table, lines: lines, at: index, into: &blocks)
                } else {
                    paragraph.append(line)
                    index += 1
                }
                continue
            }
            if offset == end {
                flushParagraph(&paragraph, into: &blocks)
                index += 1
                continue
            }
            if indent >= 4 {
                if !paragraph.isEmpty {
                    // An indented continuation line can still be a table's header (as in cmark-gfm).
                    if containsPipe(from: offset, end: end), let table = tableStart(lines, at: index) {
                        flushParagraph(&paragraph, into: &blocks)
                        index = parseTable(table, lines: lines, at: index, into: &blocks)
                        continue
                    }
                    paragraph.append(line)
                    index += 1
                } else {
                    index = indentedCode(lines, from: index, into: &blocks)
                }
                continue
            }
            if !allowContainers, !reportedDepth, indent < 4 {
                warnIfTooDeep(line, offset: offset)
            }
            if let start = source.blockStart(line, allowContainers: allowContainers),
                paragraph.isEmpty || start.interruptsParagraph
            {
                if case .thematicBreak = start, !paragraph.isEmpty, source.bytes[offset] == UInt8(ascii: "-") {
                    warnAboutUnderline(line, offset: offset)
                }
                flushParagraph(&paragraph, into: &blocks)
                index = parseBlock(start, lines: lines, at: index, depth: depth, into: &blocks)
                continue
            }
            if !paragraph.isEmpty, isEqualsUnderline(from: offset, end: end) {
                warnAboutUnderline(line, offset: offset)
            }
            if containsPipe(from: offset, end: end), let table = tableStart(lines, at: index) {
                flushParagraph(&paragraph, into: &blocks)
                index = parseTable(table, lines: lines, at: index, into: &blocks)
                continue
            }
            paragraph.append(line)
            index += 1
        }
        flushParagraph(&paragraph, into: &blocks)
        return blocks
    }

    /// Parses the block that `start` opens at `lines[index]`; returns the index of the next line.
    private mutating func parseBlock(
        _ start: MarkdownBlockStart, lines: [LineView], at index: Int, depth: Int, into blocks: inout [MarkdownBlock]
    ) -> Int {
        switch start {
        case .heading(let level, let contentStart, let contentEnd):
            let line = lines[index]
            let content = parseInlines([
                InlinePiece(start: contentStart, end: contentEnd, lineIndex: line.index, newlineBefore: false)
            ])
            if content.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: source.lineNumber(line.index),
                        column: source.column(of: source.indentation(of: line).offset, line: line.index),
                        severity: .warning, message: "This heading has no text; it is left out of the page.",
                        hint: "Write the heading's text after the '#' signs, or remove the line."))
            }
            blocks.append(.heading(level: level, content: content, line: source.lineNumber(line.index)))
            return index + 1
        case .thematicBreak:
            blocks.append(.thematicBreak)
            return index + 1
        case .fence(let character, let length, let indent):
            return fencedCode(lines, from: index, character: character, length: length, indent: indent, into: &blocks)
        case .quote:
            return blockQuote(lines, from: index, depth: depth, into: &blocks)
        case .listItem(let marker):
            return list(lines, from: index, first: marker, depth: depth, into: &blocks)
        }
    }

    // MARK: Leaf blocks

    /// Ends the open paragraph, if any: joins its lines and parses their inline content.
    private mutating func flushParagraph(_ paragraph: inout [LineView], into blocks: inout [MarkdownBlock]) {
        guard !paragraph.isEmpty else { return }
        var pieces: [InlinePiece] = []
        pieces.reserveCapacity(paragraph.count)
        for (position, line) in paragraph.enumerated() {
            let start = source.indentation(of: line).offset
            var end = source.end(of: line)
            if position == paragraph.count - 1 {
                while end > start, source.bytes[end - 1].isSpaceOrTab { end -= 1 }
            }
            pieces.append(InlinePiece(start: start, end: end, lineIndex: line.index, newlineBefore: position > 0))
        }
        paragraph.removeAll(keepingCapacity: true)
        blocks.append(.paragraph(parseInlines(pieces)))
    }

    /// Parses inline content made of `pieces` of the source, reporting its problems.
    mutating func parseInlines(_ pieces: [InlinePiece]) -> [MarkdownInline] {
        var parser = MarkdownInlineParser(pieces: pieces, source: source, file: file)
        let inlines = parser.parse()
        diagnostics.append(contentsOf: parser.diagnostics)
        return inlines
    }

    /// An indented code block: lines indented 4 or more columns, and blank lines between them.
    private mutating func indentedCode(
        _ lines: [LineView], from start: Int, into blocks: inout [MarkdownBlock]
    ) -> Int {
        var code: [LineView] = []
        var index = start
        while index < lines.count {
            let line = lines[index]
            let (offset, indent) = source.indentation(of: line)
            guard offset == source.end(of: line) || indent >= 4 else { break }
            code.append(source.advance(line, columns: 4))
            index += 1
        }
        while let last = code.last, source.isBlank(last) { code.removeLast() }
        blocks.append(.codeBlock(codeText(code)))
        return index
    }

    /// A fenced code block; an unclosed fence runs to the end of its container.
    private mutating func fencedCode(
        _ lines: [LineView], from start: Int, character: UInt8, length: Int, indent: Int,
        into blocks: inout [MarkdownBlock]
    ) -> Int {
        var code: [LineView] = []
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            index += 1
            if source.closesFence(line, character: character, length: length) { break }
            let removable = min(indent, source.indentation(of: line).indent)
            code.append(source.advance(line, columns: removable))
        }
        blocks.append(.codeBlock(codeText(code)))
        return index
    }

    /// The lines of a code block joined by `\n`, without a final line ending.
    private func codeText(_ lines: [LineView]) -> String {
        var bytes: [UInt8] = []
        for (position, line) in lines.enumerated() {
            if position > 0 { bytes.append(.lineFeed) }
            source.appendText(of: line, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func containsPipe(from offset: Int, end: Int) -> Bool {
        var position = offset
        while position < end {
            if source.bytes[position] == .pipe { return true }
            position += 1
        }
        return false
    }

    // MARK: Setext underlines

    private func isEqualsUnderline(from offset: Int, end: Int) -> Bool {
        var position = offset
        while position < end, source.bytes[position] == UInt8(ascii: "=") { position += 1 }
        guard position > offset else { return false }
        while position < end, source.bytes[position].isSpaceOrTab { position += 1 }
        return position == end
    }

    /// Setext headings (text underlined with `===` or `---`) are not part of the subset; an author
    /// who writes one gets a rule or literal text, and this warning.
    /// Warns, once, that a quote or list item beyond ``maximumDepth`` is read as text.
    private mutating func warnIfTooDeep(_ line: LineView, offset: Int) {
        switch source.blockStart(line) {
        case .quote?, .listItem?:
            reportedDepth = true
            diagnostics.append(
                Diagnostic(
                    file: file, line: source.lineNumber(line.index),
                    column: source.column(of: offset, line: line.index), severity: .warning,
                    message: "Lists and block quotes are nested more than \(Self.maximumDepth) levels deep here; deeper levels are read as text.",
                    hint: "Nest lists and quotes less deeply; a page rarely needs more than three levels."))
        default:
            break
        }
    }

    private mutating func warnAboutUnderline(_ line: LineView, offset: Int) {
        let isRule = source.bytes[offset] == UInt8(ascii: "-")
        diagnostics.append(
            Diagnostic(
                file: file, line: source.lineNumber(line.index),
                column: source.column(of: offset, line: line.index), severity: .warning,
                message: isRule
                    ? "A line of '---' directly below text is read as a horizontal rule, not as a heading underline."
                    : "A line of '===' directly below text is read as text, not as a heading underline.",
                hint: "Write headings with '#' (for example '## Title'); "
                    + (isRule ? "to get a rule, put a blank line before '---'." : "remove the '===' line.")))
    }
}

/// A stretch of one source line that belongs to a run of inline content.
struct InlinePiece {
    var start: Int
    var end: Int
    var lineIndex: Int
    /// Whether a line ending separates this piece from the one before it.
    var newlineBefore: Bool
}
