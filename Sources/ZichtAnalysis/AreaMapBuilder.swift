import ZichtCore
import ZichtGeo
import ZichtStats
import ZichtStore

/// The data of one choropleth map, ready to render: every area with its projected outline and value,
/// and the class breaks.
public struct AreaMapData: Sendable {
    public struct Area: Sendable, Hashable {
        public var code: String
        public var name: String
        /// SVG path data in the map's frame.
        public var path: String
        /// The figure; nil when unknown or withheld.
        public var value: Double?
        /// Shown instead of a withheld count: "< 5".
        public var displayText: String?
    }

    public var definition: MapDefinition
    public var areas: [Area]
    public var breaks: ClassBreaks
    public var width: Double
    public var height: Double
    public var provenance: [Provenance]
    public var period: Period?
}

/// Joins area-level figures from the snapshot with area boundaries and classifies them.
public struct AreaMapBuilder {
    public var boundaries: [(code: String, name: String, geometry: MultiPolygon)]
    public var width: Double

    public init(boundaries: [(code: String, name: String, geometry: MultiPolygon)], width: Double = 600) {
        self.boundaries = boundaries
        self.width = width
    }

    public enum Problem: Error, CustomStringConvertible {
        case noValues(table: String, measure: String)
        case noAreas
        case classification(String)

        public var description: String {
            switch self {
            case .noValues(let table, let measure): "no figures for '\(measure)' of table '\(table)' in the snapshot match the map's areas"
            case .noAreas: "no area boundaries are loaded (add 'boundaries:' to zicht.yaml)"
            case .classification(let text): "cannot classify the figures: \(text)"
            }
        }
    }

    /// Builds the map of `definition` from the newest period in the snapshot.
    /// - Parameter disclosureThreshold: for count maps, counts below it are withheld: no value, the text
    ///   "< threshold", and they take no part in the class breaks (so the legend cannot reveal them).
    public func build(_ definition: MapDefinition, snapshot: Snapshot, disclosureThreshold: Int = 5) throws -> AreaMapData {
        guard !boundaries.isEmpty else { throw Problem.noAreas }
        let stored = try snapshot.observations(tableIDs: [definition.table], measure: definition.measure, dimensions: definition.filter)
        let codes = Set(boundaries.map(\.code))
        let relevant = stored.filter { codes.contains($0.observation.region) }
        guard let period = relevant.map(\.observation.period).max() else {
            throw Problem.noValues(table: definition.table, measure: definition.measure)
        }
        var values: [String: Double] = [:]
        var withheld: Set<String> = []
        var provenance: [Provenance] = []
        for item in relevant where item.observation.period == period {
            if let value = item.observation.value.number {
                if definition.isCount && value < Double(disclosureThreshold) {
                    withheld.insert(item.observation.region)
                } else {
                    values[item.observation.region] = value
                }
            }
            if !provenance.contains(item.provenance) { provenance.append(item.provenance) }
        }
        guard !values.isEmpty else { throw Problem.noValues(table: definition.table, measure: definition.measure) }
        let numbers = Array(values.values)
        let breaks: ClassBreaks
        do {
            breaks = definition.method == .jenks
                ? try Classification.jenks(values: numbers, classes: definition.classes)
                : try Classification.quantiles(values: numbers, classes: definition.classes)
        } catch {
            throw Problem.classification("\(error)")
        }
        let box = boundaries.compactMap(\.geometry.boundingBox).reduce(nil) { (partial: BoundingBox?, box) in partial.map { $0.union(box) } ?? box }!
        let projection = MapProjection(bounds: box, width: width, padding: 4, decimals: 1)
        let areas = boundaries.map { area in
            AreaMapData.Area(
                code: area.code, name: area.name, path: projection.pathData(area.geometry), value: values[area.code],
                displayText: withheld.contains(area.code) ? "< \(disclosureThreshold)" : nil)
        }
        return AreaMapData(
            definition: definition, areas: areas, breaks: breaks, width: projection.width, height: projection.height,
            provenance: provenance, period: period)
    }
}
