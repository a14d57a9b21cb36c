/// How well a hot-spot surface predicts where later events happen: the Prediction Accuracy Index.
///
///     PAI = (n / N) / (a / A)
///
/// with `n` the test events inside the selected cells, `N` all test events, `a` the area of the
/// selected cells and `A` the area of the whole grid (S. Chainey, L. Tompson & S. Uhlig, "The
/// utility of hotspot mapping for predicting spatial patterns of crime", *Security Journal*
/// 21 (2008), 4–28). The hit rate `n/N` is divided by the area share `a/A`, so a map that flags 5 %
/// of the area and catches 25 % of the events scores 5; random flagging scores about 1.
public struct PredictionAccuracy: Sendable, Hashable, Codable {
    /// The number of cells flagged as hot: the top `⌈share · cells⌉` by surface value.
    public let selectedCells: Int
    /// The number of cells in the grid.
    public let totalCells: Int
    /// Test events in the flagged cells (`n`).
    public let hits: Double
    /// All test events (`N`), including those outside the grid.
    public let total: Double

    /// `a / A`: the share of the grid's area that is flagged.
    public var areaShare: Double { Double(selectedCells) / Double(totalCells) }
    /// `n / N`: the share of the test events caught; 0 when there are none.
    public var hitRate: Double { total > 0 ? hits / total : 0 }
    /// `PAI = (n/N) / (a/A)`.
    public var index: Double { hitRate / areaShare }
}

public enum PredictionAccuracyIndex {
    /// The PAI of a surface (for example a KDE of training events) for test events given as counts
    /// per cell.
    ///
    /// Cells are ranked by surface value, highest first; ties go to the lower cell index, so the
    /// selection is reproducible. The top `⌈areaShare · cells⌉` cells are flagged (at least 1), so
    /// the flagged area is the smallest whole number of cells covering the share.
    ///
    /// - Parameters:
    ///   - surface: one value per cell, larger = hotter.
    ///   - testCounts: test events per cell, same length.
    ///   - testTotal: all test events, when some fell outside the grid (default: the sum of
    ///     `testCounts`).
    ///   - areaShare: the share of the area to flag, in (0, 1]; 0.05 for the top 5 %.
    /// - Throws: ``HotSpotError`` for mismatched lengths, non-finite values or an invalid share.
    public static func evaluate(surface: [Double], testCounts: [Double], testTotal: Double? = nil, areaShare: Double = 0.05) throws(HotSpotError) -> PredictionAccuracy {
        guard testCounts.count == surface.count else { throw .lengthMismatch("The test counts", expected: surface.count, found: testCounts.count) }
        guard !surface.isEmpty else { throw .tooFewCells(0) }
        guard areaShare.isFinite, areaShare > 0, areaShare <= 1 else { throw .invalidAreaShare(areaShare) }
        if let bad = surface.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("The surface value of cell", index: bad) }
        if let bad = testCounts.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("The test count of cell", index: bad) }
        // A tiny tolerance so that 0.05 · 100 cells selects 5 cells, not 6 through rounding.
        let selected = min(surface.count, max(1, Int((areaShare * Double(surface.count) - 1e-9).rounded(.up))))
        let order = surface.indices.sorted { surface[$0] > surface[$1] || (surface[$0] == surface[$1] && $0 < $1) }
        var hits = 0.0
        for cell in order.prefix(selected) { hits += testCounts[cell] }
        return PredictionAccuracy(
            selectedCells: selected, totalCells: surface.count, hits: hits, total: testTotal ?? testCounts.reduce(0, +))
    }

    /// The PAI of a surface on `grid` for test events given as points; points outside the grid
    /// count in `N` but can never be hits.
    ///
    /// - Throws: ``HotSpotError`` as ``evaluate(surface:testCounts:testTotal:areaShare:)``.
    public static func evaluate(surface: [Double], grid: CellGrid, testX: [Double], testY: [Double], areaShare: Double = 0.05) throws(HotSpotError) -> PredictionAccuracy {
        guard surface.count == grid.count else { throw .lengthMismatch("The surface", expected: grid.count, found: surface.count) }
        let counts = try grid.counts(x: testX, y: testY)
        return try evaluate(surface: surface, testCounts: counts, testTotal: Double(testX.count), areaShare: areaShare)
    }
}
