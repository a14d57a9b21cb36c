import Foundation
import Yams
import ZichtCore

/// Reads YAML into Yams nodes and reports syntax errors as located diagnostics.
enum YAMLDocument {
    /// Parses `text`, whose first line is line `firstLine` of `file`.
    /// - Returns: the root node, or nil with a diagnostic appended when the YAML is malformed.
    static func parse(_ text: String, file: String, firstLine: Int, into diagnostics: inout [Diagnostic]) -> Yams.Node? {
        do {
            // The basic resolver: every scalar is read as written (no regular-expression tag resolution),
            // which is how YAMLFields reads values anyway, and it is a tenth of the build time cheaper.
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, file: file, firstLine: firstLine))
            return nil
        } catch {
            diagnostics.append(Diagnostic(file: file, line: firstLine, message: "could not read YAML: \(error)"))
            return nil
        }
    }

    private static func diagnostic(for error: YamlError, file: String, firstLine: Int) -> Diagnostic {
        let hint = "check indentation, and quote values that contain ': ' or start with a special character"
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text))" }
            return Diagnostic(file: file, line: firstLine + mark.line - 1, column: mark.column, message: message, hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(
                file: file, line: firstLine + context.mark.line - 1, column: context.mark.column,
                message: "invalid YAML: duplicate key \(duplicates.joined(separator: ", "))",
                hint: "each key may appear once in a mapping")
        default:
            return Diagnostic(file: file, line: firstLine, message: "invalid YAML: \(error)", hint: hint)
        }
    }
}

/// Typed, located access to the keys of a YAML mapping, collecting diagnostics instead of throwing,
/// so that one pass over a file reports every problem in it.
struct YAMLFields {
    let file: String
    let firstLine: Int
    private(set) var pairs: [(key: String, value: Yams.Node, line: Int, column: Int)]
    let line: Int
    let column: Int
    private(set) var diagnostics: [Diagnostic] = []
    private var usedKeys: Set<String> = []

    /// Wraps `node`, which must be a mapping; anything else is reported.
    init?(_ node: Yams.Node, file: String, firstLine: Int, what: String, into diagnostics: inout [Diagnostic]) {
        self.file = file
        self.firstLine = firstLine
        let mark = node.mark
        self.line = firstLine + (mark?.line ?? 1) - 1
        self.column = mark?.column ?? 1
        guard let mapping = node.mapping else {
            diagnostics.append(Diagnostic(
                file: file, line: line, column: column,
                message: "expected \(what) as a mapping of 'key: value' lines, found \(YAMLFields.describe(node))"))
            return nil
        }
        var pairs: [(String, Yams.Node, Int, Int)] = []
        for (key, value) in mapping {
            let keyMark = key.mark
            pairs.append((key.string ?? "", value, firstLine + (keyMark?.line ?? 1) - 1, keyMark?.column ?? 1))
        }
        self.pairs = pairs
    }

    static func describe(_ node: Yams.Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string.isEmpty ? "an empty value" : "the text '\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func location(of node: Yams.Node) -> (line: Int, column: Int) {
        let mark = node.mark
        return (firstLine + (mark?.line ?? 1) - 1, mark?.column ?? 1)
    }

    mutating func report(_ node: Yams.Node?, _ message: String, hint: String? = nil) {
        if let node {
            let (line, column) = location(of: node)
            diagnostics.append(Diagnostic(file: file, line: line, column: column, message: message, hint: hint))
        } else {
            diagnostics.append(Diagnostic(file: file, line: line, column: column, message: message, hint: hint))
        }
    }

    /// The line of `key` in the file, when present.
    func line(of key: String) -> Int? {
        pairs.first { $0.key == key }?.line
    }

    /// The raw value of `key`, marking it as known.
    mutating func node(_ key: String) -> Yams.Node? {
        usedKeys.insert(key)
        return pairs.first { $0.key == key }?.value
    }

    /// A non-empty string; numbers and booleans are taken as written ("7.2" stays "7.2").
    mutating func string(_ key: String, required: Bool = false, context: String = "") -> String? {
        guard let value = node(key) else {
            if required {
                report(nil, "missing required field '\(key)'\(context)", hint: "add a line '\(key): …'")
            }
            return nil
        }
        guard case .scalar(let scalar) = value, !scalar.string.trimmingWhitespace().isEmpty else {
            report(value, "expected field '\(key)' to be text, found \(YAMLFields.describe(value))")
            return nil
        }
        return scalar.string.trimmingWhitespace()
    }

    mutating func int(_ key: String, required: Bool = false) -> Int? {
        guard let text = string(key, required: required) else { return nil }
        guard let number = Int(text) else {
            report(node(key), "expected field '\(key)' to be a whole number, found '\(text)'")
            return nil
        }
        return number
    }

    /// The years a project may name (documents, boundaries, tables, simulations, patterns): dates
    /// are computed from them, and a year of 10¹⁵ would overflow that arithmetic.
    static let years = 1900...2200

    /// A whole number within `range`, such as `decimals` (0…6); a value outside is reported with the range.
    mutating func int(_ key: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let number = int(key, required: required) else { return nil }
        guard range.contains(number) else {
            report(node(key), "expected field '\(key)' to be a whole number from \(range.lowerBound) to \(range.upperBound), found \(number)")
            return nil
        }
        return number
    }

    /// A list value; a missing key gives an empty list.
    mutating func sequence(_ key: String) -> [Yams.Node] {
        guard let value = node(key) else { return [] }
        if case .scalar(let scalar) = value, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return [] }
        guard let sequence = value.sequence else {
            report(value, "expected field '\(key)' to be a list ('- item' lines or [a, b]), found \(YAMLFields.describe(value))")
            return []
        }
        return Array(sequence)
    }

    /// A list of non-empty strings.
    mutating func strings(_ key: String) -> [String] {
        var result: [String] = []
        for item in sequence(key) {
            if case .scalar(let scalar) = item, !scalar.string.trimmingWhitespace().isEmpty {
                result.append(scalar.string.trimmingWhitespace())
            } else {
                report(item, "expected each item of '\(key)' to be text, found \(YAMLFields.describe(item))")
            }
        }
        return result
    }

    /// A nested mapping.
    mutating func mapping(_ key: String, required: Bool = false, what: String) -> YAMLFields? {
        guard let value = node(key) else {
            if required { report(nil, "missing required field '\(key)'", hint: "add '\(key):' with \(what)") }
            return nil
        }
        var nested: [Diagnostic] = []
        let fields = YAMLFields(value, file: file, firstLine: firstLine, what: "'\(key)'", into: &nested)
        diagnostics.append(contentsOf: nested)
        return fields
    }

    /// Adds a nested reader's diagnostics to this one's.
    mutating func absorb(_ nested: YAMLFields) {
        diagnostics.append(contentsOf: nested.diagnostics)
    }

    /// Reports every key that was never asked for: almost always a typo.
    mutating func reportUnknownKeys(known: [String]) {
        for pair in pairs where !usedKeys.contains(pair.key) {
            let suggestion = known.min { editDistance($0, pair.key) < editDistance($1, pair.key) }
            let hint = suggestion.map { "known fields: \(known.joined(separator: ", ")); did you mean '\($0)'?" }
            diagnostics.append(Diagnostic(
                file: file, line: pair.line, column: pair.column, message: "unknown field '\(pair.key)'", hint: hint))
        }
    }
}

/// Levenshtein distance, for "did you mean" hints.
package func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
