import Foundation
import Testing
@testable import ZichtStats

/// The special functions behind the evaluation methods, against scipy 1.17.1 (values printed by
/// `python Tests/peers/check_evaluation.py --print-swift`, section "special functions").
struct EvaluationNumericsTests {
    /// scipy.stats.norm.ppf at these probabilities.
    static let probabilities = [1e-300, 1e-10, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999999]
    static let quantiles = [
        -37.0470962993612, -6.361340902404056, -3.090232306167813, -1.9599639845400545,
        -0.8416212335729142, 0.0, 0.8416212335729143, 1.959963984540054,
        4.753424308817087,
    ]

    @Test func normalQuantileMatchesScipy() {
        for (p, expected) in zip(Self.probabilities, Self.quantiles) {
            let value = StandardNormal.quantile(p)
            #expect(abs(value - expected) <= 1e-14 * max(1, abs(expected)), "Φ⁻¹(\(p)) = \(value), scipy \(expected)")
        }
        #expect(StandardNormal.quantile(0) == -.infinity)
        #expect(StandardNormal.quantile(1) == .infinity)
    }

    @Test func quantileInvertsTheDistributionFunction() {
        for p in stride(from: 0.0005, to: 1, by: 0.0137) {
            #expect(abs(StandardNormal.cdf(StandardNormal.quantile(p)) - p) < 1e-15 * max(1, 1 / p))
        }
    }

    /// 2·norm.sf(|z|) from scipy for z = 0.5, 1.959963984540054 and 8.
    @Test func twoSidedPValuesMatchScipy() {
        for (z, expected) in zip([0.5, 1.959963984540054, 8.0], [0.6170750774519738, 0.05, 1.244192114854348e-15]) {
            #expect(abs(StandardNormal.twoSidedPValue(z) - expected) <= 1e-13 * expected)
            #expect(abs(StandardNormal.twoSidedPValue(-z) - expected) <= 1e-13 * expected)
        }
    }

    static let points = [0.3, 1.0, 2.5, 7.2, 13.418, 100.5, 10000.0]
    /// scipy.special.digamma and polygamma(1, ·).
    static let digamma = [
        -3.502524222200133, -0.5772156649015329, 0.7031566406452432, 1.9030321442701752,
        2.5588711148895227, 4.605174352581845, 9.21029037114285,
    ]
    static let trigamma = [
        12.245364546107734, 1.6449340668482266, 0.4903577561002349, 0.14897878164889405,
        0.07737278726240236, 0.009999916669583104, 0.00010000500016666666,
    ]

    @Test func digammaAndTrigammaMatchScipy() {
        for (index, x) in Self.points.enumerated() {
            #expect(abs(Polygamma.digamma(x) - Self.digamma[index]) <= 1e-14 * max(1, abs(Self.digamma[index])), "ψ(\(x))")
            #expect(abs(Polygamma.trigamma(x) - Self.trigamma[index]) <= 1e-14 * max(1, Self.trigamma[index]), "ψ′(\(x))")
        }
        // ψ(1) = −γ (Euler–Mascheroni) and ψ′(1) = π²/6, by hand.
        #expect(abs(Polygamma.digamma(1) + 0.5772156649015329) < 1e-15)
        #expect(abs(Polygamma.trigamma(1) - Double.pi * Double.pi / 6) < 1e-15)
    }

    /// The Cholesky solver on a 3 × 3 system solved by hand: A = [[4, 2, 0], [2, 5, 3], [0, 3, 10]],
    /// x = (1, −1, 2) gives b = A x = (2, 3, 17).
    @Test func choleskySolvesASystemWorkedByHand() throws {
        let factor = try #require(CholeskyFactor(symmetric: [4, 2, 0, 2, 5, 3, 0, 3, 10], size: 3))
        var b = [2.0, 3, 17]
        factor.solve(&b)
        for (value, expected) in zip(b, [1.0, -1, 2]) { #expect(abs(value - expected) < 1e-14) }
        #expect(CholeskyFactor(symmetric: [1, 2, 2, 4], size: 2) == nil, "a singular matrix has no factor")
    }
}
