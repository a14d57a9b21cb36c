import ZichtCore
import ZichtGeo
import ZichtStats
import ZichtStore

/// The data of one choropleth map, ready to render: every area with its outline (in RD) and value,
/// and the class breaks. The site projects the outlines into the map's frame.
public struct AreaMapData: Sendable, Codable {
    public struct Area: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        /// The area's outline in RD.
        public var geometry: MultiPolygon
        /// The figure; nil when unknown or withheld.
        public var value: Double?
        /// For maps of counts (also per 1,000 inhabitants): the count under disclosure control; a
        /// published rate counts as publishing its count, since the inhabitants can be derived.
        public var disclosed: DisclosedCount?
    }

    public var definition: MapDefinition
    public var areas: [Area]
    public var breaks: ClassBreaks
    /// The RD box around every area: the map's frame.
    public var bounds: BoundingBox
    /// The map's width (the height follows from `bounds`).
    public var width: Double
    public var provenance: [Provenance]
    public var period: Period?

    /// Withholds the figure of one area to protect another (secondary suppression).
    package mutating func withholdSecondarily(area index: Int) {
        areas[index].disclosed?.withholdSecondarily()
        areas[index].value = nil
    }

    /// Computes the class breaks again from the published values only, so that the legend cannot
    /// reveal a value withheld after the map was built.
    package mutating func reclassify() {
        let numbers = areas.compactMap(\.value)
        guard !numbers.isEmpty, let classes = try? AreaMapBuilder.classify(numbers, definition) else { return }
        breaks = classes
    }
}

/// Joins area-level figures from the snapshot with area boundaries and classifies them.
public struct AreaMapBuilder {
    public var boundaries: [ZichtGeo.Area]
    public var width: Double

    public init(boundaries: [ZichtGeo.Area], width: Double = 600) {
        self.boundaries = boundaries
        self.width = width
    }

    public enum Problem: DiagnosticConvertible, CustomStringConvertible {
        case noValues(table: String, measure: String)
        case noAreas
        case noInhabitants
        case classification(String)

        public var description: String {
            switch self {
            case .noValues(let table, let measure): "no figures for '\(measure)' of table '\(table)' in the snapshot match the map's areas"
            case .noAreas: "no area boundaries are loaded (add 'boundaries:' to zicht.yaml)"
            case .noInhabitants: "the map is per 1,000 inhabitants, but no inhabitants per area are known (add 'population:' under 'neighbourhoods:' in zicht.yaml)"
            case .classification(let text): "cannot classify the figures: \(text)"
            }
        }

        public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
    }

    static func classify(_ numbers: [Double], _ definition: MapDefinition) throws -> ClassBreaks {
        definition.method == .jenks
            ? try Classification.jenks(values: numbers, classes: definition.classes)
            : try Classification.quantiles(values: numbers, classes: definition.classes)
    }

    /// Builds the map of `definition` from the newest period in the snapshot.
    /// - Parameter disclosureThreshold: for count maps, counts below it are withheld: no value (their
    ///   ``AreaMapData/Area/disclosed`` count says so), and they take no part in the class breaks (so the
    ///   legend cannot reveal them).
    /// - Parameter inhabitants: per area, for maps per 1,000 inhabitants.
    public func build(
        _ definition: MapDefinition, snapshot: Snapshot, disclosureThreshold: Int = 5, inhabitants: [String: Double] = [:]
    ) throws -> AreaMapData {
        guard !boundaries.isEmpty else { throw Problem.noAreas }
        if definition.perThousandInhabitants && inhabitants.isEmpty { throw Problem.noInhabitants }
        var stored: [Snapshot.StoredObservation] = []
        if definition.types.isEmpty {
            stored = try snapshot.observations(tableIDs: [definition.table], measure: definition.measure, dimensions: definition.filter)
        } else {
            // Sum the listed types per area and period.
            var sums: [String: [Period: (Double, Provenance)]] = [:]
            for type in definition.types {
                var dimensions = definition.filter
                dimensions["Type"] = type
                for item in try snapshot.observations(tableIDs: [definition.table], measure: definition.measure, dimensions: dimensions) {
                    guard let number = item.observation.value.number else { continue }
                    let previous = sums[item.observation.region]?[item.observation.period]?.0 ?? 0
                    sums[item.observation.region, default: [:]][item.observation.period] = (previous + number, item.provenance)
                }
            }
            for (region, periods) in sums {
                for (period, (sum, provenance)) in periods {
                    stored.append(Snapshot.StoredObservation(
                        derived: Observation(
                            tableID: definition.table, measure: definition.measure, dimensions: definition.filter, region: region,
                            period: period, value: .number(sum)),
                        provenance: provenance))
                }
            }
            // Areas without any incident of these types have a count of 0, not an unknown.
            if let newest = stored.map(\.observation.period).max(), let provenance = stored.first?.provenance {
                let present = Set(stored.filter { $0.observation.period == newest }.map(\.observation.region))
                for area in boundaries where !present.contains(area.code) {
                    stored.append(Snapshot.StoredObservation(
                        derived: Observation(
                            tableID: definition.table, measure: definition.measure, dimensions: definition.filter, region: area.code,
                            period: newest, value: .number(0)),
                        provenance: provenance))
                }
            }
        }
        let codes = Set(boundaries.map(\.code))
        let relevant = stored.filter { codes.contains($0.observation.region) }
        guard let period = relevant.map(\.observation.period).max() else {
            throw Problem.noValues(table: definition.table, measure: definition.measure)
        }
        var values: [String: Double] = [:]
        var counts: [String: Int] = [:]
        var provenance: [Provenance] = []
        for item in relevant where item.observation.period == period {
            if let value = item.observation.value.number {
                if definition.isCount || definition.perThousandInhabitants { counts[item.observation.region] = Int(value.rounded()) }
                if (definition.isCount || definition.perThousandInhabitants) && value < Double(disclosureThreshold) {
                    // Withheld: no value; the area's disclosed count records why.
                } else if definition.perThousandInhabitants {
                    if let people = inhabitants[item.observation.region], people > 0 { values[item.observation.region] = value / people * 1000 }
                } else {
                    values[item.observation.region] = value
                }
            }
            if !provenance.contains(item.provenance) { provenance.append(item.provenance) }
        }
        guard !values.isEmpty else { throw Problem.noValues(table: definition.table, measure: definition.measure) }
        let breaks: ClassBreaks
        do {
            breaks = try Self.classify(Array(values.values), definition)
        } catch {
            throw Problem.classification("\(error)")
        }
        let box = boundaries.compactMap(\.geometry.boundingBox).reduce(nil) { (partial: BoundingBox?, box) in partial.map { $0.union(box) } ?? box }!
        let areas = boundaries.map { area in
            AreaMapData.Area(
                code: area.code, name: area.name, geometry: area.geometry, value: values[area.code],
                disclosed: counts[area.code].map { DisclosedCount(count: $0, inhabitants: nil, threshold: disclosureThreshold) })
        }
        return AreaMapData(
            definition: definition, areas: areas, breaks: breaks, bounds: box, width: width, provenance: provenance, period: period)
    }
}
