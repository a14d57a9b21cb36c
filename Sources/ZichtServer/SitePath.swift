/// A request path, checked and decoded, that names a file or folder inside a built site.
///
/// A static site never needs a path with control characters, encoded separators or dot segments;
/// such a path is refused before the file system sees it (`400 Bad Request`), so traversal and
/// "`zoekindex.json%00.html`" tricks never reach `open`.
///
/// ```
/// let path = try SitePath(raw: "/doel/7-2-1-sociale-veiligheid/")
/// path.segments          // ["doel", "7-2-1-sociale-veiligheid"]
/// path.endsWithSlash     // true
/// ```
struct SitePath: Hashable, Sendable {
    /// The decoded path segments, none empty, `.` or `..`, none holding `/`, `\` or a control character.
    var segments: [String]
    /// Whether the path ends with `/` (the root `/` does).
    var endsWithSlash: Bool

    /// Why a path was refused.
    enum Rejection: Error, Equatable {
        /// The path does not start with `/`.
        case notAbsolute
        /// `%` not followed by two hexadecimal digits, or a segment that is not UTF-8.
        case badEncoding
        /// `%2F` or `%5C`: a separator hidden from the router.
        case encodedSeparator
        /// A byte below 0x20 or 0x7F, raw or percent-encoded (`%00` included).
        case controlCharacter
        /// A raw `\`.
        case backslash
        /// A `.` or `..` segment, raw or percent-encoded.
        case dotSegment
    }

    /// Checks and decodes `raw`, the path of the request target as sent (percent-encoded, no query).
    /// - Throws: ``Rejection`` for anything a static site never needs.
    init(raw: String) throws(Rejection) {
        let bytes = Array(raw.utf8)
        guard bytes.first == UInt8(ascii: "/") else { throw .notAbsolute }
        var segments: [String] = []
        for rawSegment in bytes.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            let decoded = try Self.decode(rawSegment)
            guard let segment = String(validating: decoded, as: UTF8.self) else { throw .badEncoding }
            if segment == "." || segment == ".." { throw .dotSegment }
            segments.append(segment)
        }
        self.segments = segments
        self.endsWithSlash = bytes.last == UInt8(ascii: "/")
    }

    /// The path as a folder, percent-encoded again, for a `Location` header: `/a/b/`. Only
    /// unreserved characters and sub-delimiters stay as they are, so the result is plain ASCII and
    /// never starts with `//` (no redirect can leave the site).
    var folderLocation: String {
        "/" + segments.map { Self.percentEncode($0) + "/" }.joined()
    }

    private static func decode(_ raw: ArraySlice<UInt8>) throws(Rejection) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            var byte = raw[index]
            if byte == UInt8(ascii: "\\") { throw .backslash }
            if byte == UInt8(ascii: "%") {
                guard index + 2 < raw.endIndex, let high = hexValue(raw[index + 1]), let low = hexValue(raw[index + 2])
                else { throw .badEncoding }
                byte = high << 4 | low
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") { throw .encodedSeparator }
                index += 2
            }
            if byte < 0x20 || byte == 0x7F { throw .controlCharacter }
            result.append(byte)
            index += 1
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static let unencoded = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@".utf8)

    /// Percent-encodes every byte but RFC 3986's unreserved characters, `!$&'()*+,;=:@` and `also`.
    static func percentEncode(_ text: String, keeping also: Set<UInt8> = []) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        for byte in text.utf8 {
            if unencoded.contains(byte) || also.contains(byte) {
                result.append(byte)
            } else {
                result += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
