import Foundation
import Testing
import ZichtStats

/// Event study and placebo inference against pyfixest 0.60.0 fits of the same designs, built
/// column by column in `python Tests/peers/check_evaluation.py --print-swift` ("event" and
/// "placebo" panels).
struct EvaluationInferenceTests {
    /// "event": 20 areas × 14 periods, areas 0–4 treated from period 8.
    static let eventCounts: [Double] = [
        5, 6, 9, 2, 5, 3, 1, 5, 0, 2, 1, 2, 0, 5, 4, 7, 10, 9, 18, 1,
        7, 10, 1, 3, 0, 1, 4, 4, 4, 17, 9, 10, 4, 10, 9, 1, 7, 6, 5, 3,
        2, 11, 3, 2, 2, 1, 7, 5, 2, 2, 0, 1, 3, 3, 1, 1, 4, 9, 8, 9,
        12, 8, 3, 7, 6, 3, 6, 10, 2, 5, 1, 6, 3, 6, 7, 9, 3, 8, 4, 5,
        7, 4, 2, 7, 7, 9, 10, 8, 10, 14, 6, 6, 5, 11, 12, 14, 12, 15, 9, 9,
        5, 8, 9, 13, 8, 7, 10, 2, 5, 4, 8, 1, 8, 2, 14, 15, 16, 16, 8, 3,
        12, 7, 4, 10, 9, 24, 7, 4, 3, 2, 8, 4, 0, 1, 0, 2, 0, 5, 1, 2,
        11, 38, 35, 15, 25, 27, 13, 2, 6, 10, 17, 10, 15, 23, 16, 11, 14, 3, 2, 8,
        17, 25, 10, 9, 9, 11, 18, 14, 3, 3, 9, 3, 2, 3, 5, 2, 2, 3, 3, 1,
        1, 1, 7, 10, 2, 3, 8, 4, 7, 13, 6, 11, 3, 10, 5, 1, 4, 11, 14, 8,
        7, 8, 8, 4, 1, 1, 2, 4, 8, 8, 2, 2, 3, 4, 2, 2, 4, 4, 1, 2,
        0, 2, 5, 0, 10, 8, 18, 22, 8, 8, 12, 1, 9, 7, 5, 1, 9, 5, 0, 5,
        7, 3, 5, 6, 4, 1, 2, 2, 1, 4, 5, 5, 4, 4, 6, 2, 5, 6, 5, 0,
        7, 5, 6, 4, 4, 4, 8, 1, 13, 4, 7, 5, 4, 0, 9, 1, 3, 2, 2, 3,
    ]

    static func eventPanel() throws -> (CountPanel, [Double]) {
        (try EvaluationPanels.balanced(eventCounts, areas: 20, periods: 14),
         EvaluationPanels.indicator(areas: 20, periods: 14, treatedAreas: [0, 1, 2, 3, 4], start: 8))
    }

    /// pyfixest `fepois("count ~ m8 + … + m2 + p0 + … + p5 | area + period", vcov={"CRV1": "area"})`
    /// with one dummy per relative time −8 … 5 except −1. pyfixest's standard errors differ from the
    /// exact ones by up to 1e-7 (relative) even with fixef_tol 1e-12, so they are checked to 1e-6 and
    /// the exact CRV1 — statsmodels' unadjusted cluster covariance of the dummy-variable fit times
    /// pyfixest's factor G/(G−1)·(N−1)/(N−K) — to 1e-9.
    @Test func eventStudyMatchesPyfixest() throws {
        let (panel, treated) = try Self.eventPanel()
        let study = try EventStudy(panel: panel, treated: treated)
        let times = [-8, -7, -6, -5, -4, -3, -2, 0, 1, 2, 3, 4, 5]
        let beta = [
            -0.45404910796390957, 0.026317308317372123, -0.2873402505376695, -0.10452229264143925,
            0.15778044787783588, -0.46958266523194325, -0.42841884879757525, -0.6668298722425726,
            -0.5237290286019001, -0.5108256237659922, -0.3849787201015854, -1.322236724819569,
            -0.34436168370537684,
        ]
        let crv1 = [
            0.42280840758107696, 0.6419865083279446, 0.5055399003037905, 0.5774114843290523,
            0.4549706549904465, 0.6795752283750076, 0.5469648059720772, 0.752449725530759,
            0.550341057947334, 0.691304509085919, 0.5754655490505891, 0.41932274268067177,
            0.6492300049876027,
        ]
        let exact = [
            0.4228084094987678, 0.6419865106000191, 0.5055399023939794, 0.5774114864909667,
            0.4549706569719869, 0.6795752308451167, 0.5469648081239875, 0.752449728414433,
            0.5503410601631114, 0.6913045121539049, 0.5754655513238249, 0.4193227796928519,
            0.6492300073032865,
        ]
        let estimated = study.coefficients.filter { !$0.isReference }
        #expect(estimated.map(\.relativeTime) == times)
        for (index, coefficient) in estimated.enumerated() {
            #expect(abs(coefficient.estimate - beta[index]) < 1e-8, "δ\(coefficient.relativeTime)")
            #expect(abs(coefficient.standardError - crv1[index]) < 1e-6 * crv1[index], "SE δ\(coefficient.relativeTime) vs pyfixest")
            #expect(abs(coefficient.standardError - exact[index]) < 1e-9 * exact[index], "SE δ\(coefficient.relativeTime) vs statsmodels")
        }
        let reference = try #require(study.coefficients.first { $0.isReference })
        #expect(reference.relativeTime == -1 && reference.estimate == 0)
    }

    /// Window −3 … 3: relative times before −3 pooled into −3, after 3 into 3 (np.clip in the script);
    /// standard errors as in the test above.
    @Test func eventStudyWithBinnedEndpointsMatchesPyfixest() throws {
        let (panel, treated) = try Self.eventPanel()
        let study = try EventStudy(panel: panel, treated: treated, window: -3...3)
        let beta = [-0.1630945427016047, -0.42841884879757264, -0.6668298722425712, -0.5237290286018971, -0.5108256237659898, -0.5998191619596109]
        let crv1 = [0.4896321244843015, 0.5395515815507583, 0.742251485043786, 0.5428820738723256, 0.6819349931680047, 0.4948429334054849]
        let exact = [0.48963212633491, 0.5395515831742199, 0.7422514871066195, 0.5428820755676017, 0.6819349955391786, 0.494842935121285]
        let estimated = study.coefficients.filter { !$0.isReference }
        #expect(estimated.map(\.relativeTime) == [-3, -2, 0, 1, 2, 3])
        for (index, coefficient) in estimated.enumerated() {
            #expect(abs(coefficient.estimate - beta[index]) < 1e-8)
            #expect(abs(coefficient.standardError - crv1[index]) < 1e-6 * crv1[index])
            #expect(abs(coefficient.standardError - exact[index]) < 1e-9 * exact[index])
        }
        #expect(throws: EvaluationError.self) { try EventStudy(panel: panel, treated: treated, window: 0...3) }
    }

    /// "placebo": 15 areas × 12 periods, area 4 treated from period 8.
    static let placeboCounts: [Double] = [
        2, 6, 4, 5, 5, 2, 1, 1, 6, 1, 2, 6, 3, 3, 2, 6, 6, 8, 5, 7,
        6, 2, 1, 7, 6, 3, 3, 3, 6, 2, 7, 2, 3, 6, 2, 4, 2, 7, 13, 11,
        8, 13, 5, 13, 5, 3, 2, 11, 1, 2, 1, 2, 5, 1, 1, 4, 2, 5, 1, 1,
        11, 8, 7, 15, 8, 16, 3, 14, 12, 13, 4, 5, 7, 5, 2, 6, 3, 0, 5, 4,
        10, 4, 5, 7, 0, 6, 2, 3, 2, 6, 4, 2, 2, 0, 1, 3, 2, 2, 5, 2,
        2, 5, 0, 0, 3, 2, 2, 5, 5, 4, 3, 5, 2, 2, 2, 1, 6, 0, 2, 4,
        0, 0, 7, 2, 2, 1, 4, 2, 4, 1, 2, 0, 11, 19, 8, 19, 10, 6, 12, 5,
        6, 6, 14, 7, 9, 14, 7, 13, 15, 7, 10, 7, 6, 6, 4, 9, 8, 5, 2, 3,
        10, 3, 1, 3, 4, 8, 4, 0, 3, 4, 5, 0, 2, 2, 6, 1, 0, 7, 3, 0,
    ]

    static func placeboPanel() throws -> (CountPanel, [Double]) {
        (try EvaluationPanels.balanced(placeboCounts, areas: 15, periods: 12),
         EvaluationPanels.indicator(areas: 15, periods: 12, treatedAreas: [4], start: 8))
    }

    /// pyfixest: actual β 0.24584408523047052; with area 4 left out, each other area given area 4's
    /// indicator (14 fits), and the pre-period (periods 0–7) with false starts 3, 4, 5 (3 fits).
    /// |β_b| ≥ |β|: 6 of 14 areas (p = 7/15), 2 of 3 dates (p = 3/4).
    @Test func placeboAreasAndDatesMatchPyfixest() throws {
        let (panel, treated) = try Self.placeboPanel()
        let actual = try PoissonFixedEffects.fit(panel, regressors: [Regressor("treated", treated)]).coefficients[0]
        #expect(abs(actual - 0.24584408523047052) < 1e-9)
        let areas = try PlaceboInference.areas(panel: panel, treated: treated, actual: actual, runs: 1000, seed: 1)
        let expectedAreas = [
            0.3498009262297668, -0.03687863038536578, 0.1316351484645349, -0.38989315023267246,
            0.0017081368384858555, 0.730042557077228, -0.5634246854772628, 0.4954538437181368,
            0.197391055211795, -0.0645077854795951, -0.14149212044092518, -0.3469723193477419,
            0.10555754058211649, 0.05092786408931264,
        ]
        #expect(areas.isExhaustive)
        #expect(areas.estimates.count == 14 && areas.failedRuns == 0)
        for (ours, peer) in zip(areas.estimates, expectedAreas) { #expect(abs(ours - peer) < 1e-8) }
        #expect(areas.atLeastAsExtreme == 6)
        #expect(abs(areas.pValue - 7.0 / 15) < 1e-15)
        #expect(abs(areas.share - 6.0 / 14) < 1e-15)

        let dates = try PlaceboInference.startDates(panel: panel, treated: treated, actual: actual, minimumPeriods: 3)
        let expectedDates = [0.6704996011314797, 0.7298325170167433, 0.08450824677151139]
        #expect(dates.estimates.count == 3)
        for (ours, peer) in zip(dates.estimates, expectedDates) { #expect(abs(ours - peer) < 1e-8) }
        #expect(dates.atLeastAsExtreme == 2)
        #expect(abs(dates.pValue - 3.0 / 4) < 1e-15)

        // Fewer runs than false starts: a seeded sample of them, each one of pyfixest's estimates.
        let sampled = try PlaceboInference.startDates(panel: panel, treated: treated, actual: actual, runs: 2, seed: 3)
        #expect(!sampled.isExhaustive && sampled.estimates.count == 2)
        #expect(sampled.estimates.allSatisfy { estimate in expectedDates.contains { abs($0 - estimate) < 1e-8 } })
    }

    /// Random draws: the same seed gives the same runs whatever the scheduling; another seed others;
    /// and p lies in (0, 1] with p = (1 + k)/(1 + B).
    @Test func randomPlaceboDrawsAreDeterministic() throws {
        let (panel, _) = try Self.placeboPanel()
        let twoTreated = EvaluationPanels.indicator(areas: 15, periods: 12, treatedAreas: [4, 9], start: 8)
        let first = try PlaceboInference.areas(panel: panel, treated: twoTreated, actual: 0.2, runs: 25, seed: 9)
        let again = try PlaceboInference.areas(panel: panel, treated: twoTreated, actual: 0.2, runs: 25, seed: 9)
        let other = try PlaceboInference.areas(panel: panel, treated: twoTreated, actual: 0.2, runs: 25, seed: 10)
        #expect(!first.isExhaustive)
        #expect(first.estimates == again.estimates)
        #expect(first.estimates != other.estimates)
        #expect(first.pValue > 0 && first.pValue <= 1)
        #expect(first.pValue == Double(1 + first.atLeastAsExtreme) / Double(1 + first.estimates.count))
    }

    @Test func placeboStartDatesNeedOneStart() throws {
        let (panel, _) = try Self.placeboPanel()
        let staggered = zip(EvaluationPanels.indicator(areas: 15, periods: 12, treatedAreas: [4], start: 8),
                            EvaluationPanels.indicator(areas: 15, periods: 12, treatedAreas: [9], start: 6)).map { max($0, $1) }
        do {
            _ = try PlaceboInference.startDates(panel: panel, treated: staggered, actual: 0.1)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .staggeredStart)
        }
        let early = EvaluationPanels.indicator(areas: 15, periods: 12, treatedAreas: [4], start: 4)
        #expect(throws: EvaluationError.self) { try PlaceboInference.startDates(panel: panel, treated: early, actual: 0.1) }
    }
}
