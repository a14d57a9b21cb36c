import Foundation
import ZichtCore

/// Why an evaluation could not be computed, with what was found and how to get a result.
///
/// A struct around a private code enum (as ``ClassificationError`` and the readers' errors), so
/// that kinds can be added without breaking callers. `description` is one or two sentences a user
/// can act on: what is wrong, which input, and a hint.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError, Codable {
    /// What kind of problem this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible, Codable {
        private enum Wrapped: String, Hashable, Sendable, Codable {
            case invalidInput = "invalid input"
            case zeroCount = "zero count"
            case undefined = "undefined measure"
            case emptySample = "empty sample"
            case noTreatedAreas = "no treated areas"
            case noControlAreas = "no control areas"
            case regressorAbsorbed = "regressor absorbed by the fixed effects"
            case collinearRegressors = "collinear regressors"
            case notConverged = "not converged"
            case noOverdispersion = "no overdispersion"
            case staggeredStart = "staggered start"
            case shortPrePeriod = "short pre-period"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// An argument is out of range, or arrays do not match in length.
        public static let invalidInput = Code(.invalidInput)
        /// A count that a ratio needs is zero (RES, WDQ).
        public static let zeroCount = Code(.zeroCount)
        /// A measure has a zero denominator for another reason (WDQ with no change in the target area).
        public static let undefined = Code(.undefined)
        /// No observations are left after dropping all-zero areas and periods.
        public static let emptySample = Code(.emptySample)
        /// No observation has the treatment indicator set.
        public static let noTreatedAreas = Code(.noTreatedAreas)
        /// Every area is treated, or too few untreated areas are left for placebos.
        public static let noControlAreas = Code(.noControlAreas)
        /// A regressor is constant within the fixed effects (for example, treated in every period).
        public static let regressorAbsorbed = Code(.regressorAbsorbed)
        /// Two regressors are (almost) the same after the fixed effects are taken out.
        public static let collinearRegressors = Code(.collinearRegressors)
        /// The iterations did not converge.
        public static let notConverged = Code(.notConverged)
        /// The counts show no overdispersion, so the negative binomial dispersion runs off to infinity.
        public static let noOverdispersion = Code(.noOverdispersion)
        /// Placebo start dates need one common start, and the treated areas start at different times.
        public static let staggeredStart = Code(.staggeredStart)
        /// Too few periods before the start for placebo start dates or an event study.
        public static let shortPrePeriod = Code(.shortPrePeriod)

        public var description: String { wrapped.rawValue }
    }

    public var code: Code
    /// What is wrong, naming the input concerned and what was found.
    public var message: String
    /// How to get a result, when there is an obvious way.
    public var hint: String?

    public init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String {
        hint.map { "\(message)\n    hint: \($0)" } ?? message
    }

    public var errorDescription: String? { description }
}

extension EvaluationError: DiagnosticConvertible {
    /// Without a file: the computation knows only arrays; a caller that read them from a file wraps
    /// the error in a ``LocatedError``.
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: message, hint: hint)] }
}
