extension Array where Element == MarkdownBlock {
    /// The visible text of the blocks, one paragraph per line, without markup; for search and open data.
    public var plainText: String {
        var lines: [String] = []
        func visit(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                switch block {
                case .heading(_, let content, _), .paragraph(let content):
                    lines.append(content.plainText)
                case .list(_, _, let items):
                    for item in items { visit(item) }
                case .blockQuote(let inner):
                    visit(inner)
                case .table(let header, _, let rows):
                    lines.append(header.map(\.plainText).joined(separator: " | "))
                    for row in rows { lines.append(row.map(\.plainText).joined(separator: " | ")) }
                case .codeBlock(let code):
                    lines.append(code)
                case .thematicBreak:
                    break
                }
            }
        }
        visit(self)
        return lines.joined(separator: "\n")
    }
}
