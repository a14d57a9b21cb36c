import ArgumentParser
import Foundation
import ZichtEngine
import ZichtApp
import ZichtSources
import ZichtStats

struct NearRepeat: AsyncParsableCommand {
    enum Metric: String, ExpressibleByArgument, CaseIterable {
        case euclidean, manhattan
    }

    enum Intervals: String, ExpressibleByArgument, CaseIterable {
        case halfOpen = "half-open", closed
    }

    static let configuration = CommandConfiguration(
        commandName: "nearrepeat",
        abstract: "Knox near-repeat analysis: are events close in space also close in time more often than chance?",
        discussion: """
            Reads a CSV file of events (columns x and y in metres, and date as YYYY-MM-DD[THH:MM[:SS]] or t in \
            days; a file without a header has x, y, date in that order), counts all pairs of events per \
            distance band and time band, and compares the counts with random permutations of the dates. \
            Per cell: observed pairs, mean and median expected pairs, the Knox ratio (observed / mean \
            expected) and the p-value (k + 1) / (P + 1). Rows that repeat an earlier row are counted and \
            reported as warnings. See docs/near-repeat.md.

            Bands are half-open by default: --space-breaks 0,1,100 gives [0, 1) (same location), [1, 100) and \
            ≥ 100 m. --intervals closed gives [0, 1], (1, 100] and > 100, as pointpats and R's \
            surveillance::knox count. The same seed gives the same result on any machine.

            Examples:
              zicht nearrepeat --input inbraken.csv
              zicht nearrepeat --input chicago_be_month1.csv --metric manhattan --calculator-labels
              zicht nearrepeat --input inbraken.csv --space-breaks 0,200 --time-breaks 0,7 --intervals closed --format json
            """)

    @Option(help: ArgumentHelp("The CSV file of events.", valueName: "file"))
    var input: String?

    @OptionGroup var source: ProjectIncidentOptions

    @Option(help: ArgumentHelp("Distance band breaks in metres, starting at 0.", valueName: "metres"))
    var spaceBreaks: String = "0,1,100,200,300"

    @Option(help: ArgumentHelp("Time band breaks in days, starting at 0.", valueName: "days"))
    var timeBreaks: String = "0,7,14,21"

    @Option(help: "Distance: euclidean (straight line) or manhattan (|dx| + |dy|).")
    var metric: Metric = .euclidean

    @Option(help: "Band ends: half-open [a, b) or closed (a, b].")
    var intervals: Intervals = .halfOpen

    @Option(help: "Random permutations of the times (999 gives a smallest p-value of 0.001).")
    var permutations: Int = 999

    @Option(help: "Seed of the permutations.")
    var seed: UInt64 = 1

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @Flag(help: "Label the bands as the Near Repeat Calculator does (\"1 to 100\", \"101 to 200\", \"More than 300\").")
    var calculatorLabels = false

    @Flag(help: "The file has no header: its columns are x, y and date (or t). Without this flag a file whose first row starts with two numbers is read the same way.")
    var noHeader = false

    func validate() throws {
        _ = try Self.breaks(spaceBreaks, option: "--space-breaks")
        _ = try Self.breaks(timeBreaks, option: "--time-breaks")
        _ = try source.source(input: input)
    }

    static func breaks(_ text: String, option: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Double] = []
        for part in parts {
            guard let value = Double(part), value.isFinite else {
                throw ValidationError("\(option): expected numbers separated by commas, such as 0,7,14,21; found '\(part)' in '\(text)'")
            }
            values.append(value)
        }
        return values
    }

    func run() async throws {
        try await runReportingErrors {
            let parameters = KnoxParameters(
                spaceBreaks: try Self.breaks(spaceBreaks, option: "--space-breaks"),
                timeBreaks: try Self.breaks(timeBreaks, option: "--time-breaks"),
                metric: metric == .euclidean ? .euclidean : .manhattan,
                intervals: intervals == .halfOpen ? .halfOpen : .closed,
                permutations: permutations, seed: seed)
            let run = try NearRepeatRun.run(try source.source(input: input), parameters: parameters, header: noHeader ? .absent : .automatic)
            warn(run.notices)
            write(try run.output(format, labels: calculatorLabels ? .calculator : .honest))
        }
    }
}
