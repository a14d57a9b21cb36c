import ArgumentParser
import Foundation
import ZichtEngine
import ZichtApp
import ZichtCore
import ZichtSim
import ZichtSources

/// The simulation study of the evaluation methods (issue 5, docs/evaluation-simulation-study.md):
/// many simulated Zwolles with a known camera effect, every method's bias, coverage and rejection rate.
struct EvaluationStudyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluation-study",
        abstract: "Simulation study of the evaluation methods: bias, interval coverage and rejection rates.",
        discussion: """
            Simulates --cities cities of the bundled example (Zwolle, ZichtSim counts-only mode) for each \
            true zone effect in --effects, evaluates the camera zone (the 3 Binnenstad buurten) on threats, \
            assaults and criminal damage, 24 months before and 18 from June 2018, with each control choice \
            in --controls, and prints Markdown tables per control choice and effect. City i has seed \
            SplitMix64(seed, stream i), the same for every effect; the output depends on --seed only, not \
            on the number of threads.

            Example:
              zicht-bench evaluation-study --cities 1000 --seed 2018 --effects 1,0.9,0.75
              zicht-bench evaluation-study --cities 1000 --controls busiest:10,all,automatic:8
            """)

    @Option(help: "Simulated cities per effect.")
    var cities: Int = 1000

    @Option(help: "The study's seed.")
    var seed: UInt64 = 2018

    @Option(help: ArgumentHelp("True zone effects (multipliers), comma-separated.", valueName: "list"))
    var effects: String = "1,0.9,0.75"

    @Option(help: ArgumentHelp("Control choices, comma-separated: busiest:K, all, automatic:K.", valueName: "list"))
    var controls: String = "busiest:10"

    @Option(help: "Placebo runs per placebo test (exhaustive when there are fewer possible placebos).")
    var placeboRuns: Int = 200

    @Option(help: "Cities (the first ones) in which the placebo tests run; default: all.")
    var placeboCities: Int?

    func validate() throws {
        guard cities >= 2 else { throw ValidationError("--cities must be at least 2, found \(cities)") }
        guard placeboRuns >= 1 else { throw ValidationError("--placebo-runs must be at least 1, found \(placeboRuns)") }
        guard parsedEffects() != nil else { throw ValidationError("--effects must be positive numbers separated by commas, found '\(effects)'") }
        guard parsedControls() != nil else { throw ValidationError("--controls must be busiest:K, all or automatic:K separated by commas, found '\(controls)'") }
    }

    func parsedEffects() -> [Double]? {
        let values = effects.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return values.compactMap { $0 }
    }

    func parsedControls() -> [EvaluationStudy.ControlChoice]? {
        let values = controls.split(separator: ",").map { EvaluationStudy.ControlChoice($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return nil }
        return values.compactMap { $0 }
    }

    func run() throws {
        let project = try LoadedProject.load(ZichtApp.exampleProject)
        let base = EvaluationStudy.Design.cameraBinnenstad2018
        let city = try ProjectSimulation(project, years: base.years).city
        let placeboCount = min(placeboCities ?? cities, cities)
        print("# Evaluation study: \(cities) cities per effect, seed \(seed), placebo tests in \(placeboCount) cities (\(placeboRuns) runs at most)")
        for choice in parsedControls()! {
            var design = base
            design.controls = choice
            let study = try EvaluationStudy(city: city, design: design)
            printDesign(study)
            for effect in parsedEffects()! {
                let clock = ContinuousClock.now
                let results = study.evaluate(cities: cities, seed: seed, effect: effect, placeboCities: placeboCount, placeboRuns: placeboRuns)
                let elapsed = ContinuousClock.now - clock
                printResults(study, results: results, effect: effect, seconds: Double(elapsed / .microseconds(1)) / 1e6)
            }
        }
    }

    func printDesign(_ study: EvaluationStudy) {
        let design = study.design
        print("\n## Controls: \(design.controls)\n")
        print("Zone: \(study.zoneCodes.joined(separator: ", ")); buffer ring (left out): \(study.bufferCodes.count) buurten; types \(design.types.joined(separator: ", ")); \(design.monthsBefore) months before and \(design.monthsAfter) from \(design.start.firstDayText).")
        if let codes = study.fixedControlCodes {
            print("Controls (\(codes.count)): \(codes.joined(separator: ", ")).")
        } else {
            print("Controls: chosen per city from the simulated before window.")
        }
        let (target, control) = study.expectedWithoutCamera()
        let split = design.monthsBefore
        func change(_ values: [Double]) -> Double {
            (values.dropFirst(split).reduce(0, +) / Double(design.monthsAfter)) / (values.prefix(split).reduce(0, +) / Double(split))
        }
        var line = "Expected counts without camera: zone \(format(target.prefix(split).reduce(0, +), 1)) before, monthly level after/before \(format(change(target), 4))"
        if let control {
            line += "; controls \(format(control.prefix(split).reduce(0, +), 1)) before, after/before \(format(change(control), 4)); design bias ln((zone)/(controls)) = \(format(log(change(target) / change(control)), 4))"
        }
        print(line + ".")
    }

    func printResults(_ study: EvaluationStudy, results: [EvaluationStudy.CityResult], effect: Double, seconds: Double) {
        let truths = results.map(\.truth)
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        let pooled = EvaluationStudy.pooledLogRatio(results)
        let mde = results.compactMap(\.minimumDetectableReduction)
        print("\n### True effect r = \(format(effect, 2)) (ln r = \(format(log(effect), 4)))\n")
        print("Expected in the model: ln 2×2 ratio \(format(mean(truths.map(\.twoByTwoLogRatio)), 4)), Poisson FE \(format(mean(truths.map(\.poissonLogRatio)), 4)) (design bias \(format(mean(truths.map(\.twoByTwoLogRatio)) - log(effect), 4))); pooled counts of the cities: \(format(pooled, 4)). Mean minimum detectable reduction (80 % power, D̂): \(format(100 * mean(mde), 1)) %. \(results.count) cities in \(format(seconds, 2)) s.\n")
        let summaries = study.summarize(results, effect: effect)
        print("| Method | n | mean r̂ | mean ln r̂ | bias ln | bias % | bias vs model | RMSE ln | SD ln | mean SE | coverage r | coverage model | mean width | reject 5 % |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for s in summaries where s.method.isRatio {
            print("| \(s.method.rawValue) | \(s.cities) | \(format(s.meanRatio, 4)) | \(format(s.meanEstimate, 4)) | \(format(s.bias, 4)) | \(format(s.biasPercent, 2)) | \(format(s.estimatorBias, 4)) | \(format(s.rmse, 4)) | \(format(s.standardDeviation, 4)) | \(format(s.meanStandardError, 4)) | \(percent(s.coverage)) | \(percent(s.expectedValueCoverage)) | \(format(s.meanWidth, 3)) | \(percent(s.rejection)) |")
        }
        print("\nWDD, incidents per month (true change: zone \(format(mean(truths.map(\.localChange)), 3)), zone + buffer \(format(mean(truths.map(\.netChange)), 3)); expected WDD in the model: zone \(format(mean(truths.map(\.wddLocalExpected)), 3)), zone + buffer \(format(mean(truths.map(\.wddNetExpected)), 3))):\n")
        print("| Method | n | mean | bias | bias vs model | RMSE | SD | mean SE | coverage true | coverage model | mean width | reject 5 % |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for s in summaries where s.method.isDisplacementDifference {
            print("| \(s.method.rawValue) | \(s.cities) | \(format(s.meanEstimate, 3)) | \(format(s.bias, 3)) | \(format(s.estimatorBias, 3)) | \(format(s.rmse, 3)) | \(format(s.standardDeviation, 3)) | \(format(s.meanStandardError, 3)) | \(percent(s.coverage)) | \(percent(s.expectedValueCoverage)) | \(format(s.meanWidth, 2)) | \(percent(s.rejection)) |")
        }
        let placebo = summaries.filter { !$0.method.isRatio && !$0.method.isDisplacementDifference }
        if !placebo.isEmpty {
            print("\n| Placebo test | n | smallest p seen | mean p | reject (p ≤ 0.05) | reject (p ≤ 0.10) |")
            print("|---|---:|---:|---:|---:|---:|")
            for s in placebo {
                let p = results.compactMap { $0.estimates[s.method]?.pValue }
                let tenPercent = Double(p.filter { $0 <= 0.10 }.count) / Double(p.count)
                print("| \(s.method.rawValue) | \(s.cities) | \(format(p.min(), 4)) | \(format(mean(p), 3)) | \(percent(s.rejection)) | \(percent(tenPercent)) |")
            }
        }
        var failures: [String: Int] = [:]
        for result in results { for (method, reason) in result.failures { failures["\(method.rawValue): \(reason.split(separator: "\n").first ?? "")", default: 0] += 1 } }
        if !failures.isEmpty { print("\nFailures (cities):\n") }
        for (reason, count) in failures.sorted(by: { $0.key < $1.key }) { print("- \(count) × \(reason)") }
    }

    func format(_ value: Double?, _ digits: Int) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(digits)f", value)
    }

    func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.1f %%", 100 * value)
    }
}
