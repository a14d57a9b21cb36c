import Foundation
import ZichtCore

/// Renders parsed Markdown as HTML5 for a page body.
///
/// All text and attribute values go through `HTMLEscaping.escape`; nothing from the input is
/// passed through as markup. Headings start at `<h2>` (the page title is the only `<h1>`) and get
/// an `id` made from their text, unique within one `render` call. Links whose destination is
/// unsafe, and `ref:` links that do not resolve, are rendered as their text.
///
/// ```swift
/// let renderer = MarkdownHTMLRenderer { id in index.path(for: id) }
/// let html = renderer.render(blocks)
/// ```
public struct MarkdownHTMLRenderer: Sendable {
    /// Given the ID after `ref:`, the URL path to link to, or nil when the ID is unknown.
    public let resolveReference: @Sendable (String) -> String?
    /// Given an image's source (a file of the project), the URL of its copy in the site.
    public let resolveImage: @Sendable (String) -> String?

    /// - Parameters:
    ///   - resolveReference: Maps the ID of a `ref:ID` link to the URL path of its target, or nil
    ///     when no such target exists (the link is then rendered as its text).
    ///   - resolveImage: Maps an image's source to the URL of its copy in the site, or nil when
    ///     there is none (the image is then rendered as its alt text).
    public init(
        resolveReference: @escaping @Sendable (String) -> String? = { _ in nil },
        resolveImage: @escaping @Sendable (String) -> String? = { _ in nil }
    ) {
        self.resolveReference = resolveReference
        self.resolveImage = resolveImage
    }

    /// The HTML of `blocks`, one block per line.
    public func render(_ blocks: [MarkdownBlock]) -> String {
        var context = Context()
        var html = ""
        html.reserveCapacity(blocks.count * 80)
        renderBlocks(blocks, into: &html, context: &context)
        return html
    }

    /// The HTML of inline content, for use inside an element the caller writes.
    public func renderInline(_ inlines: [MarkdownInline]) -> String {
        var html = ""
        renderInlines(inlines, into: &html, insideLink: false)
        return html
    }

    /// State of one `render` call: the heading ids handed out so far.
    private struct Context {
        var usedIDs: Set<String> = []

        mutating func uniqueID(for text: String) -> String {
            let base = MarkdownHTMLRenderer.slug(text)
            var candidate = base
            var number = 2
            while usedIDs.contains(candidate) {
                candidate = "\(base)-\(number)"
                number += 1
            }
            usedIDs.insert(candidate)
            return candidate
        }
    }

    // MARK: Blocks

    private func renderBlocks(_ blocks: [MarkdownBlock], into html: inout String, context: inout Context) {
        for block in blocks {
            renderBlock(block, into: &html, context: &context)
        }
    }

    private func renderBlock(_ block: MarkdownBlock, into html: inout String, context: inout Context) {
        switch block {
        case .heading(let level, let content, _):
            // An empty heading would be an empty landmark for screen readers; the parser warns.
            guard !content.isEmpty else { return }
            let tag = "h\(min(max(level, 2), 6))"
            let id = context.uniqueID(for: content.plainText)
            html += "<\(tag) id=\"\(HTMLEscaping.escape(id))\">"
            renderInlines(content, into: &html, insideLink: false)
            html += "</\(tag)>\n"
        case .paragraph(let content):
            guard !content.isEmpty else { return }
            // An image alone in its paragraph with a title is a figure; the title is its caption.
            if content.count == 1, case .image(let source, let alt, let title?, _, _) = content[0], let url = resolveImage(source) {
                html += "<figure class=\"content-figure\">\(Self.imageTag(url, alt: alt))<figcaption>\(Self.escapedText(title))</figcaption></figure>\n"
                return
            }
            html += "<p>"
            renderInlines(content, into: &html, insideLink: false)
            html += "</p>\n"
        case .list(let ordered, let start, let items):
            if ordered {
                html += start == 1 ? "<ol>\n" : "<ol start=\"\(HTMLEscaping.escape(String(start)))\">\n"
            } else {
                html += "<ul>\n"
            }
            for item in items {
                renderListItem(item, into: &html, context: &context)
            }
            html += ordered ? "</ol>\n" : "</ul>\n"
        case .blockQuote(let inner):
            html += "<blockquote>\n"
            renderBlocks(inner, into: &html, context: &context)
            html += "</blockquote>\n"
        case .table(let header, let alignments, let rows):
            renderTable(header: header, alignments: alignments, rows: rows, into: &html)
        case .codeBlock(let code):
            html += "<pre><code>\(Self.escapedText(code))</code></pre>\n"
        case .thematicBreak:
            html += "<hr>\n"
        }
    }

    /// A list item. An item whose only paragraph comes first is written without `<p>` (a "tight"
    /// item, the common case); items with several paragraphs keep them.
    private func renderListItem(_ item: [MarkdownBlock], into html: inout String, context: inout Context) {
        html += "<li>"
        var blocks = item[...]
        let paragraphs = item.count(where: { if case .paragraph = $0 { true } else { false } })
        if paragraphs == 1, case .paragraph(let content)? = blocks.first {
            renderInlines(content, into: &html, insideLink: false)
            blocks = blocks.dropFirst()
        }
        if !blocks.isEmpty {
            html += "\n"
            renderBlocks(Array(blocks), into: &html, context: &context)
        }
        html += "</li>\n"
    }

    private func renderTable(
        header: [[MarkdownInline]], alignments: [MarkdownTableAlignment], rows: [[[MarkdownInline]]],
        into html: inout String
    ) {
        // A wide table scrolls inside its own box; keyboard users must be able to reach it (WCAG 2.1.1).
        let label = "Tabel: " + header.map(\.plainText).joined(separator: ", ")
        html += "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTMLEscaping.escape(label))\"><table>\n<thead>\n<tr>"
        for (column, cell) in header.enumerated() {
            html += "<th scope=\"col\"\(alignmentClass(alignments, column))>"
            renderInlines(cell, into: &html, insideLink: false)
            html += "</th>"
        }
        html += "</tr>\n</thead>\n"
        if !rows.isEmpty {
            html += "<tbody>\n"
            for row in rows {
                html += "<tr>"
                for (column, cell) in row.enumerated() {
                    html += "<td\(alignmentClass(alignments, column))>"
                    renderInlines(cell, into: &html, insideLink: false)
                    html += "</td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        html += "</table></div>\n"
    }

    private func alignmentClass(_ alignments: [MarkdownTableAlignment], _ column: Int) -> String {
        guard column < alignments.count else { return "" }
        switch alignments[column] {
        case .none: return ""
        case .left: return " class=\"align-left\""
        case .center: return " class=\"align-center\""
        case .right: return " class=\"align-right\""
        }
    }

    // MARK: Inlines

    private func renderInlines(_ inlines: [MarkdownInline], into html: inout String, insideLink: Bool) {
        for inline in inlines {
            switch inline {
            case .text(let text):
                html += Self.escapedText(text)
            case .emphasis(let inner):
                html += "<em>"
                renderInlines(inner, into: &html, insideLink: insideLink)
                html += "</em>"
            case .strong(let inner):
                html += "<strong>"
                renderInlines(inner, into: &html, insideLink: insideLink)
                html += "</strong>"
            case .code(let code):
                html += "<code>\(Self.escapedText(code))</code>"
            case .lineBreak:
                html += "<br>\n"
            case .image(let source, let alt, _, _, _):
                guard let url = resolveImage(source) else {
                    html += Self.escapedText(alt)
                    continue
                }
                html += Self.imageTag(url, alt: alt)
            case .link(let destination, let content, _, _):
                // Links cannot nest in HTML; a link inside a link is written as its text.
                guard !insideLink, let href = href(for: destination) else {
                    renderInlines(content, into: &html, insideLink: insideLink)
                    continue
                }
                html += "<a href=\"\(HTMLEscaping.escape(Self.encodedURL(href)))\">"
                renderInlines(content, into: &html, insideLink: true)
                html += "</a>"
            }
        }
    }

    /// An `<img>` with its alt text; loaded when scrolled near, never stretched past its box.
    static func imageTag(_ url: String, alt: String) -> String {
        "<img src=\"\(HTMLEscaping.escape(encodedURL(url)))\" alt=\"\(HTMLEscaping.escape(escapedAttribute(alt)))\" loading=\"lazy\">"
    }

    /// `text` with the code points HTML forbids replaced, for an attribute value (escaped after).
    private static func escapedAttribute(_ text: String) -> String {
        text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) }
            ? String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) ? " " : $0 }))
            : text
    }

    /// `text` escaped for element content, with the code points HTML forbids in a document
    /// (controls other than tab, line feed and carriage return; noncharacters such as U+FFFE)
    /// replaced by U+FFFD, so that any input gives a valid page. A form feed becomes a space
    /// (HTML allows it, but the checker warns that XML does not).
    static func escapedText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF || $0 >= 0xF0 })
        else { return HTMLEscaping.escape(text) }
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x0C {
                cleaned.append(" ")
                continue
            }
            let isControl = (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D)
                || (value >= 0x7F && value <= 0x9F)
            let isNoncharacter = (value >= 0xFDD0 && value <= 0xFDEF) || value & 0xFFFE == 0xFFFE
            cleaned.append(isControl || isNoncharacter ? "\u{FFFD}" : scalar)
        }
        return HTMLEscaping.escape(String(cleaned))
    }

    /// `url` with the bytes that may not appear in a URL percent-encoded: controls, space,
    /// non-ASCII, `"<>\\^`{|}`, `[]` outside the host, a `%` not followed by two hex digits, and
    /// any `#` after the first.
    /// Already-encoded sequences are kept, so encoding twice changes nothing.
    static func encodedURL(_ url: String) -> String {
        let bytes = Array(url.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var sawHash = false
        // `[` and `]` are allowed in the host (an IPv6 address), nowhere else.
        var authority = 0..<0
        if let slashes = url.utf8.firstRange(of: "//".utf8) {
            let start = url.utf8.distance(from: url.utf8.startIndex, to: slashes.upperBound)
            func isDelimiter(_ byte: UInt8) -> Bool {
                byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
            }
            if !bytes[..<(start - 2)].contains(where: isDelimiter) {
                authority = start..<(bytes[start...].firstIndex(where: isDelimiter) ?? bytes.count)
            }
        }
        for (index, byte) in bytes.enumerated() {
            var encode: Bool
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "]"):
                encode = !authority.contains(index)
            case 0...0x20, 0x7F...0xFF: encode = true
            case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
                UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
                encode = true
            case UInt8(ascii: "%"):
                encode = !(index + 2 < bytes.count && bytes[index + 1].isHexDigit && bytes[index + 2].isHexDigit)
            case UInt8(ascii: "#"):
                encode = sawHash
                sawHash = true
            default:
                encode = false
            }
            if encode {
                let digits = Array("0123456789ABCDEF".utf8)
                result.append(UInt8(ascii: "%"))
                result.append(digits[Int(byte >> 4)])
                result.append(digits[Int(byte & 0x0F)])
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The `href` for a link destination: the resolved path of a `ref:` link, the destination
    /// itself when it is safe, or nil to render the link as text.
    private func href(for destination: String) -> String? {
        if destination.hasPrefix("ref:") {
            guard let path = resolveReference(String(destination.dropFirst(4))),
                HTMLEscaping.isSafeURL(path)
            else { return nil }
            return path
        }
        return HTMLEscaping.isSafeURL(destination) ? destination : nil
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (self >= 0x30 && self <= 0x39) || ((self | 0x20) >= 0x61 && (self | 0x20) <= 0x66)
    }
}
