import Foundation
import ZichtAnalysis
import ZichtCore
import ZichtEngine
import ZichtSite
import ZichtSources
import ZichtStats

extension ZichtApp {
    /// `zicht evaluate PROJECT`: evaluates the project's interventions (all, or the one with id
    /// `only`) on the incidents in its snapshot, after importing what zicht.yaml lists.
    /// - Throws: ``DiagnosticsError`` for problems in the project or an intervention file.
    public static func evaluate(project: URL, only: String? = nil) throws -> [EvaluationResult] {
        let loaded = try LoadedProject.load(project)
        return try ProjectAnalyser.evaluations(loaded, snapshot: loaded.openSnapshot(), only: only)
    }
}

/// The rows `zicht evaluate PROJECT` prints: one per method, as rate ratios (below 1 = fewer incidents
/// in the target area than the control areas predict) with their 95 % intervals.
public enum ProjectEvaluationOutput {
    public struct Row: Encodable, Sendable {
        public var intervention: String
        public var method: String
        public var estimate: Double?
        public var low: Double?
        public var high: Double?
        public var pValue: Double?
        public var truth: Double?
        public var note: String
    }

    public static func rows(_ data: EvaluationResult) -> [Row] {
        let e = data.evaluation, id = e.intervention.id, truth = data.simulatedTruth
        var rows: [Row] = []
        if let res = e.relativeEffectSize {
            let i = res.interval()
            rows.append(Row(intervention: id, method: "res-poisson", estimate: 1 / res.value, low: 1 / i.upperBound, high: 1 / i.lowerBound, pValue: res.pValue, truth: truth,
                            note: "rate ratio = 1/RES; RES = \(res.value)"))
        }
        if let res = e.inflatedEffectSize, let d = e.overdispersion {
            let i = res.interval()
            rows.append(Row(intervention: id, method: "res-overdispersion", estimate: 1 / res.value, low: 1 / i.upperBound, high: 1 / i.lowerBound, pValue: res.pValue, truth: truth,
                            note: "variance × D, D = \(d.estimate)"))
        }
        for (name, summary) in [("did-poisson-fe", e.poisson), ("did-negbin-fe", e.negativeBinomial)] {
            guard let summary else { continue }
            rows.append(Row(intervention: id, method: name, estimate: summary.rateRatio, low: summary.rateRatioInterval.lowerBound,
                            high: summary.rateRatioInterval.upperBound, pValue: summary.pValue, truth: truth, note: "CRV1 clustered by area"))
        }
        if let p = e.placeboAreas {
            rows.append(Row(intervention: id, method: "placebo-areas", estimate: nil, low: nil, high: nil, pValue: p.pValue, truth: nil, note: "\(p.estimates.count) runs"))
        }
        if let p = e.placeboDates {
            rows.append(Row(intervention: id, method: "placebo-dates", estimate: nil, low: nil, high: nil, pValue: p.pValue, truth: nil, note: "\(p.estimates.count) runs"))
        }
        if let w = e.weightedDisplacementDifference {
            let i = w.interval()
            rows.append(Row(intervention: id, method: "wdd", estimate: w.estimate, low: i.lowerBound, high: i.upperBound, pValue: w.pValue, truth: nil, note: "counts, not a ratio"))
        }
        if let q = e.displacementQuotientValue {
            rows.append(Row(intervention: id, method: "wdq", estimate: q, low: nil, high: nil, pValue: nil, truth: nil, note: ">0 diffusion of benefits, <0 displacement"))
        }
        if let m = e.minimumDetectableEffect {
            rows.append(Row(intervention: id, method: "minimum-detectable-effect", estimate: exp(-m.logEffect), low: nil, high: nil, pValue: nil, truth: nil,
                            note: "smallest rate ratio detectable with 80 % power at 5 %"))
        }
        for item in e.notApplied {
            rows.append(Row(intervention: id, method: item.method.rawValue, estimate: nil, low: nil, high: nil, pValue: nil, truth: nil, note: "not computed: \(item.reason.terminalText)"))
        }
        return rows
    }

    static func number(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }

    /// The results in `format`, as the terminal shows them; says so when there are none.
    public static func output(_ results: [EvaluationResult], format: OutputFormat) throws -> String {
        let notice = results.isEmpty ? "The project has no interventions (interventions/*.yaml).\n" : ""
        return switch format {
        case .table: notice + table(results)
        case .csv: notice + csv(results)
        case .json: notice + (try json(results))
        }
    }

    public static func table(_ results: [EvaluationResult]) -> String {
        var lines: [String] = []
        for data in results {
            let e = data.evaluation
            lines.append("\(e.intervention.name) (\(e.intervention.id))\(data.isSimulated ? " — simulated incidents" : "")")
            lines.append("target: \(e.total(e.monthlyTarget, after: false)) before, \(e.total(e.monthlyTarget, after: true)) after; control (\(e.controlAreas.map(\.code).joined(separator: ", "))): \(e.total(e.monthlyControl, after: false)) before, \(e.total(e.monthlyControl, after: true)) after")
            if let truth = data.simulatedTruth { lines.append("simulated true rate ratio: \(truth)") }
            lines.append("method                     estimate   95% low   95% high   p")
            for row in rows(data) {
                let name = row.method.padding(toLength: 26, withPad: " ", startingAt: 0)
                lines.append("\(name) \(number(row.estimate).padding(toLength: 10, withPad: " ", startingAt: 0)) \(number(row.low).padding(toLength: 9, withPad: " ", startingAt: 0)) \(number(row.high).padding(toLength: 10, withPad: " ", startingAt: 0)) \(number(row.pValue))  \(row.note)")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    public static func csv(_ results: [EvaluationResult]) -> String {
        var lines = ["intervention,method,estimate,low,high,p_value,simulated_truth,note"]
        for row in results.flatMap(rows) {
            lines.append(CSVText.line([
                row.intervention, row.method, number(row.estimate), number(row.low), number(row.high), number(row.pValue), number(row.truth), row.note,
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ results: [EvaluationResult]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(results.flatMap(rows)), as: UTF8.self) + "\n"
    }
}
