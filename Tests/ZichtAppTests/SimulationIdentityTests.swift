import Foundation
import Testing
import ZichtTestSupport
import ZichtApp
import ZichtCore
import ZichtEngine
import ZichtStore

/// A simulated city is stored once per identity: builds in separate processes (each with its own
/// hash seed, so dictionary order differs) find it in the snapshot and do not simulate again.
struct SimulationIdentityTests {
    @Test func twoProcessesFindTheSameSimulation() async throws {
        try await HeavyWork.run {
            let cli = CommandLineTests()
            let base = cli.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: base) }
            let project = base.appendingPathComponent("project")
            #expect(try cli.zicht(["init", project.path]).status == 0)
            for _ in 0..<2 {
                let run = try cli.zicht(["build", project.path, "--out", base.appendingPathComponent("site").path])
                #expect(run.status == 0, "\(run.stderr)")
            }
            let snapshot = try Snapshot(url: ZichtApp.snapshotURL(of: project))
            let simulated = try snapshot.sources().filter { $0.provenance.tableID == "incidents" }
            #expect(simulated.count == 1, "\(simulated.map(\.provenance.sha256))")

            let loaded = try LoadedProject.load(project)
            let simulation = try ProjectSimulation(loaded, years: 2014...2019)
            #expect(simulation.identity(seed: 2018) == simulated.first?.provenance.sha256)
            #expect(simulation.identity(seed: 2019) != simulation.identity(seed: 2018))
        }
    }
}
