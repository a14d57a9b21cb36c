import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtSite
import ZichtTestSupport

/// A build may replace only its own earlier output: never the project, its inputs, an ancestor of
/// them, or a folder someone else filled. Checked through the real `zicht` executable for `build`,
/// `serve` and `demo`, and in process for the rules themselves.
struct OutputSafetyTests {
    let cli = CommandLineTests()

    /// The project's own folders, its parent and a foreign folder as outputs: each refused with the
    /// reason, exit status 1, and the project byte for byte as before.
    @Test(arguments: [".", "content", "content/jaarverslag-2019/7-fysiek-domein", "data", ".zicht", "indicators", "interventions", "theme", ".."])
    func buildRefusesToReplaceTheProjectOrItsInputs(_ relative: String) throws {
        let project = cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: project) }
        try ZichtApp.copyExample(to: project)
        try FileManager.default.createDirectory(at: project.appendingPathComponent(".zicht"), withIntermediateDirectories: true)
        try Data("snapshot".utf8).write(to: project.appendingPathComponent(".zicht/keep"))
        let before = try FolderContents.files(in: project)
        let run = try cli.zicht(["build", project.path, "--out", project.appendingPathComponent(relative).path])
        #expect(run.status == 1, "\(relative): \(run.stdout)")
        #expect(run.stderr.contains("refusing to write the site into"), "\(relative): \(run.stderr)")
        #expect(try FolderContents.files(in: project) == before, "\(relative): the project changed")
    }

    @Test func foreignFoldersFilesAndLinksAreRefusedByBuildServeAndDemo() throws {
        let project = cli.temporaryFolder()
        let foreign = cli.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: project)
            try? FileManager.default.removeItem(at: foreign)
        }
        try ZichtApp.copyExample(to: project)
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("mijn scriptie".utf8).write(to: foreign.appendingPathComponent("scriptie.docx"))
        let file = foreign.appendingPathComponent("scriptie.docx")
        let link = foreign.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: project.appendingPathComponent("content"))
        for (arguments, reason) in [
            (["build", project.path, "--out", foreign.path], "not empty and was not written by Zicht"),
            (["demo", "--no-serve", "--out", foreign.path], "not empty and was not written by Zicht"),
            (["serve", project.path, "--port", "0", "--out", foreign.path], "not empty and was not written by Zicht"),
            (["serve", project.path, "--port", "0", "--out", project.path], "the project folder"),
            (["build", project.path, "--out", file.path], "a file, not a folder"),
            (["build", project.path, "--out", link.path], "lies inside the project's 'content'"),
        ] {
            let run = try cli.zicht(arguments)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.contains(reason), "\(arguments): \(run.stderr)")
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "mijn scriptie")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("content/jaarverslag-2019/index.md").path))
    }

    @Test func emptyAbsentAndEarlierZichtOutputsAreReplaced() throws {
        let minimal = try TemporaryProject(files: TemporaryProject.minimalFiles)
        let project = minimal.root
        let parent = cli.temporaryFolder()
        defer {
            minimal.remove()
            try? FileManager.default.removeItem(at: parent)
        }
        let empty = parent.appendingPathComponent("leeg")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        for output in [empty, parent.appendingPathComponent("nieuw/diep")] {
            try ZichtApp.build(project: project, output: output, builtAt: Date(timeIntervalSince1970: 0))
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(OutputFolder.markerName).path))
            // The second build replaces the first: the marker says it is Zicht's own.
            try Data("oud".utf8).write(to: output.appendingPathComponent("oud.txt"))
            try ZichtApp.build(project: project, output: output, builtAt: Date(timeIntervalSince1970: 0))
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("oud.txt").path))
        }
        // The default output inside the project is fine.
        let run = try cli.zicht(["build", project.path])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func stagingFoldersOfAKilledBuildAreRemovedByTheNextBuild() throws {
        let project = try TemporaryProject(files: TemporaryProject.minimalFiles)
        defer { project.remove() }
        let output = project.root.appendingPathComponent("site")
        // What a build killed with SIGKILL leaves: a half-written staging folder beside the output.
        let stale = project.root.appendingPathComponent(".site.zicht-deadbeef")
        try FileManager.default.createDirectory(at: stale.appendingPathComponent("doel"), withIntermediateDirectories: true)
        try Data(count: 1 << 16).write(to: stale.appendingPathComponent("doel/index.html"))
        try ZichtApp.build(project: project.root, output: output)
        let left = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix(".site.") }
        #expect(left.isEmpty, "\(left)")
    }

    /// A build killed with SIGKILL in the middle, then a new one: the new one succeeds, removes the
    /// staging folder and the site is whole.
    @Test func killNineDuringABuildLosesNothing() throws {
        let project = cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: project) }
        try ZichtApp.copyExample(to: project)
        let output = project.appendingPathComponent("site")
        #expect(try cli.zicht(["build", project.path]).status == 0)
        let before = try FolderContents.files(in: output)
        for delay in [0.3, 0.8, 1.5] {
            let process = Process()
            process.executableURL = CommandLineTests.executable
            process.arguments = ["build", project.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Whatever moment it died at, the site is a whole build (the old one or a new one).
            let after = try FolderContents.files(in: output)
            #expect(after.keys.sorted() == before.keys.sorted(), "after kill at \(delay) s")
        }
        let run = try cli.zicht(["build", project.path])
        #expect(run.status == 0, "\(run.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: project.path).filter { $0.hasPrefix(".site.") }
        #expect(left.isEmpty, "\(left)")
    }

    /// Two processes on one project at once: both succeed (the second waits for the snapshot and the
    /// output), and the site is whole.
    @Test func twoBuildsAtOnceBothSucceed() throws {
        let project = cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: project) }
        try ZichtApp.copyExample(to: project)
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = CommandLineTests.executable
            process.arguments = ["build", project.path]
            let err = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = err
            return (process, err)
        }
        for (process, _) in processes { try process.run() }
        var errors: [String] = []
        for (process, err) in processes {
            errors.append(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            process.waitUntilExit()
        }
        for (index, (process, _)) in processes.enumerated() {
            #expect(process.terminationStatus == 0, "build \(index): \(errors[index])")
            #expect(!errors[index].contains("locked"), "build \(index): \(errors[index])")
        }
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.html").path))
    }
}
