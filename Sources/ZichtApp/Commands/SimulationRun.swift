import Foundation
import ZichtEngine
import ZichtCore
import ZichtSim
import ZichtSources

/// `zicht simulate`: a simulated incident file on a project's buurten, with its ground truth.
public struct SimulationRun: Sendable {
    /// The incident CSV written, and the truth (`.truth.json`) beside it.
    public var incidentFile: URL
    public var truthFile: URL
    public var incidentCount: Int
    /// What the terminal shows: the simulation's summary, scaling and missing inhabitants, the files.
    public var lines: [String]

    /// Simulates the project's city (ZichtSim calibrated on Zwolle, scaled to the project's
    /// inhabitants for another municipality) and writes its incidents and truth.
    /// - Parameters:
    ///   - project: the project folder; nil for the bundled example (Zwolle).
    ///   - out: the incident CSV; the truth goes to the same name ending in `.truth.json`.
    /// - Throws: ``DiagnosticsError`` for problems in the project, ``SimulationError`` when the city
    ///   cannot be simulated, and file errors when writing fails.
    public static func run(project: URL?, seed: UInt64, years: ClosedRange<Int>, out: URL) throws -> SimulationRun {
        let loaded = try LoadedProject.load(project ?? ZichtApp.exampleProject)
        let simulation = try ProjectSimulation(loaded, years: years)
        let (city, input) = (simulation.city, simulation.input)
        let result = city.run(seed: seed)
        let truthFile = out.deletingPathExtension().appendingPathExtension("truth.json")
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        try IncidentCSV.data(result.incidents).write(to: out, options: .atomic)
        try result.truth.jsonData().write(to: truthFile, options: .atomic)
        var lines = result.summaryLines
        if loaded.config.organisation.code != "GM0193" {
            lines.append("Counts scaled to \(input.inhabitants) inhabitants (Zwolle: \(ZwolleCalibration.inhabitants2014)).")
        }
        lines += input.notes
        lines += ["", "Written: \(out.path) (\(result.incidents.count) incidents) and \(truthFile.path)."]
        return SimulationRun(incidentFile: out, truthFile: truthFile, incidentCount: result.incidents.count, lines: lines)
    }
}
