import ArgumentParser
import Foundation
import ZichtEngine
import ZichtAnalysis
import ZichtApp
import ZichtSources
import ZichtStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import StatLine CSV files (CBS or police portal) into the project's snapshot.",
        discussion: """
            Each file is imported in one transaction; importing the same file twice changes nothing. \
            Files listed under 'data:' in zicht.yaml are imported automatically before every build.

            Examples:
              zicht import mijn-jaarverslag 83648NED_UntypedDataSet_17052018.csv
              zicht import . buurtcijfers.csv --table 85618NED --retrieved 2024-03-01
              zicht import . incidenten.csv --incidents
            """)

    @Argument(help: "The project folder.")
    var project: String

    @Argument(help: "The CSV files to import.")
    var files: [String]

    @Flag(help: "The files are incident lists (id, date, type, location); they are counted per buurt, year and type.")
    var incidents = false

    @Option(help: "The StatLine table id (default: read from the file name).")
    var table: String?

    @Option(help: "The download date, YYYY-MM-DD (default: the file's modification date).")
    var retrieved: String?

    @Option(help: "Whom to cite as the source.")
    var publisher: String = "CBS"

    func validate() throws {
        _ = try retrievedDay()
    }

    /// The day of --retrieved, or nil without it.
    func retrievedDay() throws -> Date? {
        guard let retrieved else { return nil }
        guard let day = ProjectConfigReader.parseDay(retrieved) else {
            throw ValidationError("--retrieved: expected a date as YYYY-MM-DD, found '\(retrieved)'")
        }
        return day
    }

    func run() async throws {
        try await runReportingErrors {
            if incidents {
                try ImportRun.incidents(project: absoluteURL(project), files: files.map(absoluteURL), shownAs: files)
            } else {
                let run = try ImportRun.tables(
                    project: absoluteURL(project), files: files.map(absoluteURL), table: table, retrieved: try retrievedDay(), publisher: publisher)
                for line in run.lines { printLine(line) }
            }
        }
    }
}

struct Indicators: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the project's indicators: one row per indicator, region and period.",
        discussion: """
            Columns: indicator,region,period,value,unit,numerator,denominator,source. Regions are CBS codes \
            (NL01, PV23, GM0193); CSV and JSON use a decimal point; unknown values are empty.

            Examples:
              zicht indicators mijn-jaarverslag
              zicht indicators --format csv > indicatoren.csv
            """)

    @Argument(help: "The project folder.")
    var project: String = "."

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    func run() async throws {
        try await runReportingErrors {
            let tables = try ZichtApp.indicatorTables(project: absoluteURL(project))
            switch format {
            case .table: FileHandle.standardOutput.write(Data(IndicatorReport.text(tables).utf8))
            case .csv: FileHandle.standardOutput.write(Data(IndicatorReport.csv(tables).utf8))
            case .json: FileHandle.standardOutput.write(Data(try IndicatorReport.json(tables).utf8))
            }
        }
    }
}

struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download the tables listed under 'fetch:' in zicht.yaml from CBS OData into the snapshot.",
        discussion: """
            Follows paging, retries on server and network errors with backoff, and imports each table in one \
            transaction. Without a network connection it says so; use 'zicht import' with downloaded CSV files.

            Example zicht.yaml entry:
              fetch:
                - catalog: cbs
                  table: 83648NED
                  filter: "RegioS eq 'GM0193    ' and SoortMisdrijf eq 'CRI3000'"

            Example:
              zicht fetch mijn-jaarverslag
            """)

    @Argument(help: "The project folder.")
    var project: String = "."

    @Option(help: "Seconds to wait for one reply before retrying.")
    var timeout: Int = 60

    func run() async throws {
        try await runReportingErrors {
            for result in try await ZichtApp.fetch(project: absoluteURL(project), timeout: .seconds(timeout)) {
                switch result.outcome {
                case .imported(let rows): printLine("\(result.table): \(rows) observations fetched (\(result.url))")
                case .alreadyImported: printLine("\(result.table): nothing new (\(result.url))")
                }
            }
        }
    }
}
