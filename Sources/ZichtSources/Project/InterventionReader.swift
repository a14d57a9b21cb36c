import Foundation
import Yams
import ZichtCore

/// Reads a safety instrument from a project's `interventions/*.yaml`.
///
/// ```yaml
/// id: camera-binnenstad-2018
/// name: Uitbreiding cameratoezicht binnenstad
/// kind: cameratoezicht        # cameratoezicht | sluiting-13b | gebiedsverbod | verlichting | overig
/// start: 2018-06-01
/// goal: "7.2.1"
/// target: {buurten: [BU01931000, BU01931010]}     # or polygon: [[x, y], …] or cameras: [[x, y], …] with radius: 60
/// buffer: 300                  # metres around the target, watched for displacement
/// control: {automatic: 8}      # or buurten: [...]
/// types: ["1.4.5", "2.2.1"]
/// before: 24                   # months
/// after: 18
/// expectedEffect: -20          # percent, the measurable goal
/// ```
public enum InterventionReader {
    public static let knownKeys = [
        "id", "name", "kind", "start", "end", "goal", "target", "buffer", "control", "types", "before", "after", "expectedEffect",
        "description",
    ]

    public static func read(_ text: String, file: String, into diagnostics: inout [Diagnostic]) -> Intervention? {
        guard let root = YAMLDocument.parse(text, file: file, firstLine: 1, into: &diagnostics),
            var fields = YAMLFields(root, file: file, firstLine: 1, what: "an intervention", into: &diagnostics)
        else { return nil }
        var lines: [String: Int] = [:]
        for key in knownKeys { lines[key] = fields.line(of: key) }
        let id = fields.string("id", required: true)
        let name = fields.string("name", required: true)
        let kindText = fields.string("kind", required: true)
        let kind = kindText.flatMap(Intervention.Kind.init(rawValue:))
        if let kindText, kind == nil {
            fields.report(fields.node("kind"), "unknown kind '\(kindText)'",
                hint: "use one of \(Intervention.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        func date(_ key: String, required: Bool) -> CivilDate? {
            guard let text = fields.string(key, required: required) else { return nil }
            guard let date = CivilDate(iso: text) else {
                fields.report(fields.node(key), "expected '\(key)' as a date YYYY-MM-DD, found '\(text)'")
                return nil
            }
            return date
        }
        let start = date("start", required: true)
        let end = date("end", required: false)
        if let start, let end, end <= start {
            fields.report(fields.node("end"), "the end (\(end)) must come after the start (\(start))")
        }
        let goal = fields.string("goal")
        let target = readTarget(&fields)
        let buffer = number(&fields, "buffer", minimum: 0) ?? 0
        let control = readControl(&fields)
        let types = fields.strings("types")
        if types.isEmpty && fields.node("types") != nil {
            fields.report(fields.node("types"), "expected 'types' to list at least one incident type, e.g. [\"1.4.5\"]")
        } else if fields.node("types") == nil {
            fields.report(nil, "missing required field 'types'", hint: "list the incident types of interest, e.g. types: [\"1.4.5\", \"2.2.1\"]")
        }
        let before = fields.int("before") ?? 24
        let after = fields.int("after") ?? 12
        if before < 3 { fields.report(fields.node("before"), "expected 'before' to be at least 3 months, found \(before)") }
        if after < 1 { fields.report(fields.node("after"), "expected 'after' to be at least 1 month, found \(after)") }
        // Months are added to dates: a window of 10¹⁵ months would overflow, and 40 years is plenty.
        for (key, value) in [("before", before), ("after", after)] where value > 480 {
            fields.report(fields.node(key), "expected '\(key)' to be at most 480 months (40 years), found \(value)")
        }
        let expected = number(&fields, "expectedEffect", minimum: -100)
        let description = fields.string("description")
        fields.reportUnknownKeys(known: knownKeys)
        diagnostics.append(contentsOf: fields.diagnostics)
        guard !fields.diagnostics.contains(where: { $0.severity == .error }), let id, let name, let kind, let start, let target,
            let control
        else { return nil }
        return Intervention(
            id: id, name: name, kind: kind, start: start, end: end, goal: goal, target: target, bufferWidth: buffer, control: control,
            types: types, monthsBefore: before, monthsAfter: after, expectedEffect: expected, description: description, sourceFile: file,
            fieldLines: lines)
    }

    private static func number(_ fields: inout YAMLFields, _ key: String, minimum: Double) -> Double? {
        guard let text = fields.string(key) else { return nil }
        guard let value = DecimalNumber.finite(text), value >= minimum else {
            fields.report(fields.node(key), "expected '\(key)' to be a number of at least \(Int(minimum)), found '\(text)'")
            return nil
        }
        return value
    }

    private static func points(_ node: Yams.Node?, _ fields: inout YAMLFields, _ key: String) -> [[Double]]? {
        guard let list = node?.sequence else {
            fields.report(node, "expected '\(key)' as a list of [x, y] pairs in RD New metres")
            return nil
        }
        var result: [[Double]] = []
        for item in list {
            let pair = item.sequence?.compactMap { $0.scalar.flatMap { DecimalNumber.finite($0.string) } } ?? []
            guard pair.count == 2 else {
                fields.report(item, "expected an [x, y] pair of numbers (RD New metres) in '\(key)'")
                return nil
            }
            result.append(pair)
        }
        return result
    }

    private static func readTarget(_ fields: inout YAMLFields) -> Intervention.Area? {
        guard var target = fields.mapping("target", required: true, what: "buurten, polygon, or cameras with radius") else { return nil }
        defer {
            target.reportUnknownKeys(known: ["buurten", "polygon", "cameras", "radius"])
            fields.absorb(target)
        }
        let keys = ["buurten", "polygon", "cameras"].filter { target.line(of: $0) != nil }
        guard keys.count == 1 else {
            target.report(nil, keys.isEmpty ? "the target needs 'buurten:', 'polygon:' or 'cameras:'" : "give only one of \(keys.joined(separator: ", ")) as the target")
            return nil
        }
        let result: Intervention.Area?
        switch keys[0] {
        case "buurten":
            let codes = target.strings("buurten")
            if codes.isEmpty { target.report(target.node("buurten"), "expected at least one buurt code as the target, found none") }
            result = codes.isEmpty ? nil : .buurten(codes)
        case "polygon":
            let ring = points(target.node("polygon"), &target, "polygon")
            if let ring, ring.count < 3 { target.report(target.node("polygon"), "a polygon needs at least 3 points, found \(ring.count)") }
            result = ring.flatMap { $0.count >= 3 ? .polygon($0) : nil }
        default:
            let cameras = points(target.node("cameras"), &target, "cameras")
            let radius = number(&target, "radius", minimum: 1)
            if let cameras, cameras.isEmpty { target.report(target.node("cameras"), "expected at least one camera position [x, y], found none") }
            if radius == nil && target.line(of: "radius") == nil {
                target.report(nil, "cameras need a 'radius:' in metres, the distance each camera covers")
            }
            result = cameras.flatMap { points in points.isEmpty ? nil : radius.map { .cameras(points: points, radius: $0) } }
        }
        return result
    }

    private static func readControl(_ fields: inout YAMLFields) -> Intervention.Control? {
        guard fields.line(of: "control") != nil else { return .automatic(count: 8) }
        guard var control = fields.mapping("control", what: "buurten or automatic") else { return nil }
        defer {
            control.reportUnknownKeys(known: ["buurten", "automatic"])
            fields.absorb(control)
        }
        if control.line(of: "buurten") != nil {
            let codes = control.strings("buurten")
            if codes.isEmpty { control.report(control.node("buurten"), "expected at least one buurt code as control") }
            return codes.isEmpty ? nil : .buurten(codes)
        }
        guard let count = control.int("automatic", required: true) else { return nil }
        if count < 1 { control.report(control.node("automatic"), "expected 'automatic' to be 1 or more buurten, found \(count)") }
        return count < 1 ? nil : .automatic(count: count)
    }
}
