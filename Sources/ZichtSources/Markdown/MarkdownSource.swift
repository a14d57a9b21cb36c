/// The UTF-8 bytes of one Markdown text, split into lines.
///
/// The parser works on bytes and offsets into `bytes`, never on `Character`s: a Dutch annual report
/// is mostly ASCII, and walking graphemes would make the parser several times slower.
struct MarkdownSource {
    let bytes: [UInt8]
    /// Byte offset where each line starts.
    let lineStarts: [Int]
    /// Byte offset where each line's content ends, before its `\n`, `\r\n` or `\r`.
    let lineEnds: [Int]
    /// Byte offset of the first byte of each line that is not a space (0x20): the end of the run of
    /// spaces the line starts with. Indentation inside that run is found in one step instead of
    /// byte by byte, so that a list nested deep by indentation costs time linear in its lines at
    /// each level, not in its bytes (2,000 lines indented 0…4,000 spaces took 1.2 s, issue 10).
    let leadingSpacesEnds: [Int]
    /// File line number of the first line.
    let firstLine: Int

    init(_ text: String, firstLine: Int) {
        let bytes = Array(text.utf8)
        var starts: [Int] = []
        var ends: [Int] = []
        starts.reserveCapacity(bytes.count / 40 + 1)
        ends.reserveCapacity(bytes.count / 40 + 1)
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == .lineFeed {
                starts.append(start)
                ends.append(index)
                index += 1
                start = index
            } else if byte == .carriageReturn {
                starts.append(start)
                ends.append(index)
                index += index + 1 < count && bytes[index + 1] == .lineFeed ? 2 : 1
                start = index
            } else {
                index += 1
            }
        }
        if start < count {
            starts.append(start)
            ends.append(count)
        }
        var spacesEnds: [Int] = []
        spacesEnds.reserveCapacity(starts.count)
        for (start, end) in zip(starts, ends) {
            var offset = start
            while offset < end, bytes[offset] == .space { offset += 1 }
            spacesEnds.append(offset)
        }
        self.bytes = bytes
        self.lineStarts = starts
        self.lineEnds = ends
        self.leadingSpacesEnds = spacesEnds
        self.firstLine = firstLine
    }

    var lineCount: Int { lineStarts.count }

    /// The file line number of the line at `index`.
    func lineNumber(_ index: Int) -> Int { firstLine + index }

    /// The 1-based column of the byte at `offset` on line `index`.
    ///
    /// Each Unicode scalar counts as one column, except a tab, which advances to the next multiple
    /// of 4 (the tab stops that also decide indentation).
    func column(of offset: Int, line index: Int, from cached: (offset: Int, column: Int)? = nil) -> Int {
        var position = lineStarts[index]
        var column = 0
        if let cached, cached.offset <= offset, cached.offset >= position {
            position = cached.offset
            column = cached.column - 1
        }
        while position < offset {
            let byte = bytes[position]
            if byte == .tab {
                column += 4 - column % 4
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            position += 1
        }
        return column + 1
    }

    // MARK: Line views

    /// A view of a line for the whole text, before any container prefix is removed.
    func view(ofLine index: Int) -> LineView {
        LineView(index: index, offset: lineStarts[index], column: 0, virtualSpaces: 0)
    }

    /// The offset just past the last byte of the line that `view` belongs to.
    @inline(__always)
    func end(of view: LineView) -> Int { lineEnds[view.index] }

    /// The first byte of `view` that is not a space or tab, and how many columns of whitespace
    /// come before it (counted from the view's start, with tab stops of 4).
    @inline(__always)
    func indentation(of view: LineView) -> (offset: Int, indent: Int) {
        var column = view.column + view.virtualSpaces
        var offset = view.offset
        let end = lineEnds[view.index]
        let spacesEnd = leadingSpacesEnds[view.index]
        if offset < spacesEnd {
            column += spacesEnd - offset
            offset = spacesEnd
        }
        while offset < end {
            let byte = bytes[offset]
            if byte == .space {
                column += 1
            } else if byte == .tab {
                column += 4 - column % 4
            } else {
                break
            }
            offset += 1
        }
        return (offset, column - view.column)
    }

    /// Whether `view` holds only spaces and tabs.
    @inline(__always)
    func isBlank(_ view: LineView) -> Bool {
        indentation(of: view).offset == lineEnds[view.index]
    }

    /// `view` with up to `columns` columns of leading whitespace removed; a tab that is only partly
    /// removed leaves the rest of its width as virtual spaces.
    func advance(_ view: LineView, columns: Int) -> LineView {
        var result = view
        var remaining = columns
        if result.virtualSpaces > 0 {
            let taken = min(remaining, result.virtualSpaces)
            result.virtualSpaces -= taken
            result.column += taken
            remaining -= taken
        }
        let end = lineEnds[view.index]
        let spacesEnd = leadingSpacesEnds[view.index]
        if remaining > 0, result.virtualSpaces == 0, result.offset < spacesEnd {
            let step = min(remaining, spacesEnd - result.offset)
            result.offset += step
            result.column += step
            remaining -= step
        }
        while remaining > 0, result.virtualSpaces == 0, result.offset < end {
            let byte = bytes[result.offset]
            if byte == .space {
                result.offset += 1
                result.column += 1
                remaining -= 1
            } else if byte == .tab {
                let width = 4 - result.column % 4
                result.offset += 1
                if width <= remaining {
                    result.column += width
                    remaining -= width
                } else {
                    result.column += remaining
                    result.virtualSpaces = width - remaining
                    remaining = 0
                }
            } else {
                break
            }
        }
        return result
    }

    /// Appends the text of `view` (its virtual spaces, then its bytes) to `output`.
    func appendText(of view: LineView, to output: inout [UInt8]) {
        for _ in 0..<view.virtualSpaces { output.append(.space) }
        output.append(contentsOf: bytes[view.offset..<lineEnds[view.index]])
    }
}

/// A line of the source with the prefixes of its enclosing containers (`> `, list indentation)
/// removed.
struct LineView {
    /// Index of the line in `MarkdownSource.lineStarts`.
    var index: Int
    /// Byte offset where the rest of the line starts.
    var offset: Int
    /// Visual column (0-based, tab stops of 4) where the view starts.
    var column: Int
    /// Spaces left over from a tab that was partly consumed; they come before `offset`.
    var virtualSpaces: Int
    /// Whether an enclosing container took this line as a lazy continuation of a paragraph: it
    /// continues the innermost open paragraph, whatever its indentation or first characters.
    var isLazy = false
}

extension UInt8 {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let backslash = UInt8(ascii: "\\")
    static let backtick = UInt8(ascii: "`")
    static let pipe = UInt8(ascii: "|")

    /// Space or tab.
    @inline(__always)
    var isSpaceOrTab: Bool { self == .space || self == .tab }

    /// One of the ASCII punctuation characters that a backslash can escape.
    @inline(__always)
    var isASCIIPunctuation: Bool {
        (self >= 0x21 && self <= 0x2F) || (self >= 0x3A && self <= 0x40) || (self >= 0x5B && self <= 0x60)
            || (self >= 0x7B && self <= 0x7E)
    }

    @inline(__always)
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }

    @inline(__always)
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
}
