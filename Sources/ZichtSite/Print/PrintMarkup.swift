import Foundation

/// Rewrites the main content of one page of the site for the print version of its document, where
/// all pages stand one after another in one HTML file.
///
/// The input is markup that ``HTMLWriter`` wrote (through ``NodePage`` and the renderers it calls):
/// every `<` in text and every `"` in an attribute value is escaped, so a `<` always starts a tag and
/// a tag ends at the first `>`. That makes a small scanner exact here; it is not an HTML parser for
/// markup from elsewhere. The rewrite:
///
/// - shifts headings so that the page's `<h1>` gets ``headingLevel`` and deeper headings follow,
///   down to h6 (the bookmarks of the PDF are made from h1–h6; deeper headings stay h6);
/// - makes ids unique in the combined file (`criteria` → `PREFIX--criteria`), with everything that
///   refers to them: `for`, `aria-labelledby`, `aria-describedby`, `headers`, `#` links, `url(#…)`;
/// - sends every other link through ``link`` (a page of the same document becomes a `#` link, a
///   link that cannot work in the PDF loses its `href` and keeps its text) and every image source
///   through ``source`` (inlined as a `data:` URL);
/// - opens every `<details>`, since a PDF cannot fold open;
/// - leaves out what only helps on the web: the "Terug naar …" link, the list of a page's
///   children (the PDF has one table of contents), the PDF's own download link, and the download
///   links of CSV and JSON files when the PDF cannot point to the published site.
struct PrintMarkup {
    /// The level of the page's `<h1>` in the print version (1…6).
    var headingLevel: Int
    /// Put before every id of the page, with `--` between.
    var idPrefix: String
    /// The new destination of a link that is not a `#` fragment (decoded text in, decoded text out),
    /// or nil to drop the `href`.
    var link: (String) -> String?
    /// The new source of an image (decoded), or nil to drop it.
    var source: (String) -> String?

    /// Elements with one of these classes are left out.
    var droppedClasses: Set<String> = Self.webOnlyClasses
    /// What only helps on the web: the link back up, the PDF's own download link.
    static let webOnlyClasses: Set<String> = ["back", "pdf-download"]
    /// Download links of the site's files (CSV, JSON), left out when the PDF cannot link to them.
    static let downloadClasses: Set<String> = ["download", "downloads"]
    /// Sections labelled by a heading with one of these ids are left out (the list of children).
    static let droppedSections: Set<String> = ["onderdelen"]
    /// Attributes whose value is a list of ids.
    static let idListAttributes: Set<String> = ["for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers"]
    static let voidElements: Set<String> = ["area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    func rewrite(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var index = 0
        // The element being left out: its name and how deep inside it the scan is.
        var skipping: (name: String, depth: Int)?
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), var tag = Tag(bytes, at: index) else {
                if skipping == nil { output.append(bytes[index]) }
                index += 1
                continue
            }
            index = tag.end
            if let (name, depth) = skipping {
                guard tag.name == name, !tag.isSelfClosing else { continue }
                skipping = tag.isClosing ? (depth == 1 ? nil : (name, depth - 1)) : (name, depth + 1)
                continue
            }
            if !tag.isClosing, !tag.isSelfClosing, !Self.voidElements.contains(tag.name), isDropped(tag) {
                skipping = (tag.name, 1)
                continue
            }
            rewrite(&tag)
            output.append(contentsOf: tag.serialised().utf8)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func isDropped(_ tag: Tag) -> Bool {
        if let classes = tag.value("class"), classes.split(separator: " ").contains(where: { droppedClasses.contains(String($0)) }) {
            return true
        }
        return tag.name == "section" && tag.value("aria-labelledby").map(Self.droppedSections.contains) == true
    }

    private func rewrite(_ tag: inout Tag) {
        if tag.name.count == 2, tag.name.first == "h", let level = Int(tag.name.dropFirst()), (1...6).contains(level) {
            tag.name = "h\(min(6, level + headingLevel - 1))"
        }
        guard !tag.isClosing else { return }
        if tag.name == "details", tag.value("open") == nil { tag.attributes.append((name: "open", value: nil)) }
        var kept: [(name: String, value: String?)] = []
        for (name, raw) in tag.attributes {
            guard let raw else {
                kept.append((name, nil))
                continue
            }
            let value = Tag.decoded(raw)
            switch name {
            case "id":
                kept.append((name, HTMLEscaping.escape(prefixed(value))))
            case _ where Self.idListAttributes.contains(name):
                kept.append((name, HTMLEscaping.escape(value.split(separator: " ").map { prefixed(String($0)) }.joined(separator: " "))))
            case "href", "xlink:href":
                let target = value.hasPrefix("#") ? "#" + prefixed(String(value.dropFirst())) : link(value)
                if let target { kept.append((name, HTMLEscaping.escape(target))) }
            case "src" where tag.name == "img":
                if let target = source(value) { kept.append((name, HTMLEscaping.escape(target))) }
            default:
                kept.append((name, value.contains("url(#") ? HTMLEscaping.escape(value.replacingOccurrences(of: "url(#", with: "url(#" + idPrefix + "--")) : raw))
            }
        }
        tag.attributes = kept
    }

    private func prefixed(_ id: String) -> String { "\(idPrefix)--\(id)" }
}

/// One tag of markup that ``HTMLWriter`` wrote: `<name a="v" b>`, `</name>` or `<name …/>`.
struct Tag {
    var name: String
    var isClosing: Bool
    var isSelfClosing: Bool
    /// Attribute names with their raw (still escaped) values; nil for an attribute without value.
    var attributes: [(name: String, value: String?)]
    /// The index just after the tag's `>`.
    var end: Int

    /// The tag that starts at `start` (a `<`), or nil when none does (a comment, a doctype, a stray `<`).
    init?(_ bytes: [UInt8], at start: Int) {
        var index = start + 1
        func isNameByte(_ byte: UInt8) -> Bool {
            byte != UInt8(ascii: ">") && byte != UInt8(ascii: "/") && byte != UInt8(ascii: "=") && !Self.isSpace(byte)
        }
        isClosing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if isClosing { index += 1 }
        let nameStart = index
        guard index < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index] | 0x20) else { return nil }
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        attributes = []
        isSelfClosing = false
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) {
                index += 1
            } else if byte == UInt8(ascii: ">") {
                end = index + 1
                return
            } else if byte == UInt8(ascii: "/") {
                isSelfClosing = true
                index += 1
            } else {
                let attributeStart = index
                while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
                guard index > attributeStart else { return nil }
                let attribute = String(decoding: bytes[attributeStart..<index], as: UTF8.self).lowercased()
                var value: String?
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    guard index < bytes.count else { return nil }
                    let quote = bytes[index]
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        let valueStart = index + 1
                        guard let close = bytes[valueStart...].firstIndex(of: quote) else { return nil }
                        value = String(decoding: bytes[valueStart..<close], as: UTF8.self)
                        if quote == UInt8(ascii: "'") { value = HTMLEscaping.escape(Tag.decoded(value!)) }
                        index = close + 1
                    } else {
                        let valueStart = index
                        while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                        value = HTMLEscaping.escape(Tag.decoded(String(decoding: bytes[valueStart..<index], as: UTF8.self)))
                    }
                }
                isSelfClosing = false
                attributes.append((attribute, value))
            }
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == 0x0C
    }

    /// The decoded value of an attribute, or nil when the tag has none of that name (an attribute
    /// without value gives "").
    func value(_ attribute: String) -> String? {
        attributes.first { $0.name == attribute }.map { $0.value.map(Tag.decoded) ?? "" }
    }

    func serialised() -> String {
        if isClosing { return "</\(name)>" }
        var text = "<" + name
        for (attribute, value) in attributes {
            text += " " + attribute
            if let value { text += "=\"" + value + "\"" }
        }
        return text + (isSelfClosing ? "/>" : ">")
    }

    /// Undoes ``HTMLEscaping/escape(_:)``: the five entities it writes (and `&#x27;`); any other
    /// text is kept as it is.
    static func decoded(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
