import Foundation

/// A per-cell test of "more events than chance would put here": under the null every cell's count
/// is Poisson with the expected count `λᵢ`, and
///
///     pᵢ = P(X ≥ xᵢ | λᵢ) = 1 − Σ_{j < xᵢ} e^{−λᵢ} λᵢʲ / j!
///
/// (`scipy.stats.poisson.sf(xᵢ − 1, λᵢ)`). By default `λᵢ` is the city-wide mean count per cell,
/// `Σx / cells`, which is the area-weighted expectation on a grid of equal cells; pass `expected`
/// for cells of unequal area or exposure (for example `λᵢ = Σx · areaᵢ / Σ area`).
///
/// This tests each cell on its own count and ignores its neighbours (unlike Gi*), and the Poisson
/// null ignores overdispersion, so with many cells it flags more than it should unless corrected
/// (Bonferroni `α/cells` or ``FalseDiscoveryRate``); report which test a map shows.
public enum PoissonCellTest {
    /// `P(X ≥ k)` for `X ~ Poisson(λ)`.
    ///
    /// For `k > λ` the tail is summed upwards from the `k` term, `pmf(k) · (1 + λ/(k+1) + λ²/((k+1)(k+2)) + …)`,
    /// with `log pmf(k) = −λ + k log λ − log Γ(k+1)`, so tiny p-values keep their relative precision
    /// (no `1 − cdf` cancellation). For `k ≤ λ` it is `1 − P(X ≤ k − 1)`, the lower tail summed
    /// downwards from the `k − 1` term; that tail is below about 0.6 there, so the subtraction loses
    /// nothing. Accurate to about 1e-12 relative against SciPy (see the tests).
    public static func upperTail(atLeast k: Int, mean lambda: Double) -> Double {
        precondition(lambda.isFinite && lambda >= 0, "the Poisson mean must be finite and at least 0")
        if k <= 0 { return 1 }
        if lambda == 0 { return 0 }
        let kk = Double(k)
        if kk > lambda {
            // Σ_{j ≥ k} pmf(j) = pmf(k) · Σ_t Π_{s=1..t} λ/(k + s).
            var term = 1.0, series = 1.0
            var j = kk
            while term > series * 1e-17 {
                j += 1
                term *= lambda / j
                series += term
            }
            return exp(logProbability(k, mean: lambda) + log(series))
        }
        // P(X ≤ k − 1) = pmf(k − 1) · Σ_t Π_{s=0..t−1} (k − 1 − s)/λ.
        var term = 1.0, series = 1.0
        var j = kk - 1
        while j > 0 && term > series * 1e-17 {
            term *= j / lambda
            series += term
            j -= 1
        }
        let lower = exp(logProbability(k - 1, mean: lambda) + log(series))
        return max(0, 1 - lower)
    }

    /// `log P(X = k)` for `X ~ Poisson(λ)`, λ > 0.
    static func logProbability(_ k: Int, mean lambda: Double) -> Double {
        -lambda + Double(k) * log(lambda) - Polygamma.logGamma(Double(k) + 1)
    }

    /// `P(X ≥ xᵢ)` for every cell.
    ///
    /// - Parameters:
    ///   - counts: whole counts ≥ 0, one per cell.
    ///   - expected: `λᵢ` per cell (each finite and above 0), or nil for the mean count per cell.
    /// - Throws: ``HotSpotError`` when a count is not a whole number ≥ 0, the lengths differ, or an
    ///   expectation is not above 0.
    public static func pValues(counts: [Double], expected: [Double]? = nil) throws(HotSpotError) -> [Double] {
        guard !counts.isEmpty else { throw .tooFewCells(0) }
        if let bad = counts.firstIndex(where: { !($0 >= 0 && $0 <= 1e15 && $0.rounded() == $0) }) {
            throw .notACount(index: bad, value: counts[bad])
        }
        if let expected {
            guard expected.count == counts.count else { throw .lengthMismatch("The expected counts", expected: counts.count, found: expected.count) }
            if let bad = expected.firstIndex(where: { !($0.isFinite && $0 > 0) }) { throw .invalidExpectation(index: bad, value: expected[bad]) }
        }
        let mean = counts.reduce(0, +) / Double(counts.count)
        return counts.indices.map { cell in
            upperTail(atLeast: Int(counts[cell]), mean: expected?[cell] ?? mean)
        }
    }
}
