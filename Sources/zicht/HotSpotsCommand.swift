import ArgumentParser
import ZichtEngine
import ZichtApp
import ZichtStats

struct HotSpots: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotspots",
        abstract: "Find hot spots: quartic kernel density, Getis–Ord Gi* with permutation p-values, FDR correction.",
        discussion: """
            The input is a CSV file (',' or ';') with the columns x,y (one row per event, in metres, for \
            example RD New) or row,col,value (one row per grid cell, every cell once). Points are counted \
            into square cells (default size: the shorter side of their bounding box / 150); row 0 is the \
            southern row. Per cell it computes a quartic kernel density (default search radius: ArcGIS's \
            spatial Silverman rule), the Getis–Ord Gi* z-score with the cell itself included, a conditional \
            permutation p-value (as esda), Benjamini–Hochberg over all cells, and a Poisson test of the \
            cell's own count. docs/hot-spots.md describes every step and default.

            CSV columns: row,col,value,density,gi_z,gi_p,significant,gi_p_adjusted,poisson_p \
            (significant: hot, cold or no, after Benjamini–Hochberg at --alpha; density: smoothed events \
            per cell).

            Examples:
              zicht hotspots --input woninginbraken.csv
              zicht hotspots --input woninginbraken.csv --cell 50 --bandwidth 250 --weights distance:150
              zicht hotspots --input raster.csv --permutations 99999 --format csv > hotspots.csv
              zicht hotspots --input inbraken-2023.csv --test inbraken-2024.csv --cell 50
            """)

    @Option(help: ArgumentHelp("The CSV file: columns x,y or row,col,value.", valueName: "file"))
    var input: String?

    @OptionGroup var source: ProjectIncidentOptions

    @Option(help: ArgumentHelp("The cell size in metres (default: shorter side of the points' extent / 150; 1 for a lattice).", valueName: "metres"))
    var cell: Double?

    @Option(help: ArgumentHelp("The KDE search radius in metres (default: 0.9·min(SD, √(1/ln 2)·Dm)·n^-0.2, at least one cell).", valueName: "metres"))
    var bandwidth: Double?

    @Option(help: ArgumentHelp("Gi* neighbours: queen, rook or distance:D (cell centres within D metres).", valueName: "queen|rook|distance:D"))
    var weights: String = "queen"

    @Option(help: "Conditional permutations for the Gi* p-values; 0 for the normal approximation.")
    var permutations: Int = 999

    @Option(help: "The seed of the permutations: the same seed gives the same p-values.")
    var seed: UInt64 = 0

    @Option(help: "The false discovery rate for Benjamini–Hochberg over all cells.")
    var alpha: Double = 0.05

    @Option(help: "Which tail the p-value counts: directed (esda's default), greater (hot only) or lesser (cold only).")
    var alternative: String = PermutationAlternative.directed.rawValue

    @Option(help: "shared (esda's scheme: one set of draws for all cells, fast) or independent (fresh draws per cell).")
    var draws: String = PermutationDraws.shared.rawValue

    @Option(help: ArgumentHelp("Later events to score the density surface against (points, or a lattice of the same shape): prints the Prediction Accuracy Index.", valueName: "file"))
    var test: String?

    @Option(help: "The share of the area flagged for the Prediction Accuracy Index.")
    var paiShare: Double = 0.05

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @Option(help: "Cells listed in the table, highest z first.")
    var top: Int = 10

    func validate() throws {
        _ = try parsedWeights()
        guard PermutationAlternative(rawValue: alternative) != nil else {
            throw ValidationError("--alternative: expected directed, greater or lesser, found '\(alternative)'")
        }
        guard PermutationDraws(rawValue: draws) != nil else {
            throw ValidationError("--draws: expected shared or independent, found '\(draws)'")
        }
        guard permutations >= 0 else { throw ValidationError("--permutations: expected 0 or more, found \(permutations)") }
        _ = try source.source(input: input)
    }

    private func parsedWeights() throws -> SpatialWeights {
        switch weights.lowercased() {
        case "queen": return .queen
        case "rook": return .rook
        default:
            let parts = weights.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "distance", let distance = Double(parts[1]), distance > 0, distance.isFinite {
                return .distanceBand(distance)
            }
            throw ValidationError("--weights: expected queen, rook or distance:D with D in metres above 0 (distance:150), found '\(weights)'")
        }
    }

    func run() async throws {
        try await runReportingErrors {
            let options = HotSpotOptions(
                cellSize: cell, bandwidth: bandwidth, weights: try parsedWeights(), permutations: permutations, seed: seed,
                alpha: alpha, alternative: PermutationAlternative(rawValue: alternative)!, draws: PermutationDraws(rawValue: draws)!)
            let run = try HotSpotRun.run(
                try source.source(input: input), options: options, test: test.map { (absoluteURL($0), $0) }, paiShare: paiShare)
            warn(run.notices)
            write(try run.output(format, top: top))
        }
    }
}
