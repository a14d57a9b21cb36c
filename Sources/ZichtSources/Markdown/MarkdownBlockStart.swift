/// The start of a block that a line can open, found by looking at its first characters.
enum MarkdownBlockStart {
    /// `#`…`######`; the content range excludes the markers and an optional closing sequence.
    case heading(level: Int, contentStart: Int, contentEnd: Int)
    /// ```` ``` ```` or `~~~`; `indent` is the fence's indentation, removed from the content lines.
    case fence(character: UInt8, length: Int, indent: Int)
    case quote(markerOffset: Int)
    case thematicBreak
    case listItem(ListMarker)
}

/// A list item marker and where the item's content starts.
struct ListMarker {
    var ordered: Bool
    /// The number of an ordered item; 1 for bullets.
    var start: Int
    /// The bullet (`-`, `*`, `+`) or the delimiter after the number (`.`, `)`).
    var character: UInt8
    /// The rest of the first line, from where the item's content starts.
    var content: LineView
    /// The visual column where the item's content starts; later lines indented that far belong to it.
    var contentColumn: Int
    /// Whether nothing follows the marker on its line.
    var isEmpty: Bool

    /// Whether `other` continues the same list (same kind of bullet or delimiter).
    func continues(_ other: ListMarker) -> Bool {
        ordered == other.ordered && character == other.character
    }
}

extension MarkdownBlockStart {
    /// Whether this block may end a paragraph on the line after it.
    ///
    /// As in CommonMark, an empty list item, or an ordered one that does not start at 1, is read
    /// as paragraph text instead, so that "in\n2015. was" stays one paragraph.
    var interruptsParagraph: Bool {
        if case .listItem(let marker) = self {
            return !marker.isEmpty && (!marker.ordered || marker.start == 1)
        }
        return true
    }
}

extension MarkdownSource {
    /// The block that `view` starts, if any. Lines indented 4 or more columns start none (they are
    /// code or paragraph continuation). Block quotes and lists are not recognised when
    /// `allowContainers` is false (used to bound nesting depth).
    func blockStart(_ view: LineView, allowContainers: Bool = true) -> MarkdownBlockStart? {
        let (offset, indent) = indentation(of: view)
        let end = lineEnds[view.index]
        guard indent < 4, offset < end else { return nil }
        switch bytes[offset] {
        case UInt8(ascii: "#"):
            return atxHeading(at: offset, end: end)
        case UInt8(ascii: ">"):
            return allowContainers ? .quote(markerOffset: offset) : nil
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            return fence(at: offset, end: end, indent: indent)
        case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "+"):
            if isThematicBreak(from: offset, end: end) { return .thematicBreak }
            guard allowContainers else { return nil }
            return listMarker(view, at: offset, column: view.column + indent).map { .listItem($0) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard allowContainers else { return nil }
            return listMarker(view, at: offset, column: view.column + indent).map { .listItem($0) }
        default:
            return nil
        }
    }

    private func atxHeading(at offset: Int, end: Int) -> MarkdownBlockStart? {
        var position = offset
        while position < end, bytes[position] == UInt8(ascii: "#") { position += 1 }
        let level = position - offset
        guard level <= 6, position == end || bytes[position].isSpaceOrTab else { return nil }
        var start = position
        while start < end, bytes[start].isSpaceOrTab { start += 1 }
        var contentEnd = end
        while contentEnd > start, bytes[contentEnd - 1].isSpaceOrTab { contentEnd -= 1 }
        // An optional closing sequence of #s, preceded by whitespace (or being all there is).
        var closing = contentEnd
        while closing > start, bytes[closing - 1] == UInt8(ascii: "#") { closing -= 1 }
        if closing < contentEnd, closing == start || bytes[closing - 1].isSpaceOrTab {
            contentEnd = closing
            while contentEnd > start, bytes[contentEnd - 1].isSpaceOrTab { contentEnd -= 1 }
        }
        return .heading(level: level, contentStart: start, contentEnd: contentEnd)
    }

    private func fence(at offset: Int, end: Int, indent: Int) -> MarkdownBlockStart? {
        let character = bytes[offset]
        var position = offset
        while position < end, bytes[position] == character { position += 1 }
        let length = position - offset
        guard length >= 3 else { return nil }
        if character == .backtick {
            // The info string of a backtick fence may not contain backticks (it would be inline code).
            while position < end {
                if bytes[position] == .backtick { return nil }
                position += 1
            }
        }
        return .fence(character: character, length: length, indent: indent)
    }

    /// Whether `view` closes a fence opened with `length` × `character`.
    func closesFence(_ view: LineView, character: UInt8, length: Int) -> Bool {
        let (offset, indent) = indentation(of: view)
        let end = lineEnds[view.index]
        guard indent < 4 else { return false }
        var position = offset
        while position < end, bytes[position] == character { position += 1 }
        guard position - offset >= length else { return false }
        while position < end, bytes[position].isSpaceOrTab { position += 1 }
        return position == end
    }

    /// Three or more `-`, `*` or `_` (the same one), with only spaces or tabs between them.
    func isThematicBreak(from offset: Int, end: Int) -> Bool {
        let character = bytes[offset]
        guard character == UInt8(ascii: "-") || character == UInt8(ascii: "*") || character == UInt8(ascii: "_")
        else { return false }
        var count = 0
        for position in offset..<end {
            let byte = bytes[position]
            if byte == character {
                count += 1
            } else if !byte.isSpaceOrTab {
                return false
            }
        }
        return count >= 3
    }

    private func listMarker(_ view: LineView, at offset: Int, column: Int) -> ListMarker? {
        let end = lineEnds[view.index]
        var position = offset
        var ordered = false
        var number = 1
        let first = bytes[offset]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            position += 1
        } else {
            number = 0
            while position < end, bytes[position].isASCIIDigit, position - offset < 9 {
                number = number * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                position += 1
            }
            guard position > offset, position < end,
                bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: ")")
            else { return nil }
            ordered = true
            position += 1
        }
        let character = bytes[position - 1]
        guard position == end || bytes[position].isSpaceOrTab else { return nil }
        let markerEndColumn = column + (position - offset)
        let afterMarker = LineView(index: view.index, offset: position, column: markerEndColumn, virtualSpaces: 0)
        let (contentOffset, spaces) = indentation(of: afterMarker)
        if contentOffset == end {
            return ListMarker(
                ordered: ordered, start: number, character: character, content: afterMarker,
                contentColumn: markerEndColumn + 1, isEmpty: true)
        }
        // Five or more spaces after the marker: the content is indented code, one space in.
        let width = spaces >= 5 ? 1 : spaces
        return ListMarker(
            ordered: ordered, start: number, character: character,
            content: advance(afterMarker, columns: width), contentColumn: markerEndColumn + width, isEmpty: false)
    }
}
