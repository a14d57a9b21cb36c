import ArgumentParser
import ZichtEngine
import ZichtApp

struct DisclosureAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclosure-audit",
        abstract: "Check a table of published counts: can a count shown as '< 5' be worked out from the others?",
        discussion: """
            Reads a CSV file with the columns table,cell,cells,shown,value: one row per published \
            figure; 'cells' names the finest cells the figure adds up (separated by spaces), 'shown' is \
            the published count, '<' (below the threshold) or 'x' (withheld to protect another), 'value' \
            the true count (needed with --suppress). For every figure shown as '<' it prints the smallest \
            and largest value the other figures still allow (linear programming), and whether that \
            interval holds 1 to threshold − 1. docs/disclosure-control.md explains the rule.

            Examples:
              zicht disclosure-audit --input tabel.csv
              zicht disclosure-audit --input tabel.csv --suppress --threshold 10
            """)

    @Option(help: ArgumentHelp("The CSV file of published figures.", valueName: "file"))
    var input: String

    @Option(help: "Counts below this are shown as '< threshold'.")
    var threshold: Int = 5

    @Flag(help: "Add secondary suppressions until every '<' figure is protected, and list them as 'x'.")
    var suppress = false

    func validate() throws {
        guard threshold >= 1 else { throw ValidationError("--threshold must be 1 or more, found \(threshold)") }
    }

    func run() async throws {
        try await runReportingErrors {
            write(try ZichtApp.auditFigures(file: absoluteURL(input), shownAs: input, threshold: threshold, suppress: suppress))
        }
    }
}
