import Foundation

/// Settings of a hot-spot analysis. Every default is documented where it is computed.
public struct HotSpotOptions: Sendable, Hashable, Codable {
    /// The side of a grid cell in metres; nil for ``CellGrid/defaultCellSize(x:y:)`` with points,
    /// or 1 (cells as units) with a lattice.
    public var cellSize: Double?
    /// The KDE search radius in metres; nil for ``KernelDensity/defaultBandwidth(x:y:weights:minimum:)``
    /// with the cell size as its minimum.
    public var bandwidth: Double?
    /// The neighbours of Gi*; the cell itself is always included.
    public var weights: SpatialWeights
    /// Permutations of the Gi* test; 0 for the normal approximation (`p = Φ(−|z|)`, esda's `p_norm`).
    public var permutations: Int
    public var seed: UInt64
    /// The false discovery rate of the Benjamini–Hochberg step over all cells.
    public var alpha: Double
    public var alternative: PermutationAlternative
    public var draws: PermutationDraws

    public init(
        cellSize: Double? = nil, bandwidth: Double? = nil, weights: SpatialWeights = .queen, permutations: Int = 999,
        seed: UInt64 = 0, alpha: Double = 0.05, alternative: PermutationAlternative = .directed, draws: PermutationDraws = .shared
    ) {
        self.cellSize = cellSize
        self.bandwidth = bandwidth
        self.weights = weights
        self.permutations = permutations
        self.seed = seed
        self.alpha = alpha
        self.alternative = alternative
        self.draws = draws
    }
}

/// What a significant cell is.
public enum HotSpotClass: String, Sendable, Hashable, Codable {
    /// Significant after Benjamini–Hochberg, in the upper tail: more than chance around here.
    case hot
    /// Significant, in the lower tail.
    case cold
    /// Not significant.
    case none
}

/// Everything a hot-spot analysis found, one entry per cell in ``CellGrid`` order.
public struct HotSpotReport: Sendable, Codable {
    public let grid: CellGrid
    /// The value of every cell: the number of points in it, or the lattice value.
    public let values: [Double]
    /// The quartic KDE at the cell centre times the cell area: the smoothed number of events per
    /// cell, in the same unit as `values` (they sum to about the same total, less what spills over
    /// the grid's edge).
    public let density: [Double]
    /// The KDE search radius used.
    public let bandwidth: Double
    /// Gi* z-scores (NaN where undefined).
    public let z: [Double]
    /// Gi* p-values: permutation pseudo p-values, or `Φ(−|z|)` with 0 permutations.
    public let p: [Double]
    /// Benjamini–Hochberg adjusted p-values.
    public let adjustedP: [Double]
    public let classes: [HotSpotClass]
    /// The largest Gi* p-value called significant, or nil when no cell is.
    public let threshold: Double?
    /// `P(X ≥ value)` under Poisson with the mean count per cell; nil when the values are not
    /// whole counts.
    public let poissonP: [Double]?
    public let options: HotSpotOptions
    /// The number of input points (nil for a lattice).
    public let pointCount: Int?
    /// How well the density surface predicts a separate set of test events, when the caller
    /// computed it (``PredictionAccuracyIndex``); shown in the table and JSON.
    public var predictionAccuracy: PredictionAccuracy?

    public var hotCount: Int { classes.reduce(0) { $0 + ($1 == .hot ? 1 : 0) } }
    public var coldCount: Int { classes.reduce(0) { $0 + ($1 == .cold ? 1 : 0) } }
}

/// The whole hot-spot pipeline: grid, quartic KDE, Gi* with permutation p-values,
/// Benjamini–Hochberg over the cells, and the Poisson cell test.
public enum HotSpotAnalysis {
    /// Analyses points: they are counted into a grid covering them (``CellGrid/covering(x:y:cellSize:)``),
    /// the KDE uses the points themselves, and Gi* runs on the counts.
    ///
    /// - Throws: ``HotSpotError`` for invalid points or options.
    public static func analyse(x: [Double], y: [Double], options: HotSpotOptions = HotSpotOptions()) throws(HotSpotError) -> HotSpotReport {
        let grid = try CellGrid.covering(x: x, y: y, cellSize: options.cellSize)
        let counts = try grid.counts(x: x, y: y)
        let bandwidth = try resolvedBandwidth(options.bandwidth) {
            KernelDensity.defaultBandwidth(x: x, y: y, minimum: grid.cellSize)
        }
        let density = try KernelDensity.quartic(grid: grid, x: x, y: y, bandwidth: bandwidth).map { $0 * grid.cellArea }
        return try finish(grid: grid, values: counts, density: density, bandwidth: bandwidth, options: options, pointCount: x.count)
    }

    /// Analyses a lattice: one value per cell of `grid` (counts, or other values ≥ 0). The KDE
    /// treats each value as a weight at its cell centre.
    ///
    /// - Throws: ``HotSpotError`` for invalid values or options.
    public static func analyse(grid: CellGrid, values: [Double], options: HotSpotOptions = HotSpotOptions()) throws(HotSpotError) -> HotSpotReport {
        guard values.count == grid.count else { throw .lengthMismatch("The cell values", expected: grid.count, found: values.count) }
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("The value of cell", index: bad) }
        if let bad = values.firstIndex(where: { $0 < 0 }) { throw .negativeValue(index: bad, value: values[bad]) }
        let bandwidth = try resolvedBandwidth(options.bandwidth) {
            let xs = values.indices.map { grid.centreX(column: grid.column(of: $0)) }
            let ys = values.indices.map { grid.centreY(row: grid.row(of: $0)) }
            return KernelDensity.defaultBandwidth(x: xs, y: ys, weights: values, minimum: grid.cellSize)
        }
        let density = try KernelDensity.quartic(grid: grid, values: values, bandwidth: bandwidth).map { $0 * grid.cellArea }
        return try finish(grid: grid, values: values, density: density, bandwidth: bandwidth, options: options, pointCount: nil)
    }

    private static func resolvedBandwidth(_ given: Double?, default make: () -> Double?) throws(HotSpotError) -> Double {
        if let given {
            guard given.isFinite, given > 0 else { throw .invalidBandwidth(given) }
            return given
        }
        guard let made = make() else { throw .degenerateExtent }
        return made
    }

    private static func finish(
        grid: CellGrid, values: [Double], density: [Double], bandwidth: Double, options: HotSpotOptions, pointCount: Int?
    ) throws(HotSpotError) -> HotSpotReport {
        guard options.alpha.isFinite, options.alpha > 0, options.alpha < 1 else { throw .invalidAlpha(options.alpha) }
        guard options.permutations >= 0, options.permutations <= 10_000_000 else { throw .invalidPermutations(options.permutations) }
        let neighbours = try CellNeighbours(grid: grid, weights: options.weights)
        let z = try GetisOrd.giStar(values: values, neighbours: neighbours)
        var p: [Double]
        var upper: [Bool]
        if options.permutations > 0 {
            let test = try GetisOrd.giStarPermutationTest(
                values: values, neighbours: neighbours, permutations: options.permutations, seed: options.seed,
                alternative: options.alternative, draws: options.draws)
            p = test.p
            upper = test.isUpperTail
        } else {
            p = z.map { $0.isNaN ? 1 : normalUpperTail(abs($0)) }
            upper = z.map { !($0 < 0) }
            switch options.alternative {
            case .directed: break
            case .greater:
                p = z.map { $0.isNaN ? 1 : normalUpperTail($0) }
                upper = z.map { _ in true }
            case .lesser:
                p = z.map { $0.isNaN ? 1 : normalUpperTail(-$0) }
                upper = z.map { _ in false }
            }
        }
        let fdr = try FalseDiscoveryRate.benjaminiHochberg(p, alpha: options.alpha)
        let classes = values.indices.map { cell -> HotSpotClass in
            fdr.rejected[cell] ? (upper[cell] ? .hot : .cold) : .none
        }
        let isCount = values.allSatisfy { $0.rounded() == $0 && $0 <= 1e15 }
        let poisson = isCount ? try PoissonCellTest.pValues(counts: values) : nil
        return HotSpotReport(
            grid: grid, values: values, density: density, bandwidth: bandwidth, z: z, p: p, adjustedP: fdr.adjusted,
            classes: classes, threshold: fdr.threshold, poissonP: poisson, options: options, pointCount: pointCount)
    }

    /// `P(Z ≥ z)` for a standard normal Z.
    static func normalUpperTail(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }
}
