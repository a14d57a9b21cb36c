import ArgumentParser
import Foundation
import ZichtCore

struct GenerateCycle: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-cycle",
        abstract: "Generate the same simulated P&C cycle as a Zicht project of several documents and as a Hugo site.",
        discussion: """
            Writes DOCUMENTS documents, alternately the begroting and the jaarverslag of 2020, 2021, …, \
            each with nine programma's of three ambities and goals up to PAGES pages, and a money file with \
            lasten and baten per programma and taakveld for every year the tables need. A jaarverslag goal \
            takes its description and criteria from the begroting by reference; every goal links to three \
            others. All text and amounts are generated and labelled as simulated; the same seed gives the \
            same files.

            The Hugo site has the same pages at the same URLs, with what Zicht computes given ready-made: \
            the begroting's text copied into each jaarverslag goal, and the financial tables as Markdown.

            Example:
              zicht-bench generate-cycle --documents 10 --pages 300 --zicht /tmp/c/zicht --hugo /tmp/c/hugo --manifest /tmp/c/goals.txt
            """)

    @Option(help: "The number of documents (at least 2): begroting and jaarverslag of consecutive years.")
    var documents: Int = 10

    @Option(help: "The number of pages of each document, generated pages not counted.")
    var pages: Int = 300

    @Option(help: ArgumentHelp("The folder for the Zicht project.", valueName: "dir"))
    var zicht: String

    @Option(help: ArgumentHelp("The folder for the Hugo site.", valueName: "dir"))
    var hugo: String

    @Option(help: "The seed of the generated text, references and amounts.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Also write the site path of every goal page, one a line (e.g. jaarverslag-2020/doel/1-1-1-schone-wijken/).", valueName: "file"))
    var manifest: String?

    func validate() throws {
        guard (2...40).contains(documents) else { throw ValidationError("--documents must be 2 to 40, found \(documents)") }
        let least = BenchmarkCycle.fixedPages + BenchmarkCycle.programmaNames.count * BenchmarkCycle.ambitiesPerProgramma
        guard (least...100_000).contains(pages) else { throw ValidationError("--pages must be \(least) to 100000, found \(pages)") }
    }

    func run() throws {
        let cycle = BenchmarkCycle(documents: documents, pagesPerDocument: pages, seed: seed)
        do {
            let zichtFiles = try CycleZichtWriter.write(cycle, to: url(zicht))
            let hugoFiles = try CycleHugoWriter.write(cycle, to: url(hugo))
            if let manifest {
                let paths = cycle.documents.flatMap { document in
                    document.pages.filter { $0.kind == .doel }.map { "\(document.key)/\($0.sitePath)" }
                }
                try Data((paths.joined(separator: "\n") + "\n").utf8).write(to: url(manifest))
            }
            print("\(cycle.documents.count) documents, \(cycle.pageCount) pages (\(cycle.goalCount) goals), \(cycle.amounts.count) amounts: \(zichtFiles) files in \(zicht), \(hugoFiles) files in \(hugo)")
        } catch let error as GenerateError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func url(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }
}
