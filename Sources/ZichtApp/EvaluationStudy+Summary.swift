import Foundation
import ZichtEngine
import ZichtCore
import ZichtSim
import ZichtStats

extension EvaluationStudy {
    /// What the methods converge to in the counts model, from the expected counts
    /// (``CitySimulation/expectedCounts(type:year:)`` with the camera multipliers applied), as opposed
    /// to the camera multiplier r itself.
    ///
    /// The zone and every other buurt share each type's trend and season in the model (a buurt's
    /// share of a type-year is fixed), so for one type the expected difference-in-differences ratio is
    /// exactly r. Summed over types with different trends, seasons and zone shares it is not: the
    /// zone holds relatively more assaults than the controls do. The gap between these values and
    /// log r is the bias of the design (the truth of the comparison differs from the camera effect);
    /// the gap between a method's mean estimate and these values is the bias of the estimator.
    public struct Truth: Sendable, Hashable {
        /// r, the camera multiplier in the zone.
        public var effect: Double
        /// ln((E b / E a) / (E d / E c)): the limit of ln(1/RES).
        public var twoByTwoLogRatio: Double
        /// β of the Poisson fixed-effects fit to the expected counts: the pseudo-true value of the
        /// fixed-effects DiD (Poisson quasi-likelihood; also used for the negative binomial model).
        public var poissonLogRatio: Double
        /// The expected WDD per month of the zone alone and with the buffer ring (the statistic's own
        /// limit: the count differences of target and control, of unequal size, in expectation).
        public var wddLocalExpected: Double
        public var wddNetExpected: Double
        /// The change the camera truly caused, incidents per month after the start: in the zone
        /// ((r − 1) × expected count without camera), and in zone and buffer ring together.
        public var localChange: Double
        public var netChange: Double

        /// The value a method's estimate converges to in the model.
        public func expected(for method: Method) -> Double? {
            switch method {
            case .resPoisson, .resInflated: twoByTwoLogRatio
            case .poissonCRV1, .poissonModel, .negativeBinomialCRV1, .negativeBinomialModel, .negativeBinomialOrPoisson: poissonLogRatio
            case .wddLocal: wddLocalExpected
            case .wddNet, .wddNetAsEvaluator: wddNetExpected
            case .placeboAreas, .placeboDates: nil
            }
        }

        /// The true effect on a method's scale: ln r, or the camera's change in incidents per month.
        public func target(for method: Method) -> Double? {
            switch method {
            case .wddLocal: localChange
            case .wddNet, .wddNetAsEvaluator: netChange
            case .placeboAreas, .placeboDates: nil
            default: log(effect)
            }
        }
    }

    /// The expected monthly counts over the window, summed over the study's types, for `areas`, with
    /// the camera multipliers of effect `effect` (nil: no camera at all, buffer included).
    func expectedSeries(_ areas: [Int], effect: Double?) -> [Double] {
        var values = [Double](repeating: 0, count: monthCount)
        for (t, type) in design.types.enumerated() {
            for area in areas {
                let multiplier = effect.map { city.cameraMultiplier(type: type, areaCode: city.areas[area].code, cameraEffect: $0) } ?? 1
                for m in 0..<monthCount { values[m] += expected[t][area][m] * (m >= design.monthsBefore ? multiplier : 1) }
            }
        }
        return values
    }

    /// The ``Truth`` for the given control buurten and zone effect.
    func truth(controls: [Int], effect: Double) -> Truth {
        let split = design.monthsBefore
        let before = Double(split), after = Double(design.monthsAfter)
        func sums(_ values: [Double]) -> (Double, Double) { (values.prefix(split).reduce(0, +), values.dropFirst(split).reduce(0, +)) }
        let target = expectedSeries(zone, effect: effect)
        let controlSeries = controls.map { expectedSeries([$0], effect: effect) }
        let control = controlSeries.reduce(into: [Double](repeating: 0, count: monthCount)) { sum, next in
            for m in sum.indices { sum[m] += next[m] }
        }
        let (a, b) = sums(target), (c, d) = sums(control)
        let (bufferBefore, bufferAfter) = sums(expectedSeries(buffer, effect: effect))
        let (_, targetAfterWithout) = sums(expectedSeries(zone, effect: nil))
        let (_, bufferAfterWithout) = sums(expectedSeries(buffer, effect: nil))
        var poisson = Double.nan
        if let (expectedPanel, treated) = try? panel([target] + controlSeries),
           let fit = try? PoissonFixedEffects.fit(expectedPanel, regressors: [Regressor("treated", treated)]) {
            poisson = fit.coefficients[0]
        }
        let local = (b - d) / after - (a - c) / before
        let displacement = (bufferAfter - d) / after - (bufferBefore - c) / before
        return Truth(
            effect: effect, twoByTwoLogRatio: log((b / a) / (d / c)), poissonLogRatio: poisson, wddLocalExpected: local,
            wddNetExpected: local + displacement, localChange: (b - targetAfterWithout) / after,
            netChange: (b - targetAfterWithout + bufferAfter - bufferAfterWithout) / after)
    }

    /// The expected monthly counts of the zone (summed) and of the fixed controls (summed) over the
    /// window, without any camera effect: what the trends alone do.
    public func expectedWithoutCamera() -> (target: [Double], control: [Double]?) {
        (expectedSeries(zone, effect: nil), fixedControls.map { expectedSeries($0, effect: nil) })
    }

    /// The codes of the fixed controls (nil for automatic selection).
    public var fixedControlCodes: [String]? { fixedControls?.map { city.areas[$0].code } }
    public var zoneCodes: [String] { zone.map { city.areas[$0].code } }
    public var bufferCodes: [String] { buffer.map { city.areas[$0].code } }

    /// How one method did over many cities with one true effect.
    public struct MethodSummary: Sendable {
        public var method: Method
        public var effect: Double
        /// Cities with a result, and cities where the method failed or was not run.
        public var cities: Int
        public var failures: Int
        /// Mean of exp(estimate) (ratio methods only).
        public var meanRatio: Double?
        /// Mean estimate: ln r̂ for ratio methods, incidents per month for WDD.
        public var meanEstimate: Double?
        /// Mean estimate − true value (ln r, or the camera's change per month).
        public var bias: Double?
        /// 100·(mean r̂ − r)/r.
        public var biasPercent: Double?
        /// Mean estimate − the value the method converges to in the model (``Truth/expected(for:)``).
        public var estimatorBias: Double?
        /// √mean((estimate − true value)²).
        public var rmse: Double?
        /// Standard deviation of the estimates and mean of the reported standard errors.
        public var standardDeviation: Double?
        public var meanStandardError: Double?
        /// Share of 95 % intervals that contain the true value, and the model's expected value.
        public var coverage: Double?
        public var expectedValueCoverage: Double?
        /// Mean width of the 95 % interval (rate-ratio scale, or incidents per month).
        public var meanWidth: Double?
        /// Share of cities where "no effect" is rejected at 5 %: p < 0.05 for Wald tests, p ≤ 0.05 for
        /// placebo tests (the exact permutation rule).
        public var rejection: Double
    }

    /// Summaries of every method over `results` (all with the same effect).
    public func summarize(_ results: [CityResult], effect: Double) -> [MethodSummary] {
        Method.allCases.compactMap { method in
            let rows = results.compactMap { result in result.estimates[method].map { (result, $0) } }
            guard !rows.isEmpty else { return nil }
            let n = Double(rows.count)
            func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
            let rejected = rows.filter { method == .placeboAreas || method == .placeboDates ? $0.1.pValue <= 0.05 : $0.1.pValue < 0.05 }.count
            var summary = MethodSummary(
                method: method, effect: effect, cities: rows.count, failures: results.count - rows.count, rejection: Double(rejected) / n)
            let valued = rows.compactMap { row in row.1.value.map { (row.0, row.1, $0) } }
            guard !valued.isEmpty else { return summary }
            let values = valued.map(\.2)
            let average = mean(values)
            let truths = valued.map { $0.0.truth.target(for: method)! }
            let expectations = valued.map { $0.0.truth.expected(for: method)! }
            summary.meanEstimate = average
            summary.bias = average - mean(truths)
            summary.estimatorBias = average - mean(expectations)
            summary.rmse = mean(zip(values, truths).map { ($0 - $1) * ($0 - $1) }).squareRoot()
            summary.standardDeviation = (values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(max(1, values.count - 1))).squareRoot()
            summary.meanStandardError = mean(valued.compactMap { $0.1.standardError })
            let intervals = valued.map { $0.1.interval! }
            summary.coverage = Double(zip(intervals, truths).filter { $0.contains($1) }.count) / Double(intervals.count)
            summary.expectedValueCoverage = Double(zip(intervals, expectations).filter { $0.contains($1) }.count) / Double(intervals.count)
            if method.isRatio {
                let ratio = mean(values.map(exp))
                summary.meanRatio = ratio
                summary.biasPercent = 100 * (ratio - effect) / effect
                summary.meanWidth = mean(intervals.map { exp($0.upperBound) - exp($0.lowerBound) })
            } else {
                summary.meanWidth = mean(intervals.map { $0.upperBound - $0.lowerBound })
            }
            return summary
        }
    }

    /// ln((Σb · Σc)/(Σa · Σd)) over the cities: the difference-in-differences ratio of the pooled
    /// counts, an estimate of ``Truth/twoByTwoLogRatio`` without the expected counts.
    public static func pooledLogRatio(_ results: [CityResult]) -> Double {
        var sums = [0.0, 0.0, 0.0, 0.0]
        for result in results { for i in 0..<4 { sums[i] += result.cells[i] } }
        return log((sums[1] / sums[0]) / (sums[3] / sums[2]))
    }
}
