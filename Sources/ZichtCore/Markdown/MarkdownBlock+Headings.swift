extension Array where Element == MarkdownBlock {
    /// The blocks with heading levels made fit for a page whose outline starts at `topLevel`.
    ///
    /// First all levels are shifted so that the smallest level present becomes `topLevel`; then each
    /// heading, in document order, is raised so that it is at most one level deeper than the heading
    /// before it (the first heading is at most `topLevel`), so that no level is skipped; levels are
    /// capped at 6. Headings inside block quotes and list items take part, in document order.
    ///
    /// For example, with `topLevel` 2: levels 1, 3, 5 become 2, 3, 4 (shifted to 2, 4, 6, then
    /// closed up); levels 3, 2 become 2, 2 (the first heading may not be deeper than the top).
    public func normalizingHeadings(topLevel: Int) -> [MarkdownBlock] {
        let top = Swift.min(Swift.max(topLevel, 1), 6)
        var smallest = Int.max
        Self.visitHeadingLevels(self) { level in smallest = Swift.min(smallest, level) }
        guard smallest != Int.max else { return self }
        var state = HeadingNormalization(shift: top - smallest, top: top)
        return state.apply(to: self)
    }

    /// Splits the blocks at every top-level heading of exactly `atLevel`.
    ///
    /// - Returns: The blocks before the first such heading, and for each such heading its content,
    ///   its file line, and the blocks up to the next one. Headings of other levels stay inside the
    ///   blocks of the section they appear in.
    public func splitSections(
        atLevel level: Int
    ) -> (preamble: [MarkdownBlock], sections: [(heading: [MarkdownInline], line: Int, blocks: [MarkdownBlock])]) {
        var preamble: [MarkdownBlock] = []
        var sections: [(heading: [MarkdownInline], line: Int, blocks: [MarkdownBlock])] = []
        for block in self {
            if case .heading(level, let content, let line) = block {
                sections.append((content, line, []))
            } else if sections.isEmpty {
                preamble.append(block)
            } else {
                sections[sections.count - 1].blocks.append(block)
            }
        }
        return (preamble, sections)
    }

    /// Every link in the blocks, in document order: in headings, paragraphs, table cells, list
    /// items and block quotes, at any depth, with the file position of its `[`.
    public var referencedLinks: [(destination: String, line: Int, column: Int)] {
        var links: [(destination: String, line: Int, column: Int)] = []
        for block in self { block.collectLinks(into: &links) }
        return links
    }

    private static func visitHeadingLevels(_ blocks: [MarkdownBlock], _ visit: (Int) -> Void) {
        for block in blocks {
            switch block {
            case .heading(let level, _, _): visit(level)
            case .blockQuote(let inner): visitHeadingLevels(inner, visit)
            case .list(_, _, let items): for item in items { visitHeadingLevels(item, visit) }
            case .paragraph, .table, .codeBlock, .thematicBreak: break
            }
        }
    }
}

/// The running state of `normalizingHeadings`: the shift, and the level of the previous heading.
private struct HeadingNormalization {
    let shift: Int
    let top: Int
    var previous: Int?

    init(shift: Int, top: Int) {
        self.shift = shift
        self.top = top
    }

    mutating func apply(to blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        blocks.map { block in
            switch block {
            case .heading(let level, let content, let line):
                let limit = previous.map { $0 + 1 } ?? top
                let normalized = Swift.max(1, Swift.min(level + shift, limit, 6))
                previous = normalized
                return .heading(level: normalized, content: content, line: line)
            case .blockQuote(let inner):
                return .blockQuote(apply(to: inner))
            case .list(let ordered, let start, let items):
                return .list(ordered: ordered, start: start, items: items.map { apply(to: $0) })
            case .paragraph, .table, .codeBlock, .thematicBreak:
                return block
            }
        }
    }
}

extension MarkdownBlock {
    fileprivate func collectLinks(into links: inout [(destination: String, line: Int, column: Int)]) {
        switch self {
        case .heading(_, let content, _), .paragraph(let content):
            content.collectLinks(into: &links)
        case .list(_, _, let items):
            for item in items { for block in item { block.collectLinks(into: &links) } }
        case .blockQuote(let inner):
            for block in inner { block.collectLinks(into: &links) }
        case .table(let header, _, let rows):
            for cell in header { cell.collectLinks(into: &links) }
            for row in rows { for cell in row { cell.collectLinks(into: &links) } }
        case .codeBlock, .thematicBreak:
            break
        }
    }
}

extension Array where Element == MarkdownInline {
    fileprivate func collectLinks(into links: inout [(destination: String, line: Int, column: Int)]) {
        for inline in self {
            switch inline {
            case .link(let destination, let content, let line, let column):
                links.append((destination, line, column))
                content.collectLinks(into: &links)
            case .emphasis(let inner), .strong(let inner):
                inner.collectLinks(into: &links)
            case .text, .code, .lineBreak, .image:
                break
            }
        }
    }
}
