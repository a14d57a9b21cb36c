import Foundation

/// The standard normal distribution: cumulative probability, two-sided p-values and quantiles.
public enum StandardNormal {
    /// Φ(x) = ½·erfc(−x/√2).
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The two-sided p-value of a z statistic: 2·(1 − Φ(|z|)), computed as erfc(|z|/√2) so that it
    /// stays accurate far in the tail.
    public static func twoSidedPValue(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    /// z with Φ(z) = p, for 0 < p < 1 (−∞ and +∞ at 0 and 1).
    ///
    /// Algorithm AS 241 (PPND16) of Wichura, M. J. (1988), "The percentage points of the normal
    /// distribution", Applied Statistics 37(3):477–484: rational approximations in three ranges of p,
    /// with a relative error of about 1e-16.
    public static func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "a probability must lie in [0, 1], found \(p)")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let numerator = polynomial(r, [
                3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
                45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
            ])
            let denominator = polynomial(r, [
                1.0, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
                21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852545925,
            ])
            return q * numerator / denominator
        }
        var r = (-log(q < 0 ? p : 1 - p)).squareRoot()
        let value: Double
        if r <= 5 {
            r -= 1.6
            value = polynomial(r, [
                1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
                1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
            ]) / polynomial(r, [
                1.0, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
                0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
            ])
        } else {
            r -= 5
            value = polynomial(r, [
                6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
                0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
            ]) / polynomial(r, [
                1.0, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
                7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
            ])
        }
        return q < 0 ? -value : value
    }

    /// Σ cᵢ·xⁱ by Horner's rule; `coefficients` from the constant term up.
    private static func polynomial(_ x: Double, _ coefficients: [Double]) -> Double {
        coefficients.reversed().reduce(0) { $0 * x + $1 }
    }
}

/// The digamma and trigamma functions ψ(x) = d ln Γ(x)/dx and ψ′(x), for x > 0, which the negative
/// binomial likelihood needs.
///
/// Both shift x up by the recurrences ψ(x) = ψ(x + 1) − 1/x and ψ′(x) = ψ′(x + 1) + 1/x² until x ≥ 10,
/// then use the asymptotic (Stirling) series in 1/x (Abramowitz & Stegun 1964, 6.3.18 and 6.4.12;
/// the same scheme as Bernardo 1976, AS 103, and Schneider 1978, AS 121, with more terms). The error
/// is below 1e-15 relative for x ≥ 10 and grows only by rounding in the shifts.
enum Polygamma {
    /// ln |Γ(x)|, from the C library's reentrant `lgamma_r`.
    ///
    /// Plain `lgamma` stores the sign of Γ(x) in the global `signgam`, a data race when called from
    /// `parallelMap` (the Poisson cell test and the placebo fits run on every core); `lgamma_r`
    /// returns the sign through its argument instead and touches no shared state.
    static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    static func digamma(_ x: Double) -> Double {
        precondition(x > 0, "digamma is used for x > 0 only, found \(x)")
        var x = x
        var shift = 0.0
        while x < 10 {
            shift -= 1 / x
            x += 1
        }
        let inverse = 1 / x
        let square = inverse * inverse
        // ln x − 1/(2x) − Σ B₂ₖ/(2k·x²ᵏ), Bernoulli numbers B₂ … B₁₄.
        let series = square * (1.0 / 12 - square * (1.0 / 120 - square * (1.0 / 252 - square * (1.0 / 240 - square * (1.0 / 132 - square * (691.0 / 32760 - square / 12))))))
        return shift + log(x) - 0.5 * inverse - series
    }

    static func trigamma(_ x: Double) -> Double {
        precondition(x > 0, "trigamma is used for x > 0 only, found \(x)")
        var x = x
        var shift = 0.0
        while x < 10 {
            shift += 1 / (x * x)
            x += 1
        }
        let inverse = 1 / x
        let square = inverse * inverse
        // 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹, Bernoulli numbers B₂ … B₁₄.
        let series = inverse * square * (1.0 / 6 - square * (1.0 / 30 - square * (1.0 / 42 - square * (1.0 / 30 - square * (5.0 / 66 - square * (691.0 / 2730 - square * 7.0 / 6))))))
        return shift + inverse + 0.5 * square + series
    }
}
