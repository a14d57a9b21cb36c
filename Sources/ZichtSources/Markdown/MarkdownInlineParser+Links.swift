import Foundation
import ZichtCore

extension MarkdownInlineParser {
    // MARK: Links

    mutating func pushBracket(at offset: Int, length: Int) {
        let node = append(.text(offset, offset + length))
        brackets.append(Bracket(node: node, isImage: length == 2, offset: offset, delimiterBottom: lastDelimiter))
    }

    /// Handles a `]` at `index`: a link or image when a bracket is open and `(destination)`
    /// follows; otherwise a literal `]`. Returns the index after what was consumed.
    mutating func closeBracket(at index: Int) -> Int {
        guard let opener = brackets.last else {
            append(.text(index, index + 1))
            return index + 1
        }
        brackets.removeLast()
        let isActive = brackets.count >= activeBracketFloor
        activeBracketFloor = min(activeBracketFloor, brackets.count)
        guard isActive || opener.isImage, let (destination, title, end) = linkTail(at: index + 1) else {
            append(.text(index, index + 1))
            return index + 1
        }
        processEmphasis(bottom: opener.delimiterBottom)
        let (line, column) = position(of: opener.offset)
        if opener.isImage {
            // The loader checks the source: a file of the project, of a known image type.
            adoptFollowing(opener.node, as: .image(source: destination, title: title, line: line, column: column))
            var alt: [UInt8] = []
            if nodes[opener.node].firstChild >= 0 { appendPlainText(of: nodes[opener.node].firstChild, to: &alt) }
            if String(decoding: alt, as: UTF8.self).allSatisfy(\.isWhitespace) { reportImageWithoutAlt(line: line, column: column) }
            return end
        }
        // Links do not nest: no bracket before this one can open a link any more.
        activeBracketFloor = brackets.count
        guard acceptDestination(destination, line: line, column: column) else {
            unlink(opener.node)
            return end
        }
        adoptFollowing(opener.node, as: .link(destination: destination, line: line, column: column))
        return end
    }

    /// Turns the bracket's node into `kind` with every node after it as its children.
    private mutating func adoptFollowing(_ node: Int, as kind: Node.Kind) {
        let first = nodes[node].next
        nodes[node].kind = kind
        if first >= 0 {
            nodes[node].firstChild = first
            nodes[node].lastChild = tail
            nodes[first].previous = -1
            nodes[node].next = -1
            tail = node
        }
    }

    /// Parses `(destination "optional title")` at `start`; returns the destination (backslash
    /// escapes removed, entities kept) and the index after `)`.
    private func linkTail(at start: Int) -> (String, String?, Int)? {
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
        var title: [UInt8]?
        index = skipWhitespaceAndNewlines(index)
        if index < count, index > afterDestination,
            text[index] == UInt8(ascii: "\"") || text[index] == UInt8(ascii: "'") || text[index] == UInt8(ascii: "(")
        {
            let opening = text[index]
            let closing = opening == UInt8(ascii: "(") ? UInt8(ascii: ")") : opening
            index += 1
            var written: [UInt8] = []
            while true {
                guard index < count else { return nil }
                let byte = text[index]
                if byte == closing { break }
                if opening == UInt8(ascii: "("), byte == opening { return nil }
                if byte == .backslash, index + 1 < count, text[index + 1].isASCIIPunctuation {
                    written.append(text[index + 1])
                    index += 2
                } else {
                    written.append(byte)
                    index += 1
                }
            }
            title = written
            index = skipWhitespaceAndNewlines(index + 1)
        }
        guard index < count, text[index] == UInt8(ascii: ")") else { return nil }
        let caption = title.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        return (String(decoding: destination, as: UTF8.self), caption?.isEmpty == false ? caption : nil, index + 1)
    }

    private func skipWhitespaceAndNewlines(_ start: Int) -> Int {
        var index = start
        while index < text.count, text[index].isSpaceOrTab || text[index] == .lineFeed { index += 1 }
        return index
    }

    /// An autolink `<scheme:…>` or `<name@example.nl>` at `start`; returns the index after `>`.
    mutating func autolink(at start: Int, textStart: Int) -> Int? {
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
            while index < count, text[index] > .space, text[index] != UInt8(ascii: "<"),
                text[index] != UInt8(ascii: ">")
            {
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
        if acceptDestination(destination, line: line, column: column) {
            let content = nodes.count
            nodes.append(Node(kind: .text(start + 1, index)))
            let link = append(.link(destination: destination, line: line, column: column))
            nodes[link].firstChild = content
            nodes[link].lastChild = content
        } else {
            append(.text(start + 1, index))
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

    private mutating func reportImageWithoutAlt(line: Int, column: Int) {
        diagnostics.append(
            Diagnostic(
                file: file, line: line, column: column,
                message: "an image needs alt text: a description of what it shows, between the brackets of ![…](…)",
                hint: "for example ![Kaart van de binnenstad met de plekken van de camera's](afbeeldingen/camera.png)"))
    }

    /// Whether a link to `destination` may be made; reports why not when it may not.
    private mutating func acceptDestination(_ destination: String, line: Int, column: Int) -> Bool {
        let shown = destination.count > 60 ? destination.prefix(57) + "..." : Substring(destination)
        if !MarkdownParser.isAllowedDestination(destination) {
            diagnostics.append(
                Diagnostic(
                    file: file, line: line, column: column,
                    message: "Link destination '\(shown)' uses a scheme that is not allowed; "
                        + "the link text is shown without a link.",
                    hint: "Link to an http:, https: or mailto: address, a relative path, a #fragment, or ref:ID."))
            return false
        }
        if let problem = MarkdownParser.webAddressProblem(destination) {
            diagnostics.append(
                Diagnostic(
                    file: file, line: line, column: column,
                    message: "Link destination '\(shown)' is not a valid web address: \(problem); "
                        + "the link text is shown without a link.",
                    hint: "Check the address; it should look like https://www.example.nl/page."))
            return false
        }
        return true
    }
}
