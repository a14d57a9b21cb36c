import Foundation
import ZichtEngine
import ZichtCore
import ZichtSim
import ZichtStats

/// A simulation study of the evaluation methods (issue 5): many simulated cities with a known camera
/// effect, each run through every method the evaluation page shows, so that their bias, interval
/// coverage and rejection rates can be measured instead of assumed.
///
/// One city is one call of ``CitySimulation/monthlyCounts(seed:cameraEffect:types:)``: monthly
/// counts per type and buurt with gamma–Poisson (negative binomial, k = 5) noise per cell, the
/// camera zone's counts thinned by the true multiplier r from the start month on, the buffer ring's
/// raised by its configured factor. The study then assembles the panel the way
/// `InterventionEvaluator` does — the zone buurten summed into one target series, the control buurten
/// kept apart, `monthsBefore` months before and `monthsAfter` months from the start — and applies:
///
/// - RES (Farrington et al. 2007) with the Poisson variance 1/a + 1/b + 1/c + 1/d, and with that
///   variance multiplied by the Pearson dispersion D̂ of the monthly counts (``Overdispersion``);
///   reported as the rate ratio 1/RES = (b·c)/(a·d), so that every method estimates the same r;
/// - Poisson and negative binomial regressions with buurt and month fixed effects (Wooldridge 2023),
///   each with CRV1 standard errors clustered by buurt and with model-based ones;
/// - placebo buurten and placebo start dates (``PlaceboInference``), p-values only;
/// - the weighted displacement difference (Wheeler & Ratcliffe 2018) of the zone alone and with the
///   buffer ring, per month.
///
/// The cities are independent: city i uses the seed `SplitMix64(seed: seed, stream: i).next()`, the
/// same for every effect (common random numbers), and the work runs with `parallelMap`, so the
/// results depend on the seed only, not on the number of threads.
///
/// ```swift
/// let city = try ProjectSimulation(project, years: 2016...2019).city
/// let study = try EvaluationStudy(city: city, design: .cameraBinnenstad2018)
/// let results = study.evaluate(cities: 1000, seed: 2018, effect: 0.9)
/// let table = study.summarize(results, effect: 0.9)
/// ```
public struct EvaluationStudy: Sendable {
    /// How the control buurten are chosen. Buurten of the zone and of the buffer ring are never controls.
    public enum ControlChoice: Sendable, Hashable, CustomStringConvertible {
        /// The `count` buurten with the most expected incidents of the study's types in the before
        /// window (from ``CitySimulation/expectedCounts(type:year:)``, so the same in every city).
        case busiest(Int)
        /// Every buurt outside the zone and the buffer ring.
        case all
        /// Per city, the `count` buurten most similar to the target before the start, by
        /// `InterventionEvaluator`'s rule (level and relative trend of the before window).
        case automatic(Int)

        /// Reads "busiest:10", "all" or "automatic:8".
        public init?(_ text: String) {
            let parts = text.split(separator: ":").map(String.init)
            switch (parts.first, parts.count) {
            case ("all", 1): self = .all
            case ("busiest", 2): guard let n = Int(parts[1]), n > 0 else { return nil }; self = .busiest(n)
            case ("automatic", 2): guard let n = Int(parts[1]), n > 0 else { return nil }; self = .automatic(n)
            default: return nil
            }
        }

        public var description: String {
            switch self {
            case .busiest(let n): "busiest:\(n)"
            case .all: "all"
            case .automatic(let n): "automatic:\(n)"
            }
        }
    }

    /// What is evaluated: types, start, windows and controls. The zone and the buffer ring are the
    /// simulation's camera zone (``CitySimulation/zoneAreaCodes``, ``CitySimulation/bufferAreaCodes``).
    public struct Design: Sendable, Hashable {
        public var types: [String]
        public var start: YearMonth
        public var monthsBefore: Int
        public var monthsAfter: Int
        public var controls: ControlChoice

        public init(types: [String], start: YearMonth, monthsBefore: Int, monthsAfter: Int, controls: ControlChoice) {
            self.types = types
            self.start = start
            self.monthsBefore = monthsBefore
            self.monthsAfter = monthsAfter
            self.controls = controls
        }

        /// The example's intervention `cameratoezicht-binnenstad-2018.yaml`: threats, assaults and
        /// criminal damage (1.4.4, 1.4.5, 2.2.1), 24 months before and 18 from June 2018, with the
        /// 10 busiest buurten outside zone and buffer as controls.
        public static let cameraBinnenstad2018 = Design(
            types: ["1.4.4", "1.4.5", "2.2.1"], start: YearMonth(year: 2018, month: 6), monthsBefore: 24, monthsAfter: 18, controls: .busiest(10))

        /// The simulated years the design needs.
        public var years: ClosedRange<Int> {
            let first = start.year * 12 + start.month - 1 - monthsBefore
            let last = start.year * 12 + start.month - 1 + monthsAfter - 1
            return (first / 12)...(last / 12)
        }
    }

    /// The methods compared. The first six estimate the log rate ratio log r with an interval;
    /// the placebo tests give a p-value only; the WDD rows estimate a change in incidents per month.
    public enum Method: String, Sendable, CaseIterable, Hashable, Comparable {
        case resPoisson = "RES, Poisson variance"
        case resInflated = "RES, variance × D̂"
        case poissonCRV1 = "Poisson FE, CRV1"
        case poissonModel = "Poisson FE, model-based SE"
        case negativeBinomialCRV1 = "NB FE, CRV1"
        case negativeBinomialModel = "NB FE, model-based SE"
        /// The negative binomial model, or the Poisson model (model-based SE) where θ grows without bound.
        case negativeBinomialOrPoisson = "NB FE, model-based SE, Poisson if θ → ∞"
        case placeboAreas = "Placebo buurten"
        case placeboDates = "Placebo start dates"
        case wddLocal = "WDD, zone only"
        case wddNet = "WDD, zone + buffer"
        case wddNetAsEvaluator = "WDD, zone + buffer, as InterventionEvaluator"

        /// Whether the estimate is a log rate ratio.
        public var isRatio: Bool { Self.ratioMethods.contains(self) }
        /// Whether the method is a WDD (estimate in incidents per month).
        public var isDisplacementDifference: Bool { [.wddLocal, .wddNet, .wddNetAsEvaluator].contains(self) }
        public static let ratioMethods: [Method] = [
            .resPoisson, .resInflated, .poissonCRV1, .poissonModel, .negativeBinomialCRV1, .negativeBinomialModel, .negativeBinomialOrPoisson,
        ]

        public static func < (lhs: Method, rhs: Method) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// One method's result in one city: the estimate (log rate ratio, or incidents per month for a
    /// WDD; nil for placebo tests), its 95 % interval on the same scale, and the two-sided p-value of
    /// "no effect".
    public struct Estimate: Sendable, Hashable {
        public var value: Double?
        public var interval: ClosedRange<Double>?
        public var standardError: Double?
        public var pValue: Double
    }

    /// Everything one simulated city gave.
    public struct CityResult: Sendable {
        public var seed: UInt64
        public var estimates: [Method: Estimate]
        /// Methods that failed in this city, with the reason (for example a zero count).
        public var failures: [Method: String]
        /// a, b, c, d: target before and after, control before and after (summed counts).
        public var cells: [Double]
        public var controlCodes: [String]
        /// The expected values for this city's controls (see ``Truth``).
        public var truth: Truth
        /// The minimum detectable reduction (80 % power, 5 % level) from the before counts and D̂.
        public var minimumDetectableReduction: Double?
    }

    public let city: CitySimulation
    public let design: Design
    /// Area indices (into `city.areas`) of the zone, the buffer ring and the possible controls.
    let zone: [Int]
    let buffer: [Int]
    let candidates: [Int]
    /// The controls when they do not depend on the city (busiest, all).
    let fixedControls: [Int]?
    /// Month index (0 = January of the city's first year) of the window's first month.
    let firstMonth: Int
    /// Expected counts per type, per area, per window month, before the camera.
    let expected: [[[Double]]]

    public var monthCount: Int { design.monthsBefore + design.monthsAfter }

    /// - Throws: ``EvaluationStudyError`` when the city has no camera zone, the windows lie outside the
    ///   simulated years, a type is not simulated, or there are too few buurten for the controls.
    public init(city: CitySimulation, design: Design) throws(EvaluationStudyError) {
        guard !city.zoneAreaCodes.isEmpty else {
            throw EvaluationStudyError("the simulated city has no camera zone; use settings with a camera (CameraSettings)")
        }
        guard design.monthsBefore >= 2, design.monthsAfter >= 1 else {
            throw EvaluationStudyError("the design needs at least 2 months before and 1 after the start, found \(design.monthsBefore) and \(design.monthsAfter)")
        }
        let years = city.settings.years
        guard years.contains(design.years.lowerBound), years.contains(design.years.upperBound) else {
            throw EvaluationStudyError(
                "the windows need the years \(design.years.lowerBound)–\(design.years.upperBound), but the city simulates \(years.lowerBound)–\(years.upperBound)")
        }
        let simulated = Set(city.settings.types.map(\.code))
        if let unknown = design.types.first(where: { !simulated.contains($0) }) {
            throw EvaluationStudyError("type \(unknown) is not simulated; expected one of \(simulated.sorted().joined(separator: ", "))")
        }
        self.city = city
        self.design = design
        let index = Dictionary(uniqueKeysWithValues: city.areas.enumerated().map { ($1.code, $0) })
        zone = city.zoneAreaCodes.compactMap { index[$0] }
        buffer = city.bufferAreaCodes.compactMap { index[$0] }
        let excluded = Set(zone + buffer)
        candidates = city.areas.indices.filter { !excluded.contains($0) }
        firstMonth = (design.start.year - years.lowerBound) * 12 + design.start.month - 1 - design.monthsBefore
        let window = firstMonth..<(firstMonth + design.monthsBefore + design.monthsAfter)
        var table: [[[Double]]] = []
        for type in design.types {
            var perArea = [[Double]](repeating: [], count: city.areas.count)
            for year in years {
                let cells = city.expectedCounts(type: type, year: year)!
                for area in city.areas.indices {
                    for month in 0..<12 where window.contains((year - years.lowerBound) * 12 + month) {
                        perArea[area].append(cells[area * 12 + month])
                    }
                }
            }
            table.append(perArea)
        }
        expected = table
        switch design.controls {
        case .all:
            fixedControls = candidates
        case .busiest(let count):
            guard candidates.count >= count else {
                throw EvaluationStudyError("asked for \(count) control buurten, but only \(candidates.count) lie outside the zone and the buffer ring")
            }
            let before = design.monthsBefore
            let load = candidates.map { area in (area, table.reduce(0) { $0 + $1[area].prefix(before).reduce(0, +) }) }
            fixedControls = load.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : city.areas[$0.0].code < city.areas[$1.0].code }.prefix(count).map(\.0)
        case .automatic(let count):
            guard candidates.count >= count else {
                throw EvaluationStudyError("asked for \(count) control buurten, but only \(candidates.count) lie outside the zone and the buffer ring")
            }
            fixedControls = nil
        }
    }

    /// The seed of city `index` of a study with seed `seed`.
    public static func citySeed(_ seed: UInt64, city index: Int) -> UInt64 {
        var generator = SplitMix64(seed: seed, stream: index)
        return generator.next()
    }

    /// Simulates `cities` cities with zone effect `effect` and evaluates each (in parallel; the result
    /// depends on `seed` only). The placebo tests run, with `placeboRuns` runs each, in the first
    /// `placeboCities` cities only.
    public func evaluate(cities: Int, seed: UInt64, effect: Double, placeboCities: Int = 0, placeboRuns: Int = 200) -> [CityResult] {
        let fixedTruth = fixedControls.map { truth(controls: $0, effect: effect) }
        return Array(0..<cities).parallelMap { index in
            evaluate(seed: Self.citySeed(seed, city: index), effect: effect, placeboRuns: index < placeboCities ? placeboRuns : 0, truth: fixedTruth)
        }
    }

    /// One city: simulate with `seed` and effect `effect`, and apply every method (the placebo tests
    /// only when `placeboRuns` > 0).
    public func evaluate(seed: UInt64, effect: Double, placeboRuns: Int = 0) -> CityResult {
        evaluate(seed: seed, effect: effect, placeboRuns: placeboRuns, truth: nil)
    }

    func evaluate(seed: UInt64, effect: Double, placeboRuns: Int, truth known: Truth?) -> CityResult {
        let counts = city.monthlyCounts(seed: seed, cameraEffect: effect, types: design.types)
        func series(_ areas: [Int]) -> [Double] {
            var values = [Double](repeating: 0, count: monthCount)
            for t in counts.typeCodes.indices {
                for area in areas { for m in 0..<monthCount { values[m] += Double(counts[t, area, firstMonth + m]) } }
            }
            return values
        }
        let target = series(zone)
        let controls = fixedControls ?? automaticControls(target: target, series: { series([$0]) })
        let controlSeries = controls.map { series([$0]) }
        let control = controlSeries.reduce(into: [Double](repeating: 0, count: monthCount)) { sum, next in
            for m in sum.indices { sum[m] += next[m] }
        }
        let bufferSeries = series(buffer)
        let split = design.monthsBefore
        func sums(_ values: [Double]) -> (before: Double, after: Double) {
            (values.prefix(split).reduce(0, +), values.dropFirst(split).reduce(0, +))
        }
        let (a, b) = sums(target), (c, d) = sums(control), (bufferBefore, bufferAfter) = sums(bufferSeries)
        var result = CityResult(
            seed: seed, estimates: [:], failures: [:], cells: [a, b, c, d], controlCodes: controls.map { city.areas[$0].code },
            truth: known ?? truth(controls: controls, effect: effect), minimumDetectableReduction: nil)
        func attempt(_ methods: [Method], _ body: () throws -> Void) {
            do { try body() } catch { for method in methods { result.failures[method] = "\(error)" } }
        }

        attempt([.resPoisson, .resInflated]) {
            let dispersion = try Overdispersion(
                treatedBefore: Array(target.prefix(split)), treatedAfter: Array(target.dropFirst(split)),
                controlBefore: Array(control.prefix(split)), controlAfter: Array(control.dropFirst(split)))
            for (method, factor) in [(Method.resPoisson, 1.0), (.resInflated, dispersion.applied)] {
                let res = try RelativeEffectSize(treatedBefore: a, treatedAfter: b, controlBefore: c, controlAfter: d, dispersion: factor)
                let interval = res.interval()
                // The rate ratio is 1/RES: its log is −ln RES and its interval the reciprocal one.
                result.estimates[method] = Estimate(
                    value: -res.logValue, interval: -log(interval.upperBound)...(-log(interval.lowerBound)), standardError: res.standardError,
                    pValue: res.pValue)
            }
            result.minimumDetectableReduction = try? MinimumDetectableEffect(
                beforeMonths: Double(split), afterMonths: Double(design.monthsAfter), treatedMonthly: a / Double(split),
                controlMonthly: c / Double(split), dispersion: dispersion.applied
            ).reduction
        }

        let after = Double(design.monthsAfter), before = Double(split)
        attempt([.wddLocal]) {
            let wdd = try WeightedDisplacementDifference(
                treatedBefore: a, treatedAfter: b, controlBefore: c, controlAfter: d, beforeLength: before, afterLength: after)
            result.estimates[.wddLocal] = Self.estimate(wdd, scale: 1)
        }
        attempt([.wddNet]) {
            let wdd = try WeightedDisplacementDifference(
                treatedBefore: a, treatedAfter: b, controlBefore: c, controlAfter: d, bufferBefore: bufferBefore, bufferAfter: bufferAfter,
                bufferControlBefore: c, bufferControlAfter: d, beforeLength: before, afterLength: after)
            result.estimates[.wddNet] = Self.estimate(wdd, scale: 1)
        }
        attempt([.wddNetAsEvaluator]) {
            // InterventionEvaluator scales the after counts to the before window's length and passes
            // lengths of 1 (counts per `before` months); divided by `before` here to compare per month.
            let ratio = after / before
            let wdd = try WeightedDisplacementDifference(
                treatedBefore: a, treatedAfter: b / ratio, controlBefore: c, controlAfter: d / ratio, bufferBefore: bufferBefore,
                bufferAfter: bufferAfter / ratio, bufferControlBefore: c, bufferControlAfter: d / ratio)
            result.estimates[.wddNetAsEvaluator] = Self.estimate(wdd, scale: 1 / before)
        }

        let fixedEffects: [Method] = [
            .poissonCRV1, .poissonModel, .negativeBinomialCRV1, .negativeBinomialModel, .negativeBinomialOrPoisson, .placeboAreas, .placeboDates,
        ]
        guard a > 0, b > 0 else {
            for method in fixedEffects { result.failures[method] = "no incidents in the target \(a == 0 ? "before" : "after") the start" }
            return result
        }
        attempt(fixedEffects) {
            let (panel, treated) = try self.panel([target] + controlSeries)
            let regressor = Regressor("treated", treated)
            let poisson = try PoissonFixedEffects.fit(panel, regressors: [regressor])
            result.estimates[.poissonCRV1] = Self.estimate(poisson.summary(0, covariance: .crv1))
            result.estimates[.poissonModel] = Self.estimate(poisson.summary(0, covariance: .iid))
            do throws(EvaluationError) {
                let negativeBinomial = try NegativeBinomialFixedEffects.fit(panel, regressors: [regressor])
                result.estimates[.negativeBinomialCRV1] = Self.estimate(negativeBinomial.summary(0, covariance: .crv1))
                result.estimates[.negativeBinomialModel] = Self.estimate(negativeBinomial.summary(0, covariance: .iid))
                result.estimates[.negativeBinomialOrPoisson] = result.estimates[.negativeBinomialModel]
            } catch {
                for method in [Method.negativeBinomialCRV1, .negativeBinomialModel] { result.failures[method] = "\(error)" }
                // θ → ∞ means the Poisson model is the same model: fall back to it, as the error's hint says.
                if error.code == .noOverdispersion {
                    result.estimates[.negativeBinomialOrPoisson] = result.estimates[.poissonModel]
                } else {
                    result.failures[.negativeBinomialOrPoisson] = "\(error)"
                }
            }
            guard placeboRuns > 0 else { return }
            let beta = poisson.coefficients[0]
            attempt([.placeboAreas]) {
                let placebo = try PlaceboInference.areas(panel: panel, treated: treated, actual: beta, runs: placeboRuns, seed: seed)
                result.estimates[.placeboAreas] = Estimate(value: nil, interval: nil, standardError: nil, pValue: placebo.pValue)
            }
            attempt([.placeboDates]) {
                let placebo = try PlaceboInference.startDates(panel: panel, treated: treated, actual: beta, runs: placeboRuns, seed: seed)
                result.estimates[.placeboDates] = Estimate(value: nil, interval: nil, standardError: nil, pValue: placebo.pValue)
            }
        }
        return result
    }

    /// The monthly panel: unit 0 the target, the others the controls; treated = target from the start.
    func panel(_ units: [[Double]]) throws(EvaluationError) -> (CountPanel, [Double]) {
        var counts: [Double] = [], area: [Int] = [], period: [Int] = [], treated: [Double] = []
        for (unit, values) in units.enumerated() {
            for (t, value) in values.enumerated() {
                counts.append(value)
                area.append(unit)
                period.append(t)
                treated.append(unit == 0 && t >= design.monthsBefore ? 1 : 0)
            }
        }
        let panel = try CountPanel(
            counts: counts, area: area, period: period, areaCount: units.count, periodCount: monthCount,
            periodValues: (0..<monthCount).map { firstMonth + $0 })
        return (panel, treated)
    }

    /// `InterventionEvaluator`'s automatic choice (``ControlSimilarity``): among the buurten outside
    /// zone and buffer with incidents before the start, the `count` most like the target in level and
    /// trend before the start (ties by code).
    func automaticControls(target: [Double], series: (Int) -> [Double]) -> [Int] {
        guard case .automatic(let count) = design.controls else { return [] }
        let split = design.monthsBefore
        let index = Dictionary(candidates.map { (city.areas[$0].code, $0) }, uniquingKeysWith: { first, _ in first })
        let chosen = ControlSimilarity.mostSimilar(
            target: Array(target.prefix(split)), candidates: candidates.map { (city.areas[$0].code, Array(series($0).prefix(split))) }, count: count)
        return chosen.map { index[$0]! }
    }

    static func estimate(_ summary: CoefficientSummary) -> Estimate {
        Estimate(value: summary.estimate, interval: summary.interval, standardError: summary.standardError, pValue: summary.pValue)
    }

    static func estimate(_ wdd: WeightedDisplacementDifference, scale: Double) -> Estimate {
        let interval = wdd.interval()
        return Estimate(
            value: wdd.estimate * scale, interval: (interval.lowerBound * scale)...(interval.upperBound * scale),
            standardError: wdd.standardError * scale, pValue: wdd.pValue)
    }
}

/// A study design that does not fit the simulated city.
public struct EvaluationStudyError: DiagnosticConvertible, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
}
