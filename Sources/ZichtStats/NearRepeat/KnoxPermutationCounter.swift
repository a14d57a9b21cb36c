import ZichtCore

/// Counts the close pairs per spatial band and time threshold under random permutations of the
/// event times, several permutations at once.
///
/// Each SIMD lane is one permutation: active event `a` holds its permuted time in lane `k` of
/// `lanes[a]`, so one pass over the pair lists serves `V.scalarCount` permutations, the two loads
/// of a pair are contiguous vectors, and the arithmetic is element-wise. For each pair the loop
/// computes `|t_a − t_b|` per lane and adds 1 to the counter of every threshold it reaches; the
/// counters live in registers for a whole band (see ``KnoxThresholdGroup``).
///
/// Permutation `p` draws from its own generator `SplitMix64(seed: seed, stream: p)`, so its counts
/// do not depend on which chunk or thread computes it, nor on the lanes it shares a block with.
enum KnoxPermutationCounter {
    /// For every permutation in `permutations`, the numbers of close pairs per finite spatial band
    /// `k` whose permuted time difference reaches threshold `l`:
    /// `result[(p − permutations.lowerBound) · bands · m + k · m + l]` with `m = thresholds.count`.
    ///
    /// Only active events need a permuted time, so each permutation is a partial Fisher–Yates
    /// shuffle (Durstenfeld 1964; Knuth, TAOCP vol. 2, algorithm 3.4.2 P) of the `n` times that
    /// stops after as many steps as there are active events: the first `activeCount` entries are then
    /// a uniformly random ordered sample without replacement, which is exactly the distribution of
    /// the active events' times under a uniformly random permutation of all `n`. Bounded draws use
    /// the multiply-high reduction of a 64-bit output (Lemire 2019, "Fast random integer generation in
    /// an interval", ACM TOMACS 29(1)), without its rejection step: the bias is below n / 2⁶⁴.
    ///
    /// - Parameters:
    ///   - times: all `n` event times, in input order, already in the lane scalar type.
    ///   - thresholds: strict lower thresholds of time bands 1, 2, …, in the lane scalar type.
    static func count<V: KnoxLanes>(
        _ lanesType: V.Type, times: [V.Scalar], pairs: KnoxClosePairs, thresholds: [V.Scalar],
        permutations: Range<Int>, seed: UInt64
    ) -> [Int32] {
        let width = V.width
        let activeCount = pairs.activeEvents.count
        let bandCount = pairs.rowStart.count
        let m = thresholds.count
        let stride = bandCount * m
        var result = [Int32](repeating: 0, count: permutations.count * stride)
        guard activeCount > 0, !permutations.isEmpty else { return result }

        let lanes = UnsafeMutablePointer<V>.allocate(capacity: activeCount)
        defer { lanes.deallocate() }
        lanes.initialize(repeating: V(repeating: 0), count: activeCount)
        var pool = times
        let n = times.count

        for blockStart in Swift.stride(from: permutations.lowerBound, to: permutations.upperBound, by: width) {
            fill(lanes, times: times, pool: &pool, activeEvents: pairs.activeEvents, block: blockStart, end: permutations.upperBound, seed: seed)
            // Count, band by band, a group of up to four thresholds per sweep.
            for band in 0..<bandCount {
                var first = 0
                while first < m {
                    let group = Array(thresholds[first..<min(first + 4, m)])
                    let counts: [V.Count]
                    switch group.count {
                    case 1: counts = sweep(OneThreshold<V>(group), lanes: lanes, rowStart: pairs.rowStart[band], partners: pairs.partners[band])
                    case 2: counts = sweep(TwoThresholds<V>(group), lanes: lanes, rowStart: pairs.rowStart[band], partners: pairs.partners[band])
                    default: counts = sweep(FourThresholds<V>(group), lanes: lanes, rowStart: pairs.rowStart[band], partners: pairs.partners[band])
                    }
                    for lane in 0..<width where blockStart + lane < permutations.upperBound {
                        let base = (blockStart + lane - permutations.lowerBound) * stride + band * m + first
                        for offset in 0..<group.count {
                            result[base + offset] = Int32(truncatingIfNeeded: V.lane(counts[offset], lane))
                        }
                    }
                    first += group.count
                }
            }
        }
        return result
    }

    /// Puts permutation `block + lane` of the times in lane `lane` of every active event.
    @inline(never)
    private static func fill<V: KnoxLanes>(
        _ lanes: UnsafeMutablePointer<V>, times: [V.Scalar], pool: inout [V.Scalar], activeEvents: [Int32], block: Int, end: Int,
        seed: UInt64
    ) {
        let width = V.width, activeCount = activeEvents.count, n = times.count
        lanes.withMemoryRebound(to: V.Scalar.self, capacity: activeCount * width) { scalars in
            activeEvents.withUnsafeBufferPointer { activeEvents in
                times.withUnsafeBufferPointer { times in
                    pool.withUnsafeMutableBufferPointer { pool in
                        for lane in 0..<width {
                            let permutation = block + lane
                            guard permutation < end else {
                                // Lanes past the end of the range hold the observed times; their counts are dropped.
                                for a in 0..<activeCount { scalars[a * width + lane] = times[Int(activeEvents[a])] }
                                continue
                            }
                            var generator = SplitMix64(seed: seed, stream: permutation)
                            pool.baseAddress!.update(from: times.baseAddress!, count: n)
                            for a in 0..<activeCount {
                                let pick = a + Int(generator.next().multipliedFullWidth(by: UInt64(n - a)).high)
                                let value = pool[pick]
                                pool[pick] = pool[a]
                                scalars[a * width + lane] = value
                            }
                        }
                    }
                }
            }
        }
    }

    /// One pass over the pairs of one band: adds every pair's lane-wise time difference to `group`.
    @inline(never)
    private static func sweep<G: KnoxThresholdGroup>(
        _ group: G, lanes: UnsafeMutablePointer<G.Lanes>, rowStart: [Int32], partners: [Int32]
    ) -> [G.Lanes.Count] {
        rowStart.withUnsafeBufferPointer { rowStart in
            partners.withUnsafeBufferPointer { partners in
                // A local copy, so that the counters stay in registers (the closure's captured
                // variable would be stored to memory on every pair).
                var counters = group
                var start = Int(rowStart[0])
                for a in 0..<(rowStart.count - 1) {
                    let end = Int(rowStart[a + 1])
                    if start == end { continue }
                    let mine = lanes[a]
                    for slot in start..<end {
                        counters.add(G.Lanes.absoluteDifference(mine, lanes[Int(partners[slot])]))
                    }
                    start = end
                }
                return counters.counts
            }
        }
    }
}

/// A vector of permuted times, one permutation per lane, with the few operations the counting
/// loop needs written on the concrete SIMD types (the generic `SIMD` operators work lane by lane).
protocol KnoxLanes {
    associatedtype Scalar: BinaryFloatingPoint
    /// Per-lane counters.
    associatedtype Count
    static var width: Int { get }
    static var zeroCount: Count { get }
    init(repeating value: Scalar)
    /// `|a − b|` in every lane.
    static func absoluteDifference(_ a: Self, _ b: Self) -> Self
    /// Adds 1 to `count` in every lane where `difference ≥ threshold`.
    static func tally(_ count: inout Count, _ difference: Self, _ threshold: Self)
    static func lane(_ count: Count, _ lane: Int) -> Int
}

/// Eight `Float` lanes: the fast path for whole days (see ``KnoxTest``).
struct FloatLanes: KnoxLanes {
    var vector: SIMD8<Float>
    static var width: Int { 8 }
    static var zeroCount: SIMD8<Int32> { .zero }
    init(repeating value: Float) { vector = SIMD8(repeating: value) }
    init(_ vector: SIMD8<Float>) { self.vector = vector }

    @inline(__always)
    static func absoluteDifference(_ a: Self, _ b: Self) -> Self {
        let difference = a.vector - b.vector
        // Clearing the sign bit is |x| for IEEE floats.
        return Self(unsafeBitCast(unsafeBitCast(difference, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self))
    }

    @inline(__always)
    static func tally(_ count: inout SIMD8<Int32>, _ difference: Self, _ threshold: Self) {
        // The comparison's mask is all ones (−1) in the lanes where it holds: subtracting it counts.
        count &-= unsafeBitCast(difference.vector .>= threshold.vector, to: SIMD8<Int32>.self)
    }

    static func lane(_ count: SIMD8<Int32>, _ lane: Int) -> Int { Int(count[lane]) }
}

/// Four `Double` lanes: times with fractions of days, compared exactly as the observed pairs are.
struct DoubleLanes: KnoxLanes {
    var vector: SIMD4<Double>
    static var width: Int { 4 }
    static var zeroCount: SIMD4<Int64> { .zero }
    init(repeating value: Double) { vector = SIMD4(repeating: value) }
    init(_ vector: SIMD4<Double>) { self.vector = vector }

    @inline(__always)
    static func absoluteDifference(_ a: Self, _ b: Self) -> Self {
        let difference = a.vector - b.vector
        return Self(unsafeBitCast(unsafeBitCast(difference, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD4<Double>.self))
    }

    @inline(__always)
    static func tally(_ count: inout SIMD4<Int64>, _ difference: Self, _ threshold: Self) {
        count &-= unsafeBitCast(difference.vector .>= threshold.vector, to: SIMD4<Int64>.self)
    }

    static func lane(_ count: SIMD4<Int64>, _ lane: Int) -> Int { Int(count[lane]) }
}

/// Up to four per-lane counters of "time difference ≥ threshold", kept in registers during a sweep.
protocol KnoxThresholdGroup {
    associatedtype Lanes: KnoxLanes
    mutating func add(_ difference: Lanes)
    var counts: [Lanes.Count] { get }
}

struct OneThreshold<Lanes: KnoxLanes>: KnoxThresholdGroup {
    let t0: Lanes
    var c0 = Lanes.zeroCount
    init(_ thresholds: [Lanes.Scalar]) { t0 = Lanes(repeating: thresholds[0]) }
    @inline(__always) mutating func add(_ difference: Lanes) { Lanes.tally(&c0, difference, t0) }
    var counts: [Lanes.Count] { [c0] }
}

struct TwoThresholds<Lanes: KnoxLanes>: KnoxThresholdGroup {
    let t0: Lanes, t1: Lanes
    var c0 = Lanes.zeroCount, c1 = Lanes.zeroCount
    init(_ thresholds: [Lanes.Scalar]) {
        t0 = Lanes(repeating: thresholds[0])
        t1 = Lanes(repeating: thresholds[1])
    }
    @inline(__always) mutating func add(_ difference: Lanes) {
        Lanes.tally(&c0, difference, t0)
        Lanes.tally(&c1, difference, t1)
    }
    var counts: [Lanes.Count] { [c0, c1] }
}

/// Three or four thresholds; a missing fourth is +∞, which no difference reaches.
struct FourThresholds<Lanes: KnoxLanes>: KnoxThresholdGroup {
    let t0: Lanes, t1: Lanes, t2: Lanes, t3: Lanes
    var c0 = Lanes.zeroCount, c1 = Lanes.zeroCount, c2 = Lanes.zeroCount, c3 = Lanes.zeroCount
    init(_ thresholds: [Lanes.Scalar]) {
        t0 = Lanes(repeating: thresholds[0])
        t1 = Lanes(repeating: thresholds[1])
        t2 = Lanes(repeating: thresholds[2])
        t3 = Lanes(repeating: thresholds.count > 3 ? thresholds[3] : .infinity)
    }
    @inline(__always) mutating func add(_ difference: Lanes) {
        Lanes.tally(&c0, difference, t0)
        Lanes.tally(&c1, difference, t1)
        Lanes.tally(&c2, difference, t2)
        Lanes.tally(&c3, difference, t3)
    }
    var counts: [Lanes.Count] { [c0, c1, c2, c3] }
}
