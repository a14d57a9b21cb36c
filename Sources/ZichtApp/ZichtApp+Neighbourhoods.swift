import Foundation
import ZichtAnalysis
import ZichtCore
import ZichtGeo
import ZichtSite
import ZichtSources
import ZichtStore

extension ZichtApp {
    /// The project's buurten with their wijk, from its boundary files.
    public static func loadAreaOutlines(_ project: SiteProject) throws -> [AreaOutline] {
        var result: [AreaOutline] = []
        for source in project.config.boundaries {
            do {
                let read = try GeoJSONReader().read(contentsOf: project.root.appendingPathComponent(source.file), displayName: source.file)
                result += read.areas.map { AreaOutline(code: $0.code, name: $0.name ?? $0.code, parentCode: $0.parentCode, geometry: $0.geometry) }
            } catch let error as GeoJSONError {
                throw DiagnosticsError([Diagnostic(file: source.file, message: error.description, hint: "listed in zicht.yaml line \(source.line)")])
            }
        }
        return result
    }

    /// Adds the wijk pages (kind `wijk`, one per wijk in the boundaries) and their overview page to
    /// the document, and computes what they show. Without `neighbourhoods:` in zicht.yaml the
    /// project is returned unchanged.
    static func addNeighbourhoodPages(_ project: SiteProject, snapshot: Snapshot) throws -> (SiteProject, NeighbourhoodData?) {
        guard let settings = project.config.neighbourhoods else { return (project, nil) }
        let outlines = try loadAreaOutlines(project)
        guard outlines.contains(where: { $0.parentCode != nil }) else {
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", line: settings.line, message: "'neighbourhoods' needs buurt boundaries that name their wijk",
                hint: "the boundary files need a wijk code per buurt (a property such as WK_CODE or WK_2014)")])
        }
        let data = try NeighbourhoodProfiles(areas: outlines, settings: settings, disclosureThreshold: project.config.disclosureThreshold)
            .build(snapshot: snapshot)
        let overviewID = "wijken"
        if let existing = project.document[overviewID] {
            throw DiagnosticsError([Diagnostic(
                file: existing.sourceFile, line: existing.line(of: "id"), message: "the id 'wijken' is used for the generated wijken overview",
                hint: "give this page another id, or remove 'neighbourhoods:' from zicht.yaml")])
        }
        let root = project.document.root
        let siblings = project.document.children(of: root.id)
        var nodes = project.document.nodesInOrder
        nodes.append(Node(
            id: overviewID, kind: .pagina, title: "Veiligheid in de wijken",
            subtitle: "Per wijk: hoe veilig inwoners zich voelen, en hoeveel incidenten er zijn.",
            order: (siblings.compactMap(\.order).max() ?? siblings.count) + 1, parentID: root.id,
            preamble: [.paragraph([.text(
                "Op deze pagina's staan per wijk de cijfers uit het Buurt-voor-Buurt-onderzoek en de geregistreerde incidenten. Kies een wijk voor de cijfers per buurt.")])],
            sourceFile: "zicht.yaml"))
        for (index, wijk) in data.wijken.enumerated() {
            nodes.append(Node(
                id: wijk.code.lowercased(), kind: .wijk, title: wijk.title,
                subtitle: "\(wijk.buurten.count == 1 ? "Buurt" : "Buurten"): \(wijk.buurten.map(\.name).joined(separator: ", "))",
                order: index + 1, parentID: overviewID, slug: SitePaths.slugify(wijk.title), sourceFile: "zicht.yaml"))
        }
        var extended = project
        extended.document = Document(nodes: nodes)
        return (extended, data)
    }
}
