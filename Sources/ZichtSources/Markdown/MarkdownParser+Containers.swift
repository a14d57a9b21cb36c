import ZichtCore

extension MarkdownBlockParser {
    /// A block quote: lines starting with `>`, and lazy continuation lines of a paragraph in it.
    mutating func blockQuote(
        _ lines: [LineView], from start: Int, depth: Int, into blocks: inout [MarkdownBlock]
    ) -> Int {
        var inner: [LineView] = []
        var tracker = LazyContinuationTracker()
        var index = start
        while index < lines.count {
            var line = lines[index]
            let (offset, indent) = source.indentation(of: line)
            let end = source.end(of: line)
            if line.isLazy {
                inner.append(line)
            } else if indent < 4, offset < end, source.bytes[offset] == UInt8(ascii: ">") {
                var content = LineView(
                    index: line.index, offset: offset + 1, column: line.column + indent + 1, virtualSpaces: 0)
                if content.offset < end, source.bytes[content.offset].isSpaceOrTab {
                    content = source.advance(content, columns: 1)
                }
                inner.append(content)
                tracker.update(with: content, in: source)
            } else if offset < end, tracker.paragraphIsOpen, source.blockStart(line) == nil {
                line.isLazy = true
                inner.append(line)
                tracker.continueLazily(with: line)
            } else {
                break
            }
            index += 1
        }
        blocks.append(.blockQuote(parseBlocks(inner, depth: depth + 1)))
        return index
    }

    /// A list: consecutive items with the same kind of marker, separated by blank lines or not.
    mutating func list(
        _ lines: [LineView], from start: Int, first: ListMarker, depth: Int, into blocks: inout [MarkdownBlock]
    ) -> Int {
        var items: [[MarkdownBlock]] = []
        var marker = first
        var index = start
        while true {
            let (content, next) = listItemLines(lines, from: index, marker: marker)
            items.append(parseBlocks(content, depth: depth + 1))
            index = next
            while index < lines.count, source.isBlank(lines[index]) { index += 1 }
            guard index < lines.count,
                case .listItem(let nextMarker) = source.blockStart(lines[index]),
                nextMarker.continues(first)
            else { break }
            marker = nextMarker
        }
        blocks.append(.list(ordered: first.ordered, start: first.start, items: items))
        return index
    }

    /// The lines of one list item, with the item's indentation removed, and the index after them.
    private func listItemLines(
        _ lines: [LineView], from start: Int, marker: ListMarker
    ) -> (content: [LineView], next: Int) {
        // Indentation counts from where the container's content starts on each line, not from
        // the start of the line, so `> - a` / `>   b` works like `- a` / `  b`.
        let required = marker.contentColumn - lines[start].column
        var content = [marker.content]
        var tracker = LazyContinuationTracker()
        tracker.update(with: marker.content, in: source)
        var hasContent = !marker.isEmpty
        var index = start + 1
        while index < lines.count {
            var line = lines[index]
            let (offset, indent) = source.indentation(of: line)
            if line.isLazy {
                content.append(line)
            } else if offset == source.end(of: line) {
                // An item can begin with at most one blank line (as in cmark, a line of enough
                // spaces does not count as one).
                if !hasContent, indent < required { break }
                content.append(line)
                tracker.update(with: line, in: source)
            } else if indent >= required {
                let inner = source.advance(line, columns: required)
                hasContent = true
                content.append(inner)
                tracker.update(with: inner, in: source)
            } else if tracker.paragraphIsOpen, source.blockStart(line) == nil {
                line.isLazy = true
                content.append(line)
                tracker.continueLazily(with: line)
            } else {
                break
            }
            index += 1
        }
        while content.count > 1, let last = content.last, source.isBlank(last) {
            content.removeLast()
            index -= 1
        }
        return (content, index)
    }
}

/// Follows the lines of a container closely enough to know whether a paragraph is open at its end,
/// which decides whether an unprefixed line is a lazy continuation of it (CommonMark's
/// "paragraph continuation text").
///
/// It looks one level deep: it knows whether the open paragraph is directly in the container, in
/// a list item (and how far that item's content is indented) or in a block quote, but not what is
/// nested further inside those.
struct LazyContinuationTracker {
    /// Where the open paragraph, or the text that would continue it, lives.
    private enum Context {
        case container
        /// In a list item whose content starts this many columns in.
        case item(Int)
        case quote
    }

    private(set) var paragraphIsOpen = false
    private var context = Context.container
    private var fence: (character: UInt8, length: Int)?
    /// Inside a table (after its alignment row), rows are no paragraph; a blank line ends it.
    private var inTable = false
    /// The line that holds the open paragraph's text, a possible table header.
    private var lastTextLine: LineView?

    /// Notes a lazy continuation line: the paragraph stays open, and the line may be the header
    /// of a table.
    mutating func continueLazily(with line: LineView) {
        lastTextLine = line
    }

    mutating func update(with line: LineView, in source: MarkdownSource) {
        let (offset, indent) = source.indentation(of: line)
        if offset == source.end(of: line) {
            paragraphIsOpen = false
            inTable = false
            return
        }
        if inTable {
            if indent < 4, source.blockStart(line) == nil {
                paragraphIsOpen = false
                return
            }
            inTable = false
        }
        if paragraphIsOpen, let header = lastTextLine, source.tableStart(header: header, alignmentRow: line) != nil {
            inTable = true
            paragraphIsOpen = false
            return
        }
        defer { lastTextLine = paragraphIsOpen ? line : nil }
        if let open = fence {
            if source.closesFence(line, character: open.character, length: open.length) { fence = nil }
            paragraphIsOpen = false
            return
        }
        // A line indented as far as the open list item's content belongs to that item.
        var itemWidth = 0
        if case .item(let width) = context, indent >= width { itemWidth = width }
        let inItem = itemWidth > 0
        if indent - itemWidth >= 4 {
            // Indented code, unless it continues a paragraph.
            if !paragraphIsOpen, !inItem { context = .container }
            return
        }
        let start = source.blockStart(inItem ? source.advance(line, columns: itemWidth) : line)
        if paragraphIsOpen, let start, !start.interruptsParagraph {
            // An empty item or `2.` below text is more text, unless it starts a new item beside the
            // one holding the paragraph, or the paragraph is in a quote (whose `>` is missing here).
            switch context {
            case .container: return
            case .item: if inItem { return }
            case .quote: break
            }
        }
        switch start {
        case .fence(let character, let length, _)?:
            fence = (character, length)
            paragraphIsOpen = false
        case .heading?, .thematicBreak?:
            paragraphIsOpen = false
        case .quote(let markerOffset)?:
            var rest = markerOffset + 1
            let end = source.end(of: line)
            while rest < end, source.bytes[rest].isSpaceOrTab { rest += 1 }
            context = .quote
            paragraphIsOpen = rest < end
        case .listItem(let marker)?:
            context = .item(marker.contentColumn - line.column)
            paragraphIsOpen = !marker.isEmpty
        case nil:
            if !paragraphIsOpen, !inItem { context = .container }
            paragraphIsOpen = true
        }
    }
}
