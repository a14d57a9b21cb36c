import ArgumentParser
import ZichtEngine
import ZichtApp
import ZichtStats

struct Evaluate: AsyncParsableCommand {
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
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Placebo runs (placebo areas; placebo start dates are added when the start is common). 0: none.", valueName: "runs"))
    var placebo: Int = 0

    @Option(help: "The seed of the placebo draws: the same seed gives the same p-value.")
    var seed: UInt64 = 1

    func validate() throws {
        guard CovarianceType(rawValue: vcov) != nil else {
            throw ValidationError("--vcov: expected crv1, statsmodels, crv0 or iid, found '\(vcov)'")
        }
        guard placebo >= 0 else { throw ValidationError("--placebo: expected 0 or more runs, found \(placebo)") }
        guard panel != nil || project != nil else { throw ValidationError("give a project folder, or --panel FILE.csv") }
    }

    func run() async throws {
        try await runReportingErrors {
            if let panel {
                let evaluation = try PanelEvaluation.run(
                    panel: absoluteURL(panel), shownAs: panel, covariance: CovarianceType(rawValue: vcov)!, placeboRuns: placebo, seed: seed)
                write(try evaluation.output(format))
            } else if let project {
                write(try ProjectEvaluationOutput.output(ZichtApp.evaluate(project: absoluteURL(project), only: intervention), format: format))
            }
        }
    }
}
