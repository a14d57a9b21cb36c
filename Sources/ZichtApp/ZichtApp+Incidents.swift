import Foundation
import ZichtCore
import ZichtGeo
import ZichtSources
import ZichtStore

extension ZichtApp {
    /// Imports the incident sources listed under `incidents:` in zicht.yaml that are not in the
    /// snapshot yet: files in the import format, and simulated cities.
    static func importIncidentSources(_ project: SiteProject, into snapshot: Snapshot) throws {
        guard !project.config.incidentSources.isEmpty else { return }
        let areas = try loadBoundaries(project)
        guard !areas.isEmpty else {
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
                _ = try store(incidents, provenance: provenance, areas: areas, into: snapshot)
            case .simulation(let seed, let years):
                try importSimulation(project, seed: seed, years: years, title: source.title, areas: areas, into: snapshot)
            }
        }
    }
}
