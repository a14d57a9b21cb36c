import ZichtStats

extension InterventionEvaluation {
    /// The area an intervention covered, as the evaluation delimited it.
    public enum TargetArea: Sendable, Hashable, Codable {
        /// Listed buurten, by name in the order given.
        case buurten(names: [String])
        /// The area inside a polygon given in the intervention file.
        case polygon
        /// Everything within `radius` metres of one of `count` cameras.
        case cameras(count: Int, radius: Double)
    }

    /// How the control buurten were chosen.
    public enum ControlChoice: Sendable, Hashable, Codable {
        /// Listed by the municipality in the intervention file.
        case listed
        /// The `count` buurten outside the target (and outside the buffer when `outsideBuffer`) whose
        /// mean monthly count and trend before the start were closest to the target's.
        case mostSimilar(count: Int, outsideBuffer: Bool)
    }

    /// A method (or group of methods) of the evaluation.
    public enum Method: String, Sendable, Hashable, CaseIterable, Codable {
        case relativeEffectSize = "res"
        case displacement = "displacement"
        case minimumDetectableEffect = "minimum-detectable-effect"
        case poisson = "poisson"
        case negativeBinomial = "negative-binomial"
        case eventStudy = "event-study"
        /// Both placebo tests, when neither could run.
        case placebo = "placebo"
        case placeboAreas = "placebo-areas"
        case placeboDates = "placebo-dates"
    }

    /// Why a method was not applied.
    public enum NotAppliedReason: Sendable, Codable {
        /// The target had no incidents of the evaluated types before (`afterStart` false) or after
        /// the start, so a rate ratio cannot be estimated.
        case noTargetIncidents(afterStart: Bool)
        /// The model's estimate or its standard error was not finite.
        case noFiniteEstimate
        /// The method threw this error (its message is English, for the analyst).
        case failed(EvaluationError)
        /// Another error, described in English.
        case otherError(String)

        init(_ error: any Error) {
            if let error = error as? EvaluationError {
                self = .failed(error)
            } else {
                self = .otherError("\(error)")
            }
        }
    }

    /// A method that was not applied, and why.
    public struct NotApplied: Sendable, Codable {
        public var method: Method
        public var reason: NotAppliedReason

        public init(_ method: Method, _ reason: NotAppliedReason) {
            self.method = method
            self.reason = reason
        }
    }
}
