/// The bounds of a classification of numbers into ordered classes, as used for a choropleth map.
///
/// Class `i` holds the values `x` with `upperBounds[i - 1] < x <= upperBounds[i]`; the first class
/// starts at (and includes) `minimum`. The bounds are strictly ascending, so no class is empty of
/// range, though a class may be empty of values (quantiles of tied data, or bounds chosen by hand).
///
/// ```swift
/// let breaks = try ClassBreaks(minimum: 0, upperBounds: [2, 5, 10])
/// breaks.classIndex(of: 2)   // 0
/// breaks.classIndex(of: 2.1) // 1
/// ```
public struct ClassBreaks: Equatable, Hashable, Sendable, Codable {
    /// The lower bound of the first class (included): usually the smallest value classified.
    public let minimum: Double
    /// The upper bound of each class (included), strictly ascending; the last is usually the largest
    /// value classified.
    public let upperBounds: [Double]

    /// Bounds chosen by hand, for example round numbers kept the same across years.
    /// - Throws: ``ClassificationError/invalidBreaks(_:)`` when a bound is not finite, there are no
    ///   upper bounds, or the bounds are not strictly ascending from `minimum`.
    public init(minimum: Double, upperBounds: [Double]) throws(ClassificationError) {
        guard minimum.isFinite, upperBounds.allSatisfy(\.isFinite) else {
            throw .invalidBreaks("every bound must be a finite number")
        }
        guard let first = upperBounds.first else { throw .invalidBreaks("at least one upper bound is needed") }
        guard first >= minimum else { throw .invalidBreaks("the first upper bound \(first) is below the minimum \(minimum)") }
        for (lower, upper) in zip(upperBounds, upperBounds.dropFirst()) where !(lower < upper) {
            throw .invalidBreaks("upper bounds must be strictly ascending, but \(upper) follows \(lower)")
        }
        self.minimum = minimum
        self.upperBounds = upperBounds
    }

    /// For the classification routines, which guarantee the invariants themselves.
    init(uncheckedMinimum minimum: Double, upperBounds: [Double]) {
        assert(!upperBounds.isEmpty && upperBounds.first! >= minimum && zip(upperBounds, upperBounds.dropFirst()).allSatisfy { $0 < $1 })
        self.minimum = minimum
        self.upperBounds = upperBounds
    }

    /// The number of classes.
    public var classCount: Int { upperBounds.count }

    /// The lower bound shown for class `index`: `minimum` for the first class, else the upper bound
    /// of the class below (which itself belongs to the class below).
    public func lowerBound(ofClass index: Int) -> Double {
        index == 0 ? minimum : upperBounds[index - 1]
    }

    /// The class of `value`: the first class whose upper bound is at least `value`.
    ///
    /// Values below `minimum` fall in the first class and values above the last bound in the last,
    /// so bounds kept from an earlier year still place every new value. NaN has no class.
    /// Binary search, O(log k).
    public func classIndex(of value: Double) -> Int? {
        guard !value.isNaN else { return nil }
        var low = 0, high = upperBounds.count - 1
        while low < high {
            let middle = (low + high) / 2
            if value <= upperBounds[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
