import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtTestSupport

/// Maps on goal pages: bad configurations are reported with file and line, and nothing is written.
struct MapConfigurationTests {
    func project(goalExtra: String, configExtra: String) throws -> TemporaryProject {
        var files = TemporaryProject.minimalFiles
        files["zicht.yaml"]! += "\n" + configExtra
        files["content/7/7.2/7.2.4.md"] = """
            ---
            id: "7.2.4"
            kind: doel
            title: Verkeersveiligheid
            parent: "7.2"
            \(goalExtra)
            ---
            ## Beschrijving doel
            Veilig over straat.
            """
        return try TemporaryProject(files: files)
    }

    func buildErrors(_ project: TemporaryProject) -> [Diagnostic] {
        do {
            try ZichtApp.build(project: project.root, output: project.root.appendingPathComponent("site"))
            Issue.record("the build should fail")
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func mapWithoutBoundariesIsExplained() throws {
        let project = try project(goalExtra: "kaarten:\n  - {table: t, measure: m, title: Kaart, unit: \"%\"}", configExtra: "")
        defer { project.remove() }
        let errors = buildErrors(project)
        #expect(errors.count == 1)
        #expect(errors.first?.file == "content/7/7.2/7.2.4.md")
        #expect(errors.first?.line == 6)
        #expect(errors.first?.message.contains("no area boundaries are loaded") == true)
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site").path))
    }

    @Test func badMapFieldsAreLocated() throws {
        let project = try project(
            goalExtra: "kaarten:\n  - {table: t, measure: m, title: Kaart, unit: \"%\", classes: 9, method: natural}",
            configExtra: "boundaries:\n  - {file: data/buurten.geojson, year: 2014}")
        defer { project.remove() }
        let errors = buildErrors(project)
        let messages = errors.map { "\($0.file):\($0.line ?? 0): \($0.message)" }
        #expect(messages.contains("content/7/7.2/7.2.4.md:7: expected 2 to 7 classes, found 9"))
        #expect(messages.contains("content/7/7.2/7.2.4.md:7: unknown classification 'natural'"))
    }

    @Test func missingBoundaryFileIsNamed() throws {
        let project = try project(
            goalExtra: "kaarten:\n  - {table: t, measure: m, title: Kaart, unit: \"%\"}",
            configExtra: "boundaries:\n  - {file: data/buurten.geojson, year: 2014}")
        defer { project.remove() }
        let errors = buildErrors(project)
        #expect(errors.count == 1)
        #expect(errors.first?.file == "data/buurten.geojson")
        #expect(errors.first?.hint?.contains("zicht.yaml line") == true)
    }

    @Test func unknownAreaTableFormatIsRefused() throws {
        let project = try project(goalExtra: "", configExtra: "data:\n  - {file: data/x.csv, format: excel}")
        defer { project.remove() }
        let errors = buildErrors(project)
        #expect(errors.map(\.message) == ["unknown format 'excel'"])
        #expect(errors.first?.file == "zicht.yaml")
    }
}
