/// Recovers a buurt's number of inhabitants from published percentages of it.
///
/// Zwolle's 2014 buurt table ("Zebra", `zwolle-buurtgegevens-2014-bvb-zebra.csv`) gives the share of
/// men and women and of the age bands in percent of the inhabitants on 1 January (codebook
/// `zwolle-zebra-variabelen.csv`: `bspman` "% mannen op 1 januari", unit `%_1`), rounded to four
/// decimals, but not the count itself. Each share is 100·kᵢ/N for whole numbers kᵢ and the same N,
/// so N is found as the smallest whole number for which every published share pᵢ lies within half a
/// unit of its last decimal of some 100·kᵢ/N. With four decimals and a dozen shares this leaves a
/// single candidate below 2N for every Zwolle buurt; the women-per-1 000-men column (`bsvrwpdmn`)
/// then matches (N − m)/m·1000 to all printed digits, an independent check (see the tests).
///
/// The smallest candidate can be a divisor of the true count when every kᵢ shares a factor with N
/// (for example 5 men and no women could be 10 and 0); this matters only for buurten of a few people.
public enum InhabitantEstimate {
    /// The smallest N in 1…`limit` with every percentage within half a unit of the last of
    /// `decimals` decimals of 100·k/N for some whole k, or nil when none is.
    public static func smallestPopulation(percentages: [Double], decimals: Int = 4, limit: Int = 1_000_000) -> Int? {
        guard !percentages.isEmpty, percentages.allSatisfy({ (0...100).contains($0) }) else { return nil }
        var unit = 1.0
        for _ in 0..<decimals { unit /= 10 }
        let tolerance = unit / 2 + 1e-9
        for candidate in 1...limit {
            let n = Double(candidate)
            let fits = percentages.allSatisfy { percentage in
                let k = (percentage * n / 100).rounded()
                return abs(100 * k / n - percentage) <= tolerance
            }
            if fits { return candidate }
        }
        return nil
    }
}
