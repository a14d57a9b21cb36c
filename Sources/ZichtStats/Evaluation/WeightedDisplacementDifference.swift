/// The weighted displacement difference (WDD) of Wheeler & Ratcliffe (2018, "A simple weighted
/// displacement difference test to evaluate place based crime interventions", Crime Science 7:11):
/// the number of crimes an intervention changed in the treated area and its displacement buffer,
/// each net of the change in its own control area, with a standard error.
///
/// With T the treated area, C its control, D the buffer and DC the buffer's control, 0 before and 1 after:
///
///     WDD = (T1 − T0) − (C1 − C0) + (D1 − D0) − (DC1 − DC0)
///     Var(WDD) = T0 + T1 + C0 + C1 + D0 + D1 + DC0 + DC1
///
/// the variance of a sum of independent Poisson counts (normal approximation). Negative WDD: crimes
/// prevented. Leave the buffer counts at 0 to test the treated area alone. When the before and after
/// windows differ in length, each count is divided by its window's length (counts per period) and
/// its variance term by the length squared.
///
/// When the buffer is compared with the same control area as the treated area (`sharedControl`),
/// WDD = (T1 − T0) + (D1 − D0) − 2·(C1 − C0): the control enters twice with the same sign, so its
/// variance term is 4·(C0 + C1) instead of C0 + C1 + DC0 + DC1 (Var(2C) = 4·Var(C)).
public struct WeightedDisplacementDifference: Sendable, Hashable, Codable {
    public let treatedBefore: Double, treatedAfter: Double
    public let controlBefore: Double, controlAfter: Double
    public let bufferBefore: Double, bufferAfter: Double
    public let bufferControlBefore: Double, bufferControlAfter: Double
    /// Whether the buffer's control is the treated area's control (see the type's notes).
    public private(set) var sharedControl = false
    /// Lengths of the before and after windows (1 when the counts are compared as they are).
    public let beforeLength: Double, afterLength: Double

    /// - Throws: ``EvaluationError`` `.invalidInput` for a negative or non-finite count or a window
    ///   length that is not positive.
    public init(
        treatedBefore: Double, treatedAfter: Double, controlBefore: Double, controlAfter: Double,
        bufferBefore: Double = 0, bufferAfter: Double = 0, bufferControlBefore: Double = 0, bufferControlAfter: Double = 0,
        beforeLength: Double = 1, afterLength: Double = 1
    ) throws(EvaluationError) {
        let counts = [("treated before", treatedBefore), ("treated after", treatedAfter), ("control before", controlBefore),
                      ("control after", controlAfter), ("buffer before", bufferBefore), ("buffer after", bufferAfter),
                      ("buffer control before", bufferControlBefore), ("buffer control after", bufferControlAfter)]
        for (name, value) in counts where !(value >= 0) || !value.isFinite {
            throw EvaluationError(.invalidInput, "the \(name) count is \(value); counts must be finite and not negative")
        }
        guard beforeLength > 0, afterLength > 0, beforeLength.isFinite, afterLength.isFinite else {
            throw EvaluationError(.invalidInput, "window lengths must be positive, found \(beforeLength) before and \(afterLength) after")
        }
        self.treatedBefore = treatedBefore
        self.treatedAfter = treatedAfter
        self.controlBefore = controlBefore
        self.controlAfter = controlAfter
        self.bufferBefore = bufferBefore
        self.bufferAfter = bufferAfter
        self.bufferControlBefore = bufferControlBefore
        self.bufferControlAfter = bufferControlAfter
        self.beforeLength = beforeLength
        self.afterLength = afterLength
    }

    /// (T1 − T0) − (C1 − C0), per window length.
    public var localEffect: Double {
        (treatedAfter - controlAfter) / afterLength - (treatedBefore - controlBefore) / beforeLength
    }
    /// (D1 − D0) − (DC1 − DC0), per window length.
    public var displacementEffect: Double {
        (bufferAfter - bufferControlAfter) / afterLength - (bufferBefore - bufferControlBefore) / beforeLength
    }
    /// WDD = local + displacement.
    public var estimate: Double { localEffect + displacementEffect }
    /// Σ counts / length².
    public var variance: Double {
        if sharedControl {
            return (treatedBefore + 4 * controlBefore + bufferBefore) / (beforeLength * beforeLength)
                + (treatedAfter + 4 * controlAfter + bufferAfter) / (afterLength * afterLength)
        }
        return (treatedBefore + controlBefore + bufferBefore + bufferControlBefore) / (beforeLength * beforeLength)
            + (treatedAfter + controlAfter + bufferAfter + bufferControlAfter) / (afterLength * afterLength)
    }

    /// WDD with one control area for both the treated area and the buffer.
    public static func sharedControl(
        treatedBefore: Double, treatedAfter: Double, controlBefore: Double, controlAfter: Double, bufferBefore: Double, bufferAfter: Double,
        beforeLength: Double = 1, afterLength: Double = 1
    ) throws(EvaluationError) -> WeightedDisplacementDifference {
        var result = try WeightedDisplacementDifference(
            treatedBefore: treatedBefore, treatedAfter: treatedAfter, controlBefore: controlBefore, controlAfter: controlAfter,
            bufferBefore: bufferBefore, bufferAfter: bufferAfter, bufferControlBefore: controlBefore, bufferControlAfter: controlAfter,
            beforeLength: beforeLength, afterLength: afterLength)
        result.sharedControl = true
        return result
    }
    public var standardError: Double { variance.squareRoot() }
    public var z: Double { estimate / standardError }
    /// Two-sided p-value of z.
    public var pValue: Double { StandardNormal.twoSidedPValue(z) }
    /// WDD ± z_{(1+level)/2}·SE.
    public func interval(level: Double = 0.95) -> ClosedRange<Double> {
        let half = StandardNormal.quantile((1 + level) / 2) * standardError
        return (estimate - half)...(estimate + half)
    }
}
