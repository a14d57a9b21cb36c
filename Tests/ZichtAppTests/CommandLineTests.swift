import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtSite
import ZichtSources
import ZichtStore
import ZichtTestSupport

/// Runs the real `zicht` executable that `swift build` put beside the test bundle.
struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["ZICHT_EXECUTABLE"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("zicht")
    }

    func zicht(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("zicht-cli-\(UUID().uuidString)")
    }

    @Test func versionAndHelp() throws {
        let version = try zicht(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == ZichtApp.version)
        for command in ["demo", "init", "build", "serve"] {
            let help = try zicht([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("zicht \(command)"), "help of \(command) has an example")
        }
    }

    @Test func demoBuildsWithoutServing() throws {
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try zicht(["demo", "--no-serve", "--out", out.path], environment: ["SOURCE_DATE_EPOCH": "1593590160"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(out.path))
        let goal = try String(contentsOf: out.appendingPathComponent("doel/7-2-1-sociale-veiligheid/index.html"), encoding: .utf8)
        #expect(goal.contains("Gebouwd op <time datetime=\"2020-07-01T09:56:00+02:00\">1 juli 2020 om 09:56</time>"))
        // The BBV indicators from the bundled real CBS files, with source and retrieval date.
        #expect(goal.contains("Geweldsmisdrijven"))
        #expect(goal.contains("In 2015 was het cijfer voor Zwolle 6,5 per 1.000 inwoners (Overijssel 4,3, Nederland 5,5)."))
        #expect(goal.contains("Bron: CBS, tabel 70072ned (Regionale kerncijfers Nederland), opgehaald op 6 juni 2018"))
        #expect(goal.contains("Halt-cijfers staan niet in de open data"))
        // The real Buurt-voor-Buurt 2014 figures on a map of the 78 buurten, with table and summary.
        #expect(goal.contains(">Veiligheid in de wijken</h2>"))
        #expect(goal.contains("Hoogste waarden: Mastenbroek 8,2"))
        #expect(goal.matches(of: /<path [^>]*d="M/).count >= 2 * 78, "one path per buurt on each of the two maps")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("doel/7-2-1-sociale-veiligheid/index.json"))) as! [String: Any]
        let maps = try #require(json["maps"] as? [[String: Any]])
        #expect(maps.count == 3)
        // The third map: simulated violence and vandalism per 1,000 inhabitants, labelled as simulated.
        #expect(goal.contains("Geweld en vernieling per 1.000 inwoners (gesimuleerd)"))
        #expect(goal.contains("Deze kaart toont gesimuleerde cijfers"))
        // The evaluation of the camera extension, linked from the goal.
        #expect(goal.contains("Werken onze veiligheidsinstrumenten?"))
        let evaluation = try String(
            contentsOf: out.appendingPathComponent("pagina/evaluatie-uitbreiding-cameratoezicht-binnenstad-gesimuleerd/index.html"), encoding: .utf8)
        #expect(evaluation.contains("gesimuleerde incidenten"))
        #expect(evaluation.contains("Bevat echt effect 0,80?"))
        // Near repeats, hot spots and the prevention list for simulated burglary.
        #expect(goal.contains("Woninginbraken: waar en wanneer (gesimuleerd)"))
        #expect(goal.contains("Buurten in het waarschuwingsgebied (gesimuleerd)"))
        let values = try #require(maps[0]["values"] as? [[String: Any]])
        #expect(values.count == 78)
        #expect(values.first { $0["region"] as? String == "BU01931000" }?["value"] as? Double == 6.9647)
        #expect(values.filter { $0["value"] == nil }.count == 4, "unknown stays absent, never 0")
        let csv = try String(contentsOf: out.appendingPathComponent("indicatoren/bbv-geweldsmisdrijven.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("indicator,region,period,value,unit,numerator,denominator,source,method\n"))
        #expect(csv.contains("bbv-geweldsmisdrijven,GM0193,2015,6.5000"))
    }

    /// `nearrepeat` and `hotspots` on a project's snapshot (the example's simulated burglaries).
    @Test func analysesRunOnAProjectSnapshot() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try zicht(["init", folder.path]).status == 0)
        let knox = try zicht(["nearrepeat", "--project", folder.path, "--years", "2019", "--space-breaks", "0,200", "--time-breaks", "0,14",
                              "--permutations", "99", "--format", "csv"])
        #expect(knox.status == 0, "\(knox.stderr)")
        #expect(knox.stderr.contains("gesimuleerd"))
        #expect(knox.stdout.hasPrefix("space_from,space_to,time_from,time_to,observed,expected_mean,expected_median,knox_ratio,p_value"))
        #expect(knox.stdout.split(separator: "\n").count == 1 + 4)
        let hot = try zicht(["hotspots", "--project", folder.path, "--years", "2019", "--cell", "500", "--permutations", "99", "--format", "csv"])
        #expect(hot.status == 0, "\(hot.stderr)")
        #expect(hot.stdout.hasPrefix("row,col,value,density,gi_z,gi_p,significant"))
        let none = try zicht(["nearrepeat", "--project", folder.path, "--years", "2031"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no incidents of types 1.1.1 with coordinates in 2031–2031"))
    }

    @Test func initThenBuild() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let initRun = try zicht(["init", folder.path])
        #expect(initRun.status == 0, "\(initRun.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("zicht.yaml").path))
        let again = try zicht(["init", folder.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists and is not empty"))
        let build = try zicht(["build", folder.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/index.html").path))
    }

    @Test func brokenProjectExitsWithStatusOneAndListsEveryProblem() throws {
        let project = try TemporaryProject(files: TemporaryProject.minimalFiles)
        defer { project.remove() }
        let site = project.root.appendingPathComponent("site")
        #expect(try zicht(["build", project.root.path]).status == 0)
        let before = try Data(contentsOf: site.appendingPathComponent("index.html"))
        try project.write("---\nid: leeswijzer\nkind: hoofdstuk\ntitle: Leeswijzer\nparent: jv\n---\nZie [x](ref:nergens).\n", to: "content/leeswijzer.md")
        let run = try zicht(["build", project.root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/leeswijzer.md:3:7: error: unknown kind 'hoofdstuk'"))
        #expect(run.stderr.contains("hint: use one of: document, domein"))
        #expect(run.stderr.contains("1 error found."))
        #expect(try Data(contentsOf: site.appendingPathComponent("index.html")) == before, "previous site kept")
    }

    @Test func missingProjectIsExplained() throws {
        let run = try zicht(["build", temporaryFolder().path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("zicht.yaml: error: file not found"))
        #expect(run.stderr.contains("zicht init DIR"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let run = try zicht(["build", "--nonsense"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Unknown option '--nonsense'"))
    }
}

struct ExampleProjectTests {
    @Test func exampleIsCompleteAndBuilds() throws {
        let project = try SiteProjectLoader.load(ZichtApp.exampleProject)
        let document = project.document
        #expect(project.config.organisation.code == "GM0193")
        #expect(project.config.document.kind == .jaarverslag && project.config.document.year == 2019)
        #expect(project.config.notice?.isEmpty == false, "every page says it is an example")
        let goal = try #require(document["7.2.1"])
        #expect(goal.kind == .doel && goal.parentID == "7.2")
        #expect(goal.sections.first?.title == "Beschrijving doel")
        #expect(goal.sections.contains { $0.title == "Toelichting op realisatie doel" })
        #expect(!goal.criteria.isEmpty)
        #expect(goal.indicatorIDs == [
            "bbv-verwijzingen-halt", "bbv-winkeldiefstallen", "bbv-geweldsmisdrijven", "bbv-diefstallen-uit-woning", "bbv-vernielingen",
            "lokaal-misdrijven-totaal",
        ])
        #expect(project.indicatorDefinitions.map(\.id) == ["lokaal-misdrijven-totaal"])
        #expect(goal.portefeuillehouder != nil)
        #expect(document["7.2.4"]?.kind == .doel)
        #expect(document["leeswijzer"] != nil && document["colofon"] != nil)
        let ambities = document.nodesInOrder.filter { $0.kind == .ambitie }
        #expect(ambities.count >= 2)
        for ambitie in ambities { #expect(!document.children(of: ambitie.id).isEmpty) }

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-example-\(UUID().uuidString)")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-example-project-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: copy)
        }
        try ZichtApp.copyExample(to: copy)
        let report = try ZichtApp.build(project: copy, output: out)
        #expect(!FileManager.default.fileExists(atPath: ZichtApp.snapshotURL(of: ZichtApp.exampleProject).path), "the bundle stays clean")
        // Building again imports nothing new: the snapshot keeps one source per file.
        try ZichtApp.build(project: copy, output: out)
        let snapshot = try Snapshot(url: ZichtApp.snapshotURL(of: copy))
        // One source per data file, the simulated incidents, and the inhabitants per buurt estimated
        // for them.
        #expect(try snapshot.sources().count == project.config.dataSources.count + project.config.incidentSources.count + 1)
        // The content pages, the wijken overview and one page per wijk (16 in the 2014 boundaries).
        #expect(report.pageCount == document.count + 1 + 16 + project.interventions.count)
        for node in document.nodesInOrder where node.kind != .document {
            let path = out.appendingPathComponent("\(node.kind.rawValue)").path
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }
}
