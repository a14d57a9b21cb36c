import ArgumentParser
import Foundation
import ZichtEngine
import ZichtAnalysis
import ZichtApp
import ZichtSite
import ZichtCore
import ZichtSources
import ZichtStats

struct Evaluate: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    static let configuration = CommandConfiguration(
        abstract: "Did a safety measure work? Difference-in-differences on a monthly area panel (Poisson, area and period fixed effects).",
        discussion: """
            The panel is a CSV file (',' or ';') with the columns area,period,count,treated: one row per \
            area and month (period YYYY-MM, or a period number), the count of crimes, and treated = 1 for a \
            treated area from the start of the measure on. A missing row is a missing month, not a zero. \
            The model is log E[count] = area effect + period effect + β·treated, with the effects absorbed; \
            exp(β) is the rate ratio: the factor by which crime in the treated areas changed beyond the \
            change elsewhere. Areas whose counts are all zero are dropped (as pyfixest does) and listed. \
            docs/evaluation-methods.md gives the formulas and sources.

            --vcov: crv1 (default; clustered by area, pyfixest's small-sample factor), statsmodels (clustered, \
            statsmodels' factor with every dummy counted), crv0 (clustered, no factor) or iid (not clustered). \
            The interval is β ± 1.96·SE, exponentiated. With one or a few treated areas, read the placebo \
            p-values (--placebo) rather than the standard error: placebo areas treat each untreated area as if \
            it were treated (N runs, drawn with --seed when there are more possibilities), placebo start dates \
            move the start into the months before it; p = (1 + #{|placebo β| ≥ |β|}) / (1 + runs).

            Without --panel, Zicht evaluates the interventions of a site project (interventions/*.yaml) on the \
            incidents in its snapshot: every method of docs/evaluation-methods.md, as on the evaluation pages.

            Examples:
              zicht evaluate mijn-jaarverslag
              zicht evaluate mijn-jaarverslag cameratoezicht-binnenstad-2018 --format csv
              zicht evaluate --panel cameras-centrum.csv
              zicht evaluate --panel cameras-centrum.csv --placebo 999 --seed 1
              zicht evaluate --panel cameras-centrum.csv --vcov statsmodels --format json
            """)

    @Option(help: ArgumentHelp("The panel CSV file: columns area,period,count,treated.", valueName: "file"))
    var panel: String?

    @Argument(help: "The site project folder (without --panel).")
    var project: String?

    @Argument(help: "The id of one intervention (default: all of the project).")
    var intervention: String?

    @Option(help: ArgumentHelp("Standard errors: crv1, statsmodels, crv0 or iid.", valueName: "crv1|statsmodels|crv0|iid"))
    var vcov: String = CovarianceType.crv1.rawValue

    @Option(help: "Output format: table, csv or json.")
    var format: Format = .table

    @Option(help: ArgumentHelp("Placebo runs (placebo areas; placebo start dates are added when the start is common). 0: none.", valueName: "runs"))
    var placebo: Int = 0

    @Option(help: "The seed of the placebo draws: the same seed gives the same p-value.")
    var seed: UInt64 = 1

    func validate() throws {
        guard CovarianceType(rawValue: vcov) != nil else {
            throw ValidationError("--vcov: expected crv1, statsmodels, crv0 or iid, found '\(vcov)'")
        }
        guard placebo >= 0 else { throw ValidationError("--placebo: expected 0 or more runs, found \(placebo)") }
    }

    func run() async throws {
        guard let panel else {
            try await runReportingErrors {
                guard let project else { throw AppError("give a project folder, or --panel FILE.csv") }
                let loaded = try LoadedProject.load(absoluteURL(project))
                let results = try ProjectAnalyser.evaluations(loaded, snapshot: loaded.openSnapshot(), only: intervention)
                if results.isEmpty { printLine("The project has no interventions (interventions/*.yaml).") }
                let text = switch format {
                case .table: ProjectEvaluationOutput.table(results)
                case .csv: ProjectEvaluationOutput.csv(results)
                case .json: try ProjectEvaluationOutput.json(results)
                }
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            return
        }
        try await runReportingErrors {
            let data = try PanelReader.read(url: absoluteURL(panel), displayName: panel)
            let report: EvaluationReport
            do {
                report = try EvaluationReport(data: data, file: panel, covariance: CovarianceType(rawValue: vcov)!, placeboRuns: placebo, seed: seed)
            } catch let error as EvaluationError {
                throw DiagnosticsError([Diagnostic(file: panel, message: error.message, hint: error.hint)])
            }
            switch format {
            case .table: FileHandle.standardOutput.write(Data(report.table().utf8))
            case .csv: FileHandle.standardOutput.write(Data(report.csv().utf8))
            case .json: FileHandle.standardOutput.write(try report.json())
            }
        }
    }
}

/// What `zicht evaluate` prints: the fit, its summary for one covariance type, and the placebo runs.
private struct EvaluationReport {
    let file: String
    let data: PanelReader.Panel
    let fit: FixedEffectsFit
    let summary: CoefficientSummary
    let covariance: CovarianceType
    let treatedAreas: Int
    let placeboAreas: Result<PlaceboInference, EvaluationError>?
    let placeboDates: Result<PlaceboInference, EvaluationError>?
    let seed: UInt64

    init(data: PanelReader.Panel, file: String, covariance: CovarianceType, placeboRuns: Int, seed: UInt64) throws(EvaluationError) {
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

    var droppedAreas: [String] { fit.zeroAreas.map { data.areas[$0] } }
    var droppedPeriods: [String] { fit.zeroPeriods.map { data.periods[$0].description } }

    func table() -> String {
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

    func csv() -> String {
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

    func json() throws -> Data {
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
