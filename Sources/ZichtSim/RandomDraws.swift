import ZichtCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Continuous draws on top of ``SplitMix64``, written out here so that a seed gives the same
/// numbers whatever the standard library's own sampling algorithms do.
extension SplitMix64 {
    /// A uniform number in [0, 1): the top 53 bits of the next output, times 2⁻⁵³.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform number in (0, 1], safe to take the logarithm of.
    @inline(__always)
    mutating func openUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// True with probability `p`.
    @inline(__always)
    mutating func bernoulli(_ p: Double) -> Bool {
        unit() < p
    }

    /// A Gamma(shape, scale 1) draw by Marsaglia & Tsang's squeeze method ("A simple method for
    /// generating gamma variables", ACM TOMS 26(3), 2000): with d = k − 1/3 and c = 1/√(9d), draw
    /// x ~ N(0, 1), v = (1 + c·x)³, accept d·v when U < 1 − 0.0331·x⁴ or ln U < x²/2 + d − d·v + d·ln v.
    /// For k < 1 the draw for k + 1 is multiplied by U^(1/k) (same paper, section 6). Normals come
    /// from `normals`, which keeps the second value of each Box–Muller pair.
    mutating func gamma(shape: Double, normals: inout NormalPairs) -> Double {
        precondition(shape > 0, "gamma shape must be positive")
        if shape < 1 {
            let boost = pow(openUnit(), 1 / shape)
            return gamma(shape: shape + 1, normals: &normals) * boost
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normals.next(using: &self)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = openUnit()
            if u < 1 - 0.0331 * (x * x) * (x * x) { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// An index drawn with probability proportional to the gaps of `cumulative`, a non-decreasing
    /// array of running sums whose last element is the total (binary search, O(log n)).
    @inline(__always)
    mutating func index(cumulative: UnsafeBufferPointer<Double>) -> Int {
        let target = unit() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) >> 1
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// An index drawn with probability proportional to the gaps of `cumulative`.
    mutating func index(cumulative: [Double]) -> Int {
        cumulative.withUnsafeBufferPointer { index(cumulative: $0) }
    }
}

/// Standard normal draws by the Box–Muller transform (Box & Muller, "A note on the generation of
/// random normal deviates", Ann. Math. Statist. 29, 1958): from U₁, U₂ uniform, √(−2 ln U₁)·cos(2πU₂)
/// and √(−2 ln U₁)·sin(2πU₂) are independent N(0, 1); the second is kept for the next call.
struct NormalPairs {
    private var spare: Double?

    init() {}

    mutating func next(using random: inout SplitMix64) -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        let radius = (-2 * log(random.openUnit())).squareRoot()
        let angle = 2 * Double.pi * random.unit()
        spare = radius * sin(angle)
        return radius * cos(angle)
    }
}

/// Running sums of `weights` (the input of ``SplitMix64/index(cumulative:)``).
func runningSums(_ weights: [Double]) -> [Double] {
    var total = 0.0
    return weights.map { weight in
        total += weight
        return total
    }
}

/// A stable stream number for one part of a simulation, from its name: the 64-bit FNV-1a hash
/// (Fowler, Noll & Vo) of the UTF-8 bytes of the parts joined by "|". Streams named by what they
/// draw (for example "cells|1.4.5|2015") keep the output of one part the same when other parts
/// (other types, other years) are added or removed.
func streamNumber(_ parts: String...) -> Int {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for (index, part) in parts.enumerated() {
        if index > 0 {
            hash ^= UInt64(UInt8(ascii: "|"))
            hash &*= 0x0000_0100_0000_01B3
        }
        for byte in part.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
    }
    return Int(truncatingIfNeeded: hash)
}
