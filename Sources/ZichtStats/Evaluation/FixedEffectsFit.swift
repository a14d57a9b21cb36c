import Foundation

/// How the standard errors of a fixed-effects count model are computed.
///
/// All clustered types use the sandwich V = c · B (Σ_g s_g s_gᵀ) B, clustered by area, with
/// B = I⁻¹ the inverse information of the coefficients after the fixed effects are absorbed and
/// s_g the sum of area g's score contributions (for Poisson, s_g = Σ_{i∈g} x̃ᵢ(yᵢ − μᵢ), x̃ the
/// regressors residualised on the fixed effects with weights μ). They differ in the small-sample
/// factor c, with N observations, G areas (clusters), T periods and p coefficients:
///
/// | type | c | as in |
/// | --- | --- | --- |
/// | `crv1` | G/(G−1) · (N−1)/(N−K), K = p + T | pyfixest 0.60 `vcov={"CRV1": area}`, default `ssc()` (`k_fixef="nonnested"`): the area effects, nested in the area clusters, are not counted |
/// | `statsmodels` | G/(G−1) · (N−1)/(N−K), K = p + G + T − 1 | statsmodels 0.15 GLM with area and period dummies, `cov_type="cluster"`: every dummy counts |
/// | `crv0` | 1 | no small-sample adjustment (`ssc(k_adj=False, G_adj=False)`; `use_correction=False`) |
/// | `iid` | — | V = B, the model-based (inverse information) covariance; statsmodels' default `nonrobust` |
///
/// For the negative binomial model the dispersion parameter is one more parameter in K, as in
/// statsmodels (pyfixest has no negative binomial model).
public enum CovarianceType: String, Sendable, CaseIterable, Hashable, Codable {
    case crv1
    case statsmodels
    case crv0
    case iid

    /// How the output describes it.
    public var label: String {
        switch self {
        case .crv1: "clustered by area, CRV1 (pyfixest: G/(G−1)·(N−1)/(N−K), K = coefficients + periods)"
        case .statsmodels: "clustered by area (statsmodels: G/(G−1)·(N−1)/(N−K), K = all parameters with dummies)"
        case .crv0: "clustered by area, no small-sample adjustment"
        case .iid: "model-based (inverse information), not clustered"
        }
    }
}

/// A fitted Poisson or negative binomial regression with absorbed area and period fixed effects.
public struct FixedEffectsFit: Sendable, Codable {
    public enum Family: String, Sendable, Hashable, Codable {
        case poisson
        case negativeBinomial = "negative-binomial"
    }

    public let family: Family
    public let names: [String]
    /// β, one per regressor: log rate ratios.
    public let coefficients: [Double]
    /// Negative binomial dispersion θ, with Var(y) = μ + μ²/θ; nil for Poisson.
    public let theta: Double?
    /// Observations used (after dropping singletons and all-zero areas and periods).
    public let observations: Int
    /// Areas in the sample (= clusters).
    public let areas: Int
    /// Periods in the sample.
    public let periods: Int
    /// Panel area levels dropped because all their counts are zero.
    public let zeroAreas: [Int]
    /// Panel period levels dropped because all their counts are zero.
    public let zeroPeriods: [Int]
    /// Observations dropped as singletons of an area or a period.
    public let singletonObservations: Int
    /// Observations dropped with all-zero areas and periods.
    public let zeroObservations: Int
    /// IRLS iterations (for the negative binomial model: alternations of θ and IRLS steps).
    public let iterations: Int
    public let logLikelihood: Double
    /// Connected components of the area–period design (1 unless the panel falls apart).
    public let components: Int

    /// Inverse information of the estimated parameters (q × q, row-major): the coefficients, then,
    /// for the negative binomial model, α = 1/θ.
    let inverseInformation: [Double]
    /// Per-area sums of the parameters' score contributions after absorbing the fixed effects (G × q).
    let clusterScores: [Double]
    let parameterCount: Int

    /// The small-sample factor c of `type` (1 for `iid`).
    public func adjustment(_ type: CovarianceType) -> Double {
        let n = Double(observations), g = Double(areas)
        switch type {
        case .crv1:
            let k = Double(parameterCount + periods)
            return g / (g - 1) * (n - 1) / (n - k)
        case .statsmodels:
            let k = Double(parameterCount + areas + periods - 1)
            return g / (g - 1) * (n - 1) / (n - k)
        case .crv0, .iid:
            return 1
        }
    }

    /// The covariance of all estimated parameters (coefficients, then α for the negative binomial
    /// model), row-major q × q.
    public func parameterCovariance(_ type: CovarianceType) -> [Double] {
        let q = parameterCount
        if type == .iid { return inverseInformation }
        var meat = [Double](repeating: 0, count: q * q)
        for g in 0..<areas {
            for a in 0..<q {
                let sa = clusterScores[g * q + a]
                if sa == 0 { continue }
                for b in 0..<q { meat[a * q + b] += sa * clusterScores[g * q + b] }
            }
        }
        let c = adjustment(type)
        return DenseMatrix.sandwich(inverseInformation, meat, size: q).map { $0 * c }
    }

    /// The covariance of the coefficients, p × p, as nested arrays.
    public func covariance(_ type: CovarianceType) -> [[Double]] {
        let q = parameterCount, p = coefficients.count
        let full = parameterCovariance(type)
        return (0..<p).map { i in (0..<p).map { j in full[i * q + j] } }
    }

    /// Standard errors of the coefficients.
    public func standardErrors(_ type: CovarianceType) -> [Double] {
        let q = parameterCount
        let full = parameterCovariance(type)
        return (0..<coefficients.count).map { full[$0 * q + $0].squareRoot() }
    }

    /// The standard error of α = 1/θ (negative binomial only).
    public func alphaStandardError(_ type: CovarianceType) -> Double? {
        guard family == .negativeBinomial else { return nil }
        let q = parameterCount
        return parameterCovariance(type)[q * q - 1].squareRoot()
    }

    /// The estimate of coefficient `index` with its standard error, z, two-sided p-value and
    /// normal-theory interval, all for covariance `type`.
    public func summary(_ index: Int = 0, covariance type: CovarianceType = .crv1, level: Double = 0.95) -> CoefficientSummary {
        CoefficientSummary(name: names[index], estimate: coefficients[index], standardError: standardErrors(type)[index], level: level)
    }
}

/// One coefficient of a log-linear count model with its uncertainty.
///
/// The interval is the Wald interval β ± z_{(1+level)/2}·SE on the normal scale, as statsmodels
/// reports it; pyfixest uses a t quantile with G − 1 degrees of freedom for clustered errors, which
/// is wider with few areas. The rate ratio is exp(β) (the incidence rate ratio), its interval the
/// exponentiated interval, and the percentage change 100·(exp(β) − 1).
public struct CoefficientSummary: Sendable, Hashable, Codable {
    public let name: String
    public let estimate: Double
    public let standardError: Double
    public let level: Double

    public init(name: String, estimate: Double, standardError: Double, level: Double = 0.95) {
        self.name = name
        self.estimate = estimate
        self.standardError = standardError
        self.level = level
    }

    public var z: Double { estimate / standardError }
    public var pValue: Double { StandardNormal.twoSidedPValue(z) }
    public var interval: ClosedRange<Double> {
        let half = StandardNormal.quantile((1 + level) / 2) * standardError
        return (estimate - half)...(estimate + half)
    }
    public var rateRatio: Double { exp(estimate) }
    public var rateRatioInterval: ClosedRange<Double> { exp(interval.lowerBound)...exp(interval.upperBound) }
    public var percentChange: Double { 100 * (exp(estimate) - 1) }
}
