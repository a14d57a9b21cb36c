import Foundation
import Testing
import ZichtCore
import ZichtStats

/// RES, WDQ, WDD and the minimum detectable effect against hand calculations and published examples.
struct EvaluationMeasuresTests {
    // MARK: RES (Welsh & Farrington)

    /// a, b, c, d = 120, 100, 130, 150 (treated before/after, control before/after), worked by hand:
    /// RES = 120·150 / (100·130) = 18000/13000 = 1.384615…, Var = 1/120 + 1/100 + 1/130 + 1/150.
    @Test func relativeEffectSizeByHand() throws {
        let res = try RelativeEffectSize(treatedBefore: 120, treatedAfter: 100, controlBefore: 130, controlAfter: 150)
        let variance = 1.0 / 120 + 1.0 / 100 + 1.0 / 130 + 1.0 / 150
        #expect(abs(res.value - 18000.0 / 13000.0) < 1e-15)
        #expect(abs(res.variance - variance) < 1e-16)
        #expect(abs(res.standardError - 0.18081) < 5e-6)
        let half = 1.959963984540054 * variance.squareRoot()
        let interval = res.interval()
        #expect(abs(interval.lowerBound - exp(log(18.0 / 13.0) - half)) < 1e-12)
        #expect(abs(interval.upperBound - exp(log(18.0 / 13.0) + half)) < 1e-12)
        // 100·(1/RES − 1) = 100·(13/18 − 1) = −27.78 %: 27.8 % fewer crimes relative to the control area.
        #expect(abs(res.percentChange - 100 * (13.0 / 18.0 - 1)) < 1e-12)
        #expect(abs(res.z - log(18.0 / 13.0) / variance.squareRoot()) < 1e-12)
    }

    /// D inflates the variance and widens the interval by √D.
    @Test func dispersionInflatesTheVariance() throws {
        let res = try RelativeEffectSize(treatedBefore: 120, treatedAfter: 100, controlBefore: 130, controlAfter: 150, dispersion: 2.5)
        #expect(abs(res.variance - 2.5 * res.poissonVariance) < 1e-16)
        #expect(abs(log(res.interval().upperBound) - res.logValue - 1.959963984540054 * (2.5 * res.poissonVariance).squareRoot()) < 1e-12)
        #expect(throws: EvaluationError.self) { try RelativeEffectSize(treatedBefore: 1, treatedAfter: 1, controlBefore: 1, controlAfter: 1, dispersion: 0.5) }
    }

    @Test func aZeroCellIsATypedErrorThatSuggestsALongerWindow() {
        do {
            _ = try RelativeEffectSize(treatedBefore: 12, treatedAfter: 0, controlBefore: 30, controlAfter: 25)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .zeroCount)
            #expect(error.message.contains("treated area after (b)"))
            #expect(error.hint?.contains("longer window") == true)
        }
    }

    /// Monthly counts worked by hand (3 months per cell):
    /// treated before 2, 10, 6 (mean 6): (16 + 16 + 0)/6 = 16/3; treated after 1, 5, 3 (mean 3): 8/3;
    /// control before 12, 12, 12: 0; control after 4, 12, 8 (mean 8): 32/8 = 4.
    /// X² = 16/3 + 8/3 + 0 + 4 = 12, n − 4 = 8, D̂ = 1.5. Cells: a = 18, b = 9, c = 36, d = 24,
    /// RES = 18·24/(9·36) = 4/3, Var = 1/18 + 1/9 + 1/36 + 1/24, inflated ×1.5.
    @Test func overdispersionFromMonthlyCountsByHand() throws {
        let months = (tb: [2.0, 10, 6], ta: [1.0, 5, 3], cb: [12.0, 12, 12], ca: [4.0, 12, 8])
        let d = try Overdispersion(treatedBefore: months.tb, treatedAfter: months.ta, controlBefore: months.cb, controlAfter: months.ca)
        #expect(abs(d.estimate - 1.5) < 1e-15)
        #expect(d.degreesOfFreedom == 8)
        let res = try RelativeEffectSize(
            monthlyTreatedBefore: months.tb, monthlyTreatedAfter: months.ta, monthlyControlBefore: months.cb, monthlyControlAfter: months.ca)
        #expect(abs(res.value - 4.0 / 3.0) < 1e-15)
        #expect(abs(res.variance - 1.5 * (1.0 / 18 + 1.0 / 9 + 1.0 / 36 + 1.0 / 24)) < 1e-15)
        // Less spread than Poisson: 4, 6, 8 | 3, 3, 3 | 10, 10, 16 | 5, 9, 7 gives
        // X² = 8/6 + 0 + 24/12 + 8/7, D̂ = X²/8 < 1, and the factor applied stays 1.
        let under = try Overdispersion(treatedBefore: [4, 6, 8], treatedAfter: [3, 3, 3], controlBefore: [10, 10, 16], controlAfter: [5, 9, 7])
        #expect(abs(under.estimate - (8.0 / 6 + 2 + 8.0 / 7) / 8) < 1e-15)
        #expect(under.applied == 1)
    }

    /// RES equals 1/exp(β) of a Poisson regression of the 2 × 2 table on area, period and
    /// treated-after, and its variance equals the model-based Var(β) (Farrington et al.'s variance is
    /// the Poisson one).
    @Test func relativeEffectSizeIsThePoissonRegressionOfTheTable() throws {
        let (a, b, c, d) = (120.0, 100.0, 130.0, 150.0)
        let panel = try CountPanel(counts: [a, b, c, d], area: [0, 0, 1, 1], period: [0, 1, 0, 1], areaCount: 2, periodCount: 2)
        let fit = try PoissonFixedEffects.fit(panel, regressors: [Regressor("treated after", [0, 1, 0, 0])])
        let res = try RelativeEffectSize(treatedBefore: a, treatedAfter: b, controlBefore: c, controlAfter: d)
        #expect(abs(exp(fit.coefficients[0]) - 1 / res.value) < 1e-12)
        #expect(abs(fit.standardErrors(.iid)[0] - res.standardError) < 1e-12)
    }

    // MARK: WDQ (Bowers & Johnson 2003; Guerette 2009)

    /// Guerette (2009), POP Center Tool Guide 10, Appendix D ("MOPPIN up Dodge", Lancashire):
    /// Rb 207, Ra 110, Db 178, Da 157, Cb 308, Ca 318; published GE 97, NE .326, TNE 130.5 and WDQ .411.
    /// GE, NE and TNE reproduce. The guide's own formula gives
    /// WDQ = (157/318 − 178/308) / (110/318 − 207/308) = −0.08421 / −0.32617 = 0.258, not .411
    /// (see docs/evaluation-methods.md).
    @Test func displacementQuotientOfThePOPGuideExample() throws {
        let wdq = try DisplacementQuotient(
            responseBefore: 207, responseAfter: 110, bufferBefore: 178, bufferAfter: 157, controlBefore: 308, controlAfter: 318)
        #expect(wdq.grossEffect == 97)
        #expect(abs(wdq.netEffect - 0.326) < 0.0005)
        #expect(abs(wdq.totalNetEffect - 130.5) < 0.05)
        let byHand = (157.0 / 318 - 178.0 / 308) / (110.0 / 318 - 207.0 / 308)
        #expect(abs(try wdq.quotient() - byHand) < 1e-15)
        #expect(abs(byHand - 0.2582) < 5e-5)
        #expect(abs(try wdq.quotient() - 0.411) > 0.1, "the published .411 does not follow from the inputs")
        #expect(wdq.successMeasure < 0, "the response worked")
        #expect(wdq.bufferDisplacementMeasure < 0, "diffusion of benefits into the buffer")
    }

    @Test func displacementQuotientNeedsControlCountsAndAnEffect() throws {
        #expect(throws: EvaluationError.self) {
            try DisplacementQuotient(responseBefore: 10, responseAfter: 5, bufferBefore: 3, bufferAfter: 4, controlBefore: 0, controlAfter: 7)
        }
        let flat = try DisplacementQuotient(responseBefore: 10, responseAfter: 10, bufferBefore: 3, bufferAfter: 4, controlBefore: 20, controlAfter: 20)
        #expect(throws: EvaluationError.self) { try flat.quotient() }
    }

    // MARK: WDD (Wheeler & Ratcliffe 2018)

    /// The published examples (Wheeler's crimepy notebook WDD_Examples and ptools `wdd()`): control
    /// 130 → 150, treated 120 → 100: WDD −40, SE 22.4, 90 % interval −76.8 to −3.2.
    @Test func weightedDisplacementDifferenceWithoutBuffer() throws {
        let wdd = try WeightedDisplacementDifference(treatedBefore: 120, treatedAfter: 100, controlBefore: 130, controlAfter: 150)
        #expect(wdd.estimate == -40)
        #expect(abs(wdd.standardError - 22.4) < 0.05)
        #expect(wdd.variance == 500)
        let interval = wdd.interval(level: 0.9)
        #expect(abs(interval.lowerBound - -76.8) < 0.05)
        #expect(abs(interval.upperBound - -3.2) < 0.05)
    }

    /// With a buffer 40 → 25 and its control 30 → 25: WDD −50, SE 24.9, 90 % interval −91.0 to −9.0.
    @Test func weightedDisplacementDifferenceWithBuffer() throws {
        let wdd = try WeightedDisplacementDifference(
            treatedBefore: 120, treatedAfter: 100, controlBefore: 130, controlAfter: 150,
            bufferBefore: 40, bufferAfter: 25, bufferControlBefore: 30, bufferControlAfter: 25)
        #expect(wdd.estimate == -50)
        #expect(wdd.localEffect == -40)
        #expect(wdd.displacementEffect == -10)
        #expect(abs(wdd.standardError - 24.9) < 0.05)
        let interval = wdd.interval(level: 0.9)
        #expect(abs(interval.lowerBound - -91.0) < 0.05)
        #expect(abs(interval.upperBound - -9.0) < 0.05)
    }

    /// One control for both the treated area and the buffer, by hand: treated 120 → 100, buffer
    /// 40 → 25, control 130 → 150. WDD = (100 − 120) + (25 − 40) − 2·(150 − 130) = −20 − 15 − 40 = −75;
    /// Var = 120 + 100 + 40 + 25 + 4·(130 + 150) = 285 + 1120 = 1405 (the control counted twice, so ×4).
    @Test func weightedDisplacementDifferenceWithASharedControl() throws {
        let wdd = try WeightedDisplacementDifference.sharedControl(
            treatedBefore: 120, treatedAfter: 100, controlBefore: 130, controlAfter: 150, bufferBefore: 40, bufferAfter: 25)
        #expect(wdd.estimate == -75)
        #expect(wdd.variance == 1405)
        // The same estimate as passing the control twice, but not the same variance (that would be 845).
        let separate = try WeightedDisplacementDifference(
            treatedBefore: 120, treatedAfter: 100, controlBefore: 130, controlAfter: 150,
            bufferBefore: 40, bufferAfter: 25, bufferControlBefore: 130, bufferControlAfter: 150)
        #expect(separate.estimate == -75 && separate.variance == 845)
    }

    /// Unequal windows, by hand: 24 months before (T 240, C 480), 12 after (T 100, C 250):
    /// WDD = (100 − 250)/12 − (240 − 480)/24 = −12.5 + 10 = −2.5 per month,
    /// Var = (240 + 480)/24² + (100 + 250)/12² = 1.25 + 2.430555….
    @Test func weightedDisplacementDifferencePerMonth() throws {
        let wdd = try WeightedDisplacementDifference(
            treatedBefore: 240, treatedAfter: 100, controlBefore: 480, controlAfter: 250, beforeLength: 24, afterLength: 12)
        #expect(abs(wdd.estimate - -2.5) < 1e-14)
        #expect(abs(wdd.variance - (720.0 / 576 + 350.0 / 144)) < 1e-14)
    }

    // MARK: Minimum detectable effect (Bloom 1995)

    /// Bloom's formula by hand: 20 a month in the treated area, 40 in the control, 12 months each:
    /// a = b = 240, c = d = 480, Var = 2/240 + 2/480 = 0.0125; δ = (z.975 + z.8)·√0.0125.
    @Test func minimumDetectableEffectByHand() throws {
        let bloom = try MinimumDetectableEffect(beforeMonths: 12, afterMonths: 12, treatedMonthly: 20, controlMonthly: 40, varianceUnderEffect: false)
        let multiplier = 1.959963984540054 + 0.8416212335729143
        #expect(abs(bloom.logEffect - multiplier * 0.0125.squareRoot()) < 1e-12)
        let mde = try MinimumDetectableEffect(beforeMonths: 12, afterMonths: 12, treatedMonthly: 20, controlMonthly: 40)
        // The fixed point: δ = multiplier · √(1/240 + 1/(240·e^{−δ}) + 1/480 + 1/480).
        let delta = mde.logEffect
        #expect(abs(delta - multiplier * (1.0 / 240 + 1 / (240 * exp(-delta)) + 2.0 / 480).squareRoot()) < 1e-12)
        #expect(delta > bloom.logEffect)
        // With D the variance is D times larger, so Bloom's MDE grows by √D.
        let inflated = try MinimumDetectableEffect(
            beforeMonths: 12, afterMonths: 12, treatedMonthly: 20, controlMonthly: 40, dispersion: 2, varianceUnderEffect: false)
        #expect(abs(inflated.logEffect - 2.0.squareRoot() * bloom.logEffect) < 1e-12)
        #expect(throws: EvaluationError.self) { try MinimumDetectableEffect(beforeMonths: 1, afterMonths: 1, treatedMonthly: 0.05, controlMonthly: 0.05) }
    }

    /// Simulation: 10,000 designs with Poisson counts, the treated area's after-count lowered by the
    /// MDE, each tested as an analyst would (z = ln RES / √Var from the observed counts, two-sided
    /// 5 %). The rejection rate should be the target power 0.80; the binomial standard error of the
    /// rate is 0.004, so ±0.015 allows for chance and the normal approximation. Bloom's formula with
    /// the variance at the no-effect counts falls short (about 0.77 here).
    @Test func minimumDetectableEffectHasItsPowerInSimulation() throws {
        let mde = try MinimumDetectableEffect(beforeMonths: 12, afterMonths: 12, treatedMonthly: 20, controlMonthly: 40)
        let bloom = try MinimumDetectableEffect(beforeMonths: 12, afterMonths: 12, treatedMonthly: 20, controlMonthly: 40, varianceUnderEffect: false)
        func power(_ delta: Double, stream: Int) -> Double {
            var generator = SplitMix64(seed: 2024, stream: stream)
            var rejected = 0
            let runs = 10_000
            for _ in 0..<runs {
                let a = poisson(240, &generator), b = poisson(240 * exp(-delta), &generator)
                let c = poisson(480, &generator), d = poisson(480, &generator)
                guard let res = try? RelativeEffectSize(treatedBefore: a, treatedAfter: b, controlBefore: c, controlAfter: d) else { continue }
                if abs(res.z) > 1.959963984540054 { rejected += 1 }
            }
            return Double(rejected) / Double(runs)
        }
        let simulated = power(mde.logEffect, stream: 1)
        #expect(abs(simulated - 0.8) < 0.015, "simulated power \(simulated) at the MDE \(mde.logEffect)")
        let short = power(bloom.logEffect, stream: 2)
        #expect(short < 0.79, "simulated power \(short) at Bloom's MDE \(bloom.logEffect)")
    }

    /// A Poisson draw by inversion (sequential search from 0; λ ≤ 700 keeps e^{−λ} a normal double).
    private func poisson(_ lambda: Double, _ generator: inout SplitMix64) -> Double {
        let u = Double(generator.next() >> 11) * 0x1p-53
        var k = 0.0, probability = exp(-lambda), cumulative = probability
        while u > cumulative, k < 10 * lambda + 100 {
            k += 1
            probability *= lambda / k
            cumulative += probability
        }
        return k
    }
}
