import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtTestSupport

/// Every error the command line prints speaks to the user: what and where, in plain words, with a
/// non-zero exit, and never an internal name (a Foundation error domain, a Swift type, an error
/// number in parentheses).
struct ErrorMessageTests {
    let cli = CommandLineTests()

    /// Text that means an internal error leaked to the user.
    static var internalNames: Regex<Substring> { /NSCocoaErrorDomain|Error Domain|NSPOSIXErrorDomain|ArgumentParser\.|Swift\.|Foundation\.|Zicht[A-Z][A-Za-z]+\.[A-Za-z]|Optional\(|error [0-9]+\)|\(errno/ }

    static func expectSpeaksToTheUser(_ run: CommandLineTests.Run, _ label: String, mentions: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status != 0, "\(label) should fail", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(mentions), "\(label): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.firstMatch(of: internalNames) == nil, "\(label) leaks an internal name: \(run.stderr)", sourceLocation: sourceLocation)
    }

    @Test func hostileArgumentsAndFilesGetPlainLocatedErrors() throws {
        let folder = cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("project")
        try ZichtApp.copyExample(to: project)
        let csv = project.appendingPathComponent("data/cbs-83648NED-2015-gemeenten-selectie.csv").path
        let fifo = folder.appendingPathComponent("pijp.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let cases: [(arguments: [String], mentions: String)] = [
            (["import", project.path, csv, "--retrieved", "2019-13-45"], "--retrieved: expected a date as YYYY-MM-DD, found '2019-13-45'"),
            (["import", project.path, folder.appendingPathComponent("bestaat-niet.csv").path], "file not found"),
            (["import", project.path, fifo], "named pipe (FIFO)"),
            (["import", project.path, fifo, "--incidents"], "named pipe (FIFO)"),
            (["build", folder.appendingPathComponent("geen-project").path], "zicht.yaml: error: file not found"),
            (["nearrepeat", "--input", fifo], "named pipe (FIFO)"),
            (["hotspots", "--input", "/dev/zero"], "character device"),
            (["evaluate", "--panel", folder.path], "folder"),
        ]
        for item in cases {
            let run = try cli.zicht(item.arguments)
            Self.expectSpeaksToTheUser(run, item.arguments.joined(separator: " "), mentions: item.mentions)
        }
    }

    /// A title of 250 characters used to stop the build with "The file name is invalid.".
    @Test func aVeryLongTitleStillBuilds() throws {
        var files = TemporaryProject.minimalFiles
        let title = String(repeating: "Veiligheid in de wijk ", count: 12)  // 264 characters
        files["content/lang.md"] = "---\nid: lang\nkind: pagina\ntitle: \(title)\nparent: jv\n---\nTekst.\n"
        let project = try TemporaryProject(files: files)
        defer { project.remove() }
        let run = try cli.zicht(["build", project.root.path])
        #expect(run.status == 0, "\(run.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent("site/pagina").path)
        let long = try #require(pages.first { $0.hasPrefix("veiligheid-in-de-wijk") })
        #expect(long.count <= 80)
    }

    /// A full disk: the build stops with "the disk is full", exit 1, and the previous site is whole.
    /// Needs a small tmpfs, which root can mount here (CI runs as root).
    @Test func aFullDiskSaysSoAndKeepsThePreviousSite() throws {
        let project = try TemporaryProject(files: TemporaryProject.minimalFiles)
        defer { project.remove() }
        let disk = cli.temporaryFolder()
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: disk) }
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.path]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "mounting a 2 MiB tmpfs needs root")
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [disk.path]
            try? umount.run()
            umount.waitUntilExit()
        }
        let site = disk.appendingPathComponent("site")
        #expect(try cli.zicht(["build", project.root.path, "--out", site.path]).status == 0)
        let before = try FolderContents.files(in: site)
        // Fill the rest of the disk.
        let filler = FileHandle(forWritingAtPath: disk.path + "/vol") ?? {
            FileManager.default.createFile(atPath: disk.path + "/vol", contents: nil)
            return FileHandle(forWritingAtPath: disk.path + "/vol")!
        }()
        let block = Data(count: 64 * 1024)
        while (try? filler.write(contentsOf: block)) != nil {}
        try? filler.close()
        let run = try cli.zicht(["build", project.root.path, "--out", site.path])
        Self.expectSpeaksToTheUser(run, "build on a full disk", mentions: "the disk is full")
        #expect(try FolderContents.files(in: site) == before, "the previous site changed")
        let left = try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { $0.hasPrefix(".site.") }
        #expect(left.isEmpty, "staging left behind: \(left)")
    }
}

extension ErrorMessageTests {
    /// A folder the builder cannot read used to drop its pages with exit 0. Root reads every folder,
    /// so the build runs as the unprivileged user `nobody` (through runuser) when the tests run as root.
    @Test(arguments: ["content/jaarverslag-2019/7-fysiek-domein", "interventions"])
    func anUnreadableFolderIsAnError(_ folder: String) throws {
        let project = cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: project) }
        try ZichtApp.copyExample(to: project)
        let process = Process()
        if geteuid() == 0 {
            let chown = Process()
            chown.executableURL = URL(fileURLWithPath: "/bin/chown")
            chown.arguments = ["-R", "nobody", project.path]
            try chown.run()
            chown.waitUntilExit()
            try #require(chown.terminationStatus == 0)
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "nobody", "--", CommandLineTests.executable.path, "build", project.path]
        } else {
            process.executableURL = CommandLineTests.executable
            process.arguments = ["build", project.path]
        }
        #expect(chmod(project.appendingPathComponent(folder).path, 0) == 0)
        defer { chmod(project.appendingPathComponent(folder).path, 0o755) }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("\(folder): error: cannot read the folder"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path), "no site was written")
    }
}
