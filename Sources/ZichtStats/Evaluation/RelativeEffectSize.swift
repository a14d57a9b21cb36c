import Foundation

/// The relative effect size (RES) of a before/after design with a control area (Welsh & Farrington).
///
/// With the counts of the 2 × 2 table in the convention of Farrington, Gill, Waples & Argomaniz
/// (2007, J Exp Criminol 3:21–38, appendix "Measuring effect sizes") and Welsh & Farrington (2002,
/// Home Office Research Study 252):
///
/// |              | before | after |
/// | ------------ | ------ | ----- |
/// | experimental (treated) | a | b |
/// | control      | c      | d     |
///
///     RES = (a·d) / (b·c),   Var(ln RES) = 1/a + 1/b + 1/c + 1/d,
///
/// the odds ratio of the table. RES > 1 is a desirable effect: RES = 2 means that d/c (the control
/// area's change) is twice b/a (the treated area's change). The variance assumes Poisson counts;
/// with overdispersion it is multiplied by a factor D ≥ 1 (see ``Overdispersion``). The interval is
/// exp(ln RES ± z·√(D·Var)). The change in the treated area relative to the control area is
/// 1/RES − 1 (negative: fewer crimes); reviews report 1 − 1/RES as the reduction (RES 1.15 ≈ 13 %).
/// A Poisson regression of the four counts on area, period and treated-after gives exp(β) = 1/RES
/// and SE(β) = √Var(ln RES) exactly (``PoissonFixedEffects``).
public struct RelativeEffectSize: Sendable, Hashable, Codable {
    /// a: the treated (experimental) area before.
    public let treatedBefore: Double
    /// b: the treated area after.
    public let treatedAfter: Double
    /// c: the control area before.
    public let controlBefore: Double
    /// d: the control area after.
    public let controlAfter: Double
    /// The variance inflation factor applied (1 = Poisson).
    public let dispersion: Double

    /// - Throws: ``EvaluationError`` `.zeroCount` naming the empty cell when a count is 0 (RES and its
    ///   variance are then undefined), `.invalidInput` for a negative or non-finite count or D < 1.
    public init(treatedBefore: Double, treatedAfter: Double, controlBefore: Double, controlAfter: Double, dispersion: Double = 1) throws(EvaluationError) {
        let cells = [("treated area before (a)", treatedBefore), ("treated area after (b)", treatedAfter),
                     ("control area before (c)", controlBefore), ("control area after (d)", controlAfter)]
        for (name, value) in cells where !(value >= 0) || !value.isFinite {
            throw EvaluationError(.invalidInput, "the count of the \(name) is \(value); counts must be finite and not negative")
        }
        if let (name, _) = cells.first(where: { $0.1 == 0 }) {
            throw EvaluationError(
                .zeroCount, "RES is undefined: the \(name) has no crimes, so the ratio (a·d)/(b·c) and its variance 1/a + 1/b + 1/c + 1/d have a zero in them",
                hint: "use a longer window before and after (for example 12 or 24 months), a larger area, or a broader crime type")
        }
        guard dispersion >= 1, dispersion.isFinite else {
            throw EvaluationError(.invalidInput, "the dispersion factor D must be at least 1, found \(dispersion)")
        }
        self.treatedBefore = treatedBefore
        self.treatedAfter = treatedAfter
        self.controlBefore = controlBefore
        self.controlAfter = controlAfter
        self.dispersion = dispersion
    }

    /// Sums monthly counts into the four cells and applies the dispersion estimated from them.
    /// - Throws: as ``init(treatedBefore:treatedAfter:controlBefore:controlAfter:dispersion:)`` and
    ///   ``Overdispersion/init(treatedBefore:treatedAfter:controlBefore:controlAfter:)``.
    public init(monthlyTreatedBefore: [Double], monthlyTreatedAfter: [Double], monthlyControlBefore: [Double], monthlyControlAfter: [Double]) throws(EvaluationError) {
        let overdispersion = try Overdispersion(
            treatedBefore: monthlyTreatedBefore, treatedAfter: monthlyTreatedAfter, controlBefore: monthlyControlBefore, controlAfter: monthlyControlAfter)
        try self.init(
            treatedBefore: monthlyTreatedBefore.reduce(0, +), treatedAfter: monthlyTreatedAfter.reduce(0, +),
            controlBefore: monthlyControlBefore.reduce(0, +), controlAfter: monthlyControlAfter.reduce(0, +),
            dispersion: overdispersion.applied)
    }

    /// RES = (a·d)/(b·c).
    public var value: Double { treatedBefore * controlAfter / (treatedAfter * controlBefore) }
    /// ln RES.
    public var logValue: Double { log(value) }
    /// Var(ln RES) = 1/a + 1/b + 1/c + 1/d (Poisson).
    public var poissonVariance: Double { 1 / treatedBefore + 1 / treatedAfter + 1 / controlBefore + 1 / controlAfter }
    /// D · Var(ln RES).
    public var variance: Double { dispersion * poissonVariance }
    public var standardError: Double { variance.squareRoot() }
    /// z = ln RES / √(D·Var).
    public var z: Double { logValue / standardError }
    public var pValue: Double { StandardNormal.twoSidedPValue(z) }
    /// exp(ln RES ± z_{(1+level)/2}·√(D·Var)).
    public func interval(level: Double = 0.95) -> ClosedRange<Double> {
        let half = StandardNormal.quantile((1 + level) / 2) * standardError
        return exp(logValue - half)...exp(logValue + half)
    }
    /// The change in the treated area relative to the control area, in percent: 100·(1/RES − 1).
    public var percentChange: Double { 100 * (1 / value - 1) }
}

/// The overdispersion factor D of monthly crime counts, to inflate Var(ln RES).
///
/// Crime counts vary more than a Poisson process would make them (Marchant 2004, BJC 44(3):441–447;
/// Marchant, Baxter & Barber 2006, Leeds STAT06-01), so later CCTV and street-lighting meta-analyses
/// multiply Var(ln RES) by a factor D estimated from monthly counts (Farrington et al. 2007;
/// Welsh & Farrington 2008, Campbell review 2008:17). Zicht estimates D as the Pearson estimate of
/// the quasi-Poisson dispersion of the monthly counts around the mean of their cell (McCullagh &
/// Nelder 1989, Generalized Linear Models, 2nd ed., quasi-likelihood for overdispersed counts):
///
///     D̂ = X² / (n − 4),   X² = Σ_cells Σ_months (x − x̄_cell)² / x̄_cell,
///
/// n the number of monthly counts over the four cells (treated/control × before/after), 4 the cell
/// means estimated. D̂ is the pooled variance-to-mean ratio: 1 for Poisson counts. The factor applied
/// is max(1, D̂): counts that vary less than Poisson ones do not shrink the interval. Trends or
/// seasonality inside a window also raise D̂; that is deliberate, as they are variation the Poisson
/// variance leaves out.
public struct Overdispersion: Sendable, Hashable, Codable {
    /// D̂ = X²/(n − 4).
    public let estimate: Double
    /// n − 4.
    public let degreesOfFreedom: Int
    /// max(1, D̂).
    public var applied: Double { max(1, estimate) }

    /// - Throws: ``EvaluationError`` `.invalidInput` when a cell has no months, a count is negative,
    ///   or n − 4 < 1; `.zeroCount` when a cell's counts are all zero.
    public init(treatedBefore: [Double], treatedAfter: [Double], controlBefore: [Double], controlAfter: [Double]) throws(EvaluationError) {
        let cells = [("treated area before", treatedBefore), ("treated area after", treatedAfter),
                     ("control area before", controlBefore), ("control area after", controlAfter)]
        var chiSquare = 0.0, n = 0
        for (name, counts) in cells {
            guard !counts.isEmpty else { throw EvaluationError(.invalidInput, "the \(name) has no monthly counts") }
            if let bad = counts.first(where: { !($0 >= 0) || !$0.isFinite }) {
                throw EvaluationError(.invalidInput, "the \(name) has a monthly count of \(bad); counts must be finite and not negative")
            }
            let mean = counts.reduce(0, +) / Double(counts.count)
            guard mean > 0 else {
                throw EvaluationError(.zeroCount, "the \(name) has no crimes in any month", hint: "use a longer window or a larger area")
            }
            chiSquare += counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / mean
            n += counts.count
        }
        guard n > 4 else {
            throw EvaluationError(.invalidInput, "D needs more than one month in some cell: found \(n) monthly counts for 4 cells")
        }
        degreesOfFreedom = n - 4
        estimate = chiSquare / Double(n - 4)
    }
}
