import Foundation
import Testing
import ZichtTestSupport
import ZichtApp
import ZichtCore
import ZichtEngine
import ZichtSources

/// A build of the demo reads each of its inputs once: settings, pages, definitions, boundaries and
/// data files — on a fresh snapshot and again on a warm one.
struct ReadOnceTests {
    @Test func theDemoBuildReadsEveryInputOnce() async throws {
        try await HeavyWork.run {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-reads-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: base) }
            let project = base.appendingPathComponent("project")
            try ZichtApp.copyExample(to: project)
            let inputs = try Self.inputs(of: project)
            #expect(inputs.count > 20, "\(inputs)")
            for round in ["fresh snapshot", "warm snapshot"] {
                let session = SiteSession(project: project, output: base.appendingPathComponent("site"), generator: "Zicht (test)")
                let (_, reads) = try InputReadLog.record(under: project) { try session.build() }
                for input in inputs where reads[input] != 1 {
                    Issue.record("\(round): \(input) was read \(reads[input] ?? 0) times")
                }
                for (path, count) in reads where !inputs.contains(path) {
                    Issue.record("\(round): \(path) is no input of the project but was read \(count) times")
                }
            }
        }
    }

    /// zicht.yaml, every page, every definition, every image the pages show, and the files
    /// zicht.yaml names under `data:`, `boundaries:` and `money:`.
    static func inputs(of project: URL) throws -> Set<String> {
        var inputs: Set<String> = ["zicht.yaml"]
        for folder in ["content", "indicators", "interventions"] {
            let paths = FileManager.default.enumerator(atPath: project.appendingPathComponent(folder).path)?.allObjects as? [String] ?? []
            for path in paths where path.hasSuffix(".md") || path.hasSuffix(".yaml") { inputs.insert("\(folder)/\(path)") }
        }
        let loaded = try SiteProjectLoader.load(project)
        #expect(!loaded.images.isEmpty, "the demo shows an image")
        inputs.formUnion(loaded.images.keys)
        let config = loaded.config
        for source in config.dataSources { inputs.insert(source.file) }
        for source in config.boundaries { inputs.insert(source.file) }
        if let money = config.money {
            if let file = money.file { inputs.insert(file) }
            for source in money.iv3 { inputs.insert(source.file) }
        }
        return inputs
    }
}
