import ArgumentParser
import Foundation
import ZichtEngine
import ZichtCore
import ZichtSources
import ZichtStats

/// Times the fixed-effects Poisson estimate (`zicht evaluate`'s model) and its placebo runs on a panel
/// file, for Benchmarks/fepois.sh.
struct FixedEffectsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fepois",
        abstract: "Time the Poisson regression with absorbed area and period fixed effects, and placebo runs.",
        discussion: """
            Reads FILE (area,period,count,treated, as `zicht evaluate --panel`), fits log E[count] = area + \
            period + β·treated REPEATS times and reports the fastest, then, with --placebo N, N placebo-area \
            runs (seeded) on all cores. The first line is the result, as Benchmarks/fepois.sh's Python \
            scripts print it: "beta B se_crv1 S se_statsmodels T observations N"; the next lines give the times.

            Example:
              zicht-bench fepois --panel /tmp/panel.csv --repeats 5 --placebo 1000
              bash Benchmarks/fepois.sh    (builds, generates a 1,000 × 60 panel, compares with pyfixest and statsmodels)
            """)

    @Option(help: ArgumentHelp("The panel CSV file.", valueName: "file"))
    var panel: String

    @Option(help: "Times to repeat the estimate (the fastest is reported).")
    var repeats: Int = 5

    @Option(help: "Placebo-area runs to time (0: none).")
    var placebo: Int = 0

    @Option(help: "The seed of the placebo draws.")
    var seed: UInt64 = 1

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, found \(repeats)") }
        guard placebo >= 0 else { throw ValidationError("--placebo must be 0 or more, found \(placebo)") }
    }

    func run() throws {
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double { Double(duration / .microseconds(1)) / 1e6 }

        var start = clock.now
        let data: PanelReader.Panel
        do {
            data = try PanelReader.read(url: URL(fileURLWithPath: panel), displayName: panel)
        } catch let error as any DiagnosticConvertible {
            FileHandle.standardError.write(Data("\(Diagnostic.report(error.diagnostics))\n".utf8))
            throw ExitCode.failure
        }
        let readSeconds = seconds(clock.now - start)
        let rows = data.observations
        let treated = rows.map { $0.treated ? 1.0 : 0 }
        let countPanel = try CountPanel(
            counts: rows.map { Double($0.count) }, area: rows.map(\.area), period: rows.map(\.period),
            areaCount: data.areas.count, periodCount: data.periods.count, periodValues: data.periods.map(\.ordinal))

        var fit: FixedEffectsFit?
        var estimateSeconds = Double.infinity
        for _ in 0..<repeats {
            start = clock.now
            fit = try PoissonFixedEffects.fit(countPanel, regressors: [Regressor("treated", treated)])
            estimateSeconds = min(estimateSeconds, seconds(clock.now - start))
        }
        guard let fit else { return }
        print("beta \(fit.coefficients[0]) se_crv1 \(fit.standardErrors(.crv1)[0]) se_statsmodels \(fit.standardErrors(.statsmodels)[0]) observations \(fit.observations)")
        print("read \(String(format: "%.4f", readSeconds)) s (\(rows.count) rows)")
        print("estimate \(String(format: "%.4f", estimateSeconds)) s (fastest of \(repeats); \(fit.iterations) IRLS iterations)")
        if placebo > 0 {
            start = clock.now
            let result = try PlaceboInference.areas(panel: countPanel, treated: treated, actual: fit.coefficients[0], runs: placebo, seed: seed)
            let placeboSeconds = seconds(clock.now - start)
            print("placebo \(String(format: "%.3f", placeboSeconds)) s (\(result.estimates.count) runs, \(result.failedRuns) failed, "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores; p = \(result.pValue))")
        }
    }
}
