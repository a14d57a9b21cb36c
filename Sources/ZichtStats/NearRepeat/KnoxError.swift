import ZichtCore

/// Why a Knox analysis cannot be run on the given events or settings.
///
/// A struct around a private code, so that new cases can be added without breaking callers.
/// Event numbers in messages are 1-based positions in the input arrays; a reader that knows the
/// file lines (``description`` is generic) should translate them with ``eventIndex``.
public struct KnoxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which break list is wrong.
    public enum BreakKind: String, Equatable, Sendable {
        case space, time
    }

    private enum Code: Equatable, Sendable {
        case lengthMismatch(x: Int, y: Int, t: Int)
        case tooFewEvents(Int)
        case nonFiniteCoordinate(index: Int, x: Double, y: Double)
        case nonFiniteTime(index: Int, t: Double)
        case singleTime(Double)
        case invalidBreaks(kind: BreakKind, breaks: [Double], reason: String)
        case invalidPermutations(Int)
        case invalidChunkCount(Int)
        case tooManyClosePairs(limit: Int)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The x, y and t arrays have different lengths.
    public static func lengthMismatch(x: Int, y: Int, t: Int) -> KnoxError { KnoxError(.lengthMismatch(x: x, y: y, t: t)) }

    /// Fewer than 3 events: a permutation test of pairs needs at least three.
    public static func tooFewEvents(_ count: Int) -> KnoxError { KnoxError(.tooFewEvents(count)) }

    /// Event `index` (0-based) has a coordinate that is NaN or infinite.
    public static func nonFiniteCoordinate(index: Int, x: Double, y: Double) -> KnoxError {
        KnoxError(.nonFiniteCoordinate(index: index, x: x, y: y))
    }

    /// Event `index` (0-based) has a time that is NaN or infinite.
    public static func nonFiniteTime(index: Int, t: Double) -> KnoxError { KnoxError(.nonFiniteTime(index: index, t: t)) }

    /// All events happened at the same time: permuting the times changes nothing.
    public static func singleTime(_ t: Double) -> KnoxError { KnoxError(.singleTime(t)) }

    /// A break list is not `0` followed by strictly increasing finite values.
    public static func invalidBreaks(kind: BreakKind, breaks: [Double], reason: String) -> KnoxError {
        KnoxError(.invalidBreaks(kind: kind, breaks: breaks, reason: reason))
    }

    /// The number of permutations is below 1 or above ``KnoxParameters/maximumPermutations``.
    public static func invalidPermutations(_ count: Int) -> KnoxError { KnoxError(.invalidPermutations(count)) }

    /// The number of work chunks is below 1.
    public static func invalidChunkCount(_ count: Int) -> KnoxError { KnoxError(.invalidChunkCount(count)) }

    /// More pairs lie within the last spatial break than the analysis can hold.
    public static func tooManyClosePairs(limit: Int) -> KnoxError { KnoxError(.tooManyClosePairs(limit: limit)) }

    /// The 0-based event the problem concerns, when it concerns one event.
    public var eventIndex: Int? {
        switch code {
        case .nonFiniteCoordinate(let index, _, _), .nonFiniteTime(let index, _): index
        default: nil
        }
    }

    public var description: String {
        switch code {
        case .lengthMismatch(let x, let y, let t):
            return "The event arrays differ in length: \(x) x values, \(y) y values and \(t) times."
        case .tooFewEvents(let count):
            return "Found \(count) event\(count == 1 ? "" : "s"); a Knox analysis needs at least 3."
        case .nonFiniteCoordinate(let index, let x, let y):
            return "Event \(index + 1) has coordinates (\(x), \(y)); expected finite numbers in metres."
        case .nonFiniteTime(let index, let t):
            return "Event \(index + 1) has time \(t); expected a finite number of days."
        case .singleTime(let t):
            return "All events happened at the same time (\(t)); the Knox test permutes times, so it needs events at two or more times."
        case .invalidBreaks(let kind, let breaks, let reason):
            let list = breaks.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }.joined(separator: ",")
            return "Invalid \(kind.rawValue) breaks [\(list)]: \(reason). Example: \(kind == .space ? "0,1,100,200,300 (metres)" : "0,7,14,21 (days)")."
        case .invalidPermutations(let count):
            return "Asked for \(count) permutations; give 1 to \(KnoxParameters.maximumPermutations) (999 is usual)."
        case .invalidChunkCount(let count):
            return "Asked for \(count) chunks of permutations; give at least 1."
        case .tooManyClosePairs(let limit):
            return "More than \(limit) pairs of events lie within the last spatial break; lower the last space break or use fewer events."
        }
    }
}

extension KnoxError: DiagnosticConvertible {
    /// Without a file: a reader that knows the file lines wraps the error in a ``LocatedError`` with
    /// the line of ``eventIndex``.
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
}
