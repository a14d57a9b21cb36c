import Foundation
import Testing
import ZichtAnalysis
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtSim
import ZichtSite
import ZichtSources
import ZichtStats
import ZichtTestSupport

/// `ErrorText` maps every error to text once, through `DiagnosticConvertible`: located problems
/// as `file:line:column: error:` lines with a count, others as one `error:` line, and anything
/// unknown as a bug to report, with its type, never its `localizedDescription`.
struct ErrorTextTests {
    /// Real errors thrown by the libraries, one per room, each turned into plain located text.
    static func thrownErrors() throws -> [(String, any Error)] {
        let project = try TemporaryProject(files: [
            "data/stuk.csv": "Regio;Perioden;Aantal_1\nGM0193;2015JJ00;12a\n",
            "data/buurten.geojson": #"{"type": "Polygon"}"#,
        ])
        defer { project.remove() }
        var errors: [(String, any Error)] = []
        func record(_ label: String, _ body: () throws -> Void) {
            do { try body() } catch { errors.append((label, error)) }
        }
        record("StatLineCSVError") {
            let reader = try StatLineCSVReader(url: project.root.appendingPathComponent("data/stuk.csv"), displayName: "data/stuk.csv")
            try reader.forEachRow { row in _ = try row.value(2) }
        }
        record("GeoJSONError") {
            _ = try GeoJSONReader().read(contentsOf: project.root.appendingPathComponent("data/buurten.geojson"), displayName: "data/buurten.geojson")
        }
        record("InputFile.Refusal") { _ = try InputFile.read(project.root.appendingPathComponent("data")) }
        record("KnoxError") { _ = try KnoxTest.analyse(x: [0, 1], y: [0, 1], t: [0, 1], parameters: KnoxParameters()) }
        record("HotSpotError") { _ = try HotSpotAnalysis.analyse(x: [], y: []) }
        record("ClassificationError") { _ = try Classification.jenks(values: [], classes: 3) }
        record("EvaluationError") { _ = try RelativeEffectSize(treatedBefore: 0, treatedAfter: 3, controlBefore: 4, controlAfter: 5) }
        record("SimulationError") { _ = try CitySimulation(areas: [], settings: .zwolle) }
        record("OutputFolderError") { try OutputFolder(project.root).checkReplaceable(projectRoot: project.root) }
        return errors
    }

    @Test func everyLibraryErrorSpeaksThroughItsDiagnostics() throws {
        let errors = try Self.thrownErrors()
        #expect(errors.map(\.0) == [
            "StatLineCSVError", "GeoJSONError", "InputFile.Refusal", "KnoxError", "HotSpotError", "ClassificationError", "EvaluationError",
            "SimulationError", "OutputFolderError",
        ])
        for (label, error) in errors {
            #expect(error is any DiagnosticConvertible, "\(label)")
            let text = ErrorText.report(error)
            #expect(text.contains("error: "), "\(label): \(text)")
            #expect(!text.contains("bug in Zicht"), "\(label): \(text)")
            #expect(text.firstMatch(of: ErrorMessageTests.internalNames) == nil, "\(label) leaks an internal name: \(text)")
        }
        let statLine = try #require(errors.first { $0.0 == "StatLineCSVError" }?.1 as? any DiagnosticConvertible)
        let diagnostic = try #require(statLine.diagnostics.first)
        #expect(diagnostic.file == "data/stuk.csv" && diagnostic.line == 2 && diagnostic.field == "Aantal_1")
        #expect(ErrorText.report(statLine).hasPrefix("data/stuk.csv:2:"))
        #expect(ErrorText.report(statLine).hasSuffix("\n1 error found."))
    }

    @Test func aProblemWithoutAFileIsOneLine() {
        let text = ErrorText.report(AppError("the project has no area boundaries"))
        #expect(text == "error: the project has no area boundaries")
        let refused = OutputFolderError(URL(fileURLWithPath: "/tmp/x"), reason: "it is a file, not a folder")
        #expect(ErrorText.report(refused) == "error: refusing to write the site into '/tmp/x': it is a file, not a folder\n    hint: choose another output folder with --out")
    }

    /// A wrapper adds the file and line and keeps the error it wraps.
    @Test func aLocatedErrorKeepsItsCause() throws {
        let cause = KnoxError.nonFiniteTime(index: 3, t: .infinity)
        let located = LocatedError(file: "inbraken.csv", line: 5, cause: cause)
        #expect(located.underlyingError as? KnoxError == cause)
        #expect(located.diagnostics == [Diagnostic(file: "inbraken.csv", line: 5, message: cause.description)])
        // A cause that names its own file keeps it.
        let inner = Diagnostic(file: "ander.csv", line: 2, message: "x")
        #expect(LocatedError(file: "inbraken.csv", line: 5, cause: inner).diagnostics == [inner])
    }

    /// Foundation's file errors become plain words with the path.
    @Test func fileErrorsOfFoundationSayWhatAndWhere() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-bestaat-niet-\(UUID().uuidString)")
        do {
            _ = try FileManager.default.contentsOfDirectory(atPath: missing.path)
            Issue.record("listing a missing folder succeeded")
        } catch {
            #expect(ErrorText.report(error) == "error: file or folder not found (\(missing.path))")
        }
    }

    struct Surprise: LocalizedError, CustomStringConvertible {
        var description: String { "the description" }
        var errorDescription: String? { "the localized description" }
    }

    /// The last resort: an error of no known kind is a bug in Zicht, named by type and description.
    @Test func anUnknownErrorIsABugToReport() {
        let text = ErrorText.report(Surprise())
        #expect(text.hasPrefix("error: an unexpected problem occurred (Surprise: the description)"))
        #expect(text.contains("this is a bug in Zicht; please report it"))
        #expect(!text.contains("localized"))
    }
}
