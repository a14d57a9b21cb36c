extension [MarkdownBlock] {
    /// The same blocks with every link's destination replaced by `transform(destination)`.
    public func mappingLinkDestinations(_ transform: (String) -> String) -> [MarkdownBlock] {
        map { $0.mappingLinkDestinations(transform) }
    }

    /// The same blocks with every image's source replaced by `transform(source)`.
    public func mappingImageSources(_ transform: (String) -> String) -> [MarkdownBlock] {
        map { $0.mappingInlines { inline in
            guard case .image(let source, let alt, let title, let line, let column) = inline else { return inline }
            return .image(source: transform(source), alt: alt, title: title, line: line, column: column)
        } }
    }

    /// Every image, in order, with where it was written.
    public var images: [(source: String, line: Int, column: Int)] {
        var found: [(source: String, line: Int, column: Int)] = []
        for block in self {
            _ = block.mappingInlines { inline in
                if case .image(let source, _, _, let line, let column) = inline { found.append((source, line, column)) }
                return inline
            }
        }
        return found
    }
}

extension MarkdownBlock {
    /// The same block with every link's destination replaced by `transform(destination)`.
    public func mappingLinkDestinations(_ transform: (String) -> String) -> MarkdownBlock {
        mappingInlines { inline in
            guard case .link(let destination, let content, let line, let column) = inline else { return inline }
            return .link(destination: transform(destination), content: content, line: line, column: column)
        }
    }

    /// The same block with every inline, at any depth, replaced by `transform` (children first).
    public func mappingInlines(_ transform: (MarkdownInline) -> MarkdownInline) -> MarkdownBlock {
        func inlines(_ list: [MarkdownInline]) -> [MarkdownInline] {
            list.map { $0.mappingInlines(transform) }
        }
        switch self {
        case .heading(let level, let content, let line): return .heading(level: level, content: inlines(content), line: line)
        case .paragraph(let content): return .paragraph(inlines(content))
        case .list(let ordered, let start, let items):
            return .list(ordered: ordered, start: start, items: items.map { $0.map { $0.mappingInlines(transform) } })
        case .blockQuote(let inner): return .blockQuote(inner.map { $0.mappingInlines(transform) })
        case .table(let header, let alignments, let rows):
            return .table(header: header.map(inlines), alignments: alignments, rows: rows.map { $0.map(inlines) })
        case .codeBlock, .thematicBreak: return self
        }
    }
}

extension MarkdownInline {
    /// The same inline with every link's destination replaced by `transform(destination)`.
    public func mappingLinkDestinations(_ transform: (String) -> String) -> MarkdownInline {
        mappingInlines { inline in
            guard case .link(let destination, let content, let line, let column) = inline else { return inline }
            return .link(destination: transform(destination), content: content, line: line, column: column)
        }
    }

    /// This inline with its children mapped first, then itself, by `transform`.
    public func mappingInlines(_ transform: (MarkdownInline) -> MarkdownInline) -> MarkdownInline {
        switch self {
        case .link(let destination, let content, let line, let column):
            return transform(.link(destination: destination, content: content.map { $0.mappingInlines(transform) }, line: line, column: column))
        case .emphasis(let inner): return transform(.emphasis(inner.map { $0.mappingInlines(transform) }))
        case .strong(let inner): return transform(.strong(inner.map { $0.mappingInlines(transform) }))
        case .text, .code, .lineBreak, .image: return transform(self)
        }
    }
}
