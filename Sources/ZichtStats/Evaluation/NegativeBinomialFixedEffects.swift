import Foundation

/// Negative binomial (NB2) regression with area and period fixed effects absorbed:
/// log E[y_it] = o_it + α_i + γ_t + x_itᵀβ, Var(y_it) = μ_it + μ_it²/θ, with θ estimated.
///
/// This is the unconditional NB2 model with one parameter per area and period (Cameron & Trivedi
/// 2013, Regression Analysis of Count Data, 2nd ed., §3.3 and §9.5; fixest `fenegbin`), which
/// statsmodels fits as `NegativeBinomial(y, [dummies, x], loglike_method="nb2")`. Its log-likelihood is
///
///     ℓ = Σ [ln Γ(y + θ) − ln Γ(θ) − ln y! + θ ln(θ/(θ + μ)) + y ln(μ/(θ + μ))].
///
/// Estimation alternates two steps until the log-likelihood changes by less than `tolerance`
/// (relative) and β and ln θ by less than 1e-10: θ by Newton's method on ℓ(θ) with μ fixed (on ln θ, using digamma and trigamma), and
/// one IRLS step for the fixed effects and β with θ fixed (Fisher weights μ/(1 + μ/θ), working
/// variable η + (y − μ)/μ; ``WeightedLeastSquaresStep``). It starts from the Poisson fit.
///
/// Standard errors use the observed information of (β, α = 1/θ) with the fixed effects profiled
/// out — the Schur complement of the full negative Hessian, which is what statsmodels inverts with
/// all dummies — computed with the observed weights hᵢ = μ(1 + αy)/(1 + αμ)² and the cross
/// derivatives cᵢ = μ(y − μ)/(1 + αμ)²: I_ββ = X̃ᵀHX̃, I_βα = X̃ᵀHz̃, I_αα = h_αα − (zᵀHz − z̃ᵀHz̃) with
/// z = c/h and ~ the H-weighted residual on the fixed effects. The clustered covariance uses the
/// per-observation scores x̃ᵢeᵢ and s_αᵢ − (zᵢ − z̃ᵢ)eᵢ, eᵢ = (y − μ)/(1 + αμ) (``CovarianceType``).
public enum NegativeBinomialFixedEffects {
    public typealias Options = PoissonFixedEffects.Options

    /// Fits the model.
    /// - Throws: ``EvaluationError`` as ``PoissonFixedEffects/fit(_:regressors:options:)``, and
    ///   `.noOverdispersion` when θ grows without bound (the counts are not overdispersed: use Poisson).
    public static func fit(_ panel: CountPanel, regressors: [Regressor], options: Options = Options()) throws(EvaluationError) -> FixedEffectsFit {
        try PoissonFixedEffects.checkRegressors(regressors, count: panel.count)
        let sample = try FixedEffectsSample(panel: panel, dropSingletons: options.dropSingletons)
        let columns = regressors.map { sample.gather($0.values) }
        let names = regressors.map(\.name)
        let poisson = try PoissonFixedEffects.fit(sample: sample, columns: columns, names: names, options: options, computeCovariance: false)
        let y = sample.counts, n = sample.count, p = columns.count
        var projector = TwoWayProjector(sample: sample, denseLimit: options.denseLimit)
        var eta = poisson.eta
        var mu = eta.map(exp)
        var beta = poisson.fit.coefficients
        var theta = try maximizeTheta(y: y, mu: mu, start: momentTheta(y: y, mu: mu))
        var logLikelihood = Self.logLikelihood(y: y, mu: mu, theta: theta)
        var iterations = 0
        var converged = false
        while iterations < options.maximumIterations {
            iterations += 1
            let weights = mu.map { $0 / (1 + $0 / theta) }
            let step = try WeightedLeastSquaresStep(
                projector: &projector, counts: y, offset: sample.offset, eta: eta, mu: mu, weights: weights, columns: columns, names: names,
                checkColumns: false)
            var nextEta = step.eta, nextBeta = step.beta
            var nextMu = nextEta.map(exp)
            var next = Self.logLikelihood(y: y, mu: nextMu, theta: theta)
            var halvings = 0
            while halvings < 30, !next.isFinite || next < logLikelihood - 1e-12 * abs(logLikelihood) - 1e-9 {
                halvings += 1
                for i in 0..<n { nextEta[i] = 0.5 * (eta[i] + nextEta[i]) }
                for k in 0..<p { nextBeta[k] = 0.5 * (beta[k] + nextBeta[k]) }
                nextMu = nextEta.map(exp)
                next = Self.logLikelihood(y: y, mu: nextMu, theta: theta)
            }
            let change = zip(beta, nextBeta).reduce(0) { max($0, abs($1.0 - $1.1)) }
            eta = nextEta
            mu = nextMu
            beta = nextBeta
            let nextTheta = try maximizeTheta(y: y, mu: mu, start: theta)
            let thetaChange = abs(log(nextTheta / theta))
            theta = nextTheta
            next = Self.logLikelihood(y: y, mu: mu, theta: theta)
            let criterion = abs(next - logLikelihood) / (0.1 + abs(next))
            logLikelihood = next
            if criterion < options.tolerance, max(change, thetaChange) < 1e-10 {
                converged = true
                break
            }
        }
        guard converged else {
            throw EvaluationError(.notConverged, "the negative binomial fixed-effects fit did not converge in \(options.maximumIterations) iterations")
        }
        let (inverse, scores) = try observedInformation(
            projector: &projector, sample: sample, columns: columns, mu: mu, alpha: 1 / theta, names: names)
        return FixedEffectsFit(
            family: .negativeBinomial, names: names, coefficients: beta, theta: theta, observations: n, areas: sample.areaCount,
            periods: sample.periodCount, zeroAreas: sample.zeroAreas, zeroPeriods: sample.zeroPeriods,
            singletonObservations: sample.singletonObservations, zeroObservations: sample.zeroObservations, iterations: iterations,
            logLikelihood: logLikelihood, components: sample.components, inverseInformation: inverse, clusterScores: scores,
            parameterCount: p + 1)
    }

    static func logLikelihood(y: [Double], mu: [Double], theta: Double) -> Double {
        var sum = 0.0
        let lgTheta = Polygamma.logGamma(theta)
        for i in 0..<y.count {
            let total = theta + mu[i]
            sum += Polygamma.logGamma(y[i] + theta) - lgTheta - Polygamma.logGamma(y[i] + 1) + theta * log(theta / total)
            if y[i] > 0 { sum += y[i] * log(mu[i] / total) }
        }
        return sum
    }

    /// A start for θ from the moments: Σμ² / Σ((y − μ)² − μ), or 1 when that is not positive.
    static func momentTheta(y: [Double], mu: [Double]) -> Double {
        var numerator = 0.0, denominator = 0.0
        for i in 0..<y.count {
            numerator += mu[i] * mu[i]
            denominator += (y[i] - mu[i]) * (y[i] - mu[i]) - mu[i]
        }
        return denominator > 0 ? numerator / denominator : 1
    }

    /// θ maximising ℓ for fixed μ, by Newton's method on u = ln θ:
    /// ∂ℓ/∂θ = Σ [ψ(y + θ) − ψ(θ) + ln θ + 1 − ln(θ + μ) − (θ + y)/(θ + μ)],
    /// ∂²ℓ/∂θ² = Σ [ψ′(y + θ) − ψ′(θ) + 1/θ − 1/(θ + μ) − (μ − y)/(θ + μ)²].
    static func maximizeTheta(y: [Double], mu: [Double], start: Double) throws(EvaluationError) -> Double {
        var u = log(min(max(start, 1e-4), 1e6))
        for _ in 0..<200 {
            let theta = exp(u)
            var gradient = 0.0, curvature = 0.0
            let psiTheta = Polygamma.digamma(theta), triTheta = Polygamma.trigamma(theta)
            for i in 0..<y.count {
                let total = theta + mu[i]
                gradient += Polygamma.digamma(y[i] + theta) - psiTheta + log(theta / total) + 1 - (theta + y[i]) / total
                curvature += Polygamma.trigamma(y[i] + theta) - triTheta + 1 / theta - 1 / total - (mu[i] - y[i]) / (total * total)
            }
            // In u: dℓ/du = θ·g, d²ℓ/du² = θ²·H + θ·g.
            let du1 = theta * gradient, du2 = theta * theta * curvature + theta * gradient
            var step = du2 < 0 ? -du1 / du2 : (du1 > 0 ? 1 : -1)
            step = min(max(step, -2), 2)
            u += step
            if u > log(1e10) {
                throw EvaluationError(
                    .noOverdispersion, "the counts show no overdispersion: the negative binomial θ grows without bound",
                    hint: "use the Poisson model, which is then the same model")
            }
            if abs(step) < 1e-12 { break }
        }
        return exp(u)
    }

    /// The inverse observed information of (β, α) with the fixed effects profiled out, and the
    /// per-area sums of the matching scores.
    private static func observedInformation(
        projector: inout TwoWayProjector, sample: FixedEffectsSample, columns: [[Double]], mu: [Double], alpha: Double, names: [String]
    ) throws(EvaluationError) -> (inverse: [Double], scores: [Double]) {
        let y = sample.counts, n = sample.count, p = columns.count, q = p + 1
        var h = [Double](repeating: 0, count: n)
        var c = [Double](repeating: 0, count: n)
        var e = [Double](repeating: 0, count: n)
        var sAlpha = [Double](repeating: 0, count: n)
        var hAlphaAlpha = 0.0
        let r = 1 / alpha
        let psiR = Polygamma.digamma(r), triR = Polygamma.trigamma(r)
        for i in 0..<n {
            let m = mu[i], yi = y[i], d = 1 + alpha * m
            h[i] = m * (1 + alpha * yi) / (d * d)
            c[i] = m * (yi - m) / (d * d)
            e[i] = (yi - m) / d
            // ∂ℓ/∂α = L/α² + (y − μ)/(α(1 + αμ)), L = ln(1 + αμ) − ψ(y + 1/α) + ψ(1/α)
            let l = log(d) - Polygamma.digamma(yi + r) + psiR
            sAlpha[i] = l / (alpha * alpha) + (yi - m) / (alpha * d)
            // ∂²ℓ/∂α² = −2L/α³ + (μ/(1 + αμ) + (ψ′(y + 1/α) − ψ′(1/α))/α²)/α² − (y − μ)(1 + 2αμ)/(α(1 + αμ))²
            let dl = m / d + (Polygamma.trigamma(yi + r) - triR) / (alpha * alpha)
            let second = -2 * l / (alpha * alpha * alpha) + dl / (alpha * alpha) - (yi - m) * (1 + 2 * alpha * m) / (alpha * alpha * d * d)
            hAlphaAlpha -= second
        }
        guard projector.setWeights(h) else {
            throw EvaluationError(.notConverged, "the fixed-effects normal equations are singular at the negative binomial solution")
        }
        var xt = columns
        for k in 0..<p { projector.residualize(&xt[k]) }
        let z = (0..<n).map { c[$0] / h[$0] }
        var zt = z
        projector.residualize(&zt)
        var information = [Double](repeating: 0, count: q * q)
        let xx = WeightedLeastSquaresStep.information(xt, weights: h)
        for a in 0..<p {
            for b in 0..<p { information[a * q + b] = xx[a * p + b] }
            let cross = WeightedLeastSquaresStep.weightedDot(xt[a], h, zt)
            information[a * q + p] = cross
            information[p * q + a] = cross
        }
        information[p * q + p] = hAlphaAlpha - (WeightedLeastSquaresStep.weightedDot(z, h, z) - WeightedLeastSquaresStep.weightedDot(zt, h, zt))
        guard let factor = CholeskyFactor(symmetric: information, size: q, relativeTolerance: 1e-10) else {
            throw EvaluationError(.collinearRegressors, "the information matrix of \(names.joined(separator: ", ")) and the dispersion is singular")
        }
        var scores = [Double](repeating: 0, count: sample.areaCount * q)
        for i in 0..<n {
            let base = Int(sample.cluster[i]) * q
            for k in 0..<p { scores[base + k] += xt[k][i] * e[i] }
            scores[base + p] += sAlpha[i] - (z[i] - zt[i]) * e[i]
        }
        return (factor.inverse(), scores)
    }
}
