import ZichtCore

/// Why a hot-spot computation cannot run on the input it was given.
///
/// A struct around a private code, so that new cases can be added without breaking callers. The
/// description says what was wrong and what was expected, in the caller's terms (cells, points,
/// metres); readers that know the file and line wrap it with that location.
public struct HotSpotError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Code: Equatable, Sendable {
        case noPoints
        case lengthMismatch(what: String, expected: Int, found: Int)
        case nonFinite(what: String, index: Int)
        case negativeValue(index: Int, value: Double)
        case invalidCellSize(Double)
        case degenerateExtent
        case invalidGrid(rows: Int, columns: Int)
        case gridTooLarge(rows: Int, columns: Int)
        case invalidBandwidth(Double)
        case invalidDistanceBand(Double)
        case tooManyNeighbourPairs(Double)
        case isolatedCell(index: Int)
        case tooFewCells(Int)
        case constantValues(Double)
        case invalidPermutations(Int)
        case invalidAlpha(Double)
        case invalidAreaShare(Double)
        case notACount(index: Int, value: Double)
        case invalidExpectation(index: Int, value: Double)
    }

    private let code: Code
    private init(_ code: Code) { self.code = code }

    /// The largest grid accepted: 50 million cells (400 MB per array of doubles).
    public static let maximumCells = 50_000_000

    static let noPoints = HotSpotError(.noPoints)
    static let degenerateExtent = HotSpotError(.degenerateExtent)
    static func lengthMismatch(_ what: String, expected: Int, found: Int) -> HotSpotError {
        HotSpotError(.lengthMismatch(what: what, expected: expected, found: found))
    }
    static func nonFinite(_ what: String, index: Int) -> HotSpotError { HotSpotError(.nonFinite(what: what, index: index)) }
    static func negativeValue(index: Int, value: Double) -> HotSpotError { HotSpotError(.negativeValue(index: index, value: value)) }
    static func invalidCellSize(_ size: Double) -> HotSpotError { HotSpotError(.invalidCellSize(size)) }
    static func invalidGrid(rows: Int, columns: Int) -> HotSpotError { HotSpotError(.invalidGrid(rows: rows, columns: columns)) }
    static func gridTooLarge(rows: Int, columns: Int) -> HotSpotError { HotSpotError(.gridTooLarge(rows: rows, columns: columns)) }
    static func invalidBandwidth(_ bandwidth: Double) -> HotSpotError { HotSpotError(.invalidBandwidth(bandwidth)) }
    static func invalidDistanceBand(_ distance: Double) -> HotSpotError { HotSpotError(.invalidDistanceBand(distance)) }
    static func tooManyNeighbourPairs(_ pairs: Double) -> HotSpotError { HotSpotError(.tooManyNeighbourPairs(pairs)) }
    static func isolatedCell(index: Int) -> HotSpotError { HotSpotError(.isolatedCell(index: index)) }
    static func tooFewCells(_ count: Int) -> HotSpotError { HotSpotError(.tooFewCells(count)) }
    static func constantValues(_ value: Double) -> HotSpotError { HotSpotError(.constantValues(value)) }
    static func invalidPermutations(_ count: Int) -> HotSpotError { HotSpotError(.invalidPermutations(count)) }
    static func invalidAlpha(_ alpha: Double) -> HotSpotError { HotSpotError(.invalidAlpha(alpha)) }
    static func invalidAreaShare(_ share: Double) -> HotSpotError { HotSpotError(.invalidAreaShare(share)) }
    static func notACount(index: Int, value: Double) -> HotSpotError { HotSpotError(.notACount(index: index, value: value)) }
    static func invalidExpectation(index: Int, value: Double) -> HotSpotError { HotSpotError(.invalidExpectation(index: index, value: value)) }

    public var description: String {
        switch code {
        case .noPoints:
            return "There are no points: a hot-spot analysis needs at least one."
        case .lengthMismatch(let what, let expected, let found):
            return "\(what): expected \(expected) values (one per cell or point), found \(found)."
        case .nonFinite(let what, let index):
            return "\(what) \(index) is not a finite number; leave unknown values out instead of passing NaN."
        case .negativeValue(let index, let value):
            return "Cell \(index) has the value \(value); expected a count or another value of at least 0."
        case .invalidCellSize(let size):
            return "The cell size is \(size); expected a finite number of metres above 0."
        case .degenerateExtent:
            return "All points lie on one spot, so no cell size can be derived from their extent; give the cell size."
        case .invalidGrid(let rows, let columns):
            return "A grid of \(rows) × \(columns) cells: expected at least 1 row and 1 column."
        case .gridTooLarge(let rows, let columns):
            return "A grid of \(rows) × \(columns) cells is larger than the \(HotSpotError.maximumCells) cells allowed; choose a larger cell size."
        case .invalidBandwidth(let bandwidth):
            return "The bandwidth is \(bandwidth); expected a finite search radius above 0."
        case .invalidDistanceBand(let distance):
            return "The distance band is \(distance); expected a finite distance above 0."
        case .tooManyNeighbourPairs(let pairs):
            return "This distance band gives \(Int(pairs)) neighbour pairs, more than the 100,000,000 allowed; choose a smaller band or larger cells."
        case .isolatedCell(let index):
            return "Cell \(index) has no neighbours under these weights; choose a distance band of at least one cell size."
        case .tooFewCells(let count):
            return "The grid has \(count) cell\(count == 1 ? "" : "s"); Gi* needs at least 3."
        case .constantValues(let value):
            return "Every cell has the value \(value), so the standard deviation is 0 and Gi* is undefined."
        case .invalidPermutations(let count):
            return "\(count) permutations: expected 0 (no permutation test) or more, at most 10,000,000."
        case .invalidAlpha(let alpha):
            return "The significance level is \(alpha); expected a number above 0 and below 1."
        case .invalidAreaShare(let share):
            return "The area share is \(share); expected a fraction above 0 and at most 1 (0.05 for the top 5 % of the area)."
        case .notACount(let index, let value):
            return "Cell \(index) has the value \(value); the Poisson test needs whole counts of at least 0."
        case .invalidExpectation(let index, let value):
            return "The expected count of cell \(index) is \(value); expected a finite number above 0."
        }
    }
}

extension HotSpotError: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
}
