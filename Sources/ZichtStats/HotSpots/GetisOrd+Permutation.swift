import Foundation
import ZichtCore

/// Which tail a permutation p-value counts.
public enum PermutationAlternative: String, Sendable, Hashable, CaseIterable, Codable {
    /// The tail the observed value lies in, chosen per cell: `k = #{sims ≥ observed}`, replaced by
    /// `#{sims < observed}` when that is smaller; `p = (k + 1)/(P + 1)`. esda's default for
    /// `G_Local` (`crand(..., alternative="directed")` in esda 2.9.0), about half a two-sided p.
    case directed
    /// Hot spots only: `p = (#{sims ≥ observed} + 1)/(P + 1)`.
    case greater
    /// Cold spots only: `p = (#{sims ≤ observed} + 1)/(P + 1)`.
    case lesser
}

/// How the random neighbourhoods of the permutation test are drawn.
public enum PermutationDraws: String, Sendable, Hashable, CaseIterable, Codable {
    /// One set of `P` random draws shared by all cells, as esda does (see
    /// ``GetisOrd/giStarPermutationTest(values:neighbours:permutations:seed:alternative:draws:chunks:)``).
    /// Fast: O(P · maxNeighbours) draws and O(log P) per cell.
    case shared
    /// Fresh draws for every cell: O(cells · P · neighbours). Each cell's Monte Carlo error is then
    /// independent of the others'.
    case independent
}

/// The result of a Gi* conditional permutation test.
public struct GiStarPermutationResult: Sendable, Hashable {
    /// The pseudo p-value of every cell, `(k + 1)/(P + 1)`.
    public let p: [Double]
    /// Whether the observed Gi* of the cell lies in the upper tail of its permutation distribution
    /// (a hot spot when significant); for ``PermutationAlternative/directed`` this is the tail the
    /// p-value came from.
    public let isUpperTail: [Bool]
    /// The number of permutations `P`.
    public let permutations: Int
}

extension GetisOrd {
    /// Pseudo p-values for Gi* by conditional randomisation (Anselin 1995, "Local indicators of
    /// spatial association — LISA", *Geographical Analysis* 27(2), 93–115, section on conditional
    /// randomisation; esda's `crand`).
    ///
    /// Under the null, cell `i` keeps its value and its `cᵢ` neighbours get values drawn at random,
    /// without replacement, from the other `n − 1` cells. Gi* for one cell is a fixed increasing
    /// function of `Σ_{j∈Nᵢ} xⱼ` (the cell's own value and `Σx` do not change), so the neighbour sums
    /// are compared directly: no division, and whole-number data are compared exactly. With `k` the
    /// number of the `P` permutations at least as extreme as the observed value (see
    /// ``PermutationAlternative``), `p = (k + 1)/(P + 1)`.
    ///
    /// **Shared draws (default).** esda draws one `P × maxNeighbours` matrix of random ids from
    /// `0..<n−1` and reuses it for every cell, mapping ids past `i` one up so that `i` itself is
    /// never drawn. We use the same idea in a form that makes each cell O(log P): permutation `p`
    /// draws `maxNeighbours + 1` distinct cells from all `n` (its own SplitMix64 stream `p`), and cell
    /// `i` with `c` neighbours takes the first `c` drawn cells other than itself — a uniform random
    /// `c`-subset of the other `n − 1` cells, as the null requires. Where `i` is not among the first
    /// `c` draws (all but a handful of the `P` permutations of any cell) its null sum is the prefix
    /// sum `sₚ(c)`, the same for every cell with `c` neighbours; those are sorted once per `c` and
    /// counted by binary search. The few permutations that did draw `i` are corrected one by one
    /// (their sum skips `i` and takes draw `c + 1`). So every cell's p-value is an exact Monte Carlo
    /// p-value of the conditional null; like esda's, the p-values of different cells share their
    /// random draws and so their Monte Carlo error: a low draw set lowers every cell's p together.
    /// Benjamini–Hochberg controls the FDR under positive regression dependence (Benjamini &
    /// Yekutieli 2001, *Annals of Statistics* 29(4)); this dependence is positive in that sense, but
    /// we have not proved it. Choose ``PermutationDraws/independent`` for fresh draws per cell (cell
    /// `i` uses stream `i`).
    ///
    /// Random integers below `n` come from SplitMix64 by multiply-shift (D. Lemire, "Fast random integer
    /// generation in an interval", *ACM TOMACS* 29(1), 2019, without its rejection step; bias below
    /// n/2⁶⁴). The result depends on the seed only, never on `chunks`
    /// or the number of cores.
    ///
    /// - Parameters:
    ///   - values: one finite value per cell.
    ///   - neighbours: the neighbours of every cell (without itself); every cell needs at least one.
    ///   - permutations: `P`, 1 … 10,000,000.
    ///   - seed: the seed of the random streams.
    ///   - alternative: which tail to count (default: esda's directed p).
    ///   - draws: shared (default, esda's scheme) or independent per cell.
    ///   - chunks: pieces of work run in parallel (default: the number of cores).
    /// - Throws: ``HotSpotError`` for invalid values or `P`, or a cell without neighbours.
    public static func giStarPermutationTest(
        values: [Double], neighbours: CellNeighbours, permutations: Int, seed: UInt64,
        alternative: PermutationAlternative = .directed, draws: PermutationDraws = .shared, chunks: Int? = nil
    ) throws(HotSpotError) -> GiStarPermutationResult {
        _ = try validatedMoments(values: values, neighbours: neighbours)
        guard permutations >= 1, permutations <= 10_000_000 else { throw .invalidPermutations(permutations) }
        for cell in 0..<values.count where neighbours.cardinality(of: cell) == 0 { throw .isolatedCell(index: cell) }
        let pieces = max(1, chunks ?? ProcessInfo.processInfo.activeProcessorCount)
        let counts: [TailCounts]
        switch draws {
        case .shared:
            counts = SharedDraws(values: values, neighbours: neighbours, permutations: permutations, seed: seed, chunks: pieces)
                .tailCounts(chunks: pieces)
        case .independent:
            counts = independentTailCounts(values: values, neighbours: neighbours, permutations: permutations, seed: seed, chunks: pieces)
        }
        let total = Double(permutations + 1)
        var p = [Double](repeating: 0, count: values.count)
        var upper = [Bool](repeating: true, count: values.count)
        for cell in counts.indices {
            let atLeast = counts[cell].atLeast, atMost = counts[cell].atMost
            switch alternative {
            case .directed:
                let below = permutations - atLeast
                if below < atLeast {
                    p[cell] = Double(below + 1) / total
                    upper[cell] = false
                } else {
                    p[cell] = Double(atLeast + 1) / total
                }
            case .greater:
                p[cell] = Double(atLeast + 1) / total
            case .lesser:
                p[cell] = Double(atMost + 1) / total
                upper[cell] = false
            }
        }
        return GiStarPermutationResult(p: p, isUpperTail: upper, permutations: permutations)
    }

    /// For one cell: how many permutation sums are ≥ and ≤ the observed neighbour sum.
    struct TailCounts: Sendable {
        var atLeast: Int
        var atMost: Int
    }

    /// Contiguous ranges that split `0..<count` into at most `pieces` parts.
    static func ranges(_ count: Int, pieces: Int) -> [Range<Int>] {
        let parts = max(1, min(pieces, count))
        return (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
    }

    /// The observed neighbour sum of a cell (the cell itself left out), in neighbour-list order.
    @inline(__always)
    static func neighbourSum(_ cell: Int, values: UnsafeBufferPointer<Double>, neighbours: CellNeighbours, indices: UnsafeBufferPointer<Int32>) -> Double {
        var sum = 0.0
        for position in neighbours.offsets[cell]..<neighbours.offsets[cell + 1] { sum += values[Int(indices[position])] }
        return sum
    }

    private static func independentTailCounts(
        values: [Double], neighbours: CellNeighbours, permutations: Int, seed: UInt64, chunks: Int
    ) -> [TailCounts] {
        let n = values.count
        let parts = ranges(n, pieces: chunks).parallelMap { range -> [TailCounts] in
            var result: [TailCounts] = []
            result.reserveCapacity(range.count)
            // stamp[k] == tag: cell k is taken in the current draw (no allocation per draw).
            var stamp = [UInt32](repeating: 0, count: n)
            var tag: UInt32 = 0
            values.withUnsafeBufferPointer { x in
                neighbours.indices.withUnsafeBufferPointer { indices in
                    stamp.withUnsafeMutableBufferPointer { stamp in
                        for cell in range {
                            let observed = neighbourSum(cell, values: x, neighbours: neighbours, indices: indices)
                            let c = neighbours.cardinality(of: cell)
                            var random = SplitMix64(seed: seed, stream: cell)
                            var counts = TailCounts(atLeast: 0, atMost: 0)
                            for _ in 0..<permutations {
                                if tag == UInt32.max {
                                    for k in 0..<n { stamp[k] = 0 }
                                    tag = 0
                                }
                                tag += 1
                                stamp[cell] = tag
                                var sum = 0.0
                                for _ in 0..<c {
                                    var k: Int
                                    repeat { k = uniformIndex(&random, below: n) } while stamp[k] == tag
                                    stamp[k] = tag
                                    sum += x[k]
                                }
                                if sum >= observed { counts.atLeast += 1 }
                                if sum <= observed { counts.atMost += 1 }
                            }
                            result.append(counts)
                        }
                    }
                }
            }
            return result
        }
        return parts.flatMap { $0 }
    }

    /// A random integer in `0..<bound` by multiply-shift: the high word of `next() · bound`.
    @inline(__always)
    static func uniformIndex(_ random: inout SplitMix64, below bound: Int) -> Int {
        Int(truncatingIfNeeded: random.next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}

/// The shared random draws of the permutation test: `P` rows of `width = maxNeighbours + 1`
/// distinct cells, their prefix sums, the sorted prefix sums per neighbour count, and for every
/// cell the draws in which it appears.
private struct SharedDraws: Sendable {
    let values: [Double]
    let neighbours: CellNeighbours
    let permutations: Int
    let width: Int
    /// `ids[p · width + j]`: the j-th cell drawn in permutation p.
    let ids: [Int32]
    /// `prefix[p · (width + 1) + c]`: the sum of the values of the first c cells drawn in p.
    let prefix: [Double]
    /// `sorted[c]`: `prefix[p][c]` over all p, ascending (empty for counts no cell has).
    let sorted: [[Double]]
    /// For cell i, `occurrences[occurrenceOffsets[i] ..< occurrenceOffsets[i + 1]]` are the positions
    /// `p · width + j` at which i was drawn.
    let occurrenceOffsets: [Int]
    let occurrences: [Int]

    init(values: [Double], neighbours: CellNeighbours, permutations: Int, seed: UInt64, chunks: Int) {
        let n = values.count
        let width = neighbours.maximumCardinality + 1  // ≤ n, since a cell has at most n − 1 neighbours
        self.values = values
        self.neighbours = neighbours
        self.permutations = permutations
        self.width = width

        let parts = GetisOrd.ranges(permutations, pieces: chunks).parallelMap { range -> (ids: [Int32], prefix: [Double]) in
            var ids: [Int32] = []
            var prefix: [Double] = []
            ids.reserveCapacity(range.count * width)
            prefix.reserveCapacity(range.count * (width + 1))
            // stamp[k] == p + 1: cell k is already drawn in permutation p.
            var stamp = [Int](repeating: 0, count: n)
            for p in range {
                var random = SplitMix64(seed: seed, stream: p)
                var sum = 0.0
                prefix.append(0)
                for _ in 0..<width {
                    var k: Int
                    repeat { k = GetisOrd.uniformIndex(&random, below: n) } while stamp[k] == p + 1
                    stamp[k] = p + 1
                    ids.append(Int32(truncatingIfNeeded: k))
                    sum += values[k]
                    prefix.append(sum)
                }
            }
            return (ids, prefix)
        }
        let ids = parts.flatMap(\.ids)
        let prefix = parts.flatMap(\.prefix)
        self.ids = ids
        self.prefix = prefix

        var present = [Bool](repeating: false, count: width + 1)
        for cell in 0..<n { present[neighbours.cardinality(of: cell)] = true }
        var sorted = [[Double]](repeating: [], count: width + 1)
        for c in 0...width where present[c] {
            sorted[c] = (0..<permutations).map { prefix[$0 * (width + 1) + c] }.sorted()
        }
        self.sorted = sorted

        var offsets = [Int](repeating: 0, count: n + 1)
        for id in ids { offsets[Int(id) + 1] += 1 }
        for cell in 0..<n { offsets[cell + 1] += offsets[cell] }
        var next = offsets
        var occurrences = [Int](repeating: 0, count: ids.count)
        for (position, id) in ids.enumerated() {
            occurrences[next[Int(id)]] = position
            next[Int(id)] += 1
        }
        occurrenceOffsets = offsets
        self.occurrences = occurrences
    }

    func tailCounts(chunks: Int) -> [GetisOrd.TailCounts] {
        GetisOrd.ranges(values.count, pieces: chunks).parallelMap { range -> [GetisOrd.TailCounts] in
            var result: [GetisOrd.TailCounts] = []
            result.reserveCapacity(range.count)
            values.withUnsafeBufferPointer { x in
                neighbours.indices.withUnsafeBufferPointer { indices in
                    for cell in range {
                        let observed = GetisOrd.neighbourSum(cell, values: x, neighbours: neighbours, indices: indices)
                        let c = neighbours.cardinality(of: cell)
                        let sums = sorted[c]
                        var atLeast = permutations - Self.firstIndex(in: sums) { $0 >= observed }
                        var atMost = Self.firstIndex(in: sums) { $0 > observed }
                        for position in occurrences[occurrenceOffsets[cell]..<occurrenceOffsets[cell + 1]] {
                            let p = position / width, drawn = position % width
                            guard drawn < c else { continue }
                            // Permutation p drew this cell among its first c: skip it, take draw c.
                            let old = prefix[p * (width + 1) + c]
                            var new = 0.0
                            for j in 0...c where j != drawn { new += x[Int(ids[p * width + j])] }
                            if old >= observed { atLeast -= 1 }
                            if new >= observed { atLeast += 1 }
                            if old <= observed { atMost -= 1 }
                            if new <= observed { atMost += 1 }
                        }
                        result.append(GetisOrd.TailCounts(atLeast: atLeast, atMost: atMost))
                    }
                }
            }
            return result
        }.flatMap { $0 }
    }

    /// The first index in an ascending array at which `predicate` holds (it must hold for a suffix).
    @inline(__always)
    static func firstIndex(in sorted: [Double], where predicate: (Double) -> Bool) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(sorted[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
