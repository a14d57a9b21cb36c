extension [MarkdownBlock] {
    /// The same blocks with every link's destination replaced by `transform(destination)`.
    public func mappingLinkDestinations(_ transform: (String) -> String) -> [MarkdownBlock] {
        map { $0.mappingLinkDestinations(transform) }
    }
}

extension MarkdownBlock {
    /// The same block with every link's destination replaced by `transform(destination)`.
    public func mappingLinkDestinations(_ transform: (String) -> String) -> MarkdownBlock {
        func inlines(_ list: [MarkdownInline]) -> [MarkdownInline] {
            list.map { $0.mappingLinkDestinations(transform) }
        }
        switch self {
        case .heading(let level, let content, let line): return .heading(level: level, content: inlines(content), line: line)
        case .paragraph(let content): return .paragraph(inlines(content))
        case .list(let ordered, let start, let items):
            return .list(ordered: ordered, start: start, items: items.map { $0.mappingLinkDestinations(transform) })
        case .blockQuote(let inner): return .blockQuote(inner.mappingLinkDestinations(transform))
        case .table(let header, let alignments, let rows):
            return .table(header: header.map(inlines), alignments: alignments, rows: rows.map { $0.map(inlines) })
        case .codeBlock, .thematicBreak: return self
        }
    }
}

extension MarkdownInline {
    /// The same inline with every link's destination replaced by `transform(destination)`.
    public func mappingLinkDestinations(_ transform: (String) -> String) -> MarkdownInline {
        switch self {
        case .link(let destination, let content, let line, let column):
            return .link(destination: transform(destination), content: content.map { $0.mappingLinkDestinations(transform) }, line: line, column: column)
        case .emphasis(let inner): return .emphasis(inner.map { $0.mappingLinkDestinations(transform) })
        case .strong(let inner): return .strong(inner.map { $0.mappingLinkDestinations(transform) })
        case .text, .code, .lineBreak: return self
        }
    }
}
