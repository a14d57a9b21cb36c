/// The Benjamini–Hochberg step-up procedure: which of many tests to call significant while
/// keeping the expected share of false discoveries at most `α`.
///
/// With `m` p-values sorted ascending `p₍₁₎ ≤ … ≤ p₍ₘ₎`, let `k` be the largest rank with
/// `p₍ₖ₎ ≤ (k/m)·α`; the tests with the `k` smallest p-values are rejected (Y. Benjamini &
/// Y. Hochberg (1995), "Controlling the false discovery rate: a practical and powerful approach to
/// multiple testing", *JRSS B* 57(1), 289–300). The adjusted p-value of rank `k` is
/// `min(1, min_{j ≥ k} m·p₍ⱼ₎/j)`, and a test is rejected exactly when its adjusted p ≤ α. This is
/// `statsmodels.stats.multitest.multipletests(p, alpha, method="fdr_bh")` (statsmodels 0.15),
/// including the order of the floating-point operations (`(k/m)·α`, `p/(k/m)`), so boundary cases
/// agree.
public enum FalseDiscoveryRate {
    /// The outcome of the procedure at level `α`.
    public struct Result: Sendable, Hashable {
        /// Whether each test is rejected (significant), in input order.
        public let rejected: [Bool]
        /// Benjamini–Hochberg adjusted p-values, in input order.
        public let adjusted: [Double]
        /// The largest p-value that is rejected (every p ≤ it is rejected), or nil when none is.
        public let threshold: Double?
        /// The number of rejected tests.
        public var rejectedCount: Int { rejected.reduce(0) { $0 + ($1 ? 1 : 0) } }
    }

    /// Runs the procedure.
    ///
    /// - Parameters:
    ///   - p: p-values in [0, 1] (NaN is not allowed).
    ///   - alpha: the false discovery rate, in (0, 1).
    /// - Throws: ``HotSpotError`` for an invalid `alpha` or a p-value outside [0, 1].
    public static func benjaminiHochberg(_ p: [Double], alpha: Double) throws(HotSpotError) -> Result {
        guard alpha.isFinite, alpha > 0, alpha < 1 else { throw .invalidAlpha(alpha) }
        if let bad = p.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) { throw .nonFinite("The p-value of test", index: bad) }
        let m = p.count
        guard m > 0 else { return Result(rejected: [], adjusted: [], threshold: nil) }
        // A stable order: equal p-values keep their input order.
        let order = p.indices.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        var largestRejectedRank = -1
        for rank in 0..<m where p[order[rank]] <= Double(rank + 1) / Double(m) * alpha {
            largestRejectedRank = rank
        }
        var rejected = [Bool](repeating: false, count: m)
        for rank in 0..<(largestRejectedRank + 1) { rejected[order[rank]] = true }

        var adjusted = [Double](repeating: 0, count: m)
        var running = Double.infinity
        for rank in stride(from: m - 1, through: 0, by: -1) {
            let raw = p[order[rank]] / (Double(rank + 1) / Double(m))
            running = min(running, raw)
            adjusted[order[rank]] = min(1, running)
        }
        let threshold = largestRejectedRank >= 0 ? p[order[largestRejectedRank]] : nil
        return Result(rejected: rejected, adjusted: adjusted, threshold: threshold)
    }
}
