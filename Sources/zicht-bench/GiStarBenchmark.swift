import ArgumentParser
import Foundation
import ZichtEngine
import ZichtCore
import ZichtSources
import ZichtStats

/// Generates a lattice of counts with hot spots, or times Gi* (z-scores and conditional
/// permutations) on one, as Benchmarks/hotspots.sh compares it with esda.
struct GiStarBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gistar",
        abstract: "Generate a lattice of counts, or time Gi* with permutation p-values on one.",
        discussion: """
            --generate FILE writes a SIDE × SIDE lattice as CSV (row,col,value): Poisson counts with mean \
            1.5 plus three Gaussian hot spots (heights 9, 6 and 4 events, spreads 6, 10 and 4 % of the side), \
            drawn with SplitMix64, so the same seed gives the same file.

            --input FILE reads a lattice (or points) with HotSpotInputReader and times, in process: reading, \
            building the neighbour lists, the analytic z-scores, the permutation test (shared draws, and \
            independent draws with --independent), and Benjamini–Hochberg. The first output line is \
            "cells N permutations P hot H cold C"; the next lines give the times (the fastest of --repeats). \
            --out FILE writes the z-scores as little-endian float64 in cell order, and --p-out FILE the p-values.

            Example:
              zicht-bench gistar --generate /tmp/g/lattice.csv --side 200
              zicht-bench gistar --input /tmp/g/lattice.csv --permutations 999 --out /tmp/g/z.f64
              bash Benchmarks/hotspots.sh    (builds, generates, and compares with esda)
            """)

    @Option(help: ArgumentHelp("Write a lattice CSV here.", valueName: "file"))
    var generate: String?

    @Option(help: ArgumentHelp("Time Gi* on this lattice CSV.", valueName: "file"))
    var input: String?

    @Option(help: "Rows and columns of the generated lattice.")
    var side: Int = 200

    @Option(help: "The seed of the generated lattice and of the permutations.")
    var seed: UInt64 = 1

    @Option(help: "Permutations of the Gi* test.")
    var permutations: Int = 999

    @Option(help: "queen, rook or distance:D (in cells).")
    var weights: String = "queen"

    @Flag(help: "Also time the permutation test with independent draws per cell.")
    var independent = false

    @Option(help: "Times to repeat each step (the fastest is reported).")
    var repeats: Int = 3

    @Option(help: ArgumentHelp("Write the z-scores here (little-endian float64).", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Write the p-values here (little-endian float64).", valueName: "file"))
    var pOut: String?

    func validate() throws {
        guard (generate == nil) != (input == nil) else { throw ValidationError("give exactly one of --generate FILE and --input FILE") }
        guard side >= 2, side <= 5_000 else { throw ValidationError("--side must be 2 … 5000, found \(side)") }
        guard permutations >= 1, repeats >= 1 else { throw ValidationError("--permutations and --repeats must be at least 1") }
    }

    func run() throws {
        if let generate {
            let text = Self.lattice(side: side, seed: seed)
            try Data(text.utf8).write(to: URL(fileURLWithPath: generate))
            print("lattice \(side) × \(side), \(text.utf8.count) bytes: \(generate)")
        } else if let input {
            try time(URL(fileURLWithPath: input))
        }
    }

    /// Counts on a `side × side` lattice: Poisson with mean 1.5 + Σ height · exp(−d²/(2 spread²)).
    static func lattice(side: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        let s = Double(side)
        let spots: [(row: Double, column: Double, height: Double, spread: Double)] = [
            (0.25 * s, 0.30 * s, 9, 0.06 * s), (0.70 * s, 0.75 * s, 6, 0.10 * s), (0.80 * s, 0.20 * s, 4, 0.04 * s),
        ]
        var text = "row,col,value\n"
        text.reserveCapacity(side * side * 10)
        for row in 0..<side {
            for column in 0..<side {
                var mean = 1.5
                for spot in spots {
                    let d2 = (Double(row) - spot.row) * (Double(row) - spot.row) + (Double(column) - spot.column) * (Double(column) - spot.column)
                    mean += spot.height * exp(-d2 / (2 * spot.spread * spot.spread))
                }
                // Knuth's multiplication method: fine for means this small.
                let limit = exp(-mean)
                var product = Double(random.next() >> 11) * 0x1p-53
                var count = 0
                while product > limit {
                    count += 1
                    product *= Double(random.next() >> 11) * 0x1p-53
                }
                text += "\(row),\(column),\(count)\n"
            }
        }
        return text
    }

    private func time(_ url: URL) throws {
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double { Double(duration / .microseconds(1)) / 1e6 }
        func fastest<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            var best = Double.infinity
            var result: T?
            for _ in 0..<repeats {
                let start = clock.now
                result = try body()
                best = min(best, seconds(clock.now - start))
            }
            return (result!, best)
        }

        let (input, readSeconds) = try fastest { try HotSpotInputReader.read(url: url, displayName: url.lastPathComponent) }
        guard case .lattice(let rows, let columns, let values) = input else {
            throw ValidationError("\(url.path): expected a lattice (row,col,value)")
        }
        let grid = try CellGrid(originX: 0, originY: 0, cellSize: 1, rows: rows, columns: columns)
        let spatial: SpatialWeights
        switch weights {
        case "queen": spatial = .queen
        case "rook": spatial = .rook
        default:
            guard weights.hasPrefix("distance:"), let distance = Double(weights.dropFirst(9)) else {
                throw ValidationError("--weights: expected queen, rook or distance:D, found '\(weights)'")
            }
            spatial = .distanceBand(distance)
        }
        let (neighbours, neighbourSeconds) = try fastest { try CellNeighbours(grid: grid, weights: spatial) }
        let (z, zSeconds) = try fastest { try GetisOrd.giStar(values: values, neighbours: neighbours) }
        let (test, permutationSeconds) = try fastest {
            try GetisOrd.giStarPermutationTest(values: values, neighbours: neighbours, permutations: permutations, seed: seed)
        }
        let (fdr, fdrSeconds) = try fastest { try FalseDiscoveryRate.benjaminiHochberg(test.p, alpha: 0.05) }
        let hot = values.indices.filter { fdr.rejected[$0] && test.isUpperTail[$0] }.count
        let cold = fdr.rejectedCount - hot
        print("cells \(grid.count) permutations \(permutations) hot \(hot) cold \(cold)")
        print(String(format: "read %.4f s, neighbours %.4f s, z %.4f s, permutations (shared draws) %.4f s, BH %.4f s; Gi* total %.4f s",
                     readSeconds, neighbourSeconds, zSeconds, permutationSeconds, fdrSeconds,
                     neighbourSeconds + zSeconds + permutationSeconds + fdrSeconds))
        if independent {
            let (_, independentSeconds) = try fastest {
                try GetisOrd.giStarPermutationTest(
                    values: values, neighbours: neighbours, permutations: permutations, seed: seed, draws: .independent)
            }
            print(String(format: "permutations (independent draws) %.4f s", independentSeconds))
        }
        if let out { try Self.write(z, to: out) }
        if let pOut { try Self.write(test.p, to: pOut) }
    }

    private static func write(_ numbers: [Double], to path: String) throws {
        var bytes = Data(capacity: numbers.count * 8)
        for number in numbers { withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        try bytes.write(to: URL(fileURLWithPath: path))
    }
}
