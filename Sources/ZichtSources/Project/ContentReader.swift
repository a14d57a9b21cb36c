import Foundation
import Yams
import ZichtCore

/// Reads one content file: YAML front matter between `---` lines, then a Markdown body.
public enum ContentReader {
    public static let knownKeys = [
        "id", "kind", "title", "subtitle", "order", "parent", "origin", "criteria", "indicatoren", "streefwaarden",
        "kaders", "portefeuillehouder", "slug", "kaarten",
    ]

    /// Parses a content file.
    /// - Parameters:
    ///   - text: the file's text.
    ///   - file: the path shown in diagnostics.
    /// - Returns: the node, or nil when the file has errors (all appended to `diagnostics`).
    public static func read(_ text: String, file: String, into diagnostics: inout [Diagnostic]) -> ZichtCore.Node? {
        guard let parts = FrontMatter.split(text) else {
            diagnostics.append(Diagnostic(
                file: file, line: 1, column: 1,
                message: "expected front matter: a first line '---', YAML fields, and a closing line '---'",
                hint: "start the file with '---', then 'id:', 'kind:', 'title:' and 'parent:' lines, then '---'"))
            return nil
        }
        guard let yaml = YAMLDocument.parse(parts.yaml, file: file, firstLine: parts.yamlFirstLine, into: &diagnostics) else {
            if parts.yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                diagnostics.append(Diagnostic(
                    file: file, line: parts.yamlFirstLine, message: "the front matter is empty",
                    hint: "add at least 'id:', 'kind:' and 'title:'"))
            }
            return nil
        }
        guard var fields = YAMLFields(yaml, file: file, firstLine: parts.yamlFirstLine, what: "the front matter", into: &diagnostics)
        else { return nil }

        let id = fields.string("id", required: true)
        if let id, id.contains(where: { $0.isWhitespace || $0 == "/" }) {
            fields.report(fields.node("id"), "expected an id without spaces or '/', found '\(id)'",
                          hint: "use a number such as 7.2.1 or a word such as leeswijzer")
        }
        let kindText = fields.string("kind", required: true)
        let kind = kindText.flatMap(NodeKind.init(rawValue:))
        if let kindText, kind == nil {
            fields.report(fields.node("kind"), "unknown kind '\(kindText)'",
                          hint: "use one of: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let title = fields.string("title", required: true)
        let subtitle = fields.string("subtitle")
        let order = fields.int("order")
        let parent = fields.string("parent", required: kind != nil && kind != .document)
        if kind == .document, parent != nil {
            fields.report(fields.node("parent"), "the document node cannot have a parent", hint: "remove the 'parent:' line")
        }
        let origin = fields.string("origin")
        let criteria = fields.strings("criteria")
        let indicators = fields.strings("indicatoren")
        var fieldLines: [String: Int] = [:]
        let targets = readTargets(&fields, indicators: indicators)
        for key in ["id", "parent", "origin", "criteria", "kaders", "kaarten", "indicatoren", "streefwaarden"] { fieldLines[key] = fields.line(of: key) }
        let kaders = readKaders(&fields, lines: &fieldLines)
        let portefeuillehouder = readPortefeuillehouder(&fields)
        let maps = readMaps(&fields)
        let slug = fields.string("slug")
        if let slug, slug.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil {
            fields.report(fields.node("slug"), "expected a slug of lowercase letters, digits and single '-', found '\(slug)'")
        } else if let slug, slug.count > 80 {
            fields.report(fields.node("slug"), "the slug is \(slug.count) characters long; at most 80 are allowed", hint: "choose a shorter slug")
        }
        if let kind, kind != .doel {
            for key in ["criteria", "indicatoren", "streefwaarden", "kaders"] where fields.node(key) != nil {
                if case .sequence(let list) = fields.node(key)!, list.isEmpty { continue }
                fields.report(fields.node(key), "field '\(key)' is only for pages of kind 'doel', this page is '\(kind.rawValue)'")
            }
        }
        fields.reportUnknownKeys(known: knownKeys)
        diagnostics.append(contentsOf: fields.diagnostics)

        let parsed = MarkdownParser.parse(parts.body, file: file, firstLine: parts.bodyFirstLine)
        diagnostics.append(contentsOf: parsed.diagnostics)
        let normalized = parsed.blocks.normalizingHeadings(topLevel: 2)
        let split = normalized.splitSections(atLevel: 2)
        let sections = split.sections.map { Section(heading: $0.heading, blocks: $0.blocks, line: $0.line) }

        let hasErrors = fields.diagnostics.contains { $0.severity == .error }
            || parsed.diagnostics.contains { $0.severity == .error }
        guard !hasErrors, let id, let kind, let title else { return nil }
        var node = Node(
            id: id, kind: kind, title: title, subtitle: subtitle, order: order, parentID: parent, origin: origin,
            criteria: criteria, indicatorIDs: indicators, kaders: kaders, portefeuillehouder: portefeuillehouder,
            slug: slug, preamble: split.preamble, sections: sections, sourceFile: file, fieldLines: fieldLines)
        node.maps = maps
        node.targets = targets
        return node
    }

    /// `streefwaarden:` — per indicator of the page, a target value per year:
    /// `bbv-winkeldiefstallen: {2019: 3.5, 2020: 3.4}`.
    private static func readTargets(_ fields: inout YAMLFields, indicators: [String]) -> [String: [Int: Double]] {
        guard let value = fields.node("streefwaarden") else { return [:] }
        if case .scalar(let scalar) = value, ["", "~", "null"].contains(scalar.string) { return [:] }
        guard let mapping = value.mapping else {
            fields.report(value, "expected 'streefwaarden' as lines 'indicator-id: {year: value, …}', found \(YAMLFields.describe(value))",
                          hint: "for example 'bbv-winkeldiefstallen: {2019: 3.5, 2020: 3.4}'")
            return [:]
        }
        var targets: [String: [Int: Double]] = [:]
        for (key, years) in mapping {
            let id = key.string ?? ""
            guard indicators.contains(id) else {
                fields.report(key, "'streefwaarden' names the indicator '\(id)', which is not in this page's 'indicatoren'",
                              hint: indicators.isEmpty ? "list it under 'indicatoren:' first" : "the page's indicators are: \(indicators.joined(separator: ", "))")
                continue
            }
            guard let perYear = years.mapping else {
                fields.report(years, "expected the targets of '\(id)' as '{year: value, …}', found \(YAMLFields.describe(years))",
                              hint: "for example '{2019: 3.5, 2020: 3.4}'")
                continue
            }
            var values: [Int: Double] = [:]
            for (yearNode, numberNode) in perYear {
                let yearText = yearNode.string ?? ""
                guard let year = Int(yearText), YAMLFields.years.contains(year) else {
                    fields.report(yearNode, "expected a year from \(YAMLFields.years.lowerBound) to \(YAMLFields.years.upperBound) in the targets of '\(id)', found '\(yearText)'")
                    continue
                }
                let numberText = numberNode.string ?? ""
                guard case .scalar = numberNode, let number = DecimalNumber.finite(numberText) else {
                    fields.report(numberNode, "expected the target of '\(id)' for \(year) as a number with a decimal point, found '\(numberText)'",
                                  hint: numberText.contains(",") ? "write \(numberText.replacingOccurrences(of: ",", with: ".")) instead of \(numberText)" : nil)
                    continue
                }
                values[year] = number
            }
            targets[id] = values
        }
        return targets
    }

    private static func readKaders(_ fields: inout YAMLFields, lines: inout [String: Int]) -> [Kader] {
        var kaders: [Kader] = []
        for item in fields.sequence("kaders") {
            let itemLine = fields.location(of: item).line
            var diagnostics: [Diagnostic] = []
            guard var kader = YAMLFields(item, file: fields.file, firstLine: fields.firstLine, what: "a kader (title with url or ref)", into: &diagnostics) else {
                fields.report(item, "expected each kader as 'title:' with 'url:' or 'ref:', found \(YAMLFields.describe(item))")
                continue
            }
            let title = kader.string("title", required: true, context: " in a kader")
            let url = kader.string("url")
            let ref = kader.string("ref")
            switch (url, ref) {
            case (nil, nil):
                kader.report(item, "a kader needs 'url:' (an address) or 'ref:' (the id of a page)")
            case (_?, _?):
                kader.report(item, "a kader has either 'url:' or 'ref:', not both")
            case (let url?, nil) where !(url.hasPrefix("https://") || url.hasPrefix("http://")):
                kader.report(kader.node("url"), "expected 'url' to start with https:// or http://, found '\(url)'",
                             hint: "for a page of this document use 'ref:' with its id")
            default: break
            }
            kader.reportUnknownKeys(known: ["title", "url", "ref"])
            fields.absorb(kader)
            if let title, let target = url.map(Kader.Target.url) ?? ref.map(Kader.Target.reference) {
                lines["kaders.\(kaders.count)"] = kader.line(of: "ref") ?? itemLine
                kaders.append(Kader(title: title, target: target))
            }
        }
        return kaders
    }

    private static func readMaps(_ fields: inout YAMLFields) -> [MapDefinition] {
        var maps: [MapDefinition] = []
        for item in fields.sequence("kaarten") {
            var nested: [Diagnostic] = []
            guard var map = YAMLFields(item, file: fields.file, firstLine: fields.firstLine, what: "a map (table, measure, title, unit)", into: &nested) else {
                fields.report(item, "expected each map as 'table:', 'measure:', 'title:' and 'unit:'")
                continue
            }
            let table = map.string("table", required: true, context: " in a map")
            let measure = map.string("measure", required: true, context: " in a map")
            let title = map.string("title", required: true, context: " in a map")
            let unit = map.string("unit", required: true, context: " in a map")
            let decimals = map.int("decimals", in: IndicatorDefinition.decimalsRange) ?? 1
            let classes = map.int("classes") ?? 5
            if !(2...7).contains(classes) { map.report(map.node("classes"), "expected 2 to 7 classes, found \(classes)") }
            let methodText = map.string("method") ?? "jenks"
            let method = MapDefinition.Method(rawValue: methodText)
            if method == nil { map.report(map.node("method"), "unknown classification '\(methodText)'", hint: "use 'jenks' or 'quantiles'") }
            let source = map.string("source")
            let simulated = map.string("simulated") == "true"
            let isCount = map.string("counts") == "true"
            let perInhabitants = map.string("perInhabitants") == "true"
            let types = map.strings("types")
            var filter: [String: String] = [:]
            if var filterFields = map.mapping("filter", what: "dimension: key pairs") {
                for key in ["Type", "SoortMisdrijf", "SoortDiefstal", "GebruikVanGeweld"] {
                    if let value = filterFields.string(key) { filter[key] = value }
                }
                filterFields.reportUnknownKeys(known: ["Type", "SoortMisdrijf", "SoortDiefstal", "GebruikVanGeweld"])
                map.absorb(filterFields)
            }
            map.reportUnknownKeys(known: [
                "table", "measure", "title", "unit", "decimals", "classes", "method", "source", "simulated", "counts", "filter",
                "perInhabitants", "types",
            ])
            fields.absorb(map)
            if let table, let measure, let title, let unit, let method, (2...7).contains(classes) {
                var definition = MapDefinition(
                    table: table, measure: measure, title: title, unit: unit, decimals: decimals, classes: classes, method: method,
                    source: source, isSimulated: simulated)
                definition.filter = filter
                definition.isCount = isCount
                definition.types = types
                definition.perThousandInhabitants = perInhabitants
                maps.append(definition)
            }
        }
        return maps
    }

    private static func readPortefeuillehouder(_ fields: inout YAMLFields) -> Portefeuillehouder? {
        guard var holder = fields.mapping("portefeuillehouder", what: "name and role") else { return nil }
        let name = holder.string("name", required: true, context: " in 'portefeuillehouder'")
        let role = holder.string("role")
        holder.reportUnknownKeys(known: ["name", "role"])
        fields.absorb(holder)
        return name.map { Portefeuillehouder(name: $0, role: role) }
    }
}

/// Splits a content file into its YAML front matter and Markdown body.
enum FrontMatter {
    struct Parts {
        var yaml: String
        var yamlFirstLine: Int
        var body: String
        var bodyFirstLine: Int
    }

    /// Finds the `---` fences. A byte-order mark and CRLF line ends are accepted. Only the front
    /// matter is split into lines; the body is passed on as it is (this was a fifth of build time).
    static func split(_ text: String) -> Parts? {
        var utf8 = Substring(text).utf8
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8 = utf8.dropFirst(3) }
        func isFence(_ line: Substring.UTF8View) -> Bool {
            var line = line
            while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
                line = line.dropLast()
            }
            return line.elementsEqual("---".utf8)
        }
        // Walk line by line: the first line must be a fence; the front matter ends at the next one.
        var lineStart = utf8.startIndex
        var lineNumber = 1
        var yamlStart: String.Index?
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = utf8[lineStart..<lineEnd]
            let next = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
            if lineNumber == 1 {
                guard isFence(line) else { return nil }
                yamlStart = next
            } else if isFence(line), let yamlStart {
                let yaml = String(Substring(utf8[yamlStart..<lineStart])).trimmingTrailingNewline
                let body = lineEnd < utf8.endIndex ? String(Substring(utf8[next...])) : ""
                return Parts(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: lineNumber + 1)
            }
            lineStart = next
            lineNumber += 1
            if lineEnd == utf8.endIndex { break }
        }
        return nil
    }
}

extension String {
    /// Without one final "\n" (and a "\r" before it).
    fileprivate var trimmingTrailingNewline: String {
        var result = self
        if result.hasSuffix("\n") { result.removeLast() }
        if result.hasSuffix("\r") { result.removeLast() }
        return result
    }
}
