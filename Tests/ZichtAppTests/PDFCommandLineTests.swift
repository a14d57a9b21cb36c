import Foundation
import Testing
import ZichtTestSupport

/// `zicht build --pdf` when no PDF can be made: a clear error naming what is missing and how to
/// install it, exit status 1, and the previous site exactly as it was.
extension CommandLineTests {
    /// Every file of a folder (hidden ones too) with its bytes.
    static func contents(of folder: URL) -> [String: Data] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return Dictionary(uniqueKeysWithValues: paths.compactMap { path in
            FileManager.default.contents(atPath: folder.appendingPathComponent(path).path).map { (path, $0) }
        })
    }

    func builtProject() throws -> (project: TemporaryProject, output: URL, files: [String: Data]) {
        let project = try TemporaryProject(files: TemporaryProject.minimalFiles)
        let output = project.root.appendingPathComponent("site")
        let first = try zicht(["build", project.root.path, "--out", output.path])
        #expect(first.status == 0, "\(first.stderr)")
        return (project, output, Self.contents(of: output))
    }

    @Test(arguments: [
        (["ZICHT_CHROMIUM": "/nonexistent"], "ZICHT_CHROMIUM is set to '/nonexistent', which is not an executable file"),
        (["ZICHT_CHROMIUM": "", "PATH": "/nonexistent"], "Chromium was not found (ZICHT_CHROMIUM is not set, and none of chromium, chromium-browser"),
    ])
    func buildWithPDFWithoutChromiumFailsAndKeepsTheSite(environment: [String: String], message: String) throws {
        let (project, output, before) = try builtProject()
        defer { project.remove() }
        let run = try zicht(["build", project.root.path, "--out", output.path, "--pdf"], environment: environment)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: cannot make PDFs: \(message)"), "\(run.stderr)")
        #expect(run.stderr.contains("hint: install Chromium (on Debian or Ubuntu: apt-get install chromium)"), "\(run.stderr)")
        #expect(Self.contents(of: output) == before, "the previous site is untouched")
    }

    /// A browser that starts but fails: its own words reach the message, and nothing is written.
    @Test func aFailingBrowserStopsTheBuildWithItsMessage() throws {
        let (project, output, before) = try builtProject()
        defer { project.remove() }
        let browser = project.root.appendingPathComponent("kapotte-browser")
        try Data("#!/bin/sh\necho 'Failed to connect to the bus: dbus' >&2\necho 'Missing X server or $DISPLAY' >&2\nexit 3\n".utf8).write(to: browser)
        chmod(browser.path, 0o755)
        let run = try zicht(["build", project.root.path, "--out", output.path, "--pdf"], environment: ["ZICHT_CHROMIUM": browser.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: cannot make the PDF of 'Jaarverslag 2019': Chromium exited with status 3; it said:\n      Missing X server or $DISPLAY\n"), "\(run.stderr)")
        #expect(!run.stderr.contains("dbus"))
        #expect(Self.contents(of: output) == before, "the previous site is untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix(".site.zicht-") }
        #expect(leftovers.isEmpty, "no staging folder is left: \(leftovers)")
    }
}
