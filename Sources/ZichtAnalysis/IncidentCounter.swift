import ZichtCore
import ZichtGeo

/// Counts incidents per area, year and type, assigning points to areas through a spatial index.
///
/// Points that fall in no area are counted and reported — never dropped silently.
public struct IncidentCounter {
    public struct Result: Sendable {
        /// Counts as observations: measure `Aantal_1`, dimension `Type`, region = area code, period = year.
        public var observations: [Observation]
        public var assigned: Int
        /// The area of each incident, in input order; nil when it lies in no area.
        public var assignments: [String?]
        /// Incidents whose point lies in no area, or whose area code is not among the areas.
        public var outside: [Incident]
    }

    public var areas: [Area]
    private let index: PolygonIndex

    public init(areas: [Area]) {
        self.areas = areas
        self.index = PolygonIndex(areas.map(\.geometry))
    }

    public func count(_ incidents: [Incident], tableID: String) -> Result {
        let codes = Set(areas.map(\.code))
        var counts: [String: [Int: [String: Int]]] = [:]
        var outside: [Incident] = []
        var assigned = 0
        var assignments: [String?] = []
        assignments.reserveCapacity(incidents.count)
        for incident in incidents {
            let code: String?
            switch incident.location {
            case .rd(let x, let y): code = index.polygon(containing: Point(x: x, y: y)).map { areas[$0].code }
            case .area(let given): code = codes.contains(given) ? given : nil
            }
            assignments.append(code)
            guard let code else {
                outside.append(incident)
                continue
            }
            assigned += 1
            counts[code, default: [:]][incident.year, default: [:]][incident.type, default: 0] += 1
        }
        var observations: [Observation] = []
        for (code, years) in counts.sorted(by: { $0.key < $1.key }) {
            for (year, types) in years.sorted(by: { $0.key < $1.key }) {
                for (type, count) in types.sorted(by: { $0.key < $1.key }) {
                    observations.append(Observation(
                        tableID: tableID, measure: "Aantal_1", dimensions: ["Type": type], region: code, period: Period(year: year),
                        value: .number(Double(count))))
                }
            }
        }
        return Result(observations: observations, assigned: assigned, assignments: assignments, outside: outside)
    }
}
