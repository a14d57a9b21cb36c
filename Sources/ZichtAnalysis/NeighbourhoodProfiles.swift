import ZichtCore
import ZichtGeo
import ZichtStore

/// A wijk figure combined from its buurten.
public struct CombinedFigure: Sendable, Hashable, Codable {
    /// The combined value; nil when it cannot be computed honestly (no weights, no buurt values).
    public var value: Double?
    /// How it was combined, or why it was not.
    public var method: Method
    /// Buurten with a value, of all buurten in the wijk.
    public var buurtenWithValue: Int
    public var buurten: Int

    public init(value: Double?, method: Method, buurtenWithValue: Int, buurten: Int) {
        self.value = value
        self.method = method
        self.buurtenWithValue = buurtenWithValue
        self.buurten = buurten
    }

    public enum Method: Sendable, Hashable, Codable {
        /// The mean of the buurten with a value, weighted by inhabitants.
        case weightedMean
        /// No buurt has a value.
        case noBuurtValues
        /// Buurten have values, but not every one of them a weight (see ``NeighbourhoodData/Weighting``).
        case notComputed
    }
}

/// Everything a wijk page shows.
public struct WijkProfile: Sendable, Codable {
    public struct Buurt: Sendable, Codable {
        public var code: String
        public var name: String
        public var inhabitants: Double?
        /// Values of the project's figures, in the order of `NeighbourhoodData.figures`.
        public var figures: [Double?]
        /// Incidents in the newest year, by type, in the order of `NeighbourhoodData.incidentTypes`.
        public var incidentsLatestYear: [DisclosedCount]
        public var incidentTotalLatestYear: DisclosedCount?
    }

    public var code: String
    /// The wijk's name from zicht.yaml (`wijkNames`); nil when none is given (the pages then name it
    /// by ``number``).
    public var name: String?
    /// The last two characters of the wijk code ("01" of "WK019301").
    public var number: String { code.count >= 2 ? String(code.suffix(2)) : code }
    public var buurten: [Buurt]
    public var inhabitants: Double?
    /// One per figure of `NeighbourhoodData.figures`.
    public var figures: [CombinedFigure]
    /// Incident totals (all types) by year, in the order of `NeighbourhoodData.incidentYears`.
    public var incidentTotals: [DisclosedCount]
    /// Incidents by type (outer, `incidentTypes` order) and year (inner, `incidentYears` order).
    public var incidentsByType: [[DisclosedCount]]
    /// The buurten of the wijk, for a locator map (in RD, in the frame of ``NeighbourhoodData/cityOutline``).
    public var outline: [MultiPolygon]
}

/// The wijk pages' data: per wijk its buurten, combined survey figures and incident counts.
public struct NeighbourhoodData: Sendable, Codable {
    public var wijken: [WijkProfile]
    public var figures: [ProjectConfig.AreaFigure]
    /// Provenance of each figure's table, in `figures` order.
    public var figureProvenance: [[Provenance]]
    /// The period of each figure.
    public var figurePeriods: [Period?]
    /// How wijk figures are weighted (explained under the figures).
    public var weighting: Weighting
    public var incidentTypes: [String]
    public var incidentYears: [Int]
    public var incidentsAreSimulated: Bool
    public var incidentProvenance: [Provenance]
    public var populationIsSimulated: Bool
    /// Every buurt of the city, shared by the locator maps (in RD; their bounding box is the frame).
    public var cityOutline: [MultiPolygon]
    public var disclosureThreshold: Int
    /// The figures combined over all buurten of the gemeente, in `figures` order.
    public var gemeente: [CombinedFigure] = []

    /// How buurt figures are combined into wijk figures.
    public enum Weighting: Sendable, Hashable, Codable {
        /// Weighted by inhabitants per buurt of `year`, from the source titled `sourceTitle` (nil when
        /// the snapshot has no title for `table`).
        case inhabitants(year: Int?, sourceTitle: String?, table: String)
        /// Not combined: the inhabitants per buurt are simulated, and real survey figures are not
        /// weighted with simulated counts.
        case simulatedInhabitants
        /// Not combined: the inhabitants per buurt are not known, and an unweighted mean of buurten of
        /// different sizes would mislead.
        case unknownInhabitants
    }
}

/// Builds ``NeighbourhoodData`` from the snapshot, the buurt boundaries and the project's settings.
public struct NeighbourhoodProfiles {
    public var areas: [Area]
    public var settings: ProjectConfig.NeighbourhoodSettings
    public var disclosureThreshold: Int
    public var incidentTable: String

    public init(areas: [Area], settings: ProjectConfig.NeighbourhoodSettings, disclosureThreshold: Int, incidentTable: String = "incidents") {
        self.areas = areas
        self.settings = settings
        self.disclosureThreshold = disclosureThreshold
        self.incidentTable = incidentTable
    }

    /// The weighted mean of buurt values: Σ wᵢxᵢ / Σ wᵢ over buurten with both a value and a weight.
    /// Returns nil unless every buurt with a value has a weight (a mean over some of the weights would
    /// silently change what the figure means).
    public static func weightedMean(values: [Double?], weights: [Double?]) -> Double? {
        var sum = 0.0, total = 0.0
        for (value, weight) in zip(values, weights) {
            guard let value else { continue }
            guard let weight, weight > 0 else { return nil }
            sum += value * weight
            total += weight
        }
        return total > 0 ? sum / total : nil
    }

    /// Inhabitants per area: the sum of the population measures in their newest period; areas
    /// missing any of the measures are left out.
    public static func inhabitants(_ population: ProjectConfig.PopulationSource, snapshot: Snapshot) throws -> ([String: Double], Period?) {
        var parts: [String: [String: Double]] = [:]
        var period: Period?
        for measure in population.measures {
            let stored = try snapshot.observations(tableIDs: [population.table], measure: measure, dimensions: [:])
            let newest = stored.map(\.observation.period).max()
            period = newest
            for item in stored where item.observation.period == newest {
                if let number = item.observation.value.number { parts[item.observation.region, default: [:]][measure] = number }
            }
        }
        var result: [String: Double] = [:]
        for (code, values) in parts where values.count == population.measures.count { result[code] = values.values.reduce(0, +) }
        return (result, period)
    }

    /// Combines buurt values into one figure (wijk or gemeente), weighted by inhabitants.
    static func combine(values: [Double?], weights: [Double?], weightsUsable: Bool) -> CombinedFigure {
        let withValue = values.compactMap { $0 }.count
        let value = weightsUsable ? weightedMean(values: values, weights: weights) : nil
        let method: CombinedFigure.Method = value != nil ? .weightedMean : withValue == 0 ? .noBuurtValues : .notComputed
        return CombinedFigure(value: value, method: method, buurtenWithValue: withValue, buurten: values.count)
    }

    public func build(snapshot: Snapshot) throws -> NeighbourhoodData {
        let buurten = areas.filter { $0.parentCode != nil }
        var byWijk: [String: [Area]] = [:]
        for area in buurten { byWijk[area.parentCode!, default: []].append(area) }

        let (inhabitants, populationPeriod) = try settings.population.map { try Self.inhabitants($0, snapshot: snapshot) } ?? ([:], nil)

        // Figures per buurt, newest period.
        var figureValues: [[String: Double]] = []
        var figureProvenance: [[Provenance]] = []
        var figurePeriods: [Period?] = []
        for figure in settings.figures {
            let stored = try snapshot.observations(tableIDs: [figure.table], measure: figure.measure, dimensions: [:])
            let newest = stored.map(\.observation.period).max()
            var values: [String: Double] = [:]
            var provenance: [Provenance] = []
            for item in stored where item.observation.period == newest {
                if let number = item.observation.value.number { values[item.observation.region] = number }
                if !provenance.contains(item.provenance) { provenance.append(item.provenance) }
            }
            figureValues.append(values)
            figureProvenance.append(provenance)
            figurePeriods.append(newest)
        }

        // Incidents per buurt × year × type.
        let stored = try snapshot.incidentCounts(tableID: incidentTable)
        let types = Array(Set(stored.map(\.type))).sorted { IncidentTypes.order($0, $1) }
        let years = Array(Set(stored.map(\.year))).sorted()
        var counts: [String: [Int: [String: Int]]] = [:]
        for item in stored { counts[item.area, default: [:]][item.year, default: [:]][item.type, default: 0] += item.count }
        let sources = try snapshot.sources().filter { $0.provenance.tableID == incidentTable }
            .sorted { $0.provenance.retrievedAt < $1.provenance.retrievedAt }
        let simulatedIncidents = sources.contains(where: \.provenance.isSimulated)

        let populationSimulated = settings.population?.isSimulated ?? false
        let weightsUsable = !inhabitants.isEmpty && !populationSimulated
        let weighting: NeighbourhoodData.Weighting
        if let population = settings.population, !inhabitants.isEmpty {
            let title = try snapshot.sources().last { $0.provenance.tableID == population.table }?.provenance.tableTitle
            weighting = populationSimulated
                ? .simulatedInhabitants
                : .inhabitants(year: populationPeriod?.year, sourceTitle: title, table: population.table)
        } else {
            weighting = .unknownInhabitants
        }

        let threshold = disclosureThreshold
        let wijken = byWijk.keys.sorted().map { wijkCode -> WijkProfile in
            let members = byWijk[wijkCode]!.sorted { $0.code < $1.code }
            let wijkInhabitants: Double? = members.allSatisfy { inhabitants[$0.code] != nil }
                ? members.reduce(0) { $0 + inhabitants[$1.code]! } : nil
            let latest = years.last
            let rows = members.map { area -> WijkProfile.Buurt in
                let people = inhabitants[area.code]
                let typeCounts = latest.map { counts[area.code]?[$0] ?? [:] } ?? [:]
                return WijkProfile.Buurt(
                    code: area.code, name: area.name, inhabitants: people,
                    figures: figureValues.map { $0[area.code] },
                    incidentsLatestYear: types.map { DisclosedCount(count: typeCounts[$0] ?? 0, inhabitants: people, threshold: threshold) },
                    incidentTotalLatestYear: latest == nil ? nil
                        : DisclosedCount(count: typeCounts.values.reduce(0, +), inhabitants: people, threshold: threshold))
            }
            let combined = settings.figures.indices.map { index in
                Self.combine(values: rows.map { $0.figures[index] }, weights: rows.map(\.inhabitants), weightsUsable: weightsUsable)
            }
            func total(_ year: Int, _ type: String?) -> Int {
                members.reduce(0) { sum, area in
                    let perType = counts[area.code]?[year] ?? [:]
                    return sum + (type.map { perType[$0] ?? 0 } ?? perType.values.reduce(0, +))
                }
            }
            return WijkProfile(
                code: wijkCode, name: settings.wijkNames[wijkCode], buurten: rows, inhabitants: wijkInhabitants,
                figures: combined,
                incidentTotals: years.map { DisclosedCount(count: total($0, nil), inhabitants: wijkInhabitants, threshold: threshold) },
                incidentsByType: types.map { type in
                    years.map { DisclosedCount(count: total($0, type), inhabitants: wijkInhabitants, threshold: threshold) }
                },
                outline: members.map(\.geometry))
        }
        // Secondary suppression runs later, over every output at once (DisclosureControl).
        let all = buurten.sorted { $0.code < $1.code }
        let gemeente = settings.figures.indices.map { index in
            Self.combine(values: all.map { figureValues[index][$0.code] }, weights: all.map { inhabitants[$0.code] }, weightsUsable: weightsUsable)
        }
        var data = NeighbourhoodData(
            wijken: wijken, figures: settings.figures, figureProvenance: figureProvenance, figurePeriods: figurePeriods,
            weighting: weighting, incidentTypes: types, incidentYears: years, incidentsAreSimulated: simulatedIncidents,
            incidentProvenance: sources.map(\.provenance), populationIsSimulated: populationSimulated,
            cityOutline: buurten.map(\.geometry), disclosureThreshold: threshold)
        data.gemeente = gemeente
        return data
    }
}

/// The police's incident types (SoortMisdrijf codes of the police open data). Their Dutch names
/// are the site's (`IncidentTypes.names` in ZichtSite).
public enum IncidentTypes {
    /// Codes compared part by part as numbers ("1.2.10" after "1.2.9").
    public static func order(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: ".").map { Int($0) ?? 0 }, y = b.split(separator: ".").map { Int($0) ?? 0 }
        return x.lexicographicallyPrecedes(y)
    }
}
