import Foundation

/// The smallest effect a before/after design with a control area can be expected to detect, before
/// the fact: the minimum detectable effect (MDE) of the RES / log-ratio design.
///
/// Following Bloom (1995, "Minimum detectable effects: a simple way to report the statistical
/// power of experimental designs", Evaluation Review 19(5):547–556), the MDE is the true effect for
/// which a two-sided test at level α rejects with probability `power`:
///
///     δ = (z_{1−α/2} + z_{power}) · √(D · Var(ln RES)),
///     Var(ln RES) = 1/a + 1/b + 1/c + 1/d,
///
/// with the expected counts a = m_T·n_before, b = m_T·n_after·e^{−δ}, c = m_C·n_before,
/// d = m_C·n_after (m the expected monthly counts of the treated and control areas, n the window
/// lengths in months, D the overdispersion factor of ``Overdispersion``). The effect lowers the
/// treated area's after-period count by the factor e^{−δ}; because the analyst's variance comes from
/// the observed counts, Var is evaluated at those expected under the effect, which makes δ the fixed
/// point of the formula (found by iteration; with Var at the no-effect counts, as in Bloom's
/// formula, the power falls a few points short of the target — the tests simulate both).
/// ln RES = δ; the detectable reduction in the treated area is 1 − e^{−δ}.
public struct MinimumDetectableEffect: Sendable, Hashable, Codable {
    /// δ, the MDE on the log scale (ln RES).
    public let logEffect: Double
    /// √(D·Var(ln RES)) at the counts expected under the effect.
    public let standardError: Double
    public let alpha: Double
    public let power: Double

    /// RES = e^δ.
    public var relativeEffectSize: Double { exp(logEffect) }
    /// 1 − e^{−δ}: the fraction by which the treated area's crimes must fall.
    public var reduction: Double { 1 - exp(-logEffect) }

    /// - Parameters:
    ///   - beforeMonths, afterMonths: the window lengths.
    ///   - treatedMonthly, controlMonthly: the expected counts per month without an effect.
    ///   - dispersion: D ≥ 1.
    ///   - alpha: the two-sided test level; `power`: the probability of detecting the effect.
    ///   - varianceUnderEffect: false for Bloom's formula with Var at the no-effect counts.
    /// - Throws: ``EvaluationError`` `.invalidInput` when an argument is out of range or the counts are
    ///   so small that no effect reaches the power (the iteration diverges).
    public init(
        beforeMonths: Double, afterMonths: Double, treatedMonthly: Double, controlMonthly: Double, dispersion: Double = 1,
        alpha: Double = 0.05, power: Double = 0.8, varianceUnderEffect: Bool = true
    ) throws(EvaluationError) {
        guard beforeMonths > 0, afterMonths > 0, treatedMonthly > 0, controlMonthly > 0,
              [beforeMonths, afterMonths, treatedMonthly, controlMonthly].allSatisfy(\.isFinite) else {
            throw EvaluationError(.invalidInput, "window lengths and expected monthly counts must be positive")
        }
        guard dispersion >= 1, dispersion.isFinite else { throw EvaluationError(.invalidInput, "D must be at least 1, found \(dispersion)") }
        guard alpha > 0, alpha < 1, power > 0, power < 1 else {
            throw EvaluationError(.invalidInput, "alpha and power must lie strictly between 0 and 1 (found \(alpha), \(power))")
        }
        let multiplier = StandardNormal.quantile(1 - alpha / 2) + StandardNormal.quantile(power)
        let a = treatedMonthly * beforeMonths, b = treatedMonthly * afterMonths
        let c = controlMonthly * beforeMonths, d = controlMonthly * afterMonths
        func standardError(_ delta: Double) -> Double {
            (dispersion * (1 / a + 1 / (b * exp(-delta)) + 1 / c + 1 / d)).squareRoot()
        }
        var delta = multiplier * standardError(0)
        if varianceUnderEffect {
            for _ in 0..<200 {
                let next = multiplier * standardError(delta)
                if abs(next - delta) < 1e-14 * max(1, delta) {
                    delta = next
                    break
                }
                delta = next
                if !(delta < 20) { break }
            }
        }
        guard delta.isFinite, delta < 20 else {
            throw EvaluationError(
                .invalidInput, "with these windows and counts no effect is detectable: the expected counts are too small",
                hint: "lengthen the windows, pool more areas or crime types, or accept a lower power")
        }
        logEffect = delta
        self.standardError = standardError(varianceUnderEffect ? delta : 0)
        self.alpha = alpha
        self.power = power
    }
}
