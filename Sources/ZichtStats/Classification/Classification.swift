/// Class bounds for choropleth maps: quantiles, Jenks natural breaks, and the goodness of
/// variance fit that tells how well a set of bounds describes the values.
///
/// Every routine takes the values as an array (one number per area with a figure; leave areas
/// without a figure out, never pass NaN) and returns ``ClassBreaks``: the smallest value as the
/// lower bound of the first class and one upper bound per class, strictly ascending, the last being
/// the largest value.
public enum Classification {
    /// Quantile classes: each class holds about the same number of values.
    ///
    /// The upper bound of class `i` (1-based) is the `i/k` quantile of the values, by linear
    /// interpolation between order statistics: Hyndman & Fan (1996), "Sample quantiles in
    /// statistical packages", *The American Statistician* 50(4), definition 7 (the default of R's
    /// `quantile`, NumPy's `percentile` and SciPy's `scoreatpercentile`, which mapclassify's
    /// `Quantiles` uses). With sorted values `x₀ … xₙ₋₁` and `h = (n − 1)·i/k`, the bound is
    /// `x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋)`; the last bound is the maximum.
    ///
    /// Bounds that coincide (many tied values) are merged, so the result may have fewer than
    /// `classes` classes, as in mapclassify. O(n log n) for the sort.
    ///
    /// - Parameters:
    ///   - values: finite numbers, in any order, ties allowed.
    ///   - classes: the number of classes wanted, at least 1.
    /// - Throws: ``ClassificationError`` when `values` is empty, holds NaN or ±∞, or `classes < 1`.
    public static func quantiles(values: [Double], classes: Int) throws(ClassificationError) -> ClassBreaks {
        let sorted = try validatedAndSorted(values, classes: classes)
        let n = sorted.count
        var bounds: [Double] = []
        bounds.reserveCapacity(classes)
        for i in 1...classes {
            let bound: Double
            if i == classes {
                bound = sorted[n - 1]
            } else {
                let h = Double(n - 1) * Double(i) / Double(classes)
                let low = Int(h.rounded(.down))
                let fraction = h - Double(low)
                bound = low + 1 < n ? sorted[low] + fraction * (sorted[low + 1] - sorted[low]) : sorted[low]
            }
            if let last = bounds.last, !(bound > last) { continue }
            bounds.append(bound)
        }
        return ClassBreaks(uncheckedMinimum: sorted[0], upperBounds: bounds)
    }

    /// Jenks natural breaks: the classes with the least total within-class sum of squared deviations
    /// from the class means, found exactly by dynamic programming.
    ///
    /// Sources: W. D. Fisher (1958), "On grouping for maximum homogeneity", *Journal of the American
    /// Statistical Association* 53(284), 789–798, who proved that an optimal grouping of ordered
    /// values into contiguous classes is found by dynamic programming; G. F. Jenks (1967), "The data
    /// model concept in statistical mapping", *International Yearbook of Cartography* 7, 186–190, who
    /// brought it to choropleth mapping. Written here from the recurrence, not from any existing code:
    ///
    ///     D(1, j) = SSD(x₀ … xⱼ)
    ///     D(c, j) = min over c−1 ≤ i ≤ j of D(c − 1, i − 1) + SSD(xᵢ … xⱼ)
    ///
    /// over the distinct sorted values, where SSD is the (count-weighted) sum of squared deviations
    /// from the mean, accumulated with Welford's (1962) update so that large values with a small
    /// spread keep their precision. The upper bounds are the largest value of each optimal class.
    ///
    /// - Complexity: O(k·m²) time and O(k·m) memory for `k` classes and `m` distinct values (plus
    ///   O(n log n) to sort): about 0.5·10⁶ steps for 5 classes of 300 areas, well under a
    ///   millisecond. Not meant for tens of thousands of values.
    ///
    /// Ties: equal values always share a class (the DP runs over distinct values weighted by their
    /// counts). Some optimal classification always keeps ties together, so the minimum is the same as
    /// over the raw list. When two classifications are exactly equally good, the one whose last class
    /// is the longest is kept, as in Fisher's and Jenks's reference code.
    ///
    /// Fewer distinct values than classes: each distinct value becomes its own class, so the
    /// result then has fewer than `classes` classes (jenkspy raises an error here instead).
    ///
    /// - Parameters:
    ///   - values: finite numbers, in any order, ties allowed.
    ///   - classes: the number of classes wanted, at least 1.
    /// - Throws: ``ClassificationError`` when `values` is empty, holds NaN or ±∞, or `classes < 1`.
    public static func jenks(values: [Double], classes: Int) throws(ClassificationError) -> ClassBreaks {
        let sorted = try validatedAndSorted(values, classes: classes)
        // Distinct values with their counts.
        var distinct: [Double] = []
        var weights: [Double] = []
        for value in sorted {
            if let last = distinct.last, last == value {
                weights[weights.count - 1] += 1
            } else {
                distinct.append(value)
                weights.append(1)
            }
        }
        let m = distinct.count
        if m <= classes {
            return ClassBreaks(uncheckedMinimum: distinct[0], upperBounds: distinct)
        }
        let k = classes
        // cost[c * m + j]: least SSD of distinct[0...j] in c + 1 classes.
        // start[c * m + j]: index of the first value of the last of those classes.
        var cost = [Double](repeating: .infinity, count: k * m)
        var start = [Int](repeating: 0, count: k * m)
        for j in 0..<m {
            // Welford's running mean and sum of squared deviations of distinct[i...j], i going down.
            var weight = 0.0, mean = 0.0, ssd = 0.0
            for i in stride(from: j, through: 0, by: -1) {
                let x = distinct[i], w = weights[i]
                weight += w
                let delta = x - mean
                mean += delta * w / weight
                ssd += w * delta * (x - mean)
                if i == 0 {
                    cost[j] = ssd
                    continue
                }
                // The last class is distinct[i...j]; classes before it cover distinct[0...i-1].
                for c in 1..<min(k, i + 1) {
                    let candidate = cost[(c - 1) * m + i - 1] + ssd
                    if candidate <= cost[c * m + j] {
                        cost[c * m + j] = candidate
                        start[c * m + j] = i
                    }
                }
            }
        }
        var bounds = [Double](repeating: 0, count: k)
        var end = m - 1
        for c in stride(from: k - 1, through: 0, by: -1) {
            bounds[c] = distinct[end]
            if c > 0 { end = start[c * m + end] - 1 }
        }
        return ClassBreaks(uncheckedMinimum: distinct[0], upperBounds: bounds)
    }

    /// The goodness of variance fit of `breaks` for `values`: `(SDAM − SDCM) / SDAM`, where SDAM is
    /// the sum of squared deviations from the mean of all values and SDCM the sum, over classes, of
    /// squared deviations from each class mean (Jenks 1967; Slocum et al., *Thematic Cartography and
    /// Geovisualization*, 3rd ed., 2009, §5.1). 1 means every class holds a single value; 0 means the
    /// classes explain nothing. Values are placed with ``ClassBreaks/classIndex(of:)``.
    ///
    /// When all values are equal (SDAM = 0) the fit is 1: nothing is left unexplained.
    ///
    /// - Throws: ``ClassificationError`` when `values` is empty or holds NaN or ±∞.
    public static func goodnessOfVarianceFit(values: [Double], breaks: ClassBreaks) throws(ClassificationError) -> Double {
        _ = try validatedAndSorted(values, classes: 1)
        let total = sumOfSquaredDeviations(values)
        var members = [[Double]](repeating: [], count: breaks.classCount)
        for value in values { members[breaks.classIndex(of: value)!].append(value) }
        let within = members.reduce(0) { $0 + sumOfSquaredDeviations($1) }
        guard total > 0 else { return 1 }
        return (total - within) / total
    }

    /// Σ (x − mean)², two-pass for accuracy; 0 for an empty list.
    static func sumOfSquaredDeviations(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    }

    private static func validatedAndSorted(_ values: [Double], classes: Int) throws(ClassificationError) -> [Double] {
        guard classes >= 1 else { throw .invalidClassCount(classes) }
        guard !values.isEmpty else { throw .noValues }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(index: index, value: values[index])
        }
        return values.sorted()
    }
}
