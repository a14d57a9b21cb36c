import Foundation
import ZichtCore

/// The one place where Zicht escapes text for HTML and SVG.
///
/// Both functions escape all five characters that can change the meaning of markup (`& < > " '`),
/// so the same escaping is safe in element content and in quoted attribute values. Existing entities
/// are escaped too: a user who writes `&amp;` sees `&amp;`, not `&`.
public enum HTMLEscaping {
    /// Escapes `text` for use as element content or a quoted attribute value.
    public static func escape(_ text: String) -> String {
        var needsEscaping = false
        for byte in text.utf8 where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        {
            needsEscaping = true
            break
        }
        guard needsEscaping else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a link destination is safe to put in an `href`: relative paths, fragments, and the
    /// schemes `http`, `https` and `mailto`. Everything else (`javascript:`, `data:`, …) is refused.
    public static func isSafeURL(_ url: String) -> Bool {
        let trimmed = url.trimmingWhitespace().lowercased()
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        // A colon after a path separator, query or fragment is not a scheme.
        if let separator = trimmed.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }), separator < colon {
            return true
        }
        let scheme = trimmed[..<colon]
        return scheme == "http" || scheme == "https" || scheme == "mailto"
    }
}
