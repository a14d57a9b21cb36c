import Foundation
import ZichtCore
import ZichtAnalysis
import ZichtGeo
import ZichtSim
import ZichtSources
import ZichtStore

extension ZichtApp {
    /// The project's buurten with their inhabitants, for ZichtSim: the boundaries (`boundaries:`) and
    /// the first area table (`format: areas`) from which inhabitants per buurt can be read or estimated.
    public struct SimulationInput: Sendable {
        public var areas: [SimulatedArea]
        public var inhabitants: Int
        /// Remarks for the user (buurten without inhabitants).
        public var notes: [String]
        /// The area table the inhabitants came from.
        public var populationSource: ProjectConfig.DataSource
    }

    public static func simulationInput(_ project: SiteProject) throws -> SimulationInput {
        guard !project.config.boundaries.isEmpty else {
            throw AppError("the project has no area boundaries; add 'boundaries:' to zicht.yaml before simulating incidents")
        }
        var found: (people: [String: Int], source: ProjectConfig.DataSource)?
        var failures: [String] = []
        for source in project.config.dataSources {
            guard let table = source.areaTable else { continue }
            do {
                let reader = try StatLineCSVReader(url: project.root.appendingPathComponent(source.file), displayName: source.file)
                var rows: [PopulationTable.Row] = []
                try reader.forEachRow { row in
                    rows.append(PopulationTable.Row(line: row.line, fields: (0..<row.count).map { row.string($0) }))
                }
                let people = try PopulationTable.inhabitants(
                    header: reader.header, rows: rows, areaColumn: table.areaColumn, codeTemplate: table.codeTemplate,
                    skip: table.skip, file: source.file)
                found = (people, source)
                break
            } catch let error as StatLineCSVError {
                throw DiagnosticsError([error.diagnostic])
            } catch let error as SimulationError {
                failures.append(error.description)
            }
        }
        guard let found else {
            throw AppError("no area table with inhabitants per buurt (format: areas in zicht.yaml)" + (failures.isEmpty ? "" : ":\n" + failures.joined(separator: "\n")))
        }
        let areas = try loadAreaOutlines(project).map { area in
            SimulatedArea(code: area.code, name: area.name, wijkCode: area.parentCode ?? "", geometry: area.geometry, inhabitants: found.people[area.code] ?? 0)
        }
        let missing = areas.filter { found.people[$0.code] == nil }.map(\.code)
        let notes = missing.isEmpty ? [] : ["Zonder inwonertal (als 0 gerekend): \(missing.joined(separator: ", "))."]
        return SimulationInput(areas: areas, inhabitants: areas.reduce(0) { $0 + $1.inhabitants }, notes: notes, populationSource: found.source)
    }

    /// The simulated city of a project: ZichtSim calibrated on Zwolle, scaled to the project's
    /// inhabitants when the project is another municipality.
    public static func simulation(_ project: SiteProject, years: ClosedRange<Int>) throws -> (city: CitySimulation, input: SimulationInput) {
        let input = try simulationInput(project)
        var settings = SimulationSettings.zwolle
        settings.years = years
        if project.config.organisation.code != "GM0193" {
            settings = settings.scaled(by: Double(input.inhabitants) / Double(ZwolleCalibration.inhabitants2014))
        }
        do {
            return (try CitySimulation(areas: input.areas, settings: settings), input)
        } catch let error as SimulationError {
            throw AppError(error.description)
        }
    }

    /// Imports a simulated city's incidents (labelled "gesimuleerd" in their provenance) and the
    /// inhabitants per buurt it was built on (table `inwoners-per-buurt`), each once per content.
    static func importSimulation(
        _ project: SiteProject, seed: UInt64, years: ClosedRange<Int>, title: String?, areas: [(code: String, name: String, geometry: MultiPolygon)],
        into snapshot: Snapshot
    ) throws {
        let (city, input) = try simulation(project, years: years)
        try importInhabitants(input, into: snapshot)
        let result = city.run(seed: seed)
        let csv = IncidentCSV.data(result.incidents)
        let hash = SHA256.hex(csv)
        guard try !snapshot.sources().contains(where: { $0.provenance.sha256 == hash }) else { return }
        let incidents = result.incidents.enumerated().map { $0.element.incident(line: $0.offset + 2) }
        let provenance = Provenance(
            tableID: "incidents", tableTitle: title ?? "Gesimuleerde incidenten (ZichtSim, seed \(seed))",
            origin: "zicht simulate --seed \(seed) --from \(years.lowerBound) --to \(years.upperBound)", sha256: hash,
            retrievedAt: Date(), publisher: "ZichtSim (gesimuleerd)")
        _ = try store(incidents, provenance: provenance, areas: areas, into: snapshot)
    }

    /// Stores the inhabitants per buurt that ZichtSim read or estimated from the project's area table,
    /// as table `inwoners-per-buurt` (measure `inwoners`), so that wijk pages can use them as weights.
    static func importInhabitants(_ input: SimulationInput, into snapshot: Snapshot) throws {
        let rows = input.areas.filter { $0.inhabitants > 0 }.sorted { $0.code < $1.code }
        let text = rows.map { "\($0.code);\($0.inhabitants)" }.joined(separator: "\n")
        let source = input.populationSource
        let provenance = Provenance(
            tableID: "inwoners-per-buurt", tableTitle: "Inwoners per buurt, afgeleid uit \(source.title ?? source.file)",
            origin: source.file, sha256: SHA256.hex(Data(("inwoners-per-buurt\n" + text).utf8)),
            retrievedAt: source.retrieved ?? Date(timeIntervalSince1970: 0), publisher: "Zicht, afgeleid uit \(source.publisher)")
        let year = source.areaTable?.year ?? 0
        _ = try snapshot.importTable(provenance) { sink in
            for area in rows {
                try sink.emit(Observation(
                    tableID: provenance.tableID, measure: "inwoners", dimensions: [:], region: area.code, period: Period(year: year),
                    value: .number(Double(area.inhabitants))))
            }
        }
    }
}
