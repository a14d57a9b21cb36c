/// A small seeded random number generator (SplitMix64, Steele, Lea & Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014), so that a seed gives the same output on every
/// platform and Swift version (benchmarks, simulations, property tests).
///
/// The helpers below reduce with `%` instead of the standard library's `random(in:using:)`, whose
/// algorithm is not promised to stay the same; the bias is below 2⁻⁵⁰ for the small ranges used here.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one part of the output (a page), independent of how much the others drew.
    public init(seed: UInt64, stream: Int) {
        var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: stream) &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next() % UInt64(bound))
    }

    /// A number in `range`.
    public mutating func between(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// An element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// True with the given probability in percent.
    public mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// `count` different elements of `items`, in the order drawn.
    public mutating func pick<T>(_ count: Int, of items: [T]) -> [T] {
        var pool = items
        var result: [T] = []
        for _ in 0..<min(count, pool.count) {
            result.append(pool.remove(at: below(pool.count)))
        }
        return result
    }
}
