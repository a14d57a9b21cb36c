import Foundation
import ZichtEngine
import ZichtCore
import ZichtSources
import ZichtStats

/// `zicht nearrepeat`: a Knox near-repeat analysis of the events of a file or a project.
public struct NearRepeatRun: Sendable {
    public var table: KnoxTable
    /// Lines for standard error: repeated rows in the file, simulated incidents.
    public var notices: [String]

    /// Reads the events and runs ``KnoxTest/analyse(x:y:t:parameters:)`` on them. A project's
    /// incident times are whole days (the day of the incident).
    /// - Parameter header: whether a file's first line is a header.
    /// - Throws: ``DiagnosticsError`` for problems in the file, or a ``LocatedError`` around the
    ///   ``KnoxError`` (with the file line of the event concerned) when the analysis cannot run.
    public static func run(_ source: EventSource, parameters: KnoxParameters, header: EventFileReader.HeaderMode = .automatic) throws -> NearRepeatRun {
        let x: [Double], y: [Double], t: [Double], lines: [Int]
        var notices: [String] = []
        switch source {
        case .project(let project, _, let types, let years):
            let points = try ZichtApp.incidentPoints(project: project, types: types, years: years)
            if points.simulated { notices.append(EventSource.simulatedNotice) }
            (x, y, t, lines) = (points.x, points.y, points.t.map { $0.rounded(.down) }, Array(1...points.x.count))
        case .file(let url, let shownAs):
            let read = try EventFileReader.read(url: url, displayName: shownAs, header: header)
            if let warning = read.duplicateWarning(file: shownAs) { notices.append(warning.description) }
            (x, y, t, lines) = (read.x, read.y, read.t, read.lines)
        }
        do {
            return NearRepeatRun(table: try KnoxTest.analyse(x: x, y: y, t: t, parameters: parameters), notices: notices)
        } catch {
            throw LocatedError(file: source.shownAs, line: error.eventIndex.map { lines[$0] }, cause: error)
        }
    }

    /// The table in `format`, as the terminal shows it.
    /// - Parameter labels: how the bands are labelled in the table and in JSON.
    public func output(_ format: OutputFormat, labels: KnoxLabelStyle = .honest) throws -> String {
        switch format {
        case .table:
            return table.text(labels: labels)
        case .csv:
            return table.csv()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(table.report(labels: labels)), as: UTF8.self) + "\n"
        }
    }
}
