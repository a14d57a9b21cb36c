/// Displacement and diffusion of benefits around a treated area: the weighted displacement
/// quotient (WDQ) of Bowers & Johnson (2003, "Measuring the geographical displacement and diffusion
/// of benefit effects of crime prevention activity", J Quantitative Criminology 19(3):275–301) and
/// the gross, net and total net effects as Guerette (2009, Analyzing Crime Displacement and
/// Diffusion, POP Center Tool Guide 10, Appendix B) writes them.
///
/// R is the response (treated) area, D the buffer around it, C the control area; b before, a after:
///
///     GE  = Rb − Ra                                   (> 0: fewer crimes in R)
///     NE  = Rb/Cb − Ra/Ca                             (> 0: R fell relative to C)
///     success measure            = Ra/Ca − Rb/Cb      (< 0: the response worked)
///     buffer displacement measure = Da/Ca − Db/Cb     (> 0: displacement, < 0: diffusion)
///     WDQ = (Da/Ca − Db/Cb) / (Ra/Ca − Rb/Cb)
///     TNE = [Rb·(Ca/Cb) − Ra] + [Db·(Ca/Cb) − Da]     (crimes prevented in R and D together)
///
/// WDQ > 0: diffusion of benefits (> 1: larger than the direct effect); −1 < WDQ < 0: displacement
/// smaller than the direct effect; WDQ < −1: displacement larger than it (Guerette 2009, Appendix C).
/// WDQ is only meaningful when the success measure is negative. It has no standard error; see
/// ``WeightedDisplacementDifference`` for a test.
public struct DisplacementQuotient: Sendable, Hashable, Codable {
    public let responseBefore: Double, responseAfter: Double
    public let bufferBefore: Double, bufferAfter: Double
    public let controlBefore: Double, controlAfter: Double

    /// - Throws: ``EvaluationError`` `.zeroCount` when a control count is 0 (every ratio divides by
    ///   them), `.invalidInput` for a negative or non-finite count.
    public init(
        responseBefore: Double, responseAfter: Double, bufferBefore: Double, bufferAfter: Double, controlBefore: Double, controlAfter: Double
    ) throws(EvaluationError) {
        for (name, value) in [("response before", responseBefore), ("response after", responseAfter), ("buffer before", bufferBefore),
                              ("buffer after", bufferAfter), ("control before", controlBefore), ("control after", controlAfter)]
        where !(value >= 0) || !value.isFinite {
            throw EvaluationError(.invalidInput, "the count of the \(name) period is \(value); counts must be finite and not negative")
        }
        guard controlBefore > 0, controlAfter > 0 else {
            throw EvaluationError(
                .zeroCount, "the control area has no crimes \(controlBefore == 0 ? "before" : "after"); WDQ divides by the control counts",
                hint: "use a larger control area or a longer window")
        }
        self.responseBefore = responseBefore
        self.responseAfter = responseAfter
        self.bufferBefore = bufferBefore
        self.bufferAfter = bufferAfter
        self.controlBefore = controlBefore
        self.controlAfter = controlAfter
    }

    /// GE = Rb − Ra.
    public var grossEffect: Double { responseBefore - responseAfter }
    /// NE = Rb/Cb − Ra/Ca.
    public var netEffect: Double { responseBefore / controlBefore - responseAfter / controlAfter }
    /// Ra/Ca − Rb/Cb, the WDQ's denominator.
    public var successMeasure: Double { responseAfter / controlAfter - responseBefore / controlBefore }
    /// Da/Ca − Db/Cb, the WDQ's numerator.
    public var bufferDisplacementMeasure: Double { bufferAfter / controlAfter - bufferBefore / controlBefore }
    /// TNE = [Rb·(Ca/Cb) − Ra] + [Db·(Ca/Cb) − Da].
    public var totalNetEffect: Double {
        let trend = controlAfter / controlBefore
        return (responseBefore * trend - responseAfter) + (bufferBefore * trend - bufferAfter)
    }

    /// WDQ = buffer displacement measure / success measure.
    /// - Throws: ``EvaluationError`` `.undefined` when the success measure is 0 (the response area
    ///   changed exactly as the control area did).
    public func quotient() throws(EvaluationError) -> Double {
        guard successMeasure != 0 else {
            throw EvaluationError(
                .undefined, "WDQ is undefined: the response area changed exactly as the control area did (success measure 0)",
                hint: "there is no effect to weigh displacement against; report the buffer displacement measure alone")
        }
        return bufferDisplacementMeasure / successMeasure
    }
}
