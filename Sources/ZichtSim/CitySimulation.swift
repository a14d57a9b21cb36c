import ZichtCore
import ZichtGeo

/// A simulated city on real areas: incidents with known ground truth, for the demo, for tests of
/// the evaluation and hot-spot methods, and for benchmarks. Every output is labelled "gesimuleerd".
///
/// The model, per incident type *t* and year *y*:
/// 1. The year's total is fixed: `V(t, y) = round(V(t, calibrationYear) × f_t^(y − calibrationYear))`
///    (``SimulatedType/volume(in:calibrationYear:)``), so the calibration year reproduces the
///    calibration table exactly.
/// 2. Each buurt × month cell *c* gets an expected share μ_c ∝ `weight_t(b) × season_t(m) × days(m)`
///    (``ActivityProfile``), multiplied by independent gamma noise G_c ~ Gamma(k, 1/k) (mean 1,
///    variance 1/k; ``SimulationSettings/overdispersionShape``).
/// 3. The V(t, y) incidents are spread over the cells by one multinomial draw with probabilities
///    μ_c·G_c / Σ μ·G. Given G this equals independent Poisson(λ·μ_c·G_c) counts conditioned on
///    their total, so marginally each cell count is gamma–Poisson (negative binomial) with variance
///    m + m²/k for mean m — the usual overdispersion of crime counts — while the year's total stays
///    fixed (conditioning a Poisson vector on its sum gives a multinomial: e.g. Johnson, Kotz &
///    Balakrishnan, "Discrete Multivariate Distributions", 1997, ch. 35).
/// 4. Within a cell, the day and hour follow the weekday × hour pattern (the centre's for centre
///    buurten), the minute is uniform, and the point is uniform in the buurt (rejection sampling
///    from its bounding box, coordinates rounded to centimetres).
/// 5. Near repeats (``NearRepeatSettings``) then move a share of one type's incidents next to an
///    earlier one; the camera zone (``CameraSettings``) thins or copies incidents from its start.
///
/// Random numbers come from ``SplitMix64`` streams named by purpose, type and year (for example
/// "cells|1.4.5|2015"), so one type-year's output does not change when other types or years are
/// added, and the work can run in parallel with the same result.
public struct CitySimulation: Sendable {
    /// The areas, sorted by code.
    public let areas: [SimulatedArea]
    public let settings: SimulationSettings
    /// The codes of the centre areas.
    public let centreAreaCodes: [String]
    /// The camera zone's and its buffer ring's area codes (empty without a camera).
    public let zoneAreaCodes: [String]
    public let bufferAreaCodes: [String]

    let isCentre: [Bool]
    /// Per type, per area: the expected share weight before season and noise.
    let areaWeights: [[Double]]
    let boxes: [BoundingBox]
    let index: PolygonIndex
    /// Per area: 1 inside the zone, 2 in the buffer ring, 0 elsewhere.
    let cameraRole: [UInt8]
    /// Per type, per simulated year: ``cellWeights(typeIndex:year:)``, computed once.
    private(set) var cellWeightTable: [[[Double]]] = []

    /// Prepares a simulation.
    /// - Throws: ``SimulationError`` when there are no areas, no inhabitants, an area without surface
    ///   that needs incidents, duplicate codes, or settings that name unknown areas or types.
    public init(areas: [SimulatedArea], settings: SimulationSettings) throws(SimulationError) {
        guard !areas.isEmpty else {
            throw SimulationError(.noAreas, message: "no areas to simulate in", hint: "give the buurten with their boundaries and inhabitants")
        }
        let sorted = areas.sorted { $0.code < $1.code }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.code == next.code {
            throw SimulationError(.duplicateArea, subject: next.code, message: "area \(next.code) is given twice")
        }
        guard sorted.contains(where: { $0.inhabitants > 0 }) else {
            throw SimulationError(.noInhabitants, message: "no area has inhabitants", hint: "the incident volumes are spread in proportion to inhabitants")
        }
        var typeCodes = Set<String>()
        for type in settings.types where !typeCodes.insert(type.code).inserted {
            throw SimulationError(.duplicateType, subject: type.code, message: "type \(type.code) is given twice")
        }
        guard settings.years.lowerBound >= 1900, settings.years.upperBound <= 2200 else {
            throw SimulationError(.badYears, subject: "years", message: "years \(settings.years) lie outside 1900–2200")
        }
        self.areas = sorted
        self.settings = settings
        let codes = Set(sorted.map(\.code))

        let centre = settings.centreAreaCodes ?? CityCentre.areaCodes(in: sorted)
        for code in centre where !codes.contains(code) {
            throw SimulationError(.unknownArea, subject: code, message: "centre area \(code) is not among the areas")
        }
        centreAreaCodes = centre.sorted()
        let centreSet = Set(centre)
        isCentre = sorted.map { centreSet.contains($0.code) }
        areaWeights = settings.types.map { type in
            sorted.map { area in
                let profile = type.profile
                let people = max(Double(area.inhabitants), profile.populationFloor)
                let place = centreSet.contains(area.code) ? profile.centreFactor
                    : CityCentre.isBusinessEstate(area) ? profile.industrialFactor : 1
                return people * place
            }
        }
        for (offset, area) in sorted.enumerated() where area.geometry.area <= 0 || area.geometry.boundingBox == nil {
            if areaWeights.contains(where: { $0[offset] > 0 }) {
                throw SimulationError(.emptyGeometry, subject: area.code, message: "area \(area.code) has no surface, so no point can be placed in it")
            }
        }
        boxes = sorted.map { $0.geometry.boundingBox ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        index = PolygonIndex(sorted.map(\.geometry))

        var roles = [UInt8](repeating: 0, count: sorted.count)
        var zone: [String] = []
        var buffer: [String] = []
        if let camera = settings.camera {
            for code in Array(camera.effects.keys) + Array(camera.bufferEffects.keys) where !typeCodes.contains(code) {
                throw SimulationError(.unknownType, subject: code, message: "the camera settings name type \(code), which is not simulated")
            }
            zone = (camera.zoneAreaCodes ?? centre).sorted()
            for code in zone where !codes.contains(code) {
                throw SimulationError(.unknownArea, subject: code, message: "camera zone area \(code) is not among the areas")
            }
            let zoneSet = Set(zone)
            let zoneAreas = sorted.filter { zoneSet.contains($0.code) }
            for (offset, area) in sorted.enumerated() {
                if zoneSet.contains(area.code) {
                    roles[offset] = 1
                } else if camera.bufferDistance > 0, let box = area.geometry.boundingBox {
                    let near = zoneAreas.contains { zoneArea in
                        guard let zoneBox = zoneArea.geometry.boundingBox,
                            box.expanded(by: camera.bufferDistance).intersects(zoneBox)
                        else { return false }
                        return AreaDistance.distance(area.geometry, zoneArea.geometry) <= camera.bufferDistance
                    }
                    if near {
                        roles[offset] = 2
                        buffer.append(area.code)
                    }
                }
            }
        }
        if let nearRepeat = settings.nearRepeat, !typeCodes.contains(nearRepeat.typeCode) {
            throw SimulationError(.unknownType, subject: nearRepeat.typeCode, message: "near repeats are set for type \(nearRepeat.typeCode), which is not simulated")
        }
        cameraRole = roles
        zoneAreaCodes = zone
        bufferAreaCodes = buffer
        cellWeightTable = settings.types.indices.map { typeIndex in
            settings.years.map { computeCellWeights(typeIndex: typeIndex, year: $0) }
        }
    }

    /// The number of buurt × month cells of one year.
    var cellCount: Int { areas.count * 12 }

    /// The weights μ_c of one type-year's buurt × month cells (cell = area × 12 + month − 1) before
    /// the gamma noise: `weight_t(b) × season_t(m) × days(m)` (step 2 of the model).
    func cellWeights(typeIndex: Int, year: Int) -> [Double] {
        if settings.years.contains(year) { return cellWeightTable[typeIndex][year - settings.years.lowerBound] }
        return computeCellWeights(typeIndex: typeIndex, year: year)
    }

    func computeCellWeights(typeIndex: Int, year: Int) -> [Double] {
        let weights = areaWeights[typeIndex]
        let months = settings.types[typeIndex].profile.months
        let monthMean = months.reduce(0, +) / 12
        var seasonal = [Double](repeating: 0, count: 12)
        for month in 1...12 {
            seasonal[month - 1] = months[month - 1] / monthMean * Double(CivilDate.daysIn(month: month, year: year))
        }
        var cells = [Double](repeating: 0, count: cellCount)
        for area in 0..<areas.count {
            for month in 0..<12 { cells[area * 12 + month] = weights[area] * seasonal[month] }
        }
        return cells
    }

    /// The expected number of incidents of a type per buurt and month in `year` before the gamma
    /// noise, near repeats and the camera: V(t, y) · μ_c / Σ μ. Indexed `area × 12 + month − 1`,
    /// areas in the order of ``areas``; nil for an unknown type. This is the true underlying
    /// intensity (for example the true hot spots) that analyses of the output try to recover.
    public func expectedCounts(type code: String, year: Int) -> [Double]? {
        guard let typeIndex = settings.types.firstIndex(where: { $0.code == code }) else { return nil }
        let cells = cellWeights(typeIndex: typeIndex, year: year)
        let total = cells.reduce(0, +)
        let volume = Double(settings.types[typeIndex].volume(in: year, calibrationYear: settings.calibrationYear))
        return cells.map { total > 0 ? volume * $0 / total : 0 }
    }

    /// The incidents of type `typeIndex` in `year` per buurt × month cell (cell = area × 12 + month − 1),
    /// before near repeats and the camera: steps 1–3 of the model.
    func cellCounts(typeIndex: Int, year: Int, seed: UInt64) -> [Int32] {
        let type = settings.types[typeIndex]
        let total = type.volume(in: year, calibrationYear: settings.calibrationYear)
        var counts = [Int32](repeating: 0, count: cellCount)
        guard total > 0 else { return counts }
        var random = SplitMix64(seed: seed, stream: streamNumber("cells", type.code, String(year)))
        var cumulative = cellWeights(typeIndex: typeIndex, year: year)
        var normals = NormalPairs()
        var running = 0.0
        for cell in cumulative.indices {
            var mean = cumulative[cell]
            if let shape = settings.overdispersionShape, mean > 0 {
                mean *= random.gamma(shape: shape, normals: &normals) / shape
            }
            running += mean
            cumulative[cell] = running
        }
        guard running > 0 else { return counts }
        cumulative.withUnsafeBufferPointer { buffer in
            for _ in 0..<total { counts[random.index(cumulative: buffer)] += 1 }
        }
        return counts
    }

    /// The camera multiplier of a type in an area from the camera's start: the zone's or the
    /// buffer's effect, or 1 (the ground truth per buurt).
    public func cameraMultiplier(type code: String, areaCode: String, cameraEffect: Double? = nil) -> Double {
        guard let camera = camera(overridingZoneEffect: cameraEffect), let area = areas.firstIndex(where: { $0.code == areaCode })
        else { return 1 }
        return cameraMultiplier(typeCode: code, area: area, camera: camera)
    }

    /// The camera multiplier of a type in an area from the camera's start (1 when unaffected).
    func cameraMultiplier(typeCode: String, area: Int, camera: CameraSettings) -> Double {
        switch cameraRole[area] {
        case 1: return camera.effects[typeCode] ?? 1
        case 2: return camera.bufferEffects[typeCode] ?? 1
        default: return 1
        }
    }

    /// How many copies one incident leaves under multiplier `m`: thinning (keep with probability m)
    /// below 1, ⌊m − 1⌋ extra copies plus one with probability frac(m − 1) above 1.
    @inline(__always)
    static func survivors(multiplier m: Double, random: inout SplitMix64) -> Int {
        if m < 1 { return random.bernoulli(m) ? 1 : 0 }
        let extra = m - 1
        let whole = extra.rounded(.down)
        return 1 + Int(whole) + (random.bernoulli(extra - whole) ? 1 : 0)
    }

    /// The camera settings with the zone effect replaced, or as configured when `effect` is nil.
    func camera(overridingZoneEffect effect: Double?) -> CameraSettings? {
        guard let camera = settings.camera else { return nil }
        return effect.map { camera.withZoneEffect($0) } ?? camera
    }
}
