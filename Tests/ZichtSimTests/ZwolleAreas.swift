import Foundation
import ZichtGeo
import ZichtSim
import ZichtSources
import ZichtTestSupport

/// The real Zwolle buurten 2014 (boundaries and inhabitants) from ../shared/data/real, read with
/// Zicht's own readers, and one simulation run shared by the tests.
enum ZwolleAreas {
    static let boundaryFile = "zwolle-buurten-2014.geojson"
    static let populationFile = "zwolle-buurtgegevens-2014-bvb-zebra.csv"

    /// The rows of a CSV file as text fields.
    static func rows(of file: String) throws -> (header: [String], rows: [PopulationTable.Row]) {
        let reader = try StatLineCSVReader(url: try RealData.url(file), displayName: file)
        var rows: [PopulationTable.Row] = []
        try reader.forEachRow { row in
            rows.append(PopulationTable.Row(line: row.line, fields: (0..<row.count).map { row.string($0) }))
        }
        return (reader.header, rows)
    }

    static func inhabitants() throws -> [String: Int] {
        let table = try rows(of: populationFile)
        return try PopulationTable.inhabitants(
            header: table.header, rows: table.rows, areaColumn: "GEOITEM", codeTemplate: "BU0193{}0", skip: ["999"], file: populationFile)
    }

    static func load() throws -> [SimulatedArea] {
        let boundaries = try GeoJSONReader().read(contentsOf: try RealData.url(boundaryFile))
        let people = try inhabitants()
        return boundaries.areas.map { area in
            SimulatedArea(area.area, inhabitants: people[area.code] ?? 0)
        }
    }

    /// The default Zwolle simulation, prepared once.
    static let city: Result<CitySimulation, any Error> = Result { try CitySimulation(areas: try load(), settings: .zwolle) }

    /// One full run with seed 2018, shared by the tests that only read it.
    static let run: Result<SimulationResult, any Error> = city.map { $0.run(seed: 2018) }
}
