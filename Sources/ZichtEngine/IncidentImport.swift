public import Foundation
import ZichtAnalysis
public import ZichtCore
import ZichtGeo
import ZichtSources
public import ZichtStore

/// What importing an incident file did.
public struct IncidentImport: Sendable {
    public var incidents: Int
    public var assigned: Int
    /// Lines of incidents outside every area.
    public var outsideLines: [Int]
    public var outcome: Snapshot.ImportOutcome
}

extension SnapshotImport {
    /// Imports the incident sources listed under `incidents:` in zicht.yaml that are not in the
    /// snapshot yet: files in the import format, and simulated cities.
    static func importIncidentSources(_ project: LoadedProject, into snapshot: Snapshot) throws {
        guard !project.config.incidentSources.isEmpty else { return }
        guard !project.areas.isEmpty else {
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", line: project.config.incidentSources[0].line, message: "'incidents' needs area boundaries",
                hint: "add 'boundaries:' to zicht.yaml, so that incidents can be assigned to buurten")])
        }
        for source in project.config.incidentSources {
            switch source.origin {
            case .file(let path):
                let url = project.root.appendingPathComponent(path)
                guard FileManager.default.isReadableFile(atPath: url.path) else {
                    throw DiagnosticsError([Diagnostic(file: path, message: "file not found or not readable", hint: "listed in zicht.yaml line \(source.line)")])
                }
                let hash = try sha256(of: url)
                if try snapshot.sources().contains(where: { $0.provenance.sha256 == hash }) { continue }
                let incidents = try IncidentReader.read(url: url, displayName: path)
                let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
                let provenance = Provenance(
                    tableID: "incidents", tableTitle: source.title ?? "Incidenten", origin: path, sha256: hash, retrievedAt: modified,
                    publisher: project.config.organisation.name + (source.isSimulated ? " (gesimuleerd)" : ""))
                _ = try store(incidents, provenance: provenance, areas: project.areas, into: snapshot)
            case .simulation(let seed, let years):
                try importSimulation(project, seed: seed, years: years, title: source.title, into: snapshot)
            }
        }
    }

    /// Reads an incident file, checks every row, assigns the incidents to the project's areas and stores
    /// the counts per area × year × type in the snapshot (table `incidents`), in one transaction. The
    /// incidents themselves are stored too, for evaluations and near-repeat analyses; they never reach
    /// the site.
    public static func importIncidents(_ project: LoadedProject, file: URL, knownTypes: Set<String>? = nil, into snapshot: Snapshot) throws -> IncidentImport {
        guard !project.areas.isEmpty else {
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", message: "the project has no area boundaries, so incidents cannot be assigned to buurten",
                hint: "add 'boundaries:' with the buurt boundaries before importing incidents")])
        }
        let incidents = try IncidentReader.read(url: file, displayName: file.path, knownTypes: knownTypes)
        let provenance = Provenance(
            tableID: "incidents", tableTitle: "Incidenten", origin: file.path, sha256: try sha256(of: file), retrievedAt: Date(),
            publisher: project.config.organisation.name)
        return try store(incidents, provenance: provenance, areas: project.areas, into: snapshot)
    }

    /// Assigns incidents to areas and stores them with their counts per area × year × type, in one
    /// transaction.
    static func store(_ incidents: [Incident], provenance: Provenance, areas: [Area], into snapshot: Snapshot) throws -> IncidentImport {
        let result = IncidentCounter(areas: areas).count(incidents, tableID: provenance.tableID)
        let outcome = try snapshot.importTable(provenance) { sink in
            for observation in result.observations { try sink.emit(observation) }
            for (incident, area) in zip(incidents, result.assignments) { try sink.store(incident, area: area) }
        }
        return IncidentImport(
            incidents: incidents.count, assigned: result.assigned, outsideLines: result.outside.map(\.line), outcome: outcome)
    }
}

/// A plain error for the user, without a file location.
public struct AppError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Tells the user on standard error that this process waits for another one.
package enum Waiting {
    package static func tell(_ message: String) {
        FileHandle.standardError.write(Data("\(message)…\n".utf8))
    }
}
