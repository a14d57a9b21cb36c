import ZichtCore

/// Randomisation (placebo) inference for the fixed-effects Poisson treatment effect: how unusual
/// is the estimate among the same estimates for areas or dates where nothing happened?
///
/// With one or a few treated areas, clustered standard errors rest on too few treated clusters
/// (Conley & Taber 2011, Review of Economics and Statistics 93(1):113–125; MacKinnon & Webb 2020,
/// J Econometrics 218(2):435–450). Placebo runs give a reference distribution instead
/// (Abadie, Diamond & Hainmueller 2010, JASA 105(490):493–505, in-space and in-time placebos):
///
/// - **placebo areas**: the actually treated areas are left out; in each run, as many untreated
///   areas as there are treated ones get the treated areas' treatment pattern (the k-th chosen area
///   the k-th treated area's indicator by period), and β is estimated again. With one treated area
///   and at least as many runs asked as there are untreated areas, every untreated area is used
///   once (exhaustive); otherwise the areas are drawn at random, one ``SplitMix64`` stream per run.
/// - **placebo start dates**: only the periods before the real start are kept, and the treated
///   areas are treated from an earlier, false start s′, for every s′ that leaves at least
///   `minimumPeriods` periods on each side (a seeded sample of them when there are more than the
///   runs asked for). This needs one common start.
///
/// The p-value counts the placebo estimates at least as far from zero as the actual one:
///
///     p = (1 + #{b : |β_b| ≥ |β̂|}) / (1 + B),
///
/// B the number of placebo estimates. Counting the actual assignment as one of the possible
/// assignments keeps p > 0 and the test exact for exhaustive placebos (the actual estimate's rank
/// among all B + 1), and valid for random draws (Phipson & Smyth 2010, "Permutation p-values should
/// never be zero", Stat Appl Genet Mol Biol 9(1):39). The plain share #{…}/B is reported beside it.
/// |β_b| ≥ |β̂| is judged with a relative tolerance of 1e-9, so that ties count. Runs whose fit fails
/// (a placebo area with only zero counts, say) are left out and counted in `failedRuns`.
/// The result depends on the seed only, not on the number of threads.
public struct PlaceboInference: Sendable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case areas
        case startDates = "start-dates"
    }

    public let kind: Kind
    public let actual: Double
    /// The placebo estimates, in run order.
    public let estimates: [Double]
    /// Whether every possible placebo assignment was used once.
    public let isExhaustive: Bool
    public let failedRuns: Int
    /// #{b : |β_b| ≥ |β̂|}.
    public let atLeastAsExtreme: Int

    /// (1 + #{|β_b| ≥ |β̂|}) / (1 + B).
    public var pValue: Double { Double(1 + atLeastAsExtreme) / Double(1 + estimates.count) }
    /// #{|β_b| ≥ |β̂|} / B.
    public var share: Double { Double(atLeastAsExtreme) / Double(estimates.count) }

    init(kind: Kind, actual: Double, estimates: [Double], isExhaustive: Bool, failedRuns: Int) {
        self.kind = kind
        self.actual = actual
        self.estimates = estimates
        self.isExhaustive = isExhaustive
        self.failedRuns = failedRuns
        let threshold = abs(actual) * (1 - 1e-9)
        atLeastAsExtreme = estimates.filter { abs($0) >= threshold }.count
    }

    /// Placebo areas: see the type's documentation.
    /// - Parameters:
    ///   - actual: the estimate on the real data (β of the treatment indicator).
    ///   - runs: the number of placebo runs asked for.
    /// - Throws: ``EvaluationError`` `.noTreatedAreas`, `.noControlAreas` (fewer untreated areas with
    ///   observations than treated ones, plus one), `.invalidInput`.
    public static func areas(
        panel: CountPanel, treated: [Double], actual: Double, runs: Int, seed: UInt64,
        options: PoissonFixedEffects.Options = PoissonFixedEffects.Options()
    ) throws(EvaluationError) -> PlaceboInference {
        guard treated.count == panel.count else {
            throw EvaluationError(.invalidInput, "the treatment indicator has \(treated.count) values for \(panel.count) observations")
        }
        guard runs > 0 else { throw EvaluationError(.invalidInput, "ask for at least one placebo run, found \(runs)") }
        let starts = TreatmentStarts(panel: panel, treated: treated)
        let treatedAreas = starts.treatedAreas
        guard !treatedAreas.isEmpty else { throw EvaluationError(.noTreatedAreas, "no observation has the treatment indicator set") }
        let isTreated = Set(treatedAreas)
        let controlPanel = panel.filter { !isTreated.contains(panel.area[$0]) }
        let controls = Array(Set(controlPanel.area)).sorted()
        guard controls.count > treatedAreas.count else {
            throw EvaluationError(
                .noControlAreas,
                "placebo areas need more untreated areas than treated ones: \(controls.count) untreated, \(treatedAreas.count) treated",
                hint: "add untreated comparison areas to the panel")
        }
        // The treated areas' patterns: indicator by period level.
        var pattern = [[Double]](repeating: [Double](repeating: 0, count: panel.periodCount), count: treatedAreas.count)
        let slot = Dictionary(uniqueKeysWithValues: treatedAreas.enumerated().map { ($1, $0) })
        for i in 0..<panel.count { if let k = slot[panel.area[i]] { pattern[k][panel.period[i]] = treated[i] } }

        let exhaustive = treatedAreas.count == 1 && runs >= controls.count
        let assignments: [[Int]]
        if exhaustive {
            assignments = controls.map { [$0] }
        } else if treatedAreas.count == 1 {
            // A seeded shuffle: each control at most once.
            var generator = SplitMix64(seed: seed, stream: 0)
            assignments = generator.pick(runs, of: controls).map { [$0] }
        } else {
            assignments = (0..<runs).map { run in
                var generator = SplitMix64(seed: seed, stream: run + 1)
                return generator.pick(treatedAreas.count, of: controls)
            }
        }
        let sample = try FixedEffectsSample(panel: controlPanel, dropSingletons: options.dropSingletons)
        let design = PlaceboDesign(sample: sample, options: options)
        let columns: [[Double]] = assignments.map { chosen in
            let which = Dictionary(uniqueKeysWithValues: chosen.enumerated().map { ($1, $0) })
            return sample.rows.map { row in
                which[controlPanel.area[row]].map { pattern[$0][controlPanel.period[row]] } ?? 0
            }
        }
        let estimates = design.estimates(columns)
        return PlaceboInference(
            kind: .areas, actual: actual, estimates: estimates.compactMap { $0 }, isExhaustive: exhaustive,
            failedRuns: estimates.filter { $0 == nil }.count)
    }

    /// Placebo start dates: see the type's documentation. Every possible false start is used, unless
    /// there are more than `runs`: then `runs` of them are drawn without replacement with `seed`.
    /// - Throws: ``EvaluationError`` `.noTreatedAreas`, `.staggeredStart` when the treated areas start
    ///   at different times, `.shortPrePeriod` when the pre-period has fewer than 2·`minimumPeriods` periods.
    public static func startDates(
        panel: CountPanel, treated: [Double], actual: Double, minimumPeriods: Int = 3, runs: Int = .max, seed: UInt64 = 0,
        options: PoissonFixedEffects.Options = PoissonFixedEffects.Options()
    ) throws(EvaluationError) -> PlaceboInference {
        guard treated.count == panel.count else {
            throw EvaluationError(.invalidInput, "the treatment indicator has \(treated.count) values for \(panel.count) observations")
        }
        guard minimumPeriods >= 1 else { throw EvaluationError(.invalidInput, "minimumPeriods must be at least 1, found \(minimumPeriods)") }
        guard runs > 0 else { throw EvaluationError(.invalidInput, "ask for at least one placebo run, found \(runs)") }
        let starts = TreatmentStarts(panel: panel, treated: treated)
        guard !starts.treatedAreas.isEmpty else { throw EvaluationError(.noTreatedAreas, "no observation has the treatment indicator set") }
        let distinct = Set(starts.treatedAreas.compactMap { starts.start[$0] })
        guard distinct.count == 1, let start = distinct.first else {
            throw EvaluationError(
                .staggeredStart, "placebo start dates need one common start; the treated areas start at \(distinct.count) different times",
                hint: "use placebo areas instead, or evaluate each start separately")
        }
        let prePanel = panel.filter { panel.periodValues[panel.period[$0]] < start }
        let prePeriods = Set(prePanel.period).sorted()
        guard prePeriods.count >= 2 * minimumPeriods else {
            throw EvaluationError(
                .shortPrePeriod, "placebo start dates need at least \(2 * minimumPeriods) periods before the start; the panel has \(prePeriods.count)",
                hint: "include more months before the start")
        }
        var candidates = prePeriods[minimumPeriods...(prePeriods.count - minimumPeriods)].map { panel.periodValues[$0] }
        let exhaustive = candidates.count <= runs
        if !exhaustive {
            var generator = SplitMix64(seed: seed, stream: 0)
            candidates = generator.pick(runs, of: candidates).sorted()
        }
        let sample = try FixedEffectsSample(panel: prePanel, dropSingletons: options.dropSingletons)
        let design = PlaceboDesign(sample: sample, options: options)
        let columns: [[Double]] = candidates.map { falseStart in
            sample.rows.map { row in
                starts.start[prePanel.area[row]] != nil && prePanel.periodValues[prePanel.period[row]] >= falseStart ? 1 : 0
            }
        }
        let estimates = design.estimates(columns)
        return PlaceboInference(
            kind: .startDates, actual: actual, estimates: estimates.compactMap { $0 }, isExhaustive: exhaustive,
            failedRuns: estimates.filter { $0 == nil }.count)
    }
}

/// Many fits of one sample with different treatment columns, in parallel, each started from the
/// fit of the fixed effects alone.
private struct PlaceboDesign: Sendable {
    let sample: FixedEffectsSample
    let options: PoissonFixedEffects.Options
    let start: [Double]?

    init(sample: FixedEffectsSample, options: PoissonFixedEffects.Options) {
        self.sample = sample
        self.options = options
        start = try? PoissonFixedEffects.fit(sample: sample, columns: [], names: [], options: options, computeCovariance: false).eta
    }

    /// β for each column (sample order); nil where the fit failed.
    func estimates(_ columns: [[Double]]) -> [Double?] {
        columns.parallelMap { column in
            try? PoissonFixedEffects.fit(
                sample: sample, columns: [column], names: ["placebo"], options: options, start: start, computeCovariance: false
            ).fit.coefficients[0]
        }
    }
}
