import Foundation
import ZichtEngine
import ZichtCore
import ZichtSources
import ZichtStats

/// `zicht evaluate --panel`: a Poisson difference-in-differences fit on a monthly area panel, its
/// summary for one covariance type, and the placebo runs.
public struct PanelEvaluation: Sendable {
    /// The file's name as the user gave it.
    public let file: String
    public let data: PanelReader.Panel
    public let fit: FixedEffectsFit
    public let summary: CoefficientSummary
    public let covariance: CovarianceType
    public let treatedAreas: Int
    /// Placebo areas and placebo start dates, when placebo runs were asked for; each may fail alone.
    public let placeboAreas: Result<PlaceboInference, EvaluationError>?
    public let placeboDates: Result<PlaceboInference, EvaluationError>?
    public let seed: UInt64

    /// Reads the panel CSV at `url` (columns area,period,count,treated) and fits the model.
    /// - Parameters:
    ///   - shownAs: the file's name in messages and output.
    ///   - placeboRuns: placebo runs of each kind; 0 for none.
    /// - Throws: ``DiagnosticsError`` for problems in the file, or a ``LocatedError`` around the
    ///   ``EvaluationError`` when the model cannot be fitted on it.
    public static func run(
        panel url: URL, shownAs: String, covariance: CovarianceType = .crv1, placeboRuns: Int = 0, seed: UInt64 = 1
    ) throws -> PanelEvaluation {
        let data = try PanelReader.read(url: url, displayName: shownAs)
        do {
            return try PanelEvaluation(data: data, file: shownAs, covariance: covariance, placeboRuns: placeboRuns, seed: seed)
        } catch {
            throw LocatedError(file: shownAs, cause: error)
        }
    }

    /// Fits the model on a panel already read.
    public init(data: PanelReader.Panel, file: String, covariance: CovarianceType, placeboRuns: Int, seed: UInt64) throws(EvaluationError) {
        let rows = data.observations
        let panel = try CountPanel(
            counts: rows.map { Double($0.count) }, area: rows.map(\.area), period: rows.map(\.period),
            areaCount: data.areas.count, periodCount: data.periods.count, periodValues: data.periods.map(\.ordinal))
        let treated = rows.map { $0.treated ? 1.0 : 0 }
        guard treated.contains(1) else {
            throw EvaluationError(.noTreatedAreas, "no row has treated = 1", hint: "mark the treated areas' months from the start of the measure with treated = 1")
        }
        fit = try PoissonFixedEffects.fit(panel, regressors: [Regressor("treated", treated)])
        summary = fit.summary(covariance: covariance)
        self.file = file
        self.data = data
        self.covariance = covariance
        self.seed = seed
        treatedAreas = Set(rows.filter(\.treated).map(\.area)).count
        if placeboRuns > 0 {
            let actual = fit.coefficients[0]
            placeboAreas = Result { () throws(EvaluationError) in
                try PlaceboInference.areas(panel: panel, treated: treated, actual: actual, runs: placeboRuns, seed: seed)
            }
            placeboDates = Result { () throws(EvaluationError) in
                try PlaceboInference.startDates(panel: panel, treated: treated, actual: actual, runs: placeboRuns, seed: seed)
            }
        } else {
            placeboAreas = nil
            placeboDates = nil
        }
    }

    public var droppedAreas: [String] { fit.zeroAreas.map { data.areas[$0] } }
    public var droppedPeriods: [String] { fit.zeroPeriods.map { data.periods[$0].description } }

    /// The result in `format`, as the terminal shows it.
    public func output(_ format: OutputFormat) throws -> String {
        switch format {
        case .table: table()
        case .csv: csv()
        case .json: String(decoding: try json(), as: UTF8.self)
        }
    }

    public func table() -> String {
        func number(_ value: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", value) }
        let interval = summary.rateRatioInterval
        var lines = [
            "Poisson regression with area and period fixed effects (absorbed): \(file)",
            "  observations \(fit.observations) of \(data.observations.count) rows: \(fit.areas) areas × \(fit.periods) periods"
                + (data.periods.isEmpty ? "" : " (\(data.periods.first!) … \(data.periods.last!))")
                + (data.isBalanced ? "" : ", unbalanced"),
            "  treated areas: \(treatedAreas)",
        ]
        if !droppedAreas.isEmpty {
            lines.append("  dropped, all counts zero: \(droppedAreas.count) area\(droppedAreas.count == 1 ? "" : "s") (\(droppedAreas.joined(separator: ", ")))")
        }
        if !droppedPeriods.isEmpty {
            lines.append("  dropped, all counts zero: \(droppedPeriods.count) period\(droppedPeriods.count == 1 ? "" : "s") (\(droppedPeriods.joined(separator: ", ")))")
        }
        if fit.singletonObservations > 0 {
            lines.append("  dropped: \(fit.singletonObservations) row\(fit.singletonObservations == 1 ? "" : "s") alone in their area or period")
        }
        lines += [
            "effect of treated",
            "  β (log rate ratio)  \(number(summary.estimate))   SE \(number(summary.standardError))   z \(number(summary.z, 2))   p \(number(summary.pValue))",
            "  rate ratio exp(β)   \(number(summary.rateRatio, 3))   95 % interval \(number(interval.lowerBound, 3)) – \(number(interval.upperBound, 3))   (\(summary.percentChange >= 0 ? "+" : "")\(number(summary.percentChange, 1)) %)",
            "  standard errors: \(covariance.label)",
        ]
        for (name, result) in [("placebo areas", placeboAreas), ("placebo start dates", placeboDates)] {
            guard let result else { continue }
            switch result {
            case .success(let placebo):
                let how = placebo.isExhaustive ? (placebo.kind == .areas ? "every untreated area once" : "every start date") : "random draws, seed \(seed)"
                lines.append(
                    "\(name): \(placebo.estimates.count) runs (\(how)\(placebo.failedRuns > 0 ? ", \(placebo.failedRuns) failed" : "")); "
                        + "\(placebo.atLeastAsExtreme) with |β| ≥ \(number(abs(placebo.actual))): p = (1 + \(placebo.atLeastAsExtreme)) / (1 + \(placebo.estimates.count)) = \(number(placebo.pValue, 3))")
            case .failure(let error):
                lines.append("\(name): not available: \(error.message)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func csv() -> String {
        var header = ["vcov", "beta", "se", "z", "p_value", "rate_ratio", "rate_ratio_low", "rate_ratio_high", "observations", "areas", "periods",
                      "treated_areas", "dropped_areas"]
        let interval = summary.rateRatioInterval
        var row = [covariance.rawValue] + [summary.estimate, summary.standardError, summary.z, summary.pValue, summary.rateRatio,
                                           interval.lowerBound, interval.upperBound].map { "\($0)" }
        row += [fit.observations, fit.areas, fit.periods, treatedAreas].map(String.init) + [droppedAreas.joined(separator: " ")]
        for (name, result) in [("placebo_areas", placeboAreas), ("placebo_start_dates", placeboDates)] {
            guard let result else { continue }
            header += ["\(name)_runs", "\(name)_p_value"]
            if case .success(let placebo) = result {
                row += ["\(placebo.estimates.count)", "\(placebo.pValue)"]
            } else {
                row += ["", ""]
            }
        }
        let quoted = row.map(CSVText.field)
        return header.joined(separator: ",") + "\n" + quoted.joined(separator: ",") + "\n"
    }

    struct Placebo: Encodable {
        var runs: Int?
        var exhaustive: Bool?
        var failed: Int?
        var atLeastAsExtreme: Int?
        var pValue: Double?
        var share: Double?
        var unavailable: String?
    }

    struct Output: Encodable {
        var model = "poisson-fixed-effects"
        var file: String
        var coefficient = "treated"
        var vcov: String
        var vcovDescription: String
        var beta: Double?
        var se: Double?
        var z: Double?
        var pValue: Double?
        var level = 0.95
        var betaCi: [Double?]
        var rateRatio: Double?
        var rateRatioCi: [Double?]
        var percentChange: Double?
        var observations: Int
        var rows: Int
        var areas: Int
        var periods: Int
        var treatedAreas: Int
        var droppedAreas: [String]
        var droppedPeriods: [String]
        var droppedObservations: Int
        var singletonObservations: Int
        var iterations: Int
        var placeboAreas: Placebo?
        var placeboStartDates: Placebo?
        var placeboSeed: UInt64?
    }

    public func json() throws -> Data {
        func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
        func placebo(_ result: Result<PlaceboInference, EvaluationError>?) -> Placebo? {
            switch result {
            case nil: return nil
            case .success(let placebo)?:
                return Placebo(
                    runs: placebo.estimates.count, exhaustive: placebo.isExhaustive, failed: placebo.failedRuns,
                    atLeastAsExtreme: placebo.atLeastAsExtreme, pValue: placebo.pValue, share: finite(placebo.share))
            case .failure(let error)?:
                return Placebo(unavailable: error.message)
            }
        }
        let output = Output(
            file: file, vcov: covariance.rawValue, vcovDescription: covariance.label, beta: finite(summary.estimate),
            se: finite(summary.standardError), z: finite(summary.z), pValue: finite(summary.pValue),
            betaCi: [finite(summary.interval.lowerBound), finite(summary.interval.upperBound)], rateRatio: finite(summary.rateRatio),
            rateRatioCi: [finite(summary.rateRatioInterval.lowerBound), finite(summary.rateRatioInterval.upperBound)],
            percentChange: finite(summary.percentChange), observations: fit.observations, rows: data.observations.count, areas: fit.areas,
            periods: fit.periods, treatedAreas: treatedAreas, droppedAreas: droppedAreas, droppedPeriods: droppedPeriods,
            droppedObservations: fit.zeroObservations + fit.singletonObservations, singletonObservations: fit.singletonObservations,
            iterations: fit.iterations, placeboAreas: placebo(placeboAreas), placeboStartDates: placebo(placeboDates),
            placeboSeed: placeboAreas == nil ? nil : seed)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(output) + Data("\n".utf8)
    }
}
