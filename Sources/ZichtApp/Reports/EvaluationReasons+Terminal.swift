import ZichtAnalysis
import ZichtStats

extension InterventionEvaluation.NotAppliedReason {
    /// Why a method was not applied, in English for the terminal.
    public var terminalText: String {
        switch self {
        case .noTargetIncidents(let afterStart):
            "the target has no incidents of these types \(afterStart ? "after" : "before") the start, so the effect cannot be estimated; choose a longer window or more incident types"
        case .noFiniteEstimate:
            "the model found no finite estimate"
        case .failed(let error):
            error.message
        case .otherError(let text):
            text
        }
    }
}
