import Foundation
import Testing
import ZichtCore
import ZichtEngine
import ZichtTestSupport

/// Errors about what a project lacks name zicht.yaml, so the command line prints where to fix it.
struct ProjectErrorsTests {
    @Test func simulationAndIncidentImportWithoutBoundariesNameTheSettings() throws {
        let project = try TemporaryProject(files: TemporaryProject.minimalFiles)
        defer { project.remove() }
        try project.write("id;datum;soort;x;y;lat;lon;buurt\na;2019-01-05;1.1.1;;;;;BU01931000\n", to: "incidenten.csv")
        let loaded = try LoadedProject.load(project.root)

        let simulation = try #require(throws: DiagnosticsError.self) { try ProjectSimulation.input(loaded) }
        #expect(simulation.diagnostics.map(\.file) == ["zicht.yaml"])
        #expect(simulation.diagnostics.first?.message.contains("no area boundaries") == true)

        let snapshot = try loaded.openSnapshot()
        let imported = try #require(throws: DiagnosticsError.self) {
            try SnapshotImport.importIncidents(loaded, file: project.root.appendingPathComponent("incidenten.csv"), into: snapshot)
        }
        #expect(imported.diagnostics.map(\.file) == ["zicht.yaml"])
        #expect(imported.diagnostics.first?.hint?.contains("boundaries:") == true)
    }
}
