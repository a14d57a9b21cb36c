/// Leads and lags of a treatment around its start: the event-study form of the fixed-effects
/// Poisson model, to show whether treated and control areas moved alike before the start.
///
/// The start of a treated area is its first period with the treatment indicator on; relative time
/// k = (time of the period) − (time of the start), in the units of ``CountPanel/periodValues``
/// (months for a monthly panel, also across gaps). The model is
///
///     log E[y_it] = α_i + γ_t + Σ_{k ≠ −1} δ_k · 1[area i treated, relative time k],
///
/// with k = −1, the last period before the start, as reference (δ_{−1} = 0) and never-treated
/// areas as controls (Freyaldenhoven et al. 2021, "Visualization, identification, and estimation
/// in the linear panel event-study design", NBER w29170; for Poisson: Wooldridge 2023). Leads
/// (k < −1) near zero support parallel trends; lags (k ≥ 0) trace the effect over time. With a
/// `window`, relative times before its start are pooled into its first coefficient and those after
/// its end into its last ("binned endpoints", Schmidheiny & Siegloch 2023, J Applied Econometrics
/// 38(5):695–713); without one every relative time seen gets its own coefficient.
public struct EventStudy: Sendable, Codable {
    public struct Coefficient: Sendable, Hashable, Codable {
        /// Relative time k; with a window, the first and last also stand for all times beyond them.
        public let relativeTime: Int
        public let estimate: Double
        public let standardError: Double
        /// Whether this is the reference period (−1), fixed at 0.
        public let isReference: Bool
        public let interval: ClosedRange<Double>
    }

    /// One per relative time, in order, the reference (0 ± 0) included.
    public let coefficients: [Coefficient]
    public let fit: FixedEffectsFit
    public let covariance: CovarianceType

    /// - Parameters:
    ///   - treated: the treatment indicator per observation (0 or 1).
    ///   - window: the relative times to estimate separately; −1 must lie inside it.
    /// - Throws: ``EvaluationError`` `.noTreatedAreas`, `.shortPrePeriod` when no treated area has a
    ///   period before its start, `.invalidInput`, or what the fit throws.
    public init(
        panel: CountPanel, treated: [Double], window: ClosedRange<Int>? = nil, covariance: CovarianceType = .crv1, level: Double = 0.95,
        options: PoissonFixedEffects.Options = PoissonFixedEffects.Options()
    ) throws(EvaluationError) {
        guard treated.count == panel.count else {
            throw EvaluationError(.invalidInput, "the treatment indicator has \(treated.count) values for \(panel.count) observations")
        }
        let starts = TreatmentStarts(panel: panel, treated: treated)
        guard !starts.treatedAreas.isEmpty else {
            throw EvaluationError(.noTreatedAreas, "no observation has the treatment indicator set", hint: "mark the treated areas' periods from the start with treated = 1")
        }
        if let window, !window.contains(-1) {
            throw EvaluationError(.invalidInput, "the window \(window.lowerBound)…\(window.upperBound) must contain the reference period −1")
        }
        var relative = [Int?](repeating: nil, count: panel.count)
        for i in 0..<panel.count {
            guard let start = starts.start[panel.area[i]] else { continue }
            var k = panel.periodValues[panel.period[i]] - start
            if let window { k = min(max(k, window.lowerBound), window.upperBound) }
            relative[i] = k
        }
        let times = Set(relative.compactMap { $0 })
        guard times.contains(where: { $0 < 0 }) else {
            throw EvaluationError(
                .shortPrePeriod, "no treated area has a period before its start, so there is nothing to compare the leads with",
                hint: "include months before the start in the panel")
        }
        let estimated = times.filter { $0 != -1 }.sorted()
        let regressors = estimated.map { k in
            Regressor(k < 0 ? "lead \(-k)" : "lag \(k)", relative.map { $0 == k ? 1 : 0 })
        }
        let fit = try PoissonFixedEffects.fit(panel, regressors: regressors, options: options)
        let errors = fit.standardErrors(covariance)
        var coefficients: [Coefficient] = []
        let z = StandardNormal.quantile((1 + level) / 2)
        for (index, k) in estimated.enumerated() {
            let b = fit.coefficients[index], se = errors[index]
            coefficients.append(Coefficient(relativeTime: k, estimate: b, standardError: se, isReference: false, interval: (b - z * se)...(b + z * se)))
        }
        coefficients.append(Coefficient(relativeTime: -1, estimate: 0, standardError: 0, isReference: true, interval: 0...0))
        self.coefficients = coefficients.sorted { $0.relativeTime < $1.relativeTime }
        self.fit = fit
        self.covariance = covariance
    }
}

/// The first treated period of each area.
struct TreatmentStarts {
    /// Time (period value) of each area's first treated observation, nil for never-treated areas.
    let start: [Int?]
    let treatedAreas: [Int]

    init(panel: CountPanel, treated: [Double]) {
        var start = [Int?](repeating: nil, count: panel.areaCount)
        for i in 0..<panel.count where treated[i] != 0 {
            let time = panel.periodValues[panel.period[i]]
            if let current = start[panel.area[i]] {
                start[panel.area[i]] = min(current, time)
            } else {
                start[panel.area[i]] = time
            }
        }
        self.start = start
        treatedAreas = (0..<panel.areaCount).filter { start[$0] != nil }
    }
}
