import ZichtCore

/// Simulated incident counts per type, area and month, without points or times: the fast mode for
/// simulation studies (many cities per second).
public struct MonthlyCounts: Sendable, Hashable {
    public let typeCodes: [String]
    public let areaCodes: [String]
    public let years: ClosedRange<Int>
    /// Counts, index `(type × areas + area) × months + month`, where month 0 is January of the first year.
    public let counts: [Int32]

    /// The number of months covered.
    public var monthCount: Int { years.count * 12 }

    /// The count of type `type`, area `area` (indices into the code lists) in month `month`
    /// (0 = January of the first year).
    public subscript(type: Int, area: Int, month: Int) -> Int {
        Int(counts[(type * areaCodes.count + area) * monthCount + month])
    }

    /// The count for a type code, area code, year and month (1–12), or nil when one is unknown.
    public func count(type: String, area: String, year: Int, month: Int) -> Int? {
        guard let t = typeCodes.firstIndex(of: type), let a = areaCodes.firstIndex(of: area), years.contains(year), (1...12).contains(month)
        else { return nil }
        return self[t, a, (year - years.lowerBound) * 12 + month - 1]
    }

    /// The sum over the given types and areas (all when nil) of the months in `months`.
    public func total(types: Set<String>? = nil, areas: Set<String>? = nil, months: Range<Int>? = nil) -> Int {
        let monthRange = months ?? 0..<monthCount
        var sum = 0
        for (t, type) in typeCodes.enumerated() where types?.contains(type) ?? true {
            for (a, area) in areaCodes.enumerated() where areas?.contains(area) ?? true {
                let base = (t * areaCodes.count + a) * monthCount
                for month in monthRange { sum += Int(counts[base + month]) }
            }
        }
        return sum
    }
}

extension CitySimulation {
    /// Monthly counts per type and area for `seed`, without points: steps 1–3 of the model and the
    /// camera effect, but not the near-repeat moves (a repeat stays in the cell it was drawn in).
    ///
    /// For every type without near repeats the counts equal those of ``run(seed:cameraEffect:)``
    /// for the same seed and effect, counted per area and month.
    ///
    /// - Parameters:
    ///   - cameraEffect: the zone's multiplier for every affected type, for example 1 (none), 0.9
    ///     or 0.75; nil keeps the configured effects. The buffer ring keeps its configured effects.
    ///   - types: the type codes to simulate (all when nil); the others are left out of the result.
    ///
    /// ```swift
    /// for replicate in 0..<1000 {
    ///     let counts = city.monthlyCounts(seed: UInt64(replicate), cameraEffect: 0.9, types: ["1.4.5"])
    ///     …
    /// }
    /// ```
    public func monthlyCounts(seed: UInt64, cameraEffect: Double? = nil, types: [String]? = nil) -> MonthlyCounts {
        let selected = settings.types.indices.filter { types?.contains(settings.types[$0].code) ?? true }
        let camera = camera(overridingZoneEffect: cameraEffect)
        let years = Array(settings.years)
        let monthCount = years.count * 12
        var counts = [Int32](repeating: 0, count: selected.count * areas.count * monthCount)
        for (slot, typeIndex) in selected.enumerated() {
            for (yearOffset, year) in years.enumerated() {
                var cells = cellCounts(typeIndex: typeIndex, year: year, seed: seed)
                if let camera { applyCamera(camera, to: &cells, typeIndex: typeIndex, year: year, seed: seed) }
                for area in 0..<areas.count {
                    let base = (slot * areas.count + area) * monthCount + yearOffset * 12
                    for month in 0..<12 { counts[base + month] = cells[area * 12 + month] }
                }
            }
        }
        return MonthlyCounts(
            typeCodes: selected.map { settings.types[$0].code }, areaCodes: areas.map(\.code), years: settings.years, counts: counts)
    }

    /// The camera step on cell counts: the same draws, in the same order, as on incidents.
    func applyCamera(_ camera: CameraSettings, to cells: inout [Int32], typeIndex: Int, year: Int, seed: UInt64) {
        let code = settings.types[typeIndex].code
        guard year >= camera.start.year else { return }
        var random = SplitMix64(seed: seed, stream: streamNumber("camera", code, String(year)))
        for area in 0..<areas.count {
            let multiplier = cameraMultiplier(typeCode: code, area: area, camera: camera)
            guard multiplier != 1 else { continue }
            for month in 1...12 where YearMonth(year: year, month: month) >= camera.start {
                let cell = area * 12 + month - 1
                var kept: Int32 = 0
                for _ in 0..<cells[cell] { kept += Int32(Self.survivors(multiplier: multiplier, random: &random)) }
                cells[cell] = kept
            }
        }
    }
}
