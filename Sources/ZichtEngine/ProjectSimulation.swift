public import Foundation
import ZichtAnalysis
public import ZichtCore
import ZichtGeo
public import ZichtSim
import ZichtSources
import ZichtStore

/// The simulated city of a project: ZichtSim calibrated on Zwolle, on the project's buurten and
/// inhabitants, scaled to the project's inhabitants when the project is another municipality.
///
/// Identified by ``identity``: a hash of the model's version, the settings, the seed, and every
/// area's code, wijk, inhabitants and boundary. The same identity gives the same incidents (the
/// simulation is deterministic), so a snapshot that holds them is not simulated again.
public struct ProjectSimulation: Sendable {
    /// The project's buurten with their inhabitants (the boundaries, and the first area table
    /// (`format: areas`) from which inhabitants per buurt can be read or estimated).
    public struct Input: Sendable {
        public var areas: [SimulatedArea]
        public var inhabitants: Int
        /// Remarks for the user (buurten without inhabitants).
        public var notes: [String]
        /// The area table the inhabitants came from.
        public var populationSource: ProjectConfig.DataSource
    }

    /// Bump when a change to ZichtSim changes what one seed gives, so that snapshots simulate again.
    public static let modelVersion = 1

    public var input: Input
    public var city: CitySimulation

    /// Prepares the simulation of `years` (nothing is drawn yet).
    public init(_ project: LoadedProject, years: ClosedRange<Int>) throws {
        let input = try Self.input(project)
        var settings = SimulationSettings.zwolle
        settings.years = years
        if project.config.organisation.code != "GM0193" {
            settings = settings.scaled(by: Double(input.inhabitants) / Double(ZwolleCalibration.inhabitants2014))
        }
        self.city = try CitySimulation(areas: input.areas, settings: settings)
        self.input = input
    }

    /// The identity of the incidents `seed` gives: equal identities give equal incidents.
    public func identity(seed: UInt64) -> String {
        var hash = SHA256()
        hash.update(Array("ZichtSim \(Self.modelVersion)\nseed \(seed)\n\(CanonicalDescription.of(city.settings))\n".utf8))
        for area in input.areas {
            hash.update(Array("\(area.code);\(area.wijkCode);\(area.inhabitants)\n".utf8))
            for polygon in area.geometry.polygons {
                for ring in polygon.rings {
                    let bits = ring.flatMap { [$0.x.bitPattern, $0.y.bitPattern] }
                    bits.withUnsafeBytes { hash.update($0) }
                }
            }
        }
        return hash.finalizeHex()
    }

    /// The true effect of the simulated camera zone on an intervention's target and types, when
    /// they are the simulation's zone and start and every type has the same effect; else nil.
    public func truth(for intervention: Intervention) -> Double? {
        guard case .buurten(let codes) = intervention.target, let camera = city.settings.camera, Set(city.zoneAreaCodes) == Set(codes),
            camera.start.year == intervention.start.year, camera.start.month == intervention.start.month, intervention.start.day == 1
        else { return nil }
        let effects = Set(intervention.types.map { camera.effects[$0] ?? 1 })
        return effects.count == 1 ? effects.first : nil
    }

    /// The buurten with their inhabitants, from the project's boundaries and first usable area table.
    public static func input(_ project: LoadedProject) throws -> Input {
        guard !project.config.boundaries.isEmpty else {
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", message: "the project has no area boundaries, so incidents cannot be simulated",
                hint: "add 'boundaries:' with the buurt boundaries")])
        }
        var found: (people: [String: Int], source: ProjectConfig.DataSource)?
        var failures: [String] = []
        for source in project.config.dataSources {
            guard let table = source.areaTable else { continue }
            do {
                let url = project.root.appendingPathComponent(source.file)
                let reader = try StatLineCSVReader(url: url, data: project.inputs.bytesIfSmall(of: source.file), displayName: source.file)
                var rows: [PopulationTable.Row] = []
                try reader.forEachRow { row in
                    rows.append(PopulationTable.Row(line: row.line, fields: (0..<row.count).map { row.string($0) }))
                }
                let people = try PopulationTable.inhabitants(
                    header: reader.header, rows: rows, areaColumn: table.areaColumn, codeTemplate: table.codeTemplate,
                    skip: table.skip, file: source.file)
                found = (people, source)
                break
            } catch let error as SimulationError {
                failures.append(error.description)
            }
        }
        guard let found else {
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", field: "data",
                message: "no area table with inhabitants per buurt" + (failures.isEmpty ? "" : ": " + failures.joined(separator: "; ")),
                hint: "list the buurten's inhabitants under 'data:' with 'format: areas'")])
        }
        let areas = project.areas.map { SimulatedArea($0, inhabitants: found.people[$0.code] ?? 0) }
        let missing = areas.filter { found.people[$0.code] == nil }.map(\.code)
        let notes = missing.isEmpty ? [] : ["Buurten without inhabitants (counted as 0): \(missing.joined(separator: ", "))."]
        return Input(areas: areas, inhabitants: areas.reduce(0) { $0 + $1.inhabitants }, notes: notes, populationSource: found.source)
    }
}

extension SnapshotImport {
    /// Imports a simulated city's incidents (labelled "gesimuleerd" in their provenance) and the
    /// inhabitants per buurt it was built on (table `inwoners-per-buurt`), each once: a snapshot
    /// that holds the simulation's identity is not simulated again.
    static func importSimulation(_ project: LoadedProject, seed: UInt64, years: ClosedRange<Int>, title: String?, into snapshot: Snapshot) throws {
        let simulation = try ProjectSimulation(project, years: years)
        try importInhabitants(simulation.input, into: snapshot)
        let identity = simulation.identity(seed: seed)
        guard try !snapshot.sources().contains(where: { $0.provenance.sha256 == identity }) else { return }
        let result = simulation.city.run(seed: seed)
        let incidents = result.incidents.enumerated().map { $0.element.incident(line: $0.offset + 2) }
        let provenance = Provenance(
            tableID: "incidents", tableTitle: title ?? "Gesimuleerde incidenten (ZichtSim, seed \(seed))",
            origin: "zicht simulate --seed \(seed) --from \(years.lowerBound) --to \(years.upperBound)", sha256: identity,
            retrievedAt: Date(), publisher: "ZichtSim (gesimuleerd)")
        _ = try store(incidents, provenance: provenance, areas: project.areas, into: snapshot)
    }

    /// Stores the inhabitants per buurt that ZichtSim read or estimated from the project's area table,
    /// as table `inwoners-per-buurt` (measure `inwoners`), so that wijk pages can use them as weights.
    static func importInhabitants(_ input: ProjectSimulation.Input, into snapshot: Snapshot) throws {
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
