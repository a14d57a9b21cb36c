import ArgumentParser
import ZichtEngine
import ZichtApp

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
            let run = try SimulationRun.run(project: project.map(absoluteURL), seed: seed, years: from...to, out: absoluteURL(out))
            for line in run.lines { printLine(line) }
        }
    }
}
