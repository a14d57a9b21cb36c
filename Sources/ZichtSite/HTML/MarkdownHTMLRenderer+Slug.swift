import Foundation

extension MarkdownHTMLRenderer {
    /// A URL fragment made from heading text: lowercase ASCII letters and digits, with diacritics
    /// removed (`é` → `e`, `ĳ` → `ij`) and every run of other characters turned into one `-`.
    ///
    /// Text without letters or digits gives `section`, so an `id` is never empty.
    ///
    /// ```swift
    /// MarkdownHTMLRenderer.slug("Financiële positie & risico’s")  // "financiele-positie-risico-s"
    /// ```
    public static func slug(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingDash = false
        func add(_ scalar: Unicode.Scalar) {
            if pendingDash, !result.isEmpty { result.append("-") }
            pendingDash = false
            result.unicodeScalars.append(scalar)
        }
        // Compatibility decomposition splits é into e + accent, and ligatures such as ĳ into letters.
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A:
                add(scalar)
            case 0x41...0x5A:
                add(Unicode.Scalar(scalar.value + 0x20)!)
            default:
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                if let replacement = letterReplacements[scalar] {
                    for letter in replacement.unicodeScalars { add(letter) }
                } else {
                    pendingDash = true
                }
            }
        }
        return result.isEmpty ? "section" : result
    }

    /// Letters that do not decompose into an ASCII letter and a mark.
    private static let letterReplacements: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i",
    ]
}
