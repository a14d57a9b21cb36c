/// The Getis–Ord Gi* local statistic on a grid, with binary weights that include the cell itself.
///
/// For cell `i` with neighbour set `Nᵢ` (``CellNeighbours``, the cell itself added: `wᵢᵢ = 1`),
/// `n` cells with values `xⱼ`, mean `x̄` and population standard deviation
/// `S = √(Σⱼ xⱼ²/n − x̄²)`:
///
///     zᵢ = (Σⱼ wᵢⱼ xⱼ − x̄ Σⱼ wᵢⱼ) / (S · √[(n Σⱼ wᵢⱼ² − (Σⱼ wᵢⱼ)²) / (n − 1)])
///
/// A. Getis & J. K. Ord (1992), "The analysis of spatial association by use of distance
/// statistics", *Geographical Analysis* 24(3), 189–206; J. K. Ord & A. Getis (1995), "Local spatial
/// autocorrelation statistics: distributional issues and an application", *Geographical Analysis*
/// 27(4), 286–306 (the standardised Gi*, star = cell included). With binary weights `Σwᵢⱼ² = Σwᵢⱼ = |Nᵢ| + 1`.
/// This is ArcGIS's "Hot Spot Analysis (Getis-Ord Gi*)" z-score.
///
/// **esda.** `esda.G_Local(y, w, transform="B", star=True).Zs` (esda 2.9.0) computes
/// `(G − E[G]) / √Var[G]` with `G = Σⱼ wᵢⱼ xⱼ / Σⱼ xⱼ`, `E[G] = Wᵢ/n` and
/// `Var[G] = Wᵢ(n − Wᵢ)/(n − 1) · (1/n²) · s²/x̄²`, where `s²` is the population variance
/// (mean of squares minus squared mean). Multiplying numerator and denominator by `Σxⱼ = n x̄`
/// gives the closed form above exactly, so the two agree up to rounding (esda forms the variance
/// in one pass; we use two passes, which is more accurate when the mean is large). Note esda's
/// defaults are `transform="R"` and `star=False`: pass both to compare.
public enum GetisOrd {
    /// The Gi* z-score of every cell.
    ///
    /// A cell whose neighbourhood is the whole grid (`Σwᵢⱼ = n`) has an undefined z (0/0); it is
    /// returned as NaN.
    ///
    /// - Parameters:
    ///   - values: one finite value per cell (counts, rates; Gi* is meant for values ≥ 0).
    ///   - neighbours: the neighbours of every cell, without the cell itself.
    /// - Throws: ``HotSpotError`` when the lengths differ, there are fewer than 3 cells, a value is
    ///   not finite, or all values are equal (S = 0).
    public static func giStar(values: [Double], neighbours: CellNeighbours) throws(HotSpotError) -> [Double] {
        let moments = try validatedMoments(values: values, neighbours: neighbours)
        let n = Double(values.count)
        var z = [Double](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { x in
            neighbours.indices.withUnsafeBufferPointer { indices in
                for cell in 0..<x.count {
                    var lag = x[cell]
                    for position in neighbours.offsets[cell]..<neighbours.offsets[cell + 1] {
                        lag += x[Int(indices[position])]
                    }
                    let weight = Double(neighbours.cardinality(of: cell) + 1)
                    let spread = moments.deviation * ((n * weight - weight * weight) / (n - 1)).squareRoot()
                    z[cell] = spread > 0 ? (lag - moments.mean * weight) / spread : .nan
                }
            }
        }
        return z
    }

    /// Mean and population standard deviation, after checking the input.
    static func validatedMoments(values: [Double], neighbours: CellNeighbours) throws(HotSpotError) -> (mean: Double, deviation: Double) {
        guard neighbours.count == values.count else {
            throw .lengthMismatch("The cell values", expected: neighbours.count, found: values.count)
        }
        guard values.count >= 3 else { throw .tooFewCells(values.count) }
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("The value of cell", index: bad) }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        var squares = 0.0
        for value in values {
            let d = value - mean
            squares += d * d
        }
        let deviation = (squares / n).squareRoot()
        guard deviation > 0 else { throw .constantValues(values[0]) }
        return (mean, deviation)
    }
}
