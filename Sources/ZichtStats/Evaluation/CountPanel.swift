/// Counts observed for areas in periods: the input of the fixed-effects models.
///
/// Observation i is the count `counts[i]` of area `area[i]` in period `period[i]`; areas and
/// periods are level numbers 0..<areaCount and 0..<periodCount. A panel may be unbalanced: an
/// (area, period) pair without an observation is missing, not zero. `periodValues[t]` places
/// period level t on a time line (for monthly data, months since year 0), so that relative time
/// in an event study and placebo start dates count calendar periods even where the panel has gaps.
public struct CountPanel: Sendable {
    public let counts: [Double]
    public let area: [Int]
    public let period: [Int]
    public let areaCount: Int
    public let periodCount: Int
    /// The time of each period level, increasing with the level.
    public let periodValues: [Int]
    /// An optional offset added to the linear predictor (log exposure); nil for none.
    public let offset: [Double]?

    public var count: Int { counts.count }

    /// - Throws: ``EvaluationError`` (`.invalidInput`) when the arrays differ in length, a count is
    ///   negative or not finite, a level is out of range, or `periodValues` does not increase.
    public init(
        counts: [Double], area: [Int], period: [Int], areaCount: Int, periodCount: Int,
        periodValues: [Int]? = nil, offset: [Double]? = nil
    ) throws(EvaluationError) {
        guard area.count == counts.count, period.count == counts.count, offset.map({ $0.count == counts.count }) ?? true else {
            throw EvaluationError(
                .invalidInput,
                "counts, areas, periods and offsets differ in length (\(counts.count), \(area.count), \(period.count), \(offset?.count ?? counts.count))")
        }
        if let bad = counts.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
            throw EvaluationError(.invalidInput, "observation \(bad + 1) has count \(counts[bad]); counts must be finite and not negative")
        }
        if let bad = area.firstIndex(where: { $0 < 0 || $0 >= areaCount }) {
            throw EvaluationError(.invalidInput, "observation \(bad + 1) has area level \(area[bad]); expected 0..<\(areaCount)")
        }
        if let bad = period.firstIndex(where: { $0 < 0 || $0 >= periodCount }) {
            throw EvaluationError(.invalidInput, "observation \(bad + 1) has period level \(period[bad]); expected 0..<\(periodCount)")
        }
        if let offset, let bad = offset.firstIndex(where: { !$0.isFinite }) {
            throw EvaluationError(.invalidInput, "observation \(bad + 1) has offset \(offset[bad]); offsets must be finite")
        }
        let values = periodValues ?? Array(0..<periodCount)
        guard values.count == periodCount, zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw EvaluationError(.invalidInput, "periodValues must give one increasing value per period level (\(periodCount) levels, \(values.count) values)")
        }
        self.counts = counts
        self.area = area
        self.period = period
        self.areaCount = areaCount
        self.periodCount = periodCount
        self.periodValues = values
        self.offset = offset
    }

    /// The panel restricted to the observations for which `keep` is true (levels unchanged).
    public func filter(_ keep: (Int) -> Bool) -> CountPanel {
        let rows = (0..<count).filter(keep)
        // Levels and values are unchanged, so the checks of `init` hold.
        return CountPanel(
            unchecked: rows.map { counts[$0] }, area: rows.map { area[$0] }, period: rows.map { period[$0] },
            areaCount: areaCount, periodCount: periodCount, periodValues: periodValues, offset: offset.map { o in rows.map { o[$0] } })
    }

    private init(
        unchecked counts: [Double], area: [Int], period: [Int], areaCount: Int, periodCount: Int, periodValues: [Int], offset: [Double]?
    ) {
        self.counts = counts
        self.area = area
        self.period = period
        self.areaCount = areaCount
        self.periodCount = periodCount
        self.periodValues = periodValues
        self.offset = offset
    }
}

/// A named column of the regression: one value per observation of a ``CountPanel``.
public struct Regressor: Sendable, Hashable {
    public var name: String
    public var values: [Double]

    public init(_ name: String, _ values: [Double]) {
        self.name = name
        self.values = values
    }
}
