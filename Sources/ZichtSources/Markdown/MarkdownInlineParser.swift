import ZichtCore

/// Parses the inline content of one paragraph, heading or table cell.
///
/// It follows CommonMark's algorithm: one pass over the bytes builds a linked list of nodes and a
/// stack of emphasis delimiters and link brackets; `]` resolves links, and emphasis is matched
/// last ("process emphasis"). Nodes live in an array and point at each other by index, so
/// wrapping a run of nodes in emphasis or a link is O(1).
struct MarkdownInlineParser {
    /// Where a stretch of `text` came from in the source.
    struct Segment {
        var textStart: Int
        var sourceStart: Int
        var lineIndex: Int
    }

    struct Node {
        enum Kind {
            /// Bytes `start..<end` of `text`.
            case text(Int, Int)
            case literal(String)
            case code(String)
            case lineBreak
            case emphasis
            case strong
            case link(destination: String, line: Int, column: Int)
            case image(source: String, title: String?, line: Int, column: Int)
        }

        var kind: Kind
        var previous = -1
        var next = -1
        var firstChild = -1
        var lastChild = -1
    }

    struct Delimiter {
        var node: Int
        var character: UInt8
        var count: Int
        var originalCount: Int
        var canOpen: Bool
        var canClose: Bool
        var previous: Int
        var next: Int
    }

    struct Bracket {
        var node: Int
        var isImage: Bool
        /// Offset in `text` of the `[` (or the `!` of `![`).
        var offset: Int
        /// The last delimiter before the bracket; emphasis inside the link is matched above it.
        var delimiterBottom: Int
    }

    /// Nesting of emphasis and links deeper than this is flattened to text.
    static let maximumDepth = 24

    let text: [UInt8]
    let segments: [Segment]
    let source: MarkdownSource
    let file: String
    var diagnostics: [Diagnostic] = []

    var nodes: [Node] = []
    var head = -1
    var tail = -1
    var delimiters: [Delimiter] = []
    var firstDelimiter = -1
    var lastDelimiter = -1
    var brackets: [Bracket] = []
    /// Brackets below this index in `brackets` can no longer open a link (links do not nest).
    var activeBracketFloor = 0
    /// Start of the last backtick run of each length seen while looking for code span closers.
    private var backtickRuns: [Int: Int] = [:]
    private var scannedAllBackticks = false
    var columnCache: (line: Int, offset: Int, column: Int) = (-1, 0, 0)

    init(pieces: [InlinePiece], source: MarkdownSource, file: String) {
        var text: [UInt8] = []
        var segments: [Segment] = []
        segments.reserveCapacity(pieces.count)
        for piece in pieces {
            if piece.newlineBefore { text.append(.lineFeed) }
            segments.append(Segment(textStart: text.count, sourceStart: piece.start, lineIndex: piece.lineIndex))
            text.append(contentsOf: source.bytes[piece.start..<piece.end])
        }
        self.text = text
        self.segments = segments
        self.source = source
        self.file = file
    }

    /// Bytes that may start inline syntax; all others are plain text.
    private static let isSpecial: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for character in "\n\\`*_[]!<" { table[Int(character.asciiValue!)] = true }
        return table
    }()

    // MARK: Scanning

    mutating func parse() -> [MarkdownInline] {
        let count = text.count
        let isSpecial = Self.isSpecial
        var index = 0
        var textStart = 0
        while index < count {
            let byte = text[index]
            if !isSpecial[Int(byte)] {
                index += 1
                continue
            }
            switch byte {
            case .lineFeed:
                var textEnd = index
                while textEnd > textStart, text[textEnd - 1] == .space { textEnd -= 1 }
                appendText(textStart, textEnd)
                append(index - textEnd >= 2 ? .lineBreak : .literal(" "))
                index = skipLeadingWhitespace(index + 1)
                textStart = index
            case .backslash:
                if index + 1 < count, text[index + 1] == .lineFeed {
                    appendText(textStart, index)
                    append(.lineBreak)
                    index = skipLeadingWhitespace(index + 2)
                    textStart = index
                } else if index + 1 < count, text[index + 1].isASCIIPunctuation {
                    appendText(textStart, index)
                    append(.text(index + 1, index + 2))
                    index += 2
                    textStart = index
                } else {
                    index += 1
                }
            case .backtick:
                appendText(textStart, index)
                index = codeSpan(at: index)
                textStart = index
            case UInt8(ascii: "*"), UInt8(ascii: "_"):
                appendText(textStart, index)
                index = delimiterRun(at: index)
                textStart = index
            case UInt8(ascii: "["):
                appendText(textStart, index)
                pushBracket(at: index, length: 1)
                index += 1
                textStart = index
            case UInt8(ascii: "!"):
                if index + 1 < count, text[index + 1] == UInt8(ascii: "[") {
                    appendText(textStart, index)
                    pushBracket(at: index, length: 2)
                    index += 2
                    textStart = index
                } else {
                    index += 1
                }
            case UInt8(ascii: "]"):
                appendText(textStart, index)
                index = closeBracket(at: index)
                textStart = index
            case UInt8(ascii: "<"):
                if let end = autolink(at: index, textStart: textStart) {
                    index = end
                    textStart = index
                } else {
                    index += 1
                }
            default:
                index += 1
            }
        }
        appendText(textStart, count)
        processEmphasis(bottom: -1)
        return build(from: head, depth: 0)
    }

    private func skipLeadingWhitespace(_ start: Int) -> Int {
        var index = start
        while index < text.count, text[index].isSpaceOrTab { index += 1 }
        return index
    }

    // MARK: Nodes

    @discardableResult
    mutating func append(_ kind: Node.Kind) -> Int {
        let index = nodes.count
        nodes.append(Node(kind: kind, previous: tail))
        if tail >= 0 { nodes[tail].next = index } else { head = index }
        tail = index
        return index
    }

    mutating func appendText(_ start: Int, _ end: Int) {
        if end > start { append(.text(start, end)) }
    }

    /// Removes node `index` from the top-level list (its children go with it).
    mutating func unlink(_ index: Int) {
        let previous = nodes[index].previous
        let next = nodes[index].next
        if previous >= 0 { nodes[previous].next = next } else { head = next }
        if next >= 0 { nodes[next].previous = previous } else { tail = previous }
        nodes[index].previous = -1
        nodes[index].next = -1
    }

    // MARK: Code spans

    /// A code span opened by the backtick run at `start`, or the run as literal text when no run
    /// of the same length closes it. Returns the index after what was consumed.
    private mutating func codeSpan(at start: Int) -> Int {
        var index = start
        while index < text.count, text[index] == .backtick { index += 1 }
        let length = index - start
        guard let closer = codeSpanCloser(from: index, length: length) else {
            append(.text(start, index))
            return index
        }
        var content = Array(text[index..<closer])
        for position in content.indices where content[position] == .lineFeed { content[position] = .space }
        if content.count >= 2, content.first == .space, content.last == .space,
            content.contains(where: { $0 != .space })
        {
            content.removeFirst()
            content.removeLast()
        }
        append(.code(String(decoding: content, as: UTF8.self)))
        return closer + length
    }

    /// The start of the next backtick run of exactly `length` at or after `start`.
    ///
    /// Runs seen on the way are remembered, and once a search reached the end of the text a failed
    /// search is answered from memory, so many unmatched backticks stay linear.
    private mutating func codeSpanCloser(from start: Int, length: Int) -> Int? {
        if scannedAllBackticks, (backtickRuns[length] ?? -1) < start { return nil }
        var index = start
        while index < text.count {
            guard text[index] == .backtick else {
                index += 1
                continue
            }
            let runStart = index
            while index < text.count, text[index] == .backtick { index += 1 }
            backtickRuns[index - runStart] = runStart
            if index - runStart == length { return runStart }
        }
        scannedAllBackticks = true
        return nil
    }

}
