/// The Markdown subset Zicht accepts in content files, as a tree of values.
///
/// Raw HTML is not part of this model: a parser keeps it as literal text, and the renderer escapes it.
public indirect enum MarkdownBlock: Sendable, Hashable {
    /// An ATX heading (`## Title`). `line` is the 1-based line in the source file.
    case heading(level: Int, content: [MarkdownInline], line: Int)
    case paragraph([MarkdownInline])
    /// A bullet (`-`, `*`, `+`) or ordered (`1.`) list; each item holds blocks.
    case list(ordered: Bool, start: Int, items: [[MarkdownBlock]])
    case blockQuote([MarkdownBlock])
    /// A GitHub-style pipe table.
    case table(header: [[MarkdownInline]], alignments: [MarkdownTableAlignment], rows: [[[MarkdownInline]]])
    /// A fenced or indented code block, shown literally.
    case codeBlock(String)
    case thematicBreak
}

public enum MarkdownTableAlignment: String, Sendable, Hashable {
    case none
    case left
    case center
    case right
}

public indirect enum MarkdownInline: Sendable, Hashable {
    case text(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case code(String)
    /// A link. `destination` is kept as written (`https://…`, `ref:7.2.4`, `#anchor`, `mailto:…`);
    /// `line`/`column` locate the `[` in the source file so a dangling reference can be reported.
    case link(destination: String, content: [MarkdownInline], line: Int, column: Int)
    /// An image: `source` as written until the loader resolves it to a file of the project,
    /// `alt` the text that replaces it for who cannot see it (never empty), `title` the caption.
    case image(source: String, alt: String, title: String?, line: Int, column: Int)
    case lineBreak
}

extension Array where Element == MarkdownInline {
    /// The visible text of inline content, without markup.
    public var plainText: String {
        var result = ""
        for inline in self {
            switch inline {
            case .text(let text), .code(let text): result += text
            case .emphasis(let inner), .strong(let inner): result += inner.plainText
            case .link(_, let content, _, _): result += content.plainText
            case .image(_, let alt, _, _, _): result += alt
            case .lineBreak: result += " "
            }
        }
        return result
    }
}
