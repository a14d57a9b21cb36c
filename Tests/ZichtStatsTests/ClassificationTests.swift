import Testing
import ZichtStats

/// Data sets shared with `Tests/stats/crosscheck_classification.py`, which produced the reference
/// breaks below with jenkspy 0.4.1 and mapclassify 2.10.0 (numpy 2.4.6, Python 3.11.7):
///
///     python3 -m venv /tmp/statsvenv
///     /tmp/statsvenv/bin/pip install jenkspy==0.4.1 mapclassify==2.10.0
///     /tmp/statsvenv/bin/python Tests/stats/crosscheck_classification.py
enum ClassificationData {
    /// The example in jenkspy's `jenks_breaks` docstring.
    static let jenkspyExample = [1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3]

    /// `b_vhrbrt` (rapportcijfer veiligheid buurt), Zwolle buurten 2014, file order, NA left out
    /// (../shared/data/real/zwolle-buurtgegevens-2014-bvb-zebra.csv, as the script reads it).
    static let zwolleVeiligheid = [
        6.9647, 7.0158, 7.5326, 6.8831, 7.0569, 6.3147, 6.5592, 7.1225, 6.5407, 6.596, 6.7251, 6.8281, 7.7241,
        7.324, 7.1785, 7.5458, 7.6235, 7.0865, 7.418, 7.0, 7.5826, 6.6982, 7.6827, 5.1185, 7.5006, 7.353, 7.1964,
        7.5996, 7.4805, 8.157, 7.3969, 7.474, 7.5088, 6.9784, 7.7251, 7.5632, 6.088, 6.3111, 6.0368, 4.9306,
        7.0014, 7.1327, 7.3992, 7.5433, 7.7077, 6.1017, 7.5992, 7.5284, 5.0, 7.4596, 7.0, 7.6527, 7.1648, 7.466,
        5.0, 7.6194, 7.5867, 7.966, 7.7877, 7.6212, 7.544, 7.6213, 7.6874, 7.6325, 7.3867, 7.4825, 7.1935,
        7.6947, 7.2193, 7.3015, 7.5278, 8.0, 8.0247, 7.5795,
    ]

    /// 300 skewed values from an integer LCG, built exactly as `lcg_products(300, 42)` in the script:
    /// integer steps, then correctly rounded double multiplication and division, so bit-identical.
    static let lcgProducts: [Double] = {
        var state = 42
        func next() -> Int {
            state = (1_103_515_245 * state + 12_345) % (1 << 31)
            return state
        }
        return (0..<300).map { _ in
            let a = Double(next() % 1000)
            let b = Double(next() % 1000)
            return a * b / 1000
        }
    }()

    static let tiedIntegers: [Double] = [1, 1, 1, 1, 2, 2, 3, 3, 3, 7, 7, 8, 8, 8, 8, 9, 15, 15, 15, 16, 20, 20, 20, 20, 20, 21, 30]

    static let mostlyOnes: [Double] = [1, 1, 1, 1, 1, 1, 2, 3]
}

struct ClassificationTests {
    typealias Data = ClassificationData

    // MARK: Jenks against jenkspy

    struct JenksCase: Sendable, CustomTestStringConvertible {
        var name: String
        var values: [Double]
        var classes: Int
        /// `jenkspy.jenks_breaks(values, n_classes=classes)`: the minimum, then the upper bounds.
        var jenkspy: [Double]
        /// `jenkspy.JenksNaturalBreaks(classes).fit(values); .goodness_of_variance_fit(values)`.
        var gvf: Double
        var testDescription: String { "\(name), \(classes) classes" }
    }

    // jenkspy 0.4.1, `jenkspy.jenks_breaks(<name>, n_classes=<k>)` in Tests/stats/crosscheck_classification.py.
    // mapclassify 2.10.0 `FisherJenks(np.array(<name>), k=<k>).bins` gives the same upper bounds for all six.
    static let jenksCases: [JenksCase] = [
        JenksCase(name: "jenkspyExample", values: Data.jenkspyExample, classes: 3,
                  jenkspy: [1.2, 2.3, 5.0, 7.8], gvf: 0.971670449323995),
        JenksCase(name: "zwolleVeiligheid", values: Data.zwolleVeiligheid, classes: 4,
                  jenkspy: [4.9306, 5.1185, 6.7251, 7.353, 8.157], gvf: 0.9371401403297711),
        JenksCase(name: "zwolleVeiligheid", values: Data.zwolleVeiligheid, classes: 5,
                  jenkspy: [4.9306, 5.1185, 6.596, 7.2193, 7.7251, 8.157], gvf: 0.9613476510189621),
        JenksCase(name: "lcgProducts", values: Data.lcgProducts, classes: 5,
                  jenkspy: [0.0, 116.34, 259.996, 422.576, 606.918, 927.462], gvf: 0.955743363712802),
        JenksCase(name: "lcgProducts", values: Data.lcgProducts, classes: 7,
                  jenkspy: [0.0, 68.67, 160.234, 259.996, 372.36, 492.842, 652.158, 927.462], gvf: 0.9778129350962247),
        JenksCase(name: "tiedIntegers", values: Data.tiedIntegers, classes: 4,
                  jenkspy: [1.0, 3.0, 9.0, 21.0, 30.0], gvf: 0.9605706343523805),
    ]

    @Test(arguments: jenksCases)
    func jenksMatchesJenkspy(_ reference: JenksCase) throws {
        let breaks = try Classification.jenks(values: reference.values, classes: reference.classes)
        // Jenks bounds are data values, so they must agree exactly.
        #expect(breaks.minimum == reference.jenkspy[0])
        #expect(breaks.upperBounds == Array(reference.jenkspy.dropFirst()))
        let gvf = try Classification.goodnessOfVarianceFit(values: reference.values, breaks: breaks)
        #expect(abs(gvf - reference.gvf) < 1e-12)
    }

    // MARK: Quantiles against mapclassify

    struct QuantileCase: Sendable, CustomTestStringConvertible {
        var name: String
        var values: [Double]
        var classes: Int
        /// `mapclassify.Quantiles(np.array(values), k=classes).bins`.
        var mapclassify: [Double]
        var testDescription: String { "\(name), \(classes) classes" }
    }

    // mapclassify 2.10.0, `mapclassify.Quantiles(np.array(<name>), k=<k>).bins` in
    // Tests/stats/crosscheck_classification.py (SciPy's scoreatpercentile, Hyndman–Fan definition 7).
    static let quantileCases: [QuantileCase] = [
        QuantileCase(name: "jenkspyExample", values: Data.jenkspyExample, classes: 3,
                     mapclassify: [4.033333333333333, 5.700000000000001, 7.8]),
        QuantileCase(name: "zwolleVeiligheid", values: Data.zwolleVeiligheid, classes: 4,
                     mapclassify: [7.0, 7.4086, 7.596075, 8.157]),
        QuantileCase(name: "zwolleVeiligheid", values: Data.zwolleVeiligheid, classes: 5,
                     mapclassify: [6.8611, 7.2009799999999995, 7.50716, 7.62124, 8.157]),
        QuantileCase(name: "lcgProducts", values: Data.lcgProducts, classes: 5,
                     mapclassify: [56.8284, 124.72400000000002, 238.58280000000002, 443.3660000000001, 927.462]),
        QuantileCase(name: "lcgProducts", values: Data.lcgProducts, classes: 7,
                     mapclassify: [30.041428571428575, 86.4454285714286, 137.07485714285713, 228.4242857142858,
                                   357.1502857142858, 531.0871428571428, 927.462]),
        QuantileCase(name: "tiedIntegers", values: Data.tiedIntegers, classes: 4, mapclassify: [3.0, 8.0, 18.0, 30.0]),
        // mapclassify warns "Not enough unique values in array to form 4 classes. Setting k to 3."
        QuantileCase(name: "mostlyOnes", values: Data.mostlyOnes, classes: 4, mapclassify: [1.0, 1.25, 3.0]),
    ]

    @Test(arguments: quantileCases)
    func quantilesMatchMapclassify(_ reference: QuantileCase) throws {
        let breaks = try Classification.quantiles(values: reference.values, classes: reference.classes)
        #expect(breaks.minimum == reference.values.min())
        #expect(breaks.upperBounds.count == reference.mapclassify.count)
        for (ours, theirs) in zip(breaks.upperBounds, reference.mapclassify) {
            #expect(abs(ours - theirs) <= 1e-12 * max(1, abs(theirs)), "\(ours) vs \(theirs)")
        }
    }

    // MARK: Small cases worked out by hand

    /// {1, 2} | {10, 11}: SDCM = 0.5 + 0.5 = 1. Mean 6, SDAM = 25 + 16 + 16 + 25 = 82. GVF = 81/82.
    @Test func twoObviousGroups() throws {
        let breaks = try Classification.jenks(values: [11, 1, 10, 2], classes: 2)
        #expect(breaks.minimum == 1)
        #expect(breaks.upperBounds == [2, 11])
        #expect(try Classification.goodnessOfVarianceFit(values: [11, 1, 10, 2], breaks: breaks) == 81.0 / 82.0)
    }

    /// {1} | {2, 3} and {1, 2} | {3} both have SDCM 0.5; the longer last class is kept (jenkspy: [1, 1, 3]).
    @Test func exactTieKeepsTheLongestLastClass() throws {
        #expect(try Classification.jenks(values: [1, 2, 3], classes: 2).upperBounds == [1, 3])
    }

    /// Three classes of {1, 2, 4, 7, 8, 9, 20}: {1, 2, 4} | {7, 8, 9} | {20}, SDCM = 4.667 + 2 + 0.
    /// Moving 4 up gives 0.5 + 8.75; moving 7 down gives 21 + 0.5; so the split above is the best.
    @Test func threeClassesByHand() throws {
        let breaks = try Classification.jenks(values: [9, 1, 20, 4, 8, 2, 7], classes: 3)
        #expect(breaks.upperBounds == [4, 9, 20])
    }

    /// Sorted 1 … 8, n = 8, 4 classes: h = 7·i/4 = 1.75, 3.5, 5.25, so bounds 2.75, 4.5, 6.25, then 8.
    @Test func quantilesByHand() throws {
        let breaks = try Classification.quantiles(values: [8, 7, 6, 5, 4, 3, 2, 1], classes: 4)
        #expect(breaks.minimum == 1)
        #expect(breaks.upperBounds == [2.75, 4.5, 6.25, 8])
        // Two values per class.
        #expect([1.0, 2, 3, 4, 5, 6, 7, 8].map { breaks.classIndex(of: $0)! } == [0, 0, 1, 1, 2, 2, 3, 3])
    }

    @Test func oneClassHoldsEverything() throws {
        #expect(try Classification.jenks(values: [3, 1, 2], classes: 1) == ClassBreaks(minimum: 1, upperBounds: [3]))
        #expect(try Classification.quantiles(values: [3, 1, 2], classes: 1) == ClassBreaks(minimum: 1, upperBounds: [3]))
    }

    @Test func fewerDistinctValuesThanClassesGiveOneClassPerValue() throws {
        let breaks = try Classification.jenks(values: [7, 5, 5, 7, 5], classes: 5)
        #expect(breaks == (try ClassBreaks(minimum: 5, upperBounds: [5, 7])))
        #expect(try Classification.goodnessOfVarianceFit(values: [7, 5, 5, 7, 5], breaks: breaks) == 1)
        // Quantiles interpolate, so they can fall between the two values: sorted 5, 5, 5, 7, 7 and
        // h = 4·i/5 = 0.8, 1.6, 2.4, 3.2 give 5, 5, 5 + 0.4·2 = 5.8, 7; the repeated 5 is merged.
        let quantiles = try Classification.quantiles(values: [7, 5, 5, 7, 5], classes: 5).upperBounds
        #expect(quantiles.count == 3 && quantiles[0] == 5 && abs(quantiles[1] - 5.8) < 1e-12 && quantiles[2] == 7)
    }

    @Test func allValuesEqual() throws {
        let jenks = try Classification.jenks(values: [4, 4, 4], classes: 3)
        #expect(jenks == (try ClassBreaks(minimum: 4, upperBounds: [4])))
        #expect(try Classification.quantiles(values: [4, 4, 4], classes: 3) == jenks)
        #expect(try Classification.goodnessOfVarianceFit(values: [4, 4, 4], breaks: jenks) == 1)
    }

    @Test func tiesNeverSpanTwoClasses() throws {
        let breaks = try Classification.jenks(values: Data.tiedIntegers, classes: 6)
        for value in Set(Data.tiedIntegers) {
            // Every copy of a value lands in the same class, and that class's bound is a data value.
            #expect(breaks.upperBounds.allSatisfy { Data.tiedIntegers.contains($0) })
            #expect(Set(Data.tiedIntegers.filter { $0 == value }.map { breaks.classIndex(of: $0) }).count == 1)
        }
    }

    // MARK: Errors

    @Test func invalidInputIsRefused() {
        #expect(throws: ClassificationError.noValues) { try Classification.jenks(values: [], classes: 3) }
        #expect(throws: ClassificationError.noValues) { try Classification.quantiles(values: [], classes: 3) }
        #expect(throws: ClassificationError.nonFiniteValue(index: 1, value: .infinity)) {
            try Classification.jenks(values: [1, .infinity, 2], classes: 2)
        }
        #expect(throws: ClassificationError.invalidClassCount(0)) { try Classification.quantiles(values: [1, 2], classes: 0) }
        #expect(throws: ClassificationError.self) { try Classification.jenks(values: [1, .nan], classes: 2) }
        #expect(throws: ClassificationError.self) {
            try Classification.goodnessOfVarianceFit(values: [.nan], breaks: ClassBreaks(minimum: 0, upperBounds: [1]))
        }
        let nan = ClassificationError.nonFiniteValue(index: 3, value: .nan)
        #expect(nan.description.contains("Value 3 is nan"))
    }

    @Test func handMadeBoundsAreChecked() throws {
        #expect(throws: ClassificationError.self) { try ClassBreaks(minimum: 0, upperBounds: []) }
        #expect(throws: ClassificationError.self) { try ClassBreaks(minimum: 0, upperBounds: [5, 5]) }
        #expect(throws: ClassificationError.self) { try ClassBreaks(minimum: 6, upperBounds: [5, 10]) }
        #expect(throws: ClassificationError.self) { try ClassBreaks(minimum: 0, upperBounds: [.nan]) }
        let breaks = try ClassBreaks(minimum: 0, upperBounds: [2, 5, 10])
        #expect(breaks.classIndex(of: -1) == 0)  // below the minimum: first class
        #expect(breaks.classIndex(of: 2) == 0)  // upper bounds are included
        #expect(breaks.classIndex(of: 2.0001) == 1)
        #expect(breaks.classIndex(of: 10) == 2)
        #expect(breaks.classIndex(of: 99) == 2)  // above the last bound: last class
        #expect(breaks.classIndex(of: .nan) == nil)
        #expect(breaks.lowerBound(ofClass: 0) == 0 && breaks.lowerBound(ofClass: 2) == 5)
    }

    // MARK: Laws

    /// Σ (x − mean)², written out independently of the library.
    static func ssd(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
    }

    /// Every way to cut sorted values into `k` contiguous non-empty runs; the least SDCM.
    static func bruteForceSDCM(_ sorted: [Double], classes k: Int) -> Double {
        func best(_ start: Int, _ remaining: Int) -> Double {
            if remaining == 1 { return Self.ssd(Array(sorted[start...])) }
            var result = Double.infinity
            for end in start..<(sorted.count - remaining + 1) {
                result = min(result, Self.ssd(Array(sorted[start...end])) + best(end + 1, remaining - 1))
            }
            return result
        }
        return best(0, k)
    }

    @Test func jenksIsTheOptimumOfAllContiguousSplits() throws {
        var generator = ClassificationTestRandom(seed: 2024)
        for _ in 0..<200 {
            let n = Int.random(in: 3...10, using: &generator)
            // Small integers, so ties are common.
            let values = (0..<n).map { _ in Double(Int.random(in: 0...12, using: &generator)) }
            let distinct = Set(values).count
            let k = Int.random(in: 1...min(4, distinct), using: &generator)
            let breaks = try Classification.jenks(values: values, classes: k)
            #expect(breaks.classCount == k)
            let sdcm = (1 - (try Classification.goodnessOfVarianceFit(values: values, breaks: breaks)))
                * Self.ssd(values)
            let optimum = Self.bruteForceSDCM(values.sorted(), classes: k)
            #expect(abs(sdcm - optimum) <= 1e-9 * max(1, optimum), "\(values), k = \(k)")
        }
    }

    @Test func jenksFitsAtLeastAsWellAsQuantiles() throws {
        for values in [Data.zwolleVeiligheid, Data.lcgProducts, Data.tiedIntegers] {
            for k in 2...6 {
                let jenks = try Classification.goodnessOfVarianceFit(values: values, breaks: Classification.jenks(values: values, classes: k))
                let quantiles = try Classification.goodnessOfVarianceFit(values: values, breaks: Classification.quantiles(values: values, classes: k))
                #expect(jenks >= quantiles - 1e-12)
            }
        }
    }

    /// A large offset with a small spread: the Welford update keeps the same optimum.
    @Test func jenksIsShiftInvariant() throws {
        let shifted = Data.lcgProducts.map { $0 + 1e7 }
        let breaks = try Classification.jenks(values: shifted, classes: 5)
        #expect(breaks.upperBounds == [116.34, 259.996, 422.576, 606.918, 927.462].map { $0 + 1e7 })
    }
}

/// A seeded generator in the style of SplitMix64 (Steele, Lea & Flood 2014), so the law tests repeat
/// exactly. One multiplier differs from the published SplitMix64 (…1CE5_E4B9): the Python
/// cross-check script builds its generated data set with the same generator, so it stays as it is.
struct ClassificationTestRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
