import Foundation

/// Poisson regression with area and period fixed effects absorbed (not as dummy columns):
/// log E[y_it] = o_it + α_i + γ_t + x_itᵀβ, the difference-in-differences model for counts.
///
/// With x_it = D_it (1 for a treated area from its start on), exp(β) is the rate ratio of the
/// treatment: the factor by which counts in treated areas changed relative to the change in the
/// other areas (Wooldridge 2023, "Simple approaches to nonlinear difference-in-differences with
/// panel data", Econometrics Journal 26(3):C31–C66). Poisson quasi-maximum likelihood is consistent
/// whatever the variance of the counts as long as the mean is right (Gourieroux, Monfort & Trognon
/// 1984; Wooldridge 1999), so the standard errors should be clustered by area (``CovarianceType``).
///
/// Estimation is iteratively reweighted least squares (Newton's method for the canonical log
/// link) with weights μ, the fixed effects removed exactly in each step by ``TwoWayProjector``
/// (``WeightedLeastSquaresStep``). It starts from the independence fit μ = R_i·C_t / Σy (exact when
/// β = 0 in a balanced panel) and stops when the relative change of the deviance,
/// |D_k − D_{k−1}| / (0.1 + |D_k|), falls below `tolerance` (fixest's and pyfixest's criterion,
/// with a tighter default: 1e-10 instead of 1e-8). The sample is built as pyfixest builds it
/// (``FixedEffectsSample``): singletons and areas or periods whose counts are all zero are dropped
/// and reported.
///
/// ```swift
/// let panel = try CountPanel(counts: y, area: areas, period: months, areaCount: 60, periodCount: 36)
/// let fit = try PoissonFixedEffects.fit(panel, regressors: [Regressor("treated", d)])
/// let effect = fit.summary(covariance: .crv1)   // effect.rateRatio, effect.rateRatioInterval
/// ```
public enum PoissonFixedEffects {
    public struct Options: Sendable {
        /// Convergence criterion on the relative change of the deviance.
        public var tolerance: Double = 1e-10
        public var maximumIterations: Int = 100
        /// Drop singleton observations first, as pyfixest and fixest do.
        public var dropSingletons: Bool = true
        /// Above this many periods (or areas, whichever is fewer) the exact projection switches from
        /// a dense factorisation to conjugate gradients.
        public var denseLimit: Int = 1000

        public init(tolerance: Double = 1e-10, maximumIterations: Int = 100, dropSingletons: Bool = true, denseLimit: Int = 1000) {
            self.tolerance = tolerance
            self.maximumIterations = maximumIterations
            self.dropSingletons = dropSingletons
            self.denseLimit = denseLimit
        }
    }

    /// Fits the model.
    /// - Parameter regressors: the columns x (for a difference-in-differences: the treatment indicator).
    /// - Throws: ``EvaluationError``: `.invalidInput` for regressors of the wrong length or not finite,
    ///   `.emptySample`, `.regressorAbsorbed`, `.collinearRegressors`, `.notConverged`.
    public static func fit(_ panel: CountPanel, regressors: [Regressor], options: Options = Options()) throws(EvaluationError) -> FixedEffectsFit {
        try checkRegressors(regressors, count: panel.count)
        let sample = try FixedEffectsSample(panel: panel, dropSingletons: options.dropSingletons)
        return try fit(sample: sample, columns: regressors.map { sample.gather($0.values) }, names: regressors.map(\.name), options: options).fit
    }

    static func checkRegressors(_ regressors: [Regressor], count: Int) throws(EvaluationError) {
        for regressor in regressors {
            guard regressor.values.count == count else {
                throw EvaluationError(.invalidInput, "regressor '\(regressor.name)' has \(regressor.values.count) values for \(count) observations")
            }
            if let bad = regressor.values.firstIndex(where: { !$0.isFinite }) {
                throw EvaluationError(.invalidInput, "regressor '\(regressor.name)' is not finite at observation \(bad + 1)")
            }
        }
    }

    /// The state after convergence, for reuse as a start (placebo runs) and by the negative
    /// binomial model.
    struct Solution {
        var fit: FixedEffectsFit
        var eta: [Double]
    }

    /// Fits on a prepared sample; `columns` are in sample order. With `computeCovariance` false the
    /// covariance ingredients are left empty (placebo runs need only β).
    static func fit(
        sample: FixedEffectsSample, columns: [[Double]], names: [String], options: Options, start: [Double]? = nil,
        computeCovariance: Bool = true, checkColumns: Bool = true
    ) throws(EvaluationError) -> Solution {
        let y = sample.counts, n = sample.count, p = columns.count
        var projector = TwoWayProjector(sample: sample, denseLimit: options.denseLimit)
        var eta = start ?? independenceStart(sample)
        var mu = eta.map(exp)
        let yLogY = sample.sumYLogY
        let ySum = y.reduce(0, +)
        func deviance(_ eta: [Double], _ mu: [Double]) -> Double {
            var yEta = 0.0, muSum = 0.0
            for i in 0..<n {
                yEta += y[i] * eta[i]
                muSum += mu[i]
            }
            return 2 * (yLogY - yEta - ySum + muSum)
        }
        var dev = deviance(eta, mu)
        var beta = [Double](repeating: 0, count: p)
        var iterations = 0
        var converged = false
        while iterations < options.maximumIterations {
            iterations += 1
            let step = try WeightedLeastSquaresStep(
                projector: &projector, counts: y, offset: sample.offset, eta: eta, mu: mu, weights: mu, columns: columns, names: names,
                checkColumns: checkColumns && iterations == 1)
            var nextEta = step.eta, nextBeta = step.beta
            var nextMu = nextEta.map(exp)
            var nextDev = deviance(nextEta, nextMu)
            // Step halving when the deviance grows (or overflows): rare from the independence start.
            var halvings = 0
            while halvings < 30, !nextDev.isFinite || nextDev > dev + 1e-12 * abs(dev) + 1e-9 {
                halvings += 1
                for i in 0..<n { nextEta[i] = 0.5 * (eta[i] + nextEta[i]) }
                for k in 0..<p { nextBeta[k] = 0.5 * (beta[k] + nextBeta[k]) }
                nextMu = nextEta.map(exp)
                nextDev = deviance(nextEta, nextMu)
            }
            let criterion = abs(nextDev - dev) / (0.1 + abs(nextDev))
            eta = nextEta
            mu = nextMu
            beta = nextBeta
            dev = nextDev
            if criterion < options.tolerance {
                converged = true
                break
            }
        }
        guard converged else {
            throw EvaluationError(
                .notConverged, "the Poisson fixed-effects fit did not converge in \(options.maximumIterations) iterations",
                hint: "check for areas whose counts are zero in all but a few periods, or a treatment that predicts zero counts exactly")
        }
        // ℓ = Σ (y·η − μ − ln y!) = −D/2 + Σ (y ln y − y) − Σ ln y!
        let logLikelihood = -dev / 2 + yLogY - ySum - sample.sumLogFactorial
        var inverse: [Double] = [], scores: [Double] = []
        if computeCovariance {
            (inverse, scores) = try covarianceIngredients(projector: &projector, sample: sample, columns: columns, mu: mu, names: names)
        }
        let fit = FixedEffectsFit(
            family: .poisson, names: names, coefficients: beta, theta: nil, observations: n, areas: sample.areaCount, periods: sample.periodCount,
            zeroAreas: sample.zeroAreas, zeroPeriods: sample.zeroPeriods, singletonObservations: sample.singletonObservations,
            zeroObservations: sample.zeroObservations, iterations: iterations, logLikelihood: logLikelihood, components: sample.components,
            inverseInformation: inverse, clusterScores: scores, parameterCount: p)
        return Solution(fit: fit, eta: eta)
    }

    /// o + log(R_g·C_l / Σy): without an offset, the Poisson fit of the fixed effects alone in a
    /// balanced panel; always a predictor of the model's form, so that step halving stays in it.
    static func independenceStart(_ sample: FixedEffectsSample) -> [Double] {
        var groupTotal = [Double](repeating: 0, count: sample.groupCount)
        var levelTotal = [Double](repeating: 0, count: sample.levelCount)
        var total = 0.0
        for i in 0..<sample.count {
            groupTotal[Int(sample.group[i])] += sample.counts[i]
            levelTotal[Int(sample.level[i])] += sample.counts[i]
            total += sample.counts[i]
        }
        let groupLog = groupTotal.map(log), levelLog = levelTotal.map(log), totalLog = log(total)
        return (0..<sample.count).map { i in
            (sample.offset?[i] ?? 0) + groupLog[Int(sample.group[i])] + levelLog[Int(sample.level[i])] - totalLog
        }
    }

    /// The inverse information (X̃ᵀWX̃)⁻¹ and the per-area score sums Σ x̃ᵢ(yᵢ − μᵢ), at the final μ.
    private static func covarianceIngredients(
        projector: inout TwoWayProjector, sample: FixedEffectsSample, columns: [[Double]], mu: [Double], names: [String]
    ) throws(EvaluationError) -> (inverse: [Double], scores: [Double]) {
        let p = columns.count, n = sample.count
        guard p > 0 else { return ([], []) }
        guard projector.setWeights(mu) else {
            throw EvaluationError(.notConverged, "the fixed-effects normal equations became singular at the solution")
        }
        var xt = columns
        for k in 0..<p { projector.residualize(&xt[k]) }
        let information = WeightedLeastSquaresStep.information(xt, weights: mu)
        guard let factor = CholeskyFactor(symmetric: information, size: p, relativeTolerance: 1e-10) else {
            throw EvaluationError(.collinearRegressors, "the regressors \(names.joined(separator: ", ")) are collinear at the solution")
        }
        var scores = [Double](repeating: 0, count: sample.areaCount * p)
        for i in 0..<n {
            let residual = sample.counts[i] - mu[i]
            let base = Int(sample.cluster[i]) * p
            for k in 0..<p { scores[base + k] += xt[k][i] * residual }
        }
        return (factor.inverse(), scores)
    }
}
