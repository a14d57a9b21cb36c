import ArgumentParser
import Foundation
import ZichtEngine
import ZichtCore

struct GenerateSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-site",
        abstract: "Generate the same simulated document as a Zicht site project and as a Hugo site.",
        discussion: """
            Writes one document, domeinen of five ambities, ambities of up to 40 goals, and GOALS goal \
            pages (kind doel) with every section, five criteria, two kaders, a portefeuillehouder and \
            exactly three references to other goals. All text is generated filler, labelled \
            "Gesimuleerde tekst". The same seed gives the same files.

            The Hugo site gets the same Markdown bodies (ref: links become relref shortcodes), the same \
            URLs (doel/SLUG/ for every goal) and a minimal layout showing the same parts of a page.

            Example:
              zicht-bench generate-site --goals 2000 --zicht /tmp/b/zicht --hugo /tmp/b/hugo --manifest /tmp/b/goals.txt
              zicht build /tmp/b/zicht --out /tmp/b/zicht-site
              hugo --quiet -s /tmp/b/hugo -d /tmp/b/hugo-site
            """)

    @Option(help: "The number of goal pages (at least 2).")
    var goals: Int = 2000

    @Option(help: ArgumentHelp("The folder for the Zicht site project.", valueName: "dir"))
    var zicht: String

    @Option(help: ArgumentHelp("The folder for the Hugo site.", valueName: "dir"))
    var hugo: String

    @Option(help: "The seed of the generated text and references.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Also write the site path of every goal page, one a line (e.g. doel/1-1-1-schone-wijken/).", valueName: "file"))
    var manifest: String?

    func validate() throws {
        guard goals >= 2 else { throw ValidationError("--goals must be at least 2, found \(goals)") }
        guard goals <= 1_000_000 else { throw ValidationError("--goals must be at most 1000000, found \(goals)") }
    }

    func run() throws {
        let site = BenchmarkSite(goals: goals, seed: seed)
        do {
            let zichtFiles = try ZichtProjectWriter.write(site, to: url(zicht))
            let hugoFiles = try HugoSiteWriter.write(site, to: url(hugo))
            if let manifest {
                let paths = site.pages.filter { $0.kind == .doel }.map(\.sitePath)
                try Data((paths.joined(separator: "\n") + "\n").utf8).write(to: url(manifest))
            }
            print("\(site.pages.count) pages (\(site.goalCount) goals): \(zichtFiles) files in \(zicht), \(hugoFiles) files in \(hugo)")
        } catch let error as GenerateError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func url(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }
}
