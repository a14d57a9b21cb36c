import Foundation
import Testing
import ZichtStats

/// The negative binomial (NB2) model against statsmodels 0.15.0 `NegativeBinomial(y, [const, treated,
/// area and period dummies], loglike_method="nb2")`, fitted by Newton's method to tol 1e-14 from the
/// Poisson estimates (pyfixest has no negative binomial model), on the "nb" panel of
/// `python Tests/peers/check_evaluation.py --print-swift`: 20 areas × 12 periods, areas 0–3 treated
/// from period 7, gamma-Poisson counts (shape 2).
struct NegativeBinomialFixedEffectsTests {
    static let counts: [Double] = [
        3, 20, 14, 4, 15, 7, 20, 1, 6, 4, 2, 0, 3, 3, 4, 10, 14, 28, 2, 4,
        4, 3, 3, 2, 7, 10, 15, 11, 1, 5, 1, 1, 0, 3, 3, 1, 0, 1, 2, 1,
        2, 2, 3, 0, 4, 0, 0, 0, 3, 5, 18, 1, 5, 4, 33, 6, 4, 2, 0, 4,
        2, 3, 1, 0, 0, 1, 0, 1, 3, 2, 0, 0, 5, 2, 13, 9, 13, 4, 13, 2,
        1, 2, 6, 1, 4, 1, 10, 8, 7, 1, 3, 13, 4, 18, 4, 6, 8, 16, 6, 9,
        8, 5, 5, 2, 11, 15, 33, 11, 11, 8, 19, 4, 4, 1, 10, 6, 15, 15, 2, 2,
        17, 22, 1, 6, 13, 2, 11, 1, 7, 4, 2, 1, 6, 8, 5, 8, 3, 0, 3, 2,
        4, 3, 0, 1, 3, 4, 2, 13, 5, 0, 3, 0, 1, 2, 4, 2, 10, 5, 10, 22,
        11, 20, 2, 5, 12, 5, 8, 5, 6, 1, 4, 9, 3, 6, 3, 2, 1, 4, 5, 6,
        9, 1, 5, 0, 3, 4, 1, 6, 9, 20, 0, 5, 1, 5, 5, 9, 10, 9, 16, 4,
        6, 4, 0, 2, 1, 5, 3, 9, 1, 3, 5, 3, 1, 8, 6, 5, 5, 0, 11, 5,
        2, 2, 5, 2, 8, 0, 3, 7, 2, 5, 12, 7, 4, 6, 0, 2, 2, 5, 1, 3,
    ]

    /// statsmodels: β −1.004762382587333, α 0.3967388741223583, log-likelihood −613.0209601689819;
    /// SE nonrobust β 0.29022096153068133, α 0.055932108499621755; cluster (use_correction=True)
    /// β 0.2540124788333726, α 0.05491215266987704; cluster without correction β 0.23041093037268776,
    /// α 0.049809994546500806.
    @Test func matchesStatsmodelsNegativeBinomialWithDummies() throws {
        let panel = try EvaluationPanels.balanced(Self.counts, areas: 20, periods: 12)
        let treated = EvaluationPanels.indicator(areas: 20, periods: 12, treatedAreas: [0, 1, 2, 3], start: 7)
        let fit = try NegativeBinomialFixedEffects.fit(panel, regressors: [Regressor("treated", treated)])
        let theta = try #require(fit.theta)
        #expect(abs(fit.coefficients[0] - -1.004762382587333) < 1e-8)
        #expect(abs(1 / theta - 0.3967388741223583) < 1e-8)
        #expect(abs(fit.logLikelihood - -613.0209601689819) < 1e-8)
        let expected: [(CovarianceType, Double, Double)] = [
            (.iid, 0.29022096153068133, 0.055932108499621755),
            (.statsmodels, 0.2540124788333726, 0.05491215266987704),
            (.crv0, 0.23041093037268776, 0.049809994546500806),
        ]
        for (type, beta, alpha) in expected {
            #expect(abs(fit.standardErrors(type)[0] - beta) < 1e-7 * beta, "β SE \(type)")
            #expect(abs(try #require(fit.alphaStandardError(type)) - alpha) < 1e-7 * alpha, "α SE \(type)")
        }
    }

    /// Counts that vary less than Poisson ones: θ runs off, and the error says to use Poisson.
    @Test func underdispersedCountsAreRefused() throws {
        let counts = (0..<60).map { Double(5 + ($0 % 3 == 0 ? 1 : 0)) }
        let panel = try EvaluationPanels.balanced(counts, areas: 6, periods: 10)
        let treated = EvaluationPanels.indicator(areas: 6, periods: 10, treatedAreas: [0], start: 5)
        do {
            _ = try NegativeBinomialFixedEffects.fit(panel, regressors: [Regressor("treated", treated)])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .noOverdispersion)
        }
    }
}
