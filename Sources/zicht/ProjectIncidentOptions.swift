import ArgumentParser
import Foundation
import ZichtEngine
import ZichtApp

/// `--project`, `--types` and `--years`: analyse a site project's incidents (its snapshot) instead
/// of an input file. Shared by `zicht nearrepeat` and `zicht hotspots`.
struct ProjectIncidentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Instead of --input: a site project; its snapshot's incidents are analysed.", valueName: "folder"))
    var project: String?

    @Option(help: ArgumentHelp("With --project: the incident types, comma-separated.", valueName: "codes"))
    var types: String = "1.1.1"

    @Option(help: ArgumentHelp("With --project: the years, e.g. 2019 or 2017-2019.", valueName: "years"))
    var years: String?

    /// "2019" or "2017-2019"; all years when not given.
    func yearRange() throws -> ClosedRange<Int> {
        guard let years else { return 1900...2100 }
        let parts = years.split(separator: "-").compactMap { Int($0) }
        guard (1...2).contains(parts.count), parts.first! <= parts.last! else {
            throw ValidationError("--years: expected a year such as 2019 or a range such as 2017-2019, found '\(years)'")
        }
        return parts.first!...parts.last!
    }

    func validate() throws {
        _ = try yearRange()
    }

    /// The events to analyse: the project's incidents with --project, else the file of --input.
    func source(input: String?) throws -> EventSource {
        if let project {
            return .project(
                absoluteURL(project), shownAs: project,
                types: types.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }, years: try yearRange())
        }
        guard let input else { throw ValidationError("give --input FILE.csv or --project FOLDER") }
        return .file(absoluteURL(input), shownAs: input)
    }
}
