import ZichtCore

extension MarkdownInlineParser {
    // MARK: Delimiter runs

    /// Adds the run of `*` or `_` at `start` as text, and as a delimiter when it can open or close
    /// emphasis (CommonMark's left- and right-flanking rules). Returns the index after the run.
    mutating func delimiterRun(at start: Int) -> Int {
        let character = text[start]
        var end = start
        while end < text.count, text[end] == character { end += 1 }
        let before = scalar(endingAt: start)
        let after = scalar(at: end)
        let beforeIsSpace = Self.isWhitespace(before)
        let afterIsSpace = Self.isWhitespace(after)
        let beforeIsPunctuation = Self.isPunctuation(before)
        let afterIsPunctuation = Self.isPunctuation(after)
        let leftFlanking = !afterIsSpace && (!afterIsPunctuation || beforeIsSpace || beforeIsPunctuation)
        let rightFlanking = !beforeIsSpace && (!beforeIsPunctuation || afterIsSpace || afterIsPunctuation)
        let canOpen: Bool
        let canClose: Bool
        if character == UInt8(ascii: "*") {
            canOpen = leftFlanking
            canClose = rightFlanking
        } else {
            // `_` inside a word (snake_case) is text.
            canOpen = leftFlanking && (!rightFlanking || beforeIsPunctuation)
            canClose = rightFlanking && (!leftFlanking || afterIsPunctuation)
        }
        let node = append(.text(start, end))
        if canOpen || canClose {
            let index = delimiters.count
            delimiters.append(
                Delimiter(
                    node: node, character: character, count: end - start, originalCount: end - start,
                    canOpen: canOpen, canClose: canClose, previous: lastDelimiter, next: -1))
            if lastDelimiter >= 0 { delimiters[lastDelimiter].next = index } else { firstDelimiter = index }
            lastDelimiter = index
        }
        return end
    }

    /// The Unicode scalar that ends just before byte `index` (a line ending at the start).
    private func scalar(endingAt index: Int) -> Unicode.Scalar {
        guard index > 0 else { return "\n" }
        var start = index - 1
        while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start)
    }

    /// The Unicode scalar that starts at byte `index` (a line ending past the end).
    private func scalar(at index: Int) -> Unicode.Scalar {
        guard index < text.count else { return "\n" }
        let first = text[index]
        if first < 0x80 { return Unicode.Scalar(first) }
        var value: UInt32
        var length: Int
        if first >= 0xF0 {
            value = UInt32(first & 0x07)
            length = 3
        } else if first >= 0xE0 {
            value = UInt32(first & 0x0F)
            length = 2
        } else {
            value = UInt32(first & 0x1F)
            length = 1
        }
        for offset in 1...length where index + offset < text.count {
            value = value << 6 | UInt32(text[index + offset] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20: return true
        case 0..<0x80: return false
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// CommonMark's Unicode punctuation: general categories P and S.
    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return UInt8(scalar.value).isASCIIPunctuation }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    // MARK: Process emphasis

    /// Matches emphasis delimiters above `bottom` (a delimiter index, or -1 for all), wrapping the
    /// nodes between matched pairs in emphasis or strong nodes, then drops those delimiters.
    mutating func processEmphasis(bottom: Int) {
        // Lowest opener still worth trying, per closer kind: character × can-open × length mod 3.
        var openersBottom = [Int](repeating: bottom, count: 12)
        var closer = bottom >= 0 ? delimiters[bottom].next : firstDelimiter
        while closer >= 0 {
            let current = delimiters[closer]
            guard current.canClose else {
                closer = current.next
                continue
            }
            let key =
                (current.character == UInt8(ascii: "*") ? 0 : 6) + (current.canOpen ? 3 : 0) + current.originalCount % 3
            var opener = current.previous
            var found = false
            while opener >= 0, opener != bottom, opener != openersBottom[key] {
                let candidate = delimiters[opener]
                if candidate.character == current.character, candidate.canOpen {
                    let oddMatch =
                        (candidate.canClose || current.canOpen)
                        && (candidate.originalCount + current.originalCount) % 3 == 0
                        && !(candidate.originalCount % 3 == 0 && current.originalCount % 3 == 0)
                    if !oddMatch {
                        found = true
                        break
                    }
                }
                opener = candidate.previous
            }
            if found {
                closer = match(opener: opener, closer: closer)
            } else {
                openersBottom[key] = current.previous
                let next = current.next
                if !current.canOpen { removeDelimiter(closer) }
                closer = next
            }
        }
        if bottom >= 0 {
            delimiters[bottom].next = -1
            lastDelimiter = bottom
        } else {
            firstDelimiter = -1
            lastDelimiter = -1
        }
    }

    /// Wraps the nodes between a matched opener and closer; returns the closer to continue with.
    private mutating func match(opener: Int, closer: Int) -> Int {
        let used = delimiters[opener].count >= 2 && delimiters[closer].count >= 2 ? 2 : 1
        delimiters[opener].count -= used
        delimiters[closer].count -= used
        let openerNode = delimiters[opener].node
        let closerNode = delimiters[closer].node
        if case .text(let start, let end) = nodes[openerNode].kind {
            nodes[openerNode].kind = .text(start, end - used)
        }
        if case .text(let start, let end) = nodes[closerNode].kind {
            nodes[closerNode].kind = .text(start + used, end)
        }
        let wrapper = nodes.count
        nodes.append(Node(kind: used == 2 ? .strong : .emphasis))
        let first = nodes[openerNode].next
        let last = nodes[closerNode].previous
        if first != closerNode {
            nodes[wrapper].firstChild = first
            nodes[wrapper].lastChild = last
            nodes[first].previous = -1
            nodes[last].next = -1
        }
        nodes[openerNode].next = wrapper
        nodes[wrapper].previous = openerNode
        nodes[wrapper].next = closerNode
        nodes[closerNode].previous = wrapper
        // Delimiters between the pair can no longer match anything.
        delimiters[opener].next = closer
        delimiters[closer].previous = opener
        if delimiters[opener].count == 0 {
            unlink(openerNode)
            removeDelimiter(opener)
        }
        if delimiters[closer].count == 0 {
            let next = delimiters[closer].next
            unlink(closerNode)
            removeDelimiter(closer)
            return next
        }
        return closer
    }

    private mutating func removeDelimiter(_ index: Int) {
        let previous = delimiters[index].previous
        let next = delimiters[index].next
        if previous >= 0 { delimiters[previous].next = next } else { firstDelimiter = next }
        if next >= 0 { delimiters[next].previous = previous } else { lastDelimiter = previous }
    }

    // MARK: Building the result

    /// The inline values of the node list starting at `first`; adjacent text is merged.
    func build(from first: Int, depth: Int) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        var pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty {
                result.append(.text(String(decoding: pending, as: UTF8.self)))
                pending.removeAll(keepingCapacity: true)
            }
        }
        var index = first
        while index >= 0 {
            let node = nodes[index]
            switch node.kind {
            case .text(let start, let end):
                pending.append(contentsOf: text[start..<end])
            case .literal(let string):
                pending.append(contentsOf: string.utf8)
            case .code(let code):
                flush()
                result.append(.code(code))
            case .lineBreak:
                flush()
                result.append(.lineBreak)
            case .image(let source, let title, let line, let column):
                flush()
                var alt: [UInt8] = []
                if node.firstChild >= 0 { appendPlainText(of: node.firstChild, to: &alt) }
                let text = String(decoding: alt, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                result.append(.image(source: source, alt: text, title: title, line: line, column: column))
            case .emphasis, .strong, .link:
                if depth >= Self.maximumDepth {
                    appendPlainText(of: node.firstChild, to: &pending)
                    break
                }
                flush()
                let children = build(from: node.firstChild, depth: depth + 1)
                switch node.kind {
                case .emphasis: result.append(.emphasis(children))
                case .strong: result.append(.strong(children))
                case .link(let destination, let line, let column):
                    result.append(.link(destination: destination, content: children, line: line, column: column))
                default: break
                }
            }
            index = node.next
        }
        flush()
        return result
    }

    /// Appends the text of the node list at `first` and all its descendants, without markup;
    /// iterative, so that it is safe at any depth.
    func appendPlainText(of first: Int, to output: inout [UInt8]) {
        var stack = [first]
        while let top = stack.popLast() {
            var index = top
            while index >= 0 {
                let node = nodes[index]
                switch node.kind {
                case .text(let start, let end): output.append(contentsOf: text[start..<end])
                case .literal(let string), .code(let string): output.append(contentsOf: string.utf8)
                case .lineBreak: output.append(.space)
                case .emphasis, .strong, .link, .image:
                    // Finish the children before the siblings that follow.
                    stack.append(node.next)
                    stack.append(node.firstChild)
                    index = -1
                    continue
                }
                index = node.next
            }
        }
    }
}
