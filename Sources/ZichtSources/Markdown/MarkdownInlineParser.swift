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
    private(set) var diagnostics: [Diagnostic] = []

    var nodes: [Node] = []
    var head = -1
    var tail = -1
    var delimiters: [Delimiter] = []
    var firstDelimiter = -1
    var lastDelimiter = -1
    private var brackets: [Bracket] = []
    /// Brackets below this index in `brackets` can no longer open a link (links do not nest).
    private var activeBracketFloor = 0
    /// Start of the last backtick run of each length seen while looking for code span closers.
    private var backtickRuns: [Int: Int] = [:]
    private var scannedAllBackticks = false
    private var columnCache: (line: Int, offset: Int, column: Int) = (-1, 0, 0)

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

    private mutating func appendText(_ start: Int, _ end: Int) {
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

    // MARK: Links

    private mutating func pushBracket(at offset: Int, length: Int) {
        let node = append(.text(offset, offset + length))
        brackets.append(Bracket(node: node, isImage: length == 2, offset: offset, delimiterBottom: lastDelimiter))
    }

    /// Handles a `]` at `index`: a link or image when a bracket is open and `(destination)`
    /// follows; otherwise a literal `]`. Returns the index after what was consumed.
    private mutating func closeBracket(at index: Int) -> Int {
        guard let opener = brackets.last else {
            append(.text(index, index + 1))
            return index + 1
        }
        brackets.removeLast()
        let isActive = brackets.count >= activeBracketFloor
        activeBracketFloor = min(activeBracketFloor, brackets.count)
        guard isActive || opener.isImage, let (destination, end) = linkTail(at: index + 1) else {
            append(.text(index, index + 1))
            return index + 1
        }
        processEmphasis(bottom: opener.delimiterBottom)
        let (line, column) = position(of: opener.offset)
        if opener.isImage {
            unlink(opener.node)
            reportImage(line: line, column: column)
            return end
        }
        // Links do not nest: no bracket before this one can open a link any more.
        activeBracketFloor = brackets.count
        guard MarkdownParser.isAllowedDestination(destination) else {
            unlink(opener.node)
            reportUnsafeLink(destination, line: line, column: column)
            return end
        }
        let first = nodes[opener.node].next
        nodes[opener.node].kind = .link(destination: destination, line: line, column: column)
        if first >= 0 {
            nodes[opener.node].firstChild = first
            nodes[opener.node].lastChild = tail
            nodes[first].previous = -1
            nodes[opener.node].next = -1
            tail = opener.node
        }
        return end
    }

    /// Parses `(destination "optional title")` at `start`; returns the destination (backslash
    /// escapes removed, entities kept) and the index after `)`.
    private func linkTail(at start: Int) -> (String, Int)? {
        let count = text.count
        guard start < count, text[start] == UInt8(ascii: "(") else { return nil }
        var index = skipWhitespaceAndNewlines(start + 1)
        var destination: [UInt8] = []
        if index < count, text[index] == UInt8(ascii: "<") {
            index += 1
            while true {
                guard index < count else { return nil }
                let byte = text[index]
                if byte == UInt8(ascii: ">") { break }
                if byte == .lineFeed || byte == UInt8(ascii: "<") { return nil }
                if byte == .backslash, index + 1 < count, text[index + 1].isASCIIPunctuation {
                    index += 1
                }
                destination.append(text[index])
                index += 1
            }
            index += 1
        } else {
            var depth = 0
            while index < count {
                let byte = text[index]
                if byte <= .space || byte == 0x7F { break }
                if byte == .backslash, index + 1 < count, text[index + 1].isASCIIPunctuation {
                    destination.append(text[index + 1])
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "(") {
                    depth += 1
                    if depth > 32 { return nil }
                } else if byte == UInt8(ascii: ")") {
                    if depth == 0 { break }
                    depth -= 1
                }
                destination.append(byte)
                index += 1
            }
            guard depth == 0 else { return nil }
        }
        let afterDestination = index
        index = skipWhitespaceAndNewlines(index)
        if index < count, index > afterDestination,
            text[index] == UInt8(ascii: "\"") || text[index] == UInt8(ascii: "'") || text[index] == UInt8(ascii: "(")
        {
            let opening = text[index]
            let closing = opening == UInt8(ascii: "(") ? UInt8(ascii: ")") : opening
            index += 1
            while true {
                guard index < count else { return nil }
                let byte = text[index]
                if byte == closing { break }
                if opening == UInt8(ascii: "("), byte == opening { return nil }
                index += byte == .backslash ? 2 : 1
            }
            index = skipWhitespaceAndNewlines(index + 1)
        }
        guard index < count, text[index] == UInt8(ascii: ")") else { return nil }
        return (String(decoding: destination, as: UTF8.self), index + 1)
    }

    private func skipWhitespaceAndNewlines(_ start: Int) -> Int {
        var index = start
        while index < text.count, text[index].isSpaceOrTab || text[index] == .lineFeed { index += 1 }
        return index
    }

    /// An autolink `<scheme:…>` or `<name@example.nl>` at `start`; returns the index after `>`.
    private mutating func autolink(at start: Int, textStart: Int) -> Int? {
        let count = text.count
        var index = start + 1
        var isEmail = false
        // scheme:rest
        while index < count, index - start <= 33,
            text[index].isASCIILetter || (index > start + 1 && isSchemeCharacter(text[index]))
        {
            index += 1
        }
        let schemeLength = index - start - 1
        if schemeLength >= 2, schemeLength <= 32, index < count, text[index] == UInt8(ascii: ":") {
            index += 1
            while index < count, text[index] > .space, text[index] != UInt8(ascii: "<"), text[index] != UInt8(ascii: ">") {
                index += 1
            }
        } else {
            // name@domain
            index = start + 1
            while index < count, isEmailLocalCharacter(text[index]) { index += 1 }
            guard index > start + 1, index < count, text[index] == UInt8(ascii: "@") else { return nil }
            index += 1
            var labelStart = index
            while index < count {
                let byte = text[index]
                if byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "-") {
                    index += 1
                } else if byte == UInt8(ascii: "."), index > labelStart {
                    index += 1
                    labelStart = index
                } else {
                    break
                }
            }
            guard index > labelStart, index - labelStart <= 63 else { return nil }
            isEmail = true
        }
        guard index < count, text[index] == UInt8(ascii: ">") else { return nil }
        appendText(textStart, start)
        let address = String(decoding: text[(start + 1)..<index], as: UTF8.self)
        let destination = isEmail ? "mailto:" + address : address
        let (line, column) = position(of: start)
        if MarkdownParser.isAllowedDestination(destination) {
            let content = nodes.count
            nodes.append(Node(kind: .text(start + 1, index)))
            let link = append(.link(destination: destination, line: line, column: column))
            nodes[link].firstChild = content
            nodes[link].lastChild = content
        } else {
            append(.text(start + 1, index))
            reportUnsafeLink(destination, line: line, column: column)
        }
        return index + 1
    }

    private func isSchemeCharacter(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "-")
    }

    private func isEmailLocalCharacter(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte.isASCIIDigit || (byte.isASCIIPunctuation && !"\"(),:;<>@[\\]".utf8.contains(byte))
    }

    // MARK: Positions and diagnostics

    /// The file line and column of byte `offset` of `text`.
    mutating func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].textStart <= offset { low = middle } else { high = middle - 1 }
        }
        let segment = segments[low]
        let sourceOffset = segment.sourceStart + (offset - segment.textStart)
        let cached: (offset: Int, column: Int)? =
            columnCache.line == segment.lineIndex ? (columnCache.offset, columnCache.column) : nil
        let column = source.column(of: sourceOffset, line: segment.lineIndex, from: cached)
        columnCache = (segment.lineIndex, sourceOffset, column)
        return (source.lineNumber(segment.lineIndex), column)
    }

    private mutating func reportImage(line: Int, column: Int) {
        diagnostics.append(
            Diagnostic(
                file: file, line: line, column: column,
                message: "Images are not supported in Markdown text; the image's alt text is shown as text.",
                hint: "Remove the '!' to link to the file instead, or describe what the image shows in words."))
    }

    private mutating func reportUnsafeLink(_ destination: String, line: Int, column: Int) {
        let shown = destination.count > 60 ? destination.prefix(57) + "..." : Substring(destination)
        diagnostics.append(
            Diagnostic(
                file: file, line: line, column: column,
                message: "Link destination '\(shown)' uses a scheme that is not allowed; the link text is shown without a link.",
                hint: "Link to an http:, https: or mailto: address, a relative path, a #fragment, or ref:ID."))
    }
}
