import ArgumentParser
import Foundation
import ZichtEngine
import ZichtSite

/// Swaps prebuilt versions of a site into a folder in a loop, the way `zicht build` replaces a site
/// (``AtomicDirectory``), for the load test of `zicht serve` (Tests/serve/load.sh).
struct SwapSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swap-site",
        abstract: "Swap built versions of a site into a folder, again and again, as rebuilds do.",
        discussion: """
            Copies the versions in turn into a staging folder beside SITE and swaps each in with \
            AtomicDirectory (renameat2 RENAME_EXCHANGE on Linux), deleting the old one, every --every \
            seconds, until --seconds have passed or the process is stopped. Prints "swaps N".

            Example:
              zicht-bench swap-site /tmp/known-a /tmp/known-b --site /tmp/project/site --seconds 20
            """)

    @Argument(help: "Folders holding built versions of the site.")
    var versions: [String]

    @Option(help: "The folder a server serves, which the versions replace.")
    var site: String

    @Option(help: "Seconds between two swaps.")
    var every: Double = 0.2

    @Option(help: "Seconds to keep swapping.")
    var seconds: Double = 20

    func validate() throws {
        guard !versions.isEmpty else { throw ValidationError("give at least one version folder") }
        guard every >= 0, seconds > 0 else { throw ValidationError("--every ≥ 0 and --seconds > 0") }
    }

    func run() throws {
        let sources = versions.map { URL(fileURLWithPath: $0) }
        let destination = URL(fileURLWithPath: site)
        let end = ContinuousClock.now + .seconds(seconds)
        var swaps = 0
        while ContinuousClock.now < end {
            // Under the output's lock, as a build swaps: otherwise a build of the same folder would
            // take this staging folder for one left by a killed build and remove it.
            try ZichtSite.OutputFolder(destination).withLock {
                let staging = try AtomicDirectory.makeStaging(for: destination)
                AtomicDirectory.discard(staging)
                try FileManager.default.copyItem(at: sources[swaps % sources.count], to: staging)
                try AtomicDirectory.commit(staging, to: destination)
            }
            swaps += 1
            Thread.sleep(forTimeInterval: every)
        }
        print("swaps \(swaps)")
    }
}
