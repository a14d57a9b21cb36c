import Foundation

extension MarkdownParser {
    /// Whether a link destination is accepted: an internal `ref:ID` reference, or anything that
    /// `HTMLEscaping.isSafeURL` accepts (relative paths, fragments, `http`, `https`, `mailto`).
    ///
    /// This mirrors `HTMLEscaping.isSafeURL`, which lives in ZichtSite (a target this one does not
    /// depend on); a test in ZichtSiteTests checks that the two agree.
    public static func isAllowedDestination(_ destination: String) -> Bool {
        if destination.hasPrefix("ref:") { return true }
        let trimmed = destination.trimmingCharacters(in: .whitespaces).lowercased()
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        if let separator = trimmed.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }), separator < colon {
            return true
        }
        let scheme = trimmed[..<colon]
        return scheme == "http" || scheme == "https" || scheme == "mailto"
    }

    /// What is wrong with the host part of a web address, or nil when nothing is.
    ///
    /// Only `http:`, `https:` and protocol-relative `//` destinations are checked; a browser cannot
    /// follow them when the host is empty or holds characters no host name has, or the port is not
    /// a number below 65536. (The HTML checker rejects such an `href`, so the page would not be valid.)
    public static func webAddressProblem(_ destination: String) -> String? {
        let bytes = Array(destination.utf8)
        var index = 0
        let lowercasedPrefix = String(decoding: bytes.prefix(8), as: UTF8.self).lowercased()
        if lowercasedPrefix.hasPrefix("http:") {
            index = 5
        } else if lowercasedPrefix.hasPrefix("https:") {
            index = 6
        } else if !lowercasedPrefix.hasPrefix("//") {
            return nil
        }
        guard bytes.count >= index + 2, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") else {
            return "a web address needs '//' after its scheme"
        }
        index += 2
        var end = index
        while end < bytes.count, !"/?#".utf8.contains(bytes[end]) { end += 1 }
        var authority = bytes[index..<end]
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[(at + 1)...] }
        var host = authority
        var port: ArraySlice<UInt8> = []
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return "the IPv6 address has no ']'" }
            host = authority[...close]
            port = authority[(close + 1)...]
            if let first = port.first {
                guard first == UInt8(ascii: ":") else { return "only a port may follow the IPv6 address" }
                port = port.dropFirst()
            }
            let inside = host.dropFirst().dropLast()
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigitOrColonOrDot }) else {
                return "the IPv6 address is not valid"
            }
        } else {
            if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
                host = authority[..<colon]
                port = authority[(colon + 1)...]
            }
            guard !host.isEmpty else { return "the host name is empty" }
            if let bad = host.first(where: { !$0.isHostCharacter }) {
                let shown = bad == .space ? "a space" : "'\(String(decoding: [bad], as: UTF8.self))'"
                return "the host name contains \(shown)"
            }
            let labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            if labels.dropLast().contains(where: \.isEmpty) { return "the host name has an empty part ('..')" }
        }
        guard port.allSatisfy(\.isASCIIDigit) else { return "the port is not a number" }
        if port.count > 5 || (Int(String(decoding: port, as: UTF8.self)) ?? 0) > 65535 {
            return "the port is larger than 65535"
        }
        return nil
    }
}

extension UInt8 {
    /// Characters a host name may contain: letters, digits, `-._~!$&'()*+,;=`, and non-ASCII.
    fileprivate var isHostCharacter: Bool {
        self >= 0x80 || isASCIILetter || isASCIIDigit || "-._~!$&'()*+,;=".utf8.contains(self)
    }

    fileprivate var isHexDigitOrColonOrDot: Bool {
        isASCIIDigit || ((self | 0x20) >= 0x61 && (self | 0x20) <= 0x66) || self == UInt8(ascii: ":")
            || self == UInt8(ascii: ".")
    }
}
