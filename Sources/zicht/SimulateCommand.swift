import ArgumentParser
import Foundation
import ZichtEngine
import ZichtApp
import ZichtCore
import ZichtSim
import ZichtSources

struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a simulated incident file (gesimuleerd) on the project's buurten, with its ground truth.",
        discussion: """
            ZichtSim spreads incidents calibrated on Zwolle's registered crime (CBS 83648NED, 2015) over the \
            project's buurten in proportion to their inhabitants, with a busier city centre, seasons, \
            weekday and hour patterns, near-repeat burglaries and a camera zone from 1 June 2018 with a \
            known effect. The CSV is in the incident import format (ids SIM-000001, …); FILE.truth.json \
            next to it holds the ground truth. The same seed gives the same files. See docs/simulation.md.

            Examples:
              zicht simulate --out /tmp/incidenten.csv
              zicht simulate --project mijn-jaarverslag --seed 7 --from 2016 --to 2019 --out data/sim.csv
            """)

    @Option(help: "The project folder (default: the bundled example, Zwolle).")
    var project: String?

    @Option(help: "The seed; the same seed gives the same files.")
    var seed: UInt64 = 2018

    @Option(help: "The first year.")
    var from: Int = 2014

    @Option(help: "The last year.")
    var to: Int = 2019

    @Option(help: "The incident CSV to write; the truth goes to the same name ending in .truth.json.")
    var out: String

    func validate() throws {
        guard from <= to else { throw ValidationError("--from \(from) lies after --to \(to)") }
    }

    func run() async throws {
        try await runReportingErrors {
            let root = project.map(absoluteURL) ?? ZichtApp.exampleProject
            let loaded = try LoadedProject.load(root)
            let input = try ProjectSimulation.input(loaded)
            var settings = SimulationSettings.zwolle
            settings.years = from...to
            if loaded.config.organisation.code != "GM0193" {
                settings = settings.scaled(by: Double(input.inhabitants) / Double(ZwolleCalibration.inhabitants2014))
            }
            let city: CitySimulation
            do {
                city = try CitySimulation(areas: input.areas, settings: settings)
            } catch let error as SimulationError {
                throw AppError(error.description)
            }
            let result = city.run(seed: seed)
            let csv = absoluteURL(out)
            let truthURL = csv.deletingPathExtension().appendingPathExtension("truth.json")
            try FileManager.default.createDirectory(at: csv.deletingLastPathComponent(), withIntermediateDirectories: true)
            try IncidentCSV.data(result.incidents).write(to: csv, options: .atomic)
            try result.truth.jsonData().write(to: truthURL, options: .atomic)
            for line in result.summaryLines { printLine(line) }
            if loaded.config.organisation.code != "GM0193" {
                printLine("Counts scaled to \(input.inhabitants) inhabitants (Zwolle: \(ZwolleCalibration.inhabitants2014)).")
            }
            for note in input.notes { printLine(note) }
            printLine("")
            printLine("Written: \(csv.path) (\(result.incidents.count) incidents) and \(truthURL.path).")
        }
    }
}
