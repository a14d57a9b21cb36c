import ZichtCore

/// A table's header row and alignment row, recognised at the header line.
struct TableStart {
    var header: [TableCell]
    var alignments: [MarkdownTableAlignment]
}

/// One cell of a table row: stretches of a single source line. A backslash before a `|` is left
/// out, so `\|` reads as a literal pipe even inside inline code, as on GitHub.
struct TableCell {
    var pieces: [InlinePiece]
}

extension MarkdownBlockParser {
    /// A GitHub pipe table starts at `lines[index]` when that line has a `|` and the next line is
    /// an alignment row (`---`, `:---`, `:---:`, `---:` between pipes) with as many cells.
    func tableStart(_ lines: [LineView], at index: Int) -> TableStart? {
        guard index + 1 < lines.count, !lines[index + 1].isLazy else { return nil }
        return source.tableStart(header: lines[index], alignmentRow: lines[index + 1])
    }

    /// Parses the table that `start` opened at `lines[index]`; its rows run until a blank line or
    /// a line that starts another block. Returns the index of the line after the table.
    mutating func parseTable(
        _ start: TableStart, lines: [LineView], at index: Int, into blocks: inout [MarkdownBlock]
    ) -> Int {
        let width = start.header.count
        let header = start.header.map { parseInlines($0.pieces) }
        var rows: [[[MarkdownInline]]] = []
        var next = index + 2
        while next < lines.count {
            let line = lines[next]
            let (offset, indent) = source.indentation(of: line)
            let end = source.end(of: line)
            // A blank line, indented code or another block ends the table.
            if offset == end || indent >= 4 || line.isLazy || source.blockStart(line) != nil { break }
            // A row without a pipe is one cell.
            let whole = InlinePiece(start: offset, end: end, lineIndex: line.index, newlineBefore: false)
            let cells = source.cells(of: line) ?? [TableCell(pieces: [whole])]
            var row: [[MarkdownInline]] = []
            row.reserveCapacity(width)
            for column in 0..<width {
                row.append(column < cells.count ? parseInlines(cells[column].pieces) : [])
            }
            rows.append(row)
            next += 1
        }
        blocks.append(.table(header: header, alignments: start.alignments, rows: rows))
        return next
    }
}

extension MarkdownSource {
    /// The table that `header` and `alignmentRow` start: the alignment row is not indented as
    /// code, and both have the same number of cells.
    func tableStart(header: LineView, alignmentRow: LineView) -> TableStart? {
        guard indentation(of: alignmentRow).indent < 4,
            let delimiters = cells(of: alignmentRow),
            let alignments = alignments(of: delimiters),
            let header = cells(of: header),
            header.count == alignments.count
        else { return nil }
        return TableStart(header: header, alignments: alignments)
    }

    /// The cells of a row, split at unescaped `|`; nil when the line has no unescaped `|`.
    /// A leading and a trailing pipe are optional.
    func cells(of line: LineView) -> [TableCell]? {
        var (position, _) = indentation(of: line)
        var end = self.end(of: line)
        while end > position, bytes[end - 1].isSpaceOrTab { end -= 1 }
        guard position < end else { return nil }
        var sawPipe = false
        if bytes[position] == .pipe {
            sawPipe = true
            position += 1
        }
        func piece(_ start: Int, _ end: Int) -> InlinePiece {
            InlinePiece(start: start, end: end, lineIndex: line.index, newlineBefore: false)
        }
        var cells: [TableCell] = []
        var pieces: [InlinePiece] = []
        var pieceStart = position
        var endedWithPipe = false
        while position < end {
            let byte = bytes[position]
            endedWithPipe = false
            if byte == .backslash, position + 1 < end {
                if bytes[position + 1] == .pipe {
                    pieces.append(piece(pieceStart, position))
                    pieceStart = position + 1
                }
                position += 2
            } else if byte == .pipe {
                sawPipe = true
                pieces.append(piece(pieceStart, position))
                cells.append(trimmed(pieces))
                pieces.removeAll()
                position += 1
                pieceStart = position
                endedWithPipe = true
            } else {
                position += 1
            }
        }
        guard sawPipe else { return nil }
        if !endedWithPipe {
            pieces.append(piece(pieceStart, end))
            cells.append(trimmed(pieces))
        }
        return cells
    }

    /// `pieces` without leading and trailing spaces and tabs, and without empty pieces.
    private func trimmed(_ pieces: [InlinePiece]) -> TableCell {
        var result = pieces.filter { $0.end > $0.start }
        while let first = result.first {
            var start = first.start
            while start < first.end, bytes[start].isSpaceOrTab { start += 1 }
            if start == first.end {
                result.removeFirst()
            } else {
                result[0].start = start
                break
            }
        }
        while let last = result.last {
            var end = last.end
            while end > last.start, bytes[end - 1].isSpaceOrTab { end -= 1 }
            if end == last.start {
                result.removeLast()
            } else {
                result[result.count - 1].end = end
                break
            }
        }
        return TableCell(pieces: result)
    }

    /// The alignments of an alignment row, or nil when a cell is not `:?-+:?`.
    private func alignments(of cells: [TableCell]) -> [MarkdownTableAlignment]? {
        guard !cells.isEmpty else { return nil }
        var result: [MarkdownTableAlignment] = []
        for cell in cells {
            guard cell.pieces.count == 1 else { return nil }
            let piece = cell.pieces[0]
            var start = piece.start
            var end = piece.end
            let left = bytes[start] == UInt8(ascii: ":")
            if left { start += 1 }
            let right = end > start && bytes[end - 1] == UInt8(ascii: ":")
            if right { end -= 1 }
            guard end > start, bytes[start..<end].allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            switch (left, right) {
            case (true, true): result.append(.center)
            case (true, false): result.append(.left)
            case (false, true): result.append(.right)
            case (false, false): result.append(.none)
            }
        }
        return result
    }
}
