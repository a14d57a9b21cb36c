import Foundation
import Yams

/// A page's text as the werkomgeving's form shows it: the front-matter fields an author fills in
/// (title, subtitle, criteria, indicators, kaders, portfolio holder) as separate values, the other
/// front matter as YAML, and the Markdown body as an introduction and one text per section.
///
/// The form is an editor of the file, not a second format: ``text(replacing:)`` writes the file
/// back, keeping every part the author did not change byte for byte (their quoting, comments and
/// order), and writing changed parts in one plain style. A field the form cannot show faithfully
/// (a title over several lines, a kader with extra keys, a commented list) is left in the YAML part.
public struct ContentForm: Sendable, Equatable {
    /// The front-matter fields the form shows as inputs.
    public enum Field: String, Sendable, CaseIterable, Comparable {
        case title, subtitle, criteria, indicatoren, kaders, portefeuillehouder

        public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
        private var order: Int { Self.allCases.firstIndex(of: self)! }
    }

    public struct Kader: Sendable, Equatable {
        public var title: String
        /// An address (`https://…`) or a reference to a page (`7.2`, `ref:begroting-2019/7.2`).
        public var target: String

        public init(title: String, target: String) {
            self.title = title
            self.target = target
        }

        var isAddress: Bool { target.hasPrefix("https://") || target.hasPrefix("http://") }
    }

    public struct Section: Sendable, Equatable {
        public var heading: String
        public var text: String

        public init(heading: String, text: String) {
            self.heading = heading
            self.text = text
        }
    }

    public var title = ""
    public var subtitle = ""
    public var criteria: [String] = []
    public var indicatorIDs: [String] = []
    public var kaders: [Kader] = []
    public var holderName = ""
    public var holderRole = ""
    /// The front-matter fields shown as inputs: all but those the file has in a form the inputs
    /// cannot show, which are in ``otherFields``.
    public var fields: Set<Field> = []
    /// The rest of the front matter, as YAML.
    public var otherFields = ""
    /// The Markdown before the first section heading.
    public var introduction = ""
    public var sections: [Section] = []
    /// The level of the section headings (2 for `##`).
    public var headingLevel = 2

    public init() {}

    // MARK: Reading

    /// The form of a page's text, or nil when the text has no front matter (the author then edits
    /// the whole text).
    public init?(parsing text: String) {
        guard let file = SplitFile(text) else { return nil }
        var rest: [Entry] = []
        fields = Set(Field.allCases)
        for entry in file.entries {
            if let field = Field(rawValue: entry.key), fields.contains(field), !entry.hasComment, apply(field, entry.raw) {
                continue
            }
            if let field = Field(rawValue: entry.key) { fields.remove(field) }
            rest.append(entry)
        }
        otherFields = rest.map(\.raw).joined(separator: "\n")
        let body = Body(file.body)
        introduction = body.introduction
        sections = body.sections
        headingLevel = body.level
    }

    /// Takes a field's value from its YAML; false when the form cannot show it faithfully.
    private mutating func apply(_ field: Field, _ raw: String) -> Bool {
        guard let yaml = try? Yams.compose(yaml: raw, .basic, .default, .utf8), case .mapping(let mapping) = yaml,
              let value = mapping.first?.value
        else { return false }
        func line(_ node: Yams.Node) -> String? {
            guard case .scalar(let scalar) = node, !scalar.string.contains("\n") else { return nil }
            return scalar.string
        }
        func lines(_ node: Yams.Node) -> [String]? {
            if case .scalar(let scalar) = node, ["", "~", "null"].contains(scalar.string) { return [] }
            guard case .sequence(let items) = node else { return nil }
            let values = items.compactMap(line)
            return values.count == items.count ? values : nil
        }
        func pairs(_ node: Yams.Node, allowed: Set<String>) -> [String: String]? {
            guard case .mapping(let mapping) = node else { return nil }
            var result: [String: String] = [:]
            for (key, value) in mapping {
                guard let key = key.string, allowed.contains(key), result[key] == nil, let text = line(value) else { return nil }
                result[key] = text
            }
            return result
        }
        switch field {
        case .title:
            guard let text = line(value) else { return false }
            title = text
        case .subtitle:
            guard let text = line(value) else { return false }
            subtitle = text
        case .criteria:
            guard let values = lines(value) else { return false }
            criteria = values
        case .indicatoren:
            guard let values = lines(value) else { return false }
            indicatorIDs = values
        case .kaders:
            guard case .sequence(let items) = value else { return false }
            var result: [Kader] = []
            for item in items {
                guard let pairs = pairs(item, allowed: ["title", "url", "ref"]), let title = pairs["title"],
                      (pairs["url"] == nil) != (pairs["ref"] == nil)
                else { return false }
                let kader = Kader(title: title, target: pairs["url"] ?? pairs["ref"]!)
                // A reference that looks like an address, or an address that does not, would change kind.
                guard kader.isAddress == (pairs["url"] != nil) else { return false }
                result.append(kader)
            }
            kaders = result
        case .portefeuillehouder:
            guard let pairs = pairs(value, allowed: ["name", "role"]), let name = pairs["name"] else { return false }
            holderName = name
            holderRole = pairs["role"] ?? ""
        }
        return true
    }

    // MARK: Writing

    /// Where each part of the form landed in the written file, for placing a diagnostic at its input.
    public enum Part: Hashable, Sendable {
        case field(Field)
        case otherFields
        case introduction
        case section(Int)
    }

    /// The file's text for this form.
    /// - Parameter original: the text the form was read from; the parts that did not change are
    ///   written exactly as they were there.
    /// - Returns: the text, and the lines (1-based, inclusive) each part took.
    public func text(replacing original: String?) -> (text: String, lines: [(part: Part, lines: ClosedRange<Int>)]) {
        let old = original.flatMap(SplitFile.init)
        let oldForm = original.flatMap(ContentForm.init(parsing:))
        let rest = SplitFile.entries(ofYAML: otherFields)
        var chunks: [(part: Part, raw: String)] = []
        var used = Set<Int>()
        var written = Set<Field>()
        func emit(_ field: Field) {
            written.insert(field)
            // Unchanged: as it was written.
            if let oldForm, oldForm.fields.contains(field), oldForm.value(of: field) == value(of: field),
               let raw = old?.entries.first(where: { $0.key == field.rawValue })?.raw {
                chunks.append((.field(field), raw))
            } else if let raw = yaml(for: field) {
                chunks.append((.field(field), raw))
            }
        }
        // The order of the original file; what is new goes after it.
        for key in old?.entries.map(\.key) ?? [] {
            if let field = Field(rawValue: key), fields.contains(field), !written.contains(field) {
                emit(field)
            } else if let index = rest.indices.first(where: { !used.contains($0) && rest[$0].key == key }) {
                used.insert(index)
                chunks.append((.otherFields, rest[index].raw))
            }
        }
        for index in rest.indices where !used.contains(index) { chunks.append((.otherFields, rest[index].raw)) }
        for field in fields.sorted() where !written.contains(field) { emit(field) }

        var text = "---\n"
        var line = 2
        var lines: [(part: Part, lines: ClosedRange<Int>)] = []
        func append(_ raw: String, as part: Part?) {
            guard !raw.isEmpty else { return }
            let count = raw.split(separator: "\n", omittingEmptySubsequences: false).count
            if let part { lines.append((part, line...(line + count - 1))) }
            text += raw + "\n"
            line += count
        }
        for chunk in chunks { append(chunk.raw, as: chunk.part) }
        text += "---\n"
        line += 1
        if let old, let oldForm, oldForm.introduction == introduction, oldForm.sections == sections.filter({ !$0.isEmpty }),
           oldForm.headingLevel == headingLevel {
            // The body as it was; the parts' lines as the form read them.
            text += old.body
            let body = Body(old.body)
            lines += body.parts.map { ($0.part, (line + $0.lines.lowerBound - 1)...(line + $0.lines.upperBound - 1)) }
            return (text, lines)
        }
        let marker = String(repeating: "#", count: headingLevel)
        let intro = Self.trimmingBlankLines(introduction)
        if !intro.isEmpty {
            text += "\n"
            line += 1
            append(intro, as: .introduction)
        }
        for (index, section) in sections.enumerated() where !section.isEmpty {
            text += "\n"
            line += 1
            let body = Self.trimmingBlankLines(section.text)
            append(body.isEmpty ? "\(marker) \(Self.oneLine(section.heading))" : "\(marker) \(Self.oneLine(section.heading))\n\n\(body)", as: .section(index))
        }
        return (text, lines)
    }

    /// Problems the form itself can name before the text is built.
    public var problems: [(part: Part, message: String)] {
        var result: [(part: Part, message: String)] = []
        if fields.contains(.title), title.trimmingCharacters(in: .whitespaces).isEmpty {
            result.append((.field(.title), "De titel is verplicht."))
        }
        for (index, kader) in kaders.enumerated() where kader.title.isEmpty != kader.target.isEmpty {
            result.append((.field(.kaders), "Kader \(index + 1): vul zowel de titel als de link of verwijzing in."))
        }
        if fields.contains(.portefeuillehouder), holderName.isEmpty, !holderRole.isEmpty {
            result.append((.field(.portefeuillehouder), "Vul de naam van de portefeuillehouder in, of maak ook de functie leeg."))
        }
        for (index, section) in sections.enumerated() where section.heading.trimmingCharacters(in: .whitespaces).isEmpty
            && !section.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            result.append((.section(index), "Deze sectie heeft tekst maar geen kop; geef haar een kop."))
        }
        return result
    }

    private func value(of field: Field) -> [String] {
        switch field {
        case .title: [title]
        case .subtitle: [subtitle]
        case .criteria: criteria
        case .indicatoren: indicatorIDs
        case .kaders: kaders.flatMap { [$0.title, $0.target] }
        case .portefeuillehouder: [holderName, holderRole]
        }
    }

    /// The field in the plain style, or nil when it is empty (and then left out).
    private func yaml(for field: Field) -> String? {
        let key = field.rawValue
        func list(_ values: [String]) -> String? {
            let values = values.map(Self.oneLine).filter { !$0.isEmpty }
            guard !values.isEmpty else { return nil }
            return "\(key):\n" + values.map { "  - \(Self.quoted($0))" }.joined(separator: "\n")
        }
        switch field {
        case .title: return "title: \(Self.quoted(Self.oneLine(title)))"
        case .subtitle: return subtitle.isEmpty ? nil : "subtitle: \(Self.quoted(Self.oneLine(subtitle)))"
        case .criteria: return list(criteria)
        case .indicatoren: return list(indicatorIDs)
        case .kaders:
            let items = kaders.filter { !$0.title.isEmpty || !$0.target.isEmpty }.map { kader in
                "  - title: \(Self.quoted(Self.oneLine(kader.title)))\n    \(kader.isAddress ? "url" : "ref"): \(Self.quoted(Self.oneLine(kader.target)))"
            }
            return items.isEmpty ? nil : "kaders:\n" + items.joined(separator: "\n")
        case .portefeuillehouder:
            guard !holderName.isEmpty else { return nil }
            return "portefeuillehouder:\n  name: \(Self.quoted(Self.oneLine(holderName)))"
                + (holderRole.isEmpty ? "" : "\n  role: \(Self.quoted(Self.oneLine(holderRole)))")
        }
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                result += String(format: "\\u%04X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// An input's value on one line: line breaks become spaces, and the ends are trimmed.
    public static func oneLine(_ value: String) -> String {
        let visible = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 == "\t" || $0 == "\n" || $0.properties.generalCategory != .control }))
        return visible.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    static func trimmingBlankLines(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

extension ContentForm.Section {
    var isEmpty: Bool {
        heading.trimmingCharacters(in: .whitespaces).isEmpty && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// One top-level key of a front matter and the lines it takes (its value and what is indented under it).
private struct Entry {
    var key: String
    var raw: String
    var hasComment: Bool { raw.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") } }
}

/// A page's text split into the top-level entries of its front matter and its body.
private struct SplitFile {
    var entries: [Entry]
    var body: String

    init?(_ text: String) {
        let text = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard let parts = FrontMatter.split(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text) else { return nil }
        entries = Self.entries(ofYAML: parts.yaml)
        body = parts.body
    }

    /// A line that starts a key at the left margin (`title: …`); others (indented, `- `, comments,
    /// blank) belong to the key before them. Lines before the first key form an entry of their own.
    static func entries(ofYAML yaml: String) -> [Entry] {
        var result: [Entry] = []
        // Comments and blank lines at the left margin go with the key after them.
        var pending: [Substring] = []
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if let key = key(of: line) {
                result.append(Entry(key: key, raw: (pending + [line]).joined(separator: "\n")))
                pending = []
            } else if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") {
                pending.append(line)
            } else if result.isEmpty {
                result.append(Entry(key: "", raw: (pending + [line]).joined(separator: "\n")))
                pending = []
            } else {
                result[result.count - 1].raw += "\n" + (pending + [line]).joined(separator: "\n")
                pending = []
            }
        }
        if !pending.isEmpty {
            if result.isEmpty { result.append(Entry(key: "", raw: "")) }
            result[result.count - 1].raw += "\n" + pending.joined(separator: "\n")
        }
        // Blank lines at the end of an entry are not part of it.
        for index in result.indices {
            while result[index].raw.hasSuffix("\n") { result[index].raw.removeLast() }
        }
        return result.filter { !($0.key.isEmpty && $0.raw.allSatisfy(\.isWhitespace)) }
    }

    private static func key(of line: Substring) -> String? {
        guard let first = line.first, first.isLetter || first == "_" || first == "\"" || first == "'",
              let colon = line.firstIndex(of: ":")
        else { return nil }
        let after = line.index(after: colon)
        guard after == line.endIndex || line[after] == " " || line[after] == "\t" else { return nil }
        return String(line[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
    }
}

/// A Markdown body split at its top-level headings (the smallest `#` level outside code blocks).
private struct Body {
    var introduction = ""
    var sections: [ContentForm.Section] = []
    var level = 2
    /// Each part's lines, 1-based within the body.
    var parts: [(part: ContentForm.Part, lines: ClosedRange<Int>)] = []

    init(_ body: String) {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var headings: [(index: Int, level: Int, text: String)] = []
        var fence: Substring?
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard line.count - trimmed.count <= 3 else { continue }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                continue
            }
            let hashes = trimmed.prefix { $0 == "#" }.count
            guard (1...6).contains(hashes) else { continue }
            let rest = trimmed.dropFirst(hashes)
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { continue }
            var text = rest.trimmingCharacters(in: .whitespaces)
            // An optional closing sequence of '#'.
            if let last = text.lastIndex(where: { $0 != "#" }), text[last] == " " || text[last] == "\t", text.last == "#" {
                text = String(text[..<last]).trimmingCharacters(in: .whitespaces)
            } else if text.allSatisfy({ $0 == "#" }) {
                text = ""
            }
            headings.append((index, hashes, text))
        }
        level = headings.map(\.level).min() ?? 2
        let top = headings.filter { $0.level == level }
        func text(_ range: Range<Int>) -> String { ContentForm.trimmingBlankLines(lines[range].joined(separator: "\n")) }
        let firstHeading = top.first?.index ?? lines.count
        introduction = text(0..<firstHeading)
        if firstHeading > 0 { parts.append((.introduction, 1...firstHeading)) }
        for (number, heading) in top.enumerated() {
            let end = number + 1 < top.count ? top[number + 1].index : lines.count
            sections.append(ContentForm.Section(heading: heading.text, text: text((heading.index + 1)..<end)))
            parts.append((.section(number), (heading.index + 1)...max(heading.index + 1, end)))
        }
    }
}
