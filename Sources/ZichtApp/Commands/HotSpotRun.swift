import Foundation
import ZichtEngine
import ZichtCore
import ZichtSources
import ZichtStats

/// `zicht hotspots`: kernel density, Getis–Ord Gi* and the Poisson cell test on the events of a
/// file or a project, and optionally the Prediction Accuracy Index against later events.
public struct HotSpotRun: Sendable {
    public var report: HotSpotReport
    /// Lines for standard error: simulated incidents.
    public var notices: [String]

    /// Reads the events (points x,y, or a lattice row,col,value) and analyses them.
    /// - Parameters:
    ///   - options: the analysis settings; a lattice's cells are `options.cellSize` (default 1) wide.
    ///   - test: later events to score the density surface against: points with points, a lattice of
    ///     the same shape with a lattice.
    ///   - paiShare: the share of the area flagged for the Prediction Accuracy Index.
    /// - Throws: ``DiagnosticsError`` for problems in a file, or a ``LocatedError`` around the
    ///   ``HotSpotError`` when the analysis cannot run on the input.
    public static func run(
        _ source: EventSource, options: HotSpotOptions, test: (url: URL, shownAs: String)? = nil, paiShare: Double = 0.05
    ) throws -> HotSpotRun {
        var notices: [String] = []
        let input: HotSpotInput
        switch source {
        case .project(let project, _, let types, let years):
            let points = try ZichtApp.incidentPoints(project: project, types: types, years: years)
            if points.simulated { notices.append(EventSource.simulatedNotice) }
            input = .points(x: points.x, y: points.y)
        case .file(let url, let shownAs):
            input = try HotSpotInputReader.read(url: url, displayName: shownAs)
        }
        do {
            var report: HotSpotReport
            switch input {
            case .points(let x, let y):
                report = try HotSpotAnalysis.analyse(x: x, y: y, options: options)
            case .lattice(let rows, let columns, let values):
                let grid = try CellGrid(originX: 0, originY: 0, cellSize: options.cellSize ?? 1, rows: rows, columns: columns)
                report = try HotSpotAnalysis.analyse(grid: grid, values: values, options: options)
            }
            if let test {
                switch (try HotSpotInputReader.read(url: test.url, displayName: test.shownAs), report.pointCount) {
                case (.points(let x, let y), .some):
                    report.predictionAccuracy = try PredictionAccuracyIndex.evaluate(
                        surface: report.density, grid: report.grid, testX: x, testY: y, areaShare: paiShare)
                case (.lattice(let rows, let columns, let values), .none) where rows == report.grid.rows && columns == report.grid.columns:
                    report.predictionAccuracy = try PredictionAccuracyIndex.evaluate(surface: report.density, testCounts: values, areaShare: paiShare)
                default:
                    throw DiagnosticsError([Diagnostic(
                        file: test.shownAs, line: 1, message: "the test events must have the input's form",
                        hint: "give points (x,y) with points, or a lattice (row,col,value) of the same \(report.grid.rows) × \(report.grid.columns) cells with a lattice")])
                }
            }
            return HotSpotRun(report: report, notices: notices)
        } catch let error as HotSpotError {
            throw LocatedError(file: source.shownAs, cause: error)
        }
    }

    /// The report in `format`, as the terminal shows it.
    /// - Parameter top: the cells listed in the table, highest z first.
    public func output(_ format: OutputFormat, top: Int = 10) throws -> String {
        switch format {
        case .table: report.table(top: top)
        case .csv: report.csv()
        case .json: try report.json()
        }
    }
}
