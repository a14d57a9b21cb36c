import Foundation
import Yams
import ZichtCore

/// Reads an indicator definition from a project's `indicators/*.yaml`.
///
/// ```yaml
/// id: lokaal-woninginbraak
/// title: Woninginbraken
/// unit: per 1.000 inwoners
/// numerator: {table: 83651NED, measure: TotaalGeregistreerdeDiefstallen_1,
///             filter: {GebruikVanGeweld: T001540, SoortDiefstal: CRI1135}}
/// denominator: {table: 70072ned, measure: TotaleBevolking_1}
/// scale: 1000
/// decimals: 1
/// comparisons: [provincie, nederland, GM0200]
/// target: {value: 3.0, direction: lower, tolerance: 0.2}
/// note: Geregistreerde woninginbraken per 1.000 inwoners op 1 januari.
/// ```
public enum IndicatorDefinitionReader {
    public static let knownKeys = [
        "id", "title", "unit", "numerator", "denominator", "publishedRate", "scale", "decimals", "comparisons", "target", "better", "note",
        "countsAreRounded", "provisionalYears",
    ]

    public static func read(_ text: String, file: String, into diagnostics: inout [Diagnostic]) -> IndicatorDefinition? {
        guard let root = YAMLDocument.parse(text, file: file, firstLine: 1, into: &diagnostics),
            var fields = YAMLFields(root, file: file, firstLine: 1, what: "an indicator definition", into: &diagnostics)
        else { return nil }
        let id = fields.string("id", required: true)
        let title = fields.string("title", required: true)
        let unit = fields.string("unit", required: true)
        let numerator = selector(&fields, "numerator", required: true)
        let denominator = selector(&fields, "denominator", required: false)
        let published = selector(&fields, "publishedRate", required: false)
        var scale = 1.0
        if let text = fields.string("scale") {
            if let value = DecimalNumber.finite(text), value > 0 { scale = value } else {
                fields.report(fields.node("scale"), "expected 'scale' to be a positive number such as 1000, found '\(text)'")
            }
        }
        let decimals = fields.int("decimals", in: IndicatorDefinition.decimalsRange) ?? 1
        var comparisons: [ComparisonRegion] = []
        for item in fields.strings("comparisons") {
            switch item.lowercased() {
            case "provincie", "province": comparisons.append(.province)
            case "nederland", "nl01": comparisons.append(.nederland)
            default:
                if item.range(of: #"^(GM\d{4}|PV\d{2}|WK\d{6}|BU\d{8})$"#, options: .regularExpression) != nil {
                    comparisons.append(.code(item))
                } else {
                    fields.report(fields.node("comparisons"), "unknown comparison region '\(item)'",
                                  hint: "use 'provincie', 'nederland' or a CBS code such as GM0200")
                }
            }
        }
        if fields.node("comparisons") == nil { comparisons = [.province, .nederland] }
        var target: IndicatorTarget?
        if var targetFields = fields.mapping("target", what: "value and direction") {
            let valueText = targetFields.string("value", required: true, context: " in 'target'")
            let directionText = targetFields.string("direction", required: true, context: " in 'target'")
            let toleranceText = targetFields.string("tolerance")
            let tolerance = toleranceText.flatMap(DecimalNumber.finite).flatMap { $0 >= 0 ? $0 : nil }
            if let toleranceText, tolerance == nil {
                targetFields.report(targetFields.node("tolerance"), "expected 'tolerance' to be a number of at least 0, found '\(toleranceText)'")
            }
            let direction = directionText.flatMap(IndicatorTarget.Direction.init(rawValue:))
            if let directionText, direction == nil {
                targetFields.report(targetFields.node("direction"), "expected 'direction' to be 'lower' or 'higher', found '\(directionText)'")
            }
            let value = valueText.flatMap(DecimalNumber.finite)
            if let valueText, value == nil {
                targetFields.report(targetFields.node("value"), "expected the target value as a number with a decimal point, found '\(valueText)'")
            }
            targetFields.reportUnknownKeys(known: ["value", "direction", "tolerance"])
            fields.absorb(targetFields)
            if let value, let direction { target = IndicatorTarget(value: value, direction: direction, tolerance: tolerance ?? 0) }
        }
        let betterText = fields.string("better")
        let better = betterText.flatMap(IndicatorTarget.Direction.init(rawValue:))
        if let betterText, better == nil {
            fields.report(fields.node("better"), "expected 'better' to be 'lower' or 'higher', found '\(betterText)'")
        }
        if let better, let target, target.direction != better {
            fields.report(fields.node("better"), "'better: \(better.rawValue)' contradicts the target's 'direction: \(target.direction.rawValue)'")
        }
        let note = fields.string("note") ?? ""
        let rounded = fields.string("countsAreRounded").map { $0 == "true" } ?? false
        let provisional = Set(fields.strings("provisionalYears").compactMap(Int.init))
        fields.reportUnknownKeys(known: knownKeys)
        diagnostics.append(contentsOf: fields.diagnostics)
        guard !fields.diagnostics.contains(where: { $0.severity == .error }), let id, let title, let unit, let numerator else { return nil }
        return IndicatorDefinition(
            id: id, title: title, unit: unit, numerator: numerator, denominator: denominator, publishedRate: published, scale: scale,
            decimals: decimals, comparisons: comparisons, target: target, better: better, note: note, countsAreRounded: rounded,
            provisionalYears: provisional)
    }

    /// `{table | tables, measure, filter | alternatives}`.
    private static func selector(_ fields: inout YAMLFields, _ key: String, required: Bool) -> SeriesSelector? {
        guard var nested = fields.mapping(key, required: required, what: "table, measure and filter") else { return nil }
        var tables = nested.strings("tables")
        if let table = nested.string("table") { tables.append(table) }
        if tables.isEmpty { nested.report(nil, "'\(key)' needs 'table:' (a StatLine table id such as 83648NED)") }
        let measure = nested.string("measure", required: true, context: " in '\(key)'")
        var alternatives: [[String: String]] = []
        for name in ["filter"] where nested.node(name) != nil {
            if let filter = dimensions(&nested, nested.node(name)!) { alternatives.append(filter) }
        }
        for item in nested.sequence("alternatives") {
            if let filter = dimensions(&nested, item) { alternatives.append(filter) }
        }
        nested.reportUnknownKeys(known: ["table", "tables", "measure", "filter", "alternatives"])
        fields.absorb(nested)
        guard let measure, !tables.isEmpty else { return nil }
        return SeriesSelector(tables: tables, measure: measure, alternatives: alternatives)
    }

    private static func dimensions(_ fields: inout YAMLFields, _ node: Yams.Node) -> [String: String]? {
        guard let mapping = node.mapping else {
            fields.report(node, "expected a filter as 'Dimension: key' pairs, e.g. {SoortMisdrijf: CRI3000}")
            return nil
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, let text = value.string else {
                fields.report(value, "expected a dimension key as text")
                continue
            }
            result[name] = text.trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}
