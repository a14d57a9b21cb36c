/// How the distance between two events is measured, in the units of the coordinates (metres).
public enum DistanceMetric: String, Sendable, Hashable, Codable, CaseIterable {
    /// Straight-line distance `√(Δx² + Δy²)`, computed as the square root of the sum in double
    /// precision (scipy's k-d tree and pointpats use the same distance).
    case euclidean
    /// City-block distance `|Δx| + |Δy|`, the default of Steenbeek's NearRepeat R package and an
    /// option of Ratcliffe's Near Repeat Calculator.
    case manhattan
}

/// Which end of a band includes its bound.
public enum IntervalConvention: String, Sendable, Hashable, Codable, CaseIterable {
    /// `[a, b)`: a band holds the distances `a ≤ d < b`; the last band is `d ≥ b_last`. What the Near
    /// Repeat Calculator and the NearRepeat R package really compute (whatever their labels say).
    case halfOpen = "half-open"
    /// `[0, b₁]`, `(b₁, b₂]`, …: a band holds `a < d ≤ b` (the first one includes 0); the last band is
    /// `d > b_last`. The convention of the classic single-threshold Knox test in pointpats
    /// (`Knox(delta:tau:)`, pairs with `d ≤ δ` and `t ≤ τ`) and in R's `surveillance::knox`.
    case closed
}

/// The settings of a Knox near-repeat analysis.
///
/// Bands come from breaks that start at 0 and strictly increase. Breaks `[0, 1, 100, 200]` give the
/// spatial bands `[0, 1)` (the "same location"), `[1, 100)`, `[100, 200)` and the band beyond the
/// last break, `≥ 200`. Time breaks work the same way in days. With closed intervals the second
/// break may be 0 too: `[0, 0, 7]` gives `[0, 0]` (the same day), `(0, 7]` and `> 7`.
public struct KnoxParameters: Sendable, Hashable, Codable {
    /// Spatial band breaks in metres: `0`, then strictly increasing finite values.
    public var spaceBreaks: [Double]
    /// Temporal band breaks in days: `0`, then strictly increasing finite values.
    public var timeBreaks: [Double]
    public var metric: DistanceMetric
    public var intervals: IntervalConvention
    /// Monte Carlo permutations of the event times (at least 1; 999 gives a smallest p of 0.001).
    public var permutations: Int
    /// The seed of the permutations: permutation `p` uses `SplitMix64(seed: seed, stream: p)`.
    public var seed: UInt64

    /// The default settings follow the Near Repeat Calculator's usual layout: same location, three
    /// 100 m bands, three 7-day bands, 999 permutations.
    public init(
        spaceBreaks: [Double] = [0, 1, 100, 200, 300],
        timeBreaks: [Double] = [0, 7, 14, 21],
        metric: DistanceMetric = .euclidean,
        intervals: IntervalConvention = .halfOpen,
        permutations: Int = 999,
        seed: UInt64 = 1
    ) {
        self.spaceBreaks = spaceBreaks
        self.timeBreaks = timeBreaks
        self.metric = metric
        self.intervals = intervals
        self.permutations = permutations
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case spaceBreaks = "space_breaks", timeBreaks = "time_breaks", metric, intervals, permutations, seed
    }

    /// The largest number of permutations accepted.
    public static let maximumPermutations = 1_000_000

    /// Checks the breaks and the number of permutations.
    ///
    /// - Throws: ``KnoxError`` when a break list has fewer than two values, does not start at 0,
    ///   holds a value that is not finite, or does not strictly increase (apart from a closed first
    ///   band `[0, 0]`); or when `permutations` is
    ///   below 1 or above ``maximumPermutations``.
    public func validate() throws(KnoxError) {
        try Self.validate(spaceBreaks, kind: .space, intervals: intervals)
        try Self.validate(timeBreaks, kind: .time, intervals: intervals)
        guard (1...Self.maximumPermutations).contains(permutations) else {
            throw .invalidPermutations(permutations)
        }
    }

    private static func validate(_ breaks: [Double], kind: KnoxError.BreakKind, intervals: IntervalConvention) throws(KnoxError) {
        guard breaks.count >= 2 else {
            throw .invalidBreaks(kind: kind, breaks: breaks, reason: "give at least two breaks, 0 and the end of the first band")
        }
        guard breaks[0] == 0 else {
            throw .invalidBreaks(kind: kind, breaks: breaks, reason: "the first break must be 0, found \(breaks[0])")
        }
        for (index, value) in breaks.enumerated() where !value.isFinite {
            throw .invalidBreaks(kind: kind, breaks: breaks, reason: "break \(index + 1) is \(value); every break must be a finite number")
        }
        // A closed first band may be [0, 0]: the pairs at distance or time difference exactly 0.
        let zeroBand = intervals == .closed && breaks[1] == 0
        for index in (zeroBand ? 2 : 1)..<breaks.count where !(breaks[index] > breaks[index - 1]) {
            throw .invalidBreaks(
                kind: kind, breaks: breaks,
                reason: "the breaks must strictly increase, but break \(index + 1) (\(breaks[index])) is not above break \(index) (\(breaks[index - 1]))")
        }
    }

    /// The strict lower thresholds of bands 1, 2, …: a value `v` lies in band
    /// `#{k : v ≥ thresholds[k]}`. Half-open bands use the breaks themselves; closed bands use the
    /// next double above each break, because `v > b ⟺ v ≥ b.nextUp` for doubles.
    static func thresholds(_ breaks: [Double], _ intervals: IntervalConvention) -> [Double] {
        breaks.dropFirst().map { intervals == .halfOpen ? $0 : $0.nextUp }
    }
}
