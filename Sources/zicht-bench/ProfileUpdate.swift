import ArgumentParser
import Foundation
import ZichtEngine

/// Times the steps of `SiteSession.update` after an edit of one page's text, in process (without
/// the watcher and the server), to see where the incremental rebuild spends its time.
struct ProfileUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile-update",
        abstract: "Time the steps of an incremental rebuild after editing one page's text.",
        discussion: """
            Builds PROJECT into OUT once, then REPEAT times replaces TEXT in FILE (a page of the \\
            project) with a new marker and calls SiteSession.update, printing each step's time.

            Example:
              zicht-bench profile-update /tmp/b/zicht --out /tmp/b/site --file content/x/y.md --text "Een zin"
            """)

    @Argument(help: "The Zicht site project.")
    var project: String

    @Option(help: "The output folder (replaced).")
    var out: String

    @Option(help: "The page file to edit, relative to the project.")
    var file: String

    @Option(help: "Text in the file to replace.")
    var text: String

    @Option(help: "How many edits.")
    var `repeat`: Int = 5

    func run() throws {
        let root = URL(fileURLWithPath: project).standardizedFileURL
        let session = SiteSession(project: root, output: URL(fileURLWithPath: out).standardizedFileURL, generator: "zicht-bench")
        try session.build()
        let url = root.appendingPathComponent(file)
        var content = try String(contentsOf: url, encoding: .utf8)
        guard content.contains(text) else { throw ValidationError("\(file) does not contain '\(text)'") }
        var current = text
        for run in 1...max(1, self.repeat) {
            let marker = "meting-\(run)-\(UInt32.random(in: 0...UInt32.max))"
            content = content.replacingOccurrences(of: current, with: marker)
            current = marker
            try Data(content.utf8).write(to: url)
            var steps: [String] = []
            let start = ContinuousClock.now
            let report = try session.update(changed: [file]) { name, duration in
                steps.append("\(name) \(Self.milliseconds(duration))")
            }
            print("run \(run): \(Self.milliseconds(ContinuousClock.now - start)) ms total, \(report.filesWritten) files written; " + steps.joined(separator: ", "))
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }
}
