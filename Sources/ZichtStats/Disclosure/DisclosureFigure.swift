/// One published figure of a protected table (counts at buurt level or finer): a sum of cells of
/// the finest table that all published figures are sums of, with what the public output says
/// about it.
///
/// The cells are the audit's unknowns: for incidents, the count per buurt, type and year; for an
/// evaluation, the count per area and month. A wijk total is the sum of its buurten's cells; a
/// map of three types sums three cells per buurt. A figure that is not published at all is not a
/// figure; its cells are then only constrained by the figures that do contain them.
public struct DisclosureFigure: Sendable, Hashable {
    public enum State: Sendable, Hashable, Codable {
        /// The value is published, exactly (a rate with a derivable denominator counts as its count).
        case published(Int)
        /// Withheld because it is below the threshold, shown as "< threshold": the attacker knows
        /// the value lies in `0 ... threshold − 1`. These are the protected figures.
        case belowThreshold
        /// Withheld to protect another figure (secondary suppression), shown with its own label:
        /// the attacker knows the value is at least the threshold.
        case secondary
    }

    /// The table the figure is published in, as a reader would name it (used in audit errors).
    public var table: String
    /// The figure within its table (row and column), as a reader would name it.
    public var cell: String
    /// The cells of the finest table that this figure adds up (indices into the audit's cells).
    public var cells: [Int]
    public var state: State
    /// The true value, known to the publisher; used to choose secondary suppressions.
    public var value: Int
    /// Whether secondary suppression may withhold this figure (false for figures that other
    /// published results are computed from, such as an evaluation's period totals).
    public var isWithholdable: Bool

    public init(table: String, cell: String, cells: [Int], state: State, value: Int, isWithholdable: Bool = true) {
        self.table = table
        self.cell = cell
        self.cells = cells
        self.state = state
        self.value = value
        self.isWithholdable = isWithholdable
    }

    /// The state that publication rules give a count: withheld below the threshold, else published.
    public static func state(of value: Int, threshold: Int) -> State {
        value < threshold ? .belowThreshold : .published(value)
    }

    public var isWithheld: Bool {
        if case .published = state { return false }
        return true
    }
}

/// The values an attacker can still hold possible for a protected figure, given every published
/// figure: the smallest and largest value of the linear programme's relaxation, rounded inward to
/// whole numbers (counts are whole).
public struct FeasibleInterval: Sendable, Hashable, CustomStringConvertible {
    public var lower: Int
    public var upper: Int

    public init(lower: Int, upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    public var description: String { lower == upper ? "exactly \(lower)" : "\(lower) to \(upper)" }
}
