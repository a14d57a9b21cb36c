import ZichtCore
import ZichtGeo

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension CitySimulation {
    /// Turns a share of one type-year's incidents into near repeats (``NearRepeatSettings``): each
    /// incident, in generation order, is a repeat with probability q; a repeat gets a parent among
    /// the non-repeats, a date `lag` days after it (lag uniform on 1…maxLagDays, within the year),
    /// an hour from the type's pattern for that weekday, and a point uniform in the disc of radius R
    /// around the parent that lies in one of the areas. The year's total does not change.
    func addNearRepeats(_ nearRepeat: NearRepeatSettings, to drafts: inout [DraftIncident], profile: ActivityProfile, year: Int, seed: UInt64) {
        guard nearRepeat.repeatShare > 0, drafts.count > 1 else { return }
        var random = SplitMix64(seed: seed, stream: streamNumber("repeat", nearRepeat.typeCode, String(year)))
        var isRepeat = [Bool](repeating: false, count: drafts.count)
        for offset in drafts.indices { isRepeat[offset] = random.bernoulli(nearRepeat.repeatShare) }
        // Parents: the non-repeats in time order.
        let parents = drafts.indices.filter { !isRepeat[$0] }.sorted {
            (drafts[$0].dayNumber, drafts[$0].minuteOfDay, $0) < (drafts[$1].dayNumber, drafts[$1].minuteOfDay, $1)
        }
        guard !parents.isEmpty else { return }
        let lastDay = CivilDate(year: year, month: 12, day: 31).dayNumber
        let hourTables = [profile.week, profile.centreWeek].map { pattern in
            (0..<7).map { weekday in runningSums(Array(pattern.weights[(weekday * 24)..<(weekday * 24 + 24)])) }
        }
        for offset in drafts.indices where isRepeat[offset] {
            let lag = 1 + random.below(nearRepeat.maxLagDays)
            // Parents whose day + lag stays within the year: a prefix of `parents`.
            var low = 0, high = parents.count
            while low < high {
                let middle = (low + high) >> 1
                if drafts[parents[middle]].dayNumber + lag <= lastDay { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { continue }
            let parent = parents[random.below(low)]
            let origin = drafts[parent].point
            var placed: (point: Point, area: Int)?
            for _ in 0..<1_000 {
                let radius = nearRepeat.radius * random.unit().squareRoot()
                let angle = 2 * Double.pi * random.unit()
                let point = Point(x: ((origin.x + radius * cos(angle)) * 100).rounded() / 100,
                                  y: ((origin.y + radius * sin(angle)) * 100).rounded() / 100)
                if let area = index.polygon(containing: point) {
                    placed = (point, area)
                    break
                }
            }
            guard let placed else { continue }
            let day = drafts[parent].dayNumber + lag
            let weekday = CivilDate(day: day).weekdayIndex
            let hour = random.index(cumulative: hourTables[isCentre[placed.area] ? 1 : 0][weekday])
            drafts[offset] = DraftIncident(
                dayNumber: day, minuteOfDay: hour * 60 + random.below(60), point: placed.point, area: placed.area, parent: parent)
        }
    }
}
