import ZichtCore
import ZichtGeo

/// The outcome of a full simulation run: the incidents and the ground truth.
public struct SimulationResult: Sendable {
    /// In order of date, time, type and place; ids run SIM-000001, SIM-000002, …
    public var incidents: [SimulatedIncident]
    public var truth: SimulationTruth
}

/// An incident while it is being generated, before it has an id.
struct DraftIncident {
    var dayNumber: Int
    var minuteOfDay: Int
    var point: Point
    var area: Int
    /// Index of the parent within the same type-year batch.
    var parent: Int?
    var isDisplacementCopy = false
}

extension CitySimulation {
    /// Simulates every type and year: incidents with time and place, and the ground truth.
    ///
    /// The same seed and settings give the same incidents, in the same order, on every run; the work
    /// is spread over the cores by type and year without changing the result.
    /// - Parameter cameraEffect: the zone's multiplier for every affected type (nil: as configured).
    public func run(seed: UInt64, cameraEffect: Double? = nil) -> SimulationResult {
        let camera = camera(overridingZoneEffect: cameraEffect)
        let jobs = settings.types.indices.flatMap { typeIndex in settings.years.map { (typeIndex, $0) } }
        let batches = jobs.parallelMap { job in
            generate(typeIndex: job.0, year: job.1, seed: seed, camera: camera)
        }
        // Number the incidents in a fixed order, then resolve near-repeat parents to ids.
        struct Entry { var job: Int; var offset: Int }
        var entries: [Entry] = []
        for (job, batch) in batches.enumerated() {
            for offset in batch.indices { entries.append(Entry(job: job, offset: offset)) }
        }
        entries.sort { lhs, rhs in
            let a = batches[lhs.job][lhs.offset], b = batches[rhs.job][rhs.offset]
            if a.dayNumber != b.dayNumber { return a.dayNumber < b.dayNumber }
            if a.minuteOfDay != b.minuteOfDay { return a.minuteOfDay < b.minuteOfDay }
            let typeA = settings.types[jobs[lhs.job].0].code, typeB = settings.types[jobs[rhs.job].0].code
            if typeA != typeB { return typeA < typeB }
            if a.point.x != b.point.x { return a.point.x < b.point.x }
            if a.point.y != b.point.y { return a.point.y < b.point.y }
            return (lhs.job, lhs.offset) < (rhs.job, rhs.offset)
        }
        let width = max(6, String(entries.count).count)
        var ids: [[String]] = batches.map { Array(repeating: "", count: $0.count) }
        for (number, entry) in entries.enumerated() {
            ids[entry.job][entry.offset] = "SIM-" + zeroPadded(number + 1, width)
        }
        var incidents: [SimulatedIncident] = []
        incidents.reserveCapacity(entries.count)
        for entry in entries {
            let draft = batches[entry.job][entry.offset]
            let date = CivilDate(day: draft.dayNumber)
            incidents.append(SimulatedIncident(
                id: ids[entry.job][entry.offset], year: date.year, month: date.month, day: date.day, minuteOfDay: draft.minuteOfDay,
                type: settings.types[jobs[entry.job].0].code, point: draft.point, areaCode: areas[draft.area].code,
                nearRepeatOf: draft.parent.map { ids[entry.job][$0] }, isDisplacementCopy: draft.isDisplacementCopy))
        }
        return SimulationResult(incidents: incidents, truth: truth(seed: seed, camera: camera, incidents: incidents))
    }

    /// All incidents of one type in one year: cells, times and points, near repeats, camera.
    func generate(typeIndex: Int, year: Int, seed: UInt64, camera: CameraSettings?) -> [DraftIncident] {
        let type = settings.types[typeIndex]
        let counts = cellCounts(typeIndex: typeIndex, year: year, seed: seed)
        var random = SplitMix64(seed: seed, stream: streamNumber("detail", type.code, String(year)))
        let tables = MonthTables(profile: type.profile, year: year)
        var drafts: [DraftIncident] = []
        drafts.reserveCapacity(Int(counts.reduce(0, +)))
        for cell in counts.indices where counts[cell] > 0 {
            let area = cell / 12, month = cell % 12 + 1
            for _ in 0..<counts[cell] {
                drafts.append(draw(area: area, month: month, tables: tables, random: &random))
            }
        }
        if let nearRepeat = settings.nearRepeat, nearRepeat.typeCode == type.code {
            addNearRepeats(nearRepeat, to: &drafts, profile: type.profile, year: year, seed: seed)
        }
        if let camera, year >= camera.start.year {
            drafts = applyCamera(camera, to: drafts, typeIndex: typeIndex, year: year, tables: tables, seed: seed)
        }
        return drafts
    }

    /// One incident in `area` in `month`: day and hour from the month's table, uniform minute, uniform point.
    func draw(area: Int, month: Int, tables: MonthTables, random: inout SplitMix64) -> DraftIncident {
        let table = tables.table(month: month, centre: isCentre[area])
        let slot = random.index(cumulative: table.cumulative)
        let day = slot / 24 + 1
        let minute = (slot % 24) * 60 + random.below(60)
        let point = randomPoint(in: area, random: &random)
        return DraftIncident(dayNumber: table.firstDayNumber + day - 1, minuteOfDay: minute, point: point, area: area)
    }

    /// A point uniform in the area: uniform in its bounding box, rounded to centimetres, kept when the
    /// area contains it (rejection sampling; the rounding is done before the test, so the written
    /// coordinates lie in the area too).
    func randomPoint(in area: Int, random: inout SplitMix64) -> Point {
        let box = boxes[area]
        let geometry = areas[area].geometry
        while true {
            let x = ((box.minX + random.unit() * box.width) * 100).rounded() / 100
            let y = ((box.minY + random.unit() * box.height) * 100).rounded() / 100
            let point = Point(x: x, y: y)
            if geometry.contains(point) { return point }
        }
    }

    /// The camera step on incidents: per affected area, month by month from the start, each incident
    /// is kept, removed or copied (``CameraSettings``); copies get a new time in the same month and a
    /// new point in the same area.
    func applyCamera(_ camera: CameraSettings, to drafts: [DraftIncident], typeIndex: Int, year: Int, tables: MonthTables, seed: UInt64) -> [DraftIncident] {
        let code = settings.types[typeIndex].code
        var random = SplitMix64(seed: seed, stream: streamNumber("camera", code, String(year)))
        var extraRandom = SplitMix64(seed: seed, stream: streamNumber("extra", code, String(year)))
        let startDay = CivilDate(year: camera.start.year, month: camera.start.month, day: 1).dayNumber
        // Group by cell in generation order; cells in increasing order, as in `applyCamera(_:to:…)` on counts.
        var byCell: [Int: [Int]] = [:]
        for (offset, draft) in drafts.enumerated() where draft.dayNumber >= startDay {
            guard cameraMultiplier(typeCode: code, area: draft.area, camera: camera) != 1 else { continue }
            let month = CivilDate(day: draft.dayNumber).month
            byCell[draft.area * 12 + month - 1, default: []].append(offset)
        }
        guard !byCell.isEmpty else { return drafts }
        var copies = [Int](repeating: 1, count: drafts.count)
        var extras: [DraftIncident] = []
        for cell in byCell.keys.sorted() {
            let area = cell / 12, month = cell % 12 + 1
            let multiplier = cameraMultiplier(typeCode: code, area: area, camera: camera)
            for offset in byCell[cell]! {
                let survivors = Self.survivors(multiplier: multiplier, random: &random)
                copies[offset] = min(survivors, 1)
                for _ in 0..<max(0, survivors - 1) {
                    var extra = draw(area: area, month: month, tables: tables, random: &extraRandom)
                    extra.isDisplacementCopy = true
                    extras.append(extra)
                }
            }
        }
        // Keep parent links valid: a removed parent's repeats keep no link.
        var newIndex = [Int?](repeating: nil, count: drafts.count)
        var kept: [DraftIncident] = []
        for (offset, draft) in drafts.enumerated() where copies[offset] == 1 {
            newIndex[offset] = kept.count
            kept.append(draft)
        }
        for offset in kept.indices {
            if let parent = kept[offset].parent { kept[offset].parent = newIndex[parent] }
        }
        return kept + extras
    }
}

/// Per month of one year: the cumulative weights of its days × 24 hours, for the centre and elsewhere.
struct MonthTables {
    struct Table {
        var firstDayNumber: Int
        var cumulative: [Double]
    }

    private var tables: [Table]  // index (month − 1) × 2 + (centre ? 1 : 0)

    init(profile: ActivityProfile, year: Int) {
        tables = []
        for month in 1...12 {
            let first = CivilDate(year: year, month: month, day: 1)
            let days = CivilDate.daysIn(month: month, year: year)
            for pattern in [profile.week, profile.centreWeek] {
                var weights: [Double] = []
                weights.reserveCapacity(days * 24)
                for day in 0..<days {
                    let weekday = (first.weekdayIndex + day) % 7
                    weights.append(contentsOf: pattern.weights[(weekday * 24)..<(weekday * 24 + 24)])
                }
                tables.append(Table(firstDayNumber: first.dayNumber, cumulative: runningSums(weights)))
            }
        }
    }

    func table(month: Int, centre: Bool) -> Table {
        tables[(month - 1) * 2 + (centre ? 1 : 0)]
    }
}
