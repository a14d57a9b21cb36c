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

    /// The project's incident points and days, or nil without --project. Says on standard error when
    /// the incidents are simulated.
    func points() throws -> (x: [Double], y: [Double], t: [Double])? {
        guard let project else { return nil }
        let points = try ZichtApp.incidentPoints(
            project: absoluteURL(project), types: types.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
            years: try yearRange())
        if points.simulated { FileHandle.standardError.write(Data("Let op: de incidenten van dit project zijn gesimuleerd.\n".utf8)) }
        return (points.x, points.y, points.t)
    }
}
