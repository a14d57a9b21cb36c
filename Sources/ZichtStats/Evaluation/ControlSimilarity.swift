import Foundation

/// How an evaluation chooses control areas like the target area: by their level and trend before
/// the start. One rule, used by `InterventionEvaluator` (the evaluation pages and `zicht evaluate`)
/// and by the simulation study that measures how well it works.
///
/// The level of a series is its mean monthly count m before the start; its trend g is the
/// least-squares slope per month of the before window divided by m (0 when m = 0 or the window has
/// one month). A candidate's distance to the target is
/// |ln((m + 0.5)/(m_T + 0.5))| + 12·|g − g_T|: the log ratio of the levels (0.5 added so that small
/// counts stay finite) plus the difference in relative change over a year.
///
/// ```swift
/// let controls = ControlSimilarity.mostSimilar(
///     target: targetBefore, candidates: [("BU01930101", before1), ("BU01930102", before2)], count: 1)
/// ```
public enum ControlSimilarity {
    /// The mean monthly count and the relative trend of `before` (the before window only).
    public static func level(_ before: [Double]) -> (mean: Double, trend: Double) {
        let mean = before.reduce(0, +) / Double(before.count)
        let tMean = Double(before.count - 1) / 2
        var sxy = 0.0, sxx = 0.0
        for (t, y) in before.enumerated() {
            sxy += (Double(t) - tMean) * (y - mean)
            sxx += (Double(t) - tMean) * (Double(t) - tMean)
        }
        return (mean, mean > 0 && sxx > 0 ? sxy / sxx / mean : 0)
    }

    /// The distance between a candidate's level and the target's: smaller is more alike.
    public static func distance(_ candidate: (mean: Double, trend: Double), to target: (mean: Double, trend: Double)) -> Double {
        abs(log((candidate.mean + 0.5) / (target.mean + 0.5))) + 12 * abs(candidate.trend - target.trend)
    }

    /// The keys of the `count` candidates closest to `target`, closest first (ties by key).
    /// Candidates without incidents before the start are never chosen.
    /// - Parameters:
    ///   - target: the target's monthly counts in the before window.
    ///   - candidates: each candidate's key (an area code) and monthly counts in the same window.
    public static func mostSimilar(target: [Double], candidates: [(key: String, before: [Double])], count: Int) -> [String] {
        let targetLevel = level(target)
        let scored: [(key: String, distance: Double)] = candidates.compactMap { candidate in
            let own = level(candidate.before)
            guard own.mean > 0 else { return nil }
            return (candidate.key, distance(own, to: targetLevel))
        }
        return scored.sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.key < $1.key }.prefix(count).map(\.key)
    }
}
