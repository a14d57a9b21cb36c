/// A JSON value as read by ``ODataJSONParser``: objects keep their member order.
enum ODataJSON: Sendable, Equatable {
    case object([(String, ODataJSON)])
    case array([ODataJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func == (lhs: ODataJSON, rhs: ODataJSON) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// The member of an object with this name, or nil.
    subscript(member: String) -> ODataJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == member }?.1
    }

    /// A short name of the kind of value, for messages ("an object", "a string", …).
    var kindName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

/// Where and why a reply is not valid JSON.
struct ODataJSONSyntaxError: Error, Sendable, Equatable {
    /// 0-based byte offset in the body.
    var offset: Int
    /// What the parser expected there ("',' or '}' after an object member").
    var expected: String
    /// What it found: a quoted character, or "the end of the reply".
    var found: String
    /// True when the body simply stopped: the reply was probably cut off.
    var isEndOfInput: Bool
}

/// A strict JSON parser (RFC 8259) over bytes that reports the byte offset of a problem.
///
/// Foundation's decoders report "around line 1, column N" for a one-line reply of megabytes, and
/// lose the difference between a number and a string that looks like one; this parser keeps both.
/// Nesting is limited to 64 levels (OData replies use 3).
struct ODataJSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maxDepth = 64

    /// Parses a whole body; a UTF-8 byte order mark at the start is skipped.
    static func parse(_ bytes: [UInt8]) throws(ODataJSONSyntaxError) -> ODataJSON {
        var parser = ODataJSONParser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue(expected: "a JSON value")
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.failure(expected: "the end of the reply after the top-level value")
        }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func failure(expected: String) -> ODataJSONSyntaxError {
        guard index < bytes.count else {
            return ODataJSONSyntaxError(offset: index, expected: expected, found: "the end of the reply", isEndOfInput: true)
        }
        let byte = bytes[index]
        let found = (0x20..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        return ODataJSONSyntaxError(offset: index, expected: expected, found: found, isEndOfInput: false)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(expected: String) throws(ODataJSONSyntaxError) -> ODataJSON {
        guard index < bytes.count else { throw failure(expected: expected) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"): try parseLiteral("true", expected: expected); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false", expected: expected); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null", expected: expected); return .null
        default: throw failure(expected: expected)
        }
    }

    private mutating func parseLiteral(_ word: String, expected: String) throws(ODataJSONSyntaxError) {
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw failure(expected: "'\(word)' (\(expected))") }
            index += 1
        }
    }

    private mutating func enter() throws(ODataJSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth {
            throw ODataJSONSyntaxError(
                offset: index, expected: "at most \(Self.maxDepth) nested objects or arrays", found: "deeper nesting",
                isEndOfInput: false)
        }
    }

    private mutating func parseObject() throws(ODataJSONSyntaxError) -> ODataJSON {
        try enter()
        index += 1  // {
        var members: [(String, ODataJSON)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure(expected: "'\"' to start a member name")
            }
            let name = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw failure(expected: "':' after member name \"\(name)\"")
            }
            index += 1
            skipWhitespace()
            members.append((name, try parseValue(expected: "a value for member \"\(name)\"")))
            skipWhitespace()
            guard index < bytes.count else { throw failure(expected: "',' or '}' after member \"\(name)\"") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(members)
            } else {
                throw failure(expected: "',' or '}' after member \"\(name)\"")
            }
        }
    }

    private mutating func parseArray() throws(ODataJSONSyntaxError) -> ODataJSON {
        try enter()
        index += 1  // [
        var elements: [ODataJSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(expected: "an array element"))
            skipWhitespace()
            guard index < bytes.count else { throw failure(expected: "',' or ']' after array element \(elements.count)") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(elements)
            } else {
                throw failure(expected: "',' or ']' after array element \(elements.count)")
            }
        }
    }

    private mutating func parseNumber() throws(ODataJSONSyntaxError) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure(expected: "a digit in a number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure(expected: "a digit after the decimal point") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure(expected: "a digit in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            index = start
            throw failure(expected: "a number within the range of a Double")
        }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Parses a string starting at the opening quote; validates UTF-8 and escapes.
    private mutating func parseString() throws(ODataJSONSyntaxError) -> String {
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flushRun(_ parser: ODataJSONParser, upTo end: Int) throws(ODataJSONSyntaxError) {
            guard runStart < end else { return }
            guard let text = String(validating: parser.bytes[runStart..<end], as: UTF8.self) else {
                throw ODataJSONSyntaxError(offset: runStart, expected: "UTF-8 text in a string", found: "invalid UTF-8", isEndOfInput: false)
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard index < bytes.count else { throw failure(expected: "'\"' to close a string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                try flushRun(self, upTo: index)
                index += 1
                return String(scalars)
            } else if byte == UInt8(ascii: "\\") {
                try flushRun(self, upTo: index)
                index += 1
                scalars.append(try parseEscape())
                runStart = index
            } else if byte < 0x20 {
                throw failure(expected: "an escaped control character in a string")
            } else {
                index += 1
            }
        }
    }

    private mutating func parseEscape() throws(ODataJSONSyntaxError) -> Unicode.Scalar {
        guard index < bytes.count else { throw failure(expected: "an escape character after '\\'") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800..<0xDC00).contains(high) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure(expected: "'\\u' with the low half of a surrogate pair")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    index -= 4
                    throw failure(expected: "the low half of a surrogate pair (DC00–DFFF)")
                }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(high) else {
                index -= 4
                throw failure(expected: "a Unicode scalar, not a lone surrogate half")
            }
            return scalar
        default:
            index -= 1
            throw failure(expected: "one of \" \\ / b f n r t u after '\\'")
        }
    }

    private mutating func parseHex4() throws(ODataJSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw failure(expected: "four hexadecimal digits after '\\u'") }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure(expected: "four hexadecimal digits after '\\u'")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
