/// Which cells of which tables make up a series: a measure, and dimension values that may be spelled
/// differently across releases (CBS's old 7-digit keys and newer CRI keys name the same category).
public struct SeriesSelector: Sendable, Hashable, Codable {
    /// Table ids in which the series may be found, e.g. ["83648NED"].
    public var tables: [String]
    /// The topic column, e.g. "TotaalGeregistreerdeMisdrijven_1".
    public var measure: String
    /// Alternative dimension filters; the first that has data for a region and period is used.
    public var alternatives: [[String: String]]

    public init(tables: [String], measure: String, alternatives: [[String: String]] = [[:]]) {
        self.tables = tables
        self.measure = measure
        self.alternatives = alternatives.isEmpty ? [[:]] : alternatives
    }
}

/// A region an indicator is compared with.
public enum ComparisonRegion: Sendable, Hashable, Codable {
    /// The province of the project's gemeente.
    case province
    /// Nederland (NL01).
    case nederland
    /// A specific region code, e.g. a peer gemeente "GM0200".
    case code(String)
}

/// A target value and how to judge a value against it.
public struct IndicatorTarget: Sendable, Hashable, Codable {
    public enum Direction: String, Sendable, Hashable, Codable {
        /// Lower is better (crime rates).
        case lower
        /// Higher is better.
        case higher
    }

    public var value: Double
    public var direction: Direction
    /// A value within this distance of the target (on the wrong side) counts as "bijna".
    public var tolerance: Double

    public init(value: Double, direction: Direction, tolerance: Double = 0) {
        self.value = value
        self.direction = direction
        self.tolerance = tolerance
    }

    /// "gehaald", "bijna" or "niet gehaald".
    public func status(of value: Double) -> IndicatorStatus {
        let gap = direction == .lower ? value - self.value : self.value - value
        if gap <= 0 { return .met }
        return gap <= tolerance ? .near : .notMet
    }
}

public enum IndicatorStatus: String, Sendable, Hashable, Codable {
    case met = "gehaald"
    case near = "bijna gehaald"
    case notMet = "niet gehaald"
}

/// The definition of an indicator: what is counted, per what, and how it is shown.
public struct IndicatorDefinition: Sendable, Hashable, Identifiable, Codable {
    public var id: String
    public var title: String
    /// "per 1.000 inwoners", "%", "aantal".
    public var unit: String
    public var numerator: SeriesSelector
    /// The population (or other base); nil for indicators that are counts or published rates.
    public var denominator: SeriesSelector?
    /// The rate as the source publishes it, used when the denominator is not in the snapshot.
    public var publishedRate: SeriesSelector?
    /// Multiplier of numerator / denominator: 1000 for "per 1.000".
    public var scale: Double
    /// Decimals shown, within ``decimalsRange``.
    public var decimals: Int
    public var comparisons: [ComparisonRegion]
    public var target: IndicatorTarget?
    /// Which direction is better: the basis for saying whether a begroting's target was met.
    /// Taken from ``target`` when that is set; nil when nobody said.
    public var better: IndicatorTarget.Direction?
    /// How the indicator is defined, in plain Dutch, shown under its table.
    public var note: String
    /// Whether the numerator's counts are rounded by the source (CBS rounds to multiples of 5).
    public var countsAreRounded: Bool
    /// Years that the source marks as provisional.
    public var provisionalYears: Set<Int>

    /// The decimals a project may ask for, in indicators, maps and neighbourhood figures: more than
    /// six suggests a precision no count or rate has, and a negative number means nothing.
    public static let decimalsRange = 0...6

    public init(
        id: String, title: String, unit: String, numerator: SeriesSelector, denominator: SeriesSelector? = nil,
        publishedRate: SeriesSelector? = nil, scale: Double = 1, decimals: Int = 1,
        comparisons: [ComparisonRegion] = [.province, .nederland], target: IndicatorTarget? = nil,
        better: IndicatorTarget.Direction? = nil, note: String = "",
        countsAreRounded: Bool = false, provisionalYears: Set<Int> = []
    ) {
        self.id = id
        self.title = title
        self.unit = unit
        self.numerator = numerator
        self.denominator = denominator
        self.publishedRate = publishedRate
        self.scale = scale
        self.decimals = decimals
        self.comparisons = comparisons
        self.target = target
        self.better = better ?? target?.direction
        self.note = note
        self.countsAreRounded = countsAreRounded
        self.provisionalYears = provisionalYears
    }
}

/// One computed figure: an indicator for a region and a period, with how it was obtained.
public struct IndicatorValue: Sendable, Hashable, Codable {
    public enum Method: Sendable, Hashable, Codable {
        /// numerator / denominator × scale from the region's own rows.
        case computed
        /// Numerator and/or denominator summed from a complete set of the region's parts.
        case aggregated(parts: Int)
        /// The rate as the source published it.
        case published
        /// No figure, for the reason given.
        case missing(reason: MissingReason)
        /// The source withholds the figure (small numbers).
        case suppressed
    }

    /// Why a figure is missing.
    public enum MissingReason: Sendable, Hashable, Codable {
        /// The data hold no figure for the region and period.
        case noData
        /// An aggregate cannot be summed: `missing` of the region's `expected` parts are absent from
        /// the table (a municipal merger, for example).
        case partsMissing(missing: Int, expected: Int)
        /// An aggregate cannot be summed: the source withholds the figure of one of the parts.
        case partSuppressed
        /// No population on 1 January in the data, and the source publishes no rate of its own.
        case noPopulation
    }

    public var indicatorID: String
    public var region: String
    public var period: Period
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var method: Method
    public var isProvisional: Bool
    public var provenance: [Provenance]

    public init(
        indicatorID: String, region: String, period: Period, value: Double?, numerator: Double?, denominator: Double?,
        method: Method, isProvisional: Bool = false, provenance: [Provenance] = []
    ) {
        self.indicatorID = indicatorID
        self.region = region
        self.period = period
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.method = method
        self.isProvisional = isProvisional
        self.provenance = provenance
    }
}
