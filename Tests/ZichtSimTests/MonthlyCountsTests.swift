import Testing
import ZichtCore
import ZichtSim

/// The fast counts-only mode against the full simulation and against the configured effect.
struct MonthlyCountsTests {
    /// For every type without near repeats, the counts-only mode gives exactly the full run's
    /// incidents counted per buurt and month (same seed, same effect): both draw the same cells and
    /// the same camera decisions from the same streams. Checked with the default effect and with 0.9.
    @Test(arguments: [nil, 0.9])
    func fastCountsEqualFullRun(effect: Double?) throws {
        let city = try ZwolleAreas.city.get()
        let full = effect == nil ? try ZwolleAreas.run.get() : city.run(seed: 2018, cameraEffect: effect)
        let fast = city.monthlyCounts(seed: 2018, cameraEffect: effect)
        var counted: [String: Int] = [:]
        for incident in full.incidents { counted["\(incident.type) \(incident.areaCode) \(incident.year) \(incident.month)", default: 0] += 1 }
        var mismatches = 0
        for (t, type) in fast.typeCodes.enumerated() where type != "1.1.1" {
            for (a, area) in fast.areaCodes.enumerated() {
                for month in 0..<fast.monthCount {
                    let key = "\(type) \(area) \(2014 + month / 12) \(month % 12 + 1)"
                    if fast[t, a, month] != counted[key] ?? 0 { mismatches += 1 }
                }
            }
        }
        #expect(mismatches == 0)
        // Near repeats move burglaries between cells, but not between years.
        #expect(fast.total(types: ["1.1.1"]) == full.incidents.filter { $0.type == "1.1.1" }.count)
    }

    /// What the camera evaluation (issue 5) will estimate: the difference-in-differences ratio
    /// (zone after / zone before) / (rest after / rest before) for assault (1.4.5). Its expectation
    /// is the configured zone factor, since the zone and the rest share the type's seasonal pattern
    /// and trend. Over 200 cities per effect (none, −10 %, −25 %) the ratio of the summed counts must
    /// lie within 4 standard errors of the factor, the standard error taken from the spread of the
    /// per-city ratios (sd / √200). The buffer ring is left out of the rest.
    @Test(arguments: [1.0, 0.9, 0.75])
    func differenceInDifferencesFindsTheEffect(effect: Double) throws {
        let city = try ZwolleAreas.city.get()
        let zone = Set(city.zoneAreaCodes), buffer = Set(city.bufferAreaCodes)
        let rest = Set(city.areas.map(\.code)).subtracting(zone).subtracting(buffer)
        let before = 0..<(4 * 12 + 5), after = (4 * 12 + 5)..<(6 * 12)  // Jan 2014–May 2018, Jun 2018–Dec 2019
        var sums = [0.0, 0.0, 0.0, 0.0]
        var ratios: [Double] = []
        for replicate in 0..<200 {
            let counts = city.monthlyCounts(seed: UInt64(10_000 + replicate), cameraEffect: effect, types: ["1.4.5"])
            let cells = [
                counts.total(areas: zone, months: before), counts.total(areas: zone, months: after),
                counts.total(areas: rest, months: before), counts.total(areas: rest, months: after),
            ].map(Double.init)
            for i in 0..<4 { sums[i] += cells[i] }
            ratios.append((cells[1] / cells[0]) / (cells[3] / cells[2]))
        }
        let pooled = (sums[1] / sums[0]) / (sums[3] / sums[2])
        let mean = ratios.reduce(0, +) / Double(ratios.count)
        let sd = (ratios.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(ratios.count - 1)).squareRoot()
        #expect(abs(pooled - effect) < 4 * sd / Double(ratios.count).squareRoot(), "pooled \(pooled), sd \(sd)")
    }

    /// The truth of the counts-only mode names the overridden effect.
    @Test func truthNamesTheEffect() throws {
        let city = try ZwolleAreas.city.get()
        let truth = city.truth(seed: 3, cameraEffect: 0.75)
        #expect(truth.camera?.effects.allSatisfy { $0.multiplier == 0.75 } == true)
        #expect(truth.camera?.bufferEffects.allSatisfy { $0.multiplier == 1.05 } == true)
        #expect(truth.seed == 3)
    }
}
