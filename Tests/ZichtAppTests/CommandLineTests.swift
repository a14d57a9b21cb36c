import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtSite
import ZichtSources
import ZichtStore
import ZichtTestSupport

/// Runs the real `zicht` executable that `swift build` put beside the test bundle: exit codes,
/// usage errors and what reaches standard output and standard error. What the commands compute is
/// tested in process (`CommandLibraryTests`).
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

    /// The demo builds and exits with status 0 and a line on standard output; what it builds is
    /// checked in process (`CommandLibraryTests`).
    @Test func demoBuildsWithoutServing() throws {
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        // Without a browser on PATH the demo skips the PDFs and says so (DocumentPDFTests makes them).
        let run = try zicht(
            ["demo", "--no-serve", "--out", out.path], environment: ["SOURCE_DATE_EPOCH": "1593590160", "PATH": "/nonexistent", "ZICHT_CHROMIUM": ""])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("Skipped the PDFs: Chromium was not found") && lines[0].contains("apt-get install chromium"))
        #expect(lines.last?.hasPrefix("Example site built: ") == true && run.stdout.hasSuffix(" pages in \(out.path)\n"))
        let goal = try String(contentsOf: out.appendingPathComponent("jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.html"), encoding: .utf8)
        #expect(goal.contains("Gebouwd op <time datetime=\"2020-07-01T09:56:00+02:00\">1 juli 2020 om 09:56</time>"), "SOURCE_DATE_EPOCH is read")
    }

    /// An analysis command writes its result to standard output and its notices to standard error;
    /// a problem in its input is one located error with exit status 1.
    @Test func analysisCommandsSeparateResultNoticesAndErrors() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let events = folder.appendingPathComponent("inbraken.csv")
        try Data("x,y,date\n1000,2000,2019-03-01\n1010,2000,2019-03-04\n1500,2600,2019-03-20\n1000,2000,2019-03-01\n".utf8).write(to: events)
        let knox = try zicht(["nearrepeat", "--input", events.path, "--permutations", "9", "--format", "csv"])
        #expect(knox.status == 0, "\(knox.stderr)")
        #expect(knox.stdout.hasPrefix("space_from,space_to,time_from,time_to,observed"))
        #expect(knox.stderr.hasPrefix("\(events.path):5: warning: 1 row repeats an earlier row's x, y and date exactly: line 5 (as 2)"), "\(knox.stderr)")
        let same = folder.appendingPathComponent("zelfde-dag.csv")
        try Data("x,y,date\n1000,2000,2019-03-01\n1010,2000,2019-03-01\n1500,2600,2019-03-01\n".utf8).write(to: same)
        let failed = try zicht(["nearrepeat", "--input", same.path])
        #expect(failed.status == 1)
        #expect(failed.stdout.isEmpty)
        #expect(failed.stderr.hasPrefix("\(same.path): error: All events happened at the same time"), "\(failed.stderr)")
        #expect(failed.stderr.hasSuffix("1 error found.\n"))
    }

    /// Usage errors are ArgumentParser's: exit status 64, the problem and the usage line.
    @Test(arguments: [
        (["evaluate"], "give a project folder, or --panel FILE.csv"),
        (["nearrepeat"], "give --input FILE.csv or --project FOLDER"),
        (["hotspots", "--project", ".", "--years", "2019-2017"], "--years: expected a year such as 2019"),
        (["disclosure-audit", "--input", "x.csv", "--threshold", "0"], "--threshold must be 1 or more, found 0"),
    ])
    func usageErrorsExitWith64(_ arguments: [String], _ message: String) throws {
        let run = try zicht(arguments)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.contains("Usage: zicht \(arguments[0])"), "\(run.stderr)")
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
        #expect(project.config.documents.map(\.key) == ["begroting-2019", "jaarverslag-2019"])
        let goal = try #require(document["jaarverslag-2019/7.2.1"])
        #expect(goal.kind == .doel && goal.parentID == "jaarverslag-2019/7.2")
        #expect(goal.originID == "begroting-2019/7.2.1" && goal.origin == "tekst uit Begroting 2019")
        #expect(goal.sections.first?.title == "Beschrijving doel")
        #expect(goal.sections.contains { $0.title == "Toelichting op realisatie doel" })
        #expect(!goal.criteria.isEmpty)
        #expect(goal.indicatorIDs == [
            "bbv-verwijzingen-halt", "bbv-winkeldiefstallen", "bbv-geweldsmisdrijven", "bbv-diefstallen-uit-woning", "bbv-vernielingen",
            "lokaal-misdrijven-totaal",
        ])
        #expect(project.indicatorDefinitions.map(\.id) == ["lokaal-misdrijven-totaal"])
        #expect(goal.portefeuillehouder != nil)
        #expect(document["jaarverslag-2019/7.2.4"]?.kind == .doel && document["begroting-2019/7.2.4"]?.kind == .doel)
        #expect(document["jaarverslag-2019/leeswijzer"] != nil && document["jaarverslag-2019/colofon"] != nil)
        for paragraaf in ["paragraaf-weerstandsvermogen", "paragraaf-bedrijfsvoering"] {
            #expect(document["begroting-2019/\(paragraaf)"]?.kind == .paragraaf && document["jaarverslag-2019/\(paragraaf)"]?.kind == .paragraaf)
        }
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
        // The content pages, the wijken overview, one page per wijk (16 in the 2014 boundaries), an
        // evaluation per intervention, the overview of baten and lasten of each document, and the
        // maps and patterns pages of goal 7.2.1.
        #expect(report.pageCount == document.count + 1 + 16 + project.interventions.count + project.config.documents.count + 2)
        for node in document.nodesInOrder where node.kind != .document {
            let path = out.appendingPathComponent("\(node.documentKey ?? "")/\(node.kind.rawValue)").path
            #expect(FileManager.default.fileExists(atPath: path), "\(node.id)")
        }
    }
}
