extension Substring {
    /// The text without leading and trailing spaces and tabs: the same as Foundation's
    /// `trimmingCharacters(in: .whitespaces)`, without its round trip through UTF-16 (which took 5%
    /// of a cycle build's CPU time in the YAML front matter of 3,000 pages, see BENCHMARKS.md).
    ///
    /// ```
    /// "  7.2.1\t".trimmingWhitespace()   // "7.2.1"
    /// "\u{00A0}a b\u{3000}".trimmingWhitespace()   // "a b"
    /// ```
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespaceForTrimming }) else { return "" }
        let last = scalars.lastIndex { !$0.isWhitespaceForTrimming }!
        return String(scalars[first...last])
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs; see ``Substring/trimmingWhitespace()``.
    public func trimmingWhitespace() -> String {
        Substring(self).trimmingWhitespace()
    }
}

extension Unicode.Scalar {
    /// Whether Foundation's `CharacterSet.whitespaces` holds this scalar: the tab, the space
    /// separators (Unicode category Zs) and, as CoreFoundation defines the set, U+200B ZERO WIDTH SPACE.
    /// `StringWhitespaceTests` checks every scalar of the Basic Multilingual Plane against Foundation.
    var isWhitespaceForTrimming: Bool {
        if value < 0x80 { return value == 0x20 || value == 0x09 }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }
}
