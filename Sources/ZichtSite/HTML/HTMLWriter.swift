/// Writes HTML (and SVG) markup, escaping every text and attribute value it is given.
///
/// All markup that carries data is written through this type, so escaping happens in one place.
/// Only `raw(_:)` appends unescaped text, and it is meant for markup this writer or
/// ``MarkdownHTMLRenderer`` produced.
public struct HTMLWriter: Sendable {
    public private(set) var output: String = ""

    public init(capacity: Int = 4096) {
        output.reserveCapacity(capacity)
    }

    /// An attribute list; a nil value omits the attribute, an empty string writes a bare `name=""`.
    public typealias Attributes = KeyValuePairs<String, String?>

    private mutating func appendAttributes(_ attributes: Attributes) {
        for (name, value) in attributes {
            guard let value else { continue }
            output += " "
            output += name
            output += "=\""
            output += HTMLEscaping.escape(value)
            output += "\""
        }
    }

    /// `<tag …>`, to be closed with `close(_:)`.
    public mutating func open(_ tag: String, _ attributes: Attributes = [:]) {
        output += "<"
        output += tag
        appendAttributes(attributes)
        output += ">"
    }

    public mutating func close(_ tag: String) {
        output += "</"
        output += tag
        output += ">"
    }

    /// An element with escaped text content: `<tag …>text</tag>`.
    public mutating func element(_ tag: String, _ attributes: Attributes = [:], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// An element whose content is written by `content`.
    public mutating func element(_ tag: String, _ attributes: Attributes = [:], content: (inout HTMLWriter) -> Void) {
        open(tag, attributes)
        content(&self)
        close(tag)
    }

    /// A void element such as `<meta>` or `<br>`.
    public mutating func void(_ tag: String, _ attributes: Attributes = [:]) {
        open(tag, attributes)
    }

    /// A self-closing element, for SVG shapes: `<circle … />`.
    public mutating func selfClosing(_ tag: String, _ attributes: Attributes = [:]) {
        output += "<"
        output += tag
        appendAttributes(attributes)
        output += "/>"
    }

    /// Escaped text.
    public mutating func text(_ text: String) {
        output += HTMLEscaping.escape(text)
    }

    /// Markup produced by Zicht itself; never pass user text here.
    public mutating func raw(_ markup: String) {
        output += markup
    }

    public mutating func newline() {
        output += "\n"
    }
}
