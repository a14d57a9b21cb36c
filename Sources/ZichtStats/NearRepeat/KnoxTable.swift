/// One spatial or temporal band of a Knox table.
public struct KnoxBand: Sendable, Hashable, Codable {
    public enum Dimension: String, Sendable, Hashable, Codable {
        /// Distance in metres.
        case space
        /// Time difference in days.
        case time
    }

    public var dimension: Dimension
    /// Position in the table, from 0.
    public var index: Int
    /// The lower break.
    public var lower: Double
    /// The upper break, or nil for the band beyond the last break.
    public var upper: Double?
    /// Which ends the band includes: `[lower, upper)` or, closed, `(lower, upper]` (`[0, upper]` for
    /// the first band). The band beyond is `≥ lower` (half-open) or `> lower` (closed).
    public var intervals: IntervalConvention

    public init(dimension: Dimension, index: Int, lower: Double, upper: Double?, intervals: IntervalConvention) {
        self.dimension = dimension
        self.index = index
        self.lower = lower
        self.upper = upper
        self.intervals = intervals
    }

    /// Whether `value` (a distance or time difference, ≥ 0) lies in this band.
    public func contains(_ value: Double) -> Bool {
        switch intervals {
        case .halfOpen:
            return value >= lower && (upper.map { value < $0 } ?? true)
        case .closed:
            let aboveLower = index == 0 ? value >= lower : value > lower
            return aboveLower && (upper.map { value <= $0 } ?? true)
        }
    }
}

/// One cell of a Knox table: the pairs of events whose distance lies in one spatial band and whose
/// time difference lies in one temporal band.
public struct KnoxCell: Sendable, Hashable, Codable {
    /// Index into ``KnoxTable/spaceBands``.
    public var space: Int
    /// Index into ``KnoxTable/timeBands``.
    public var time: Int
    /// Observed number of unordered pairs.
    public var observed: Int
    /// Mean count over the permutations ("expected" in the Near Repeat Calculator).
    public var expectedMean: Double
    /// Median count over the permutations (NearRepeat's alternative expected value).
    public var expectedMedian: Double
    /// Standard deviation of the counts over the permutations (with `P − 1` in the denominator;
    /// 0 for one permutation).
    public var expectedStandardDeviation: Double
    /// The exact expectation under random permutation of the times: `S_k · T_l / N`, with `S_k`
    /// the pairs in this spatial band, `T_l` the pairs (of all `N`) whose time difference is in this
    /// temporal band. A uniformly random permutation sends any fixed pair of events to a uniformly
    /// random pair of times, hence this value; for a single band it is the classic Knox expectation
    /// `N_S · N_T / N` (Knox 1964; pointpats `Knox.expected[0, 0]`).
    public var exactExpected: Double
    /// Observed over mean expected, the Knox ratio (nil when the mean is 0).
    public var knoxRatio: Double?
    /// Observed over median expected (nil when the median is 0).
    public var medianRatio: Double?
    /// Permutations with a count at least the observed one.
    public var exceedances: Int
    /// `(exceedances + 1) / (permutations + 1)`: the one-sided Monte Carlo p-value for "more pairs
    /// than chance" (Johnson et al. 2007, J Quant Criminol 23:201–219; North, Curtis & Sham 2002, Am J Hum Genet 71:439–441).
    public var pValue: Double
}

/// The result of a Knox near-repeat analysis.
///
/// The cells are row by row: spatial band by spatial band, and within one, temporal band by
/// temporal band; the last row and column are the bands beyond the last breaks.
public struct KnoxTable: Sendable, Hashable, Codable {
    public var parameters: KnoxParameters
    public var eventCount: Int
    /// All unordered pairs, `n(n − 1)/2`.
    public var pairCount: Int
    /// Pairs closer than the last spatial break (the ones re-counted per permutation).
    public var closePairCount: Int
    public var spaceBands: [KnoxBand]
    public var timeBands: [KnoxBand]
    public var cells: [KnoxCell]

    /// The cell of spatial band `space` and temporal band `time`.
    public func cell(space: Int, time: Int) -> KnoxCell {
        cells[space * timeBands.count + time]
    }

    /// The observed counts as rows (one per spatial band) of columns (one per temporal band).
    public var observedRows: [[Int]] {
        (0..<spaceBands.count).map { space in (0..<timeBands.count).map { cell(space: space, time: $0).observed } }
    }
}
