import ArgumentParser
import Foundation
import ZichtEngine
import ZichtCore
import ZichtSources
import ZichtStats

/// Generates events with near repeats, or runs the Knox analysis on a file and times it.
struct KnoxBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "knox",
        abstract: "Generate events with near repeats, or time the Knox near-repeat analysis on a file.",
        discussion: """
            --generate FILE writes EVENTS events as CSV (header x,y,t: metres, whole days) for a synthetic city \
            of 10 × 10 km over 365 days: 90% of the events fall anywhere at any time; 10% are near repeats of \
            an earlier event, up to 100 m away (one in five at exactly the same place) and 0 to 7 days later. \
            Coordinates are multiples of 1/8 m, so every reader parses the same doubles. The same seed gives \
            the same file.

            --run FILE reads the file with EventFileReader and runs KnoxTest.analyse REPEATS times. The first \
            output line is the observed table, as Benchmarks/knox.sh's Python scripts print it: \
            "observed a,b,c;d,e,f;…" (rows are distance bands, columns time bands, the last of each the band \
            beyond); then the close pairs and the times (the fastest run).

            Example:
              zicht-bench knox --generate /tmp/k/events.csv --events 20000
              zicht-bench knox --run /tmp/k/events.csv --space-breaks 0,1,100,200,300,400 --time-breaks 0,7,14,21,28 --metric manhattan
              bash Benchmarks/knox.sh    (builds, generates, and compares with NumPy and pointpats)
            """)

    @Option(help: ArgumentHelp("Write generated events to this CSV file.", valueName: "file"))
    var generate: String?

    @Option(name: .customLong("run"), help: ArgumentHelp("Run the analysis on this CSV file.", valueName: "file"))
    var input: String?

    @Option(help: "The number of events to generate.")
    var events: Int = 20_000

    @Option(help: "The seed of the generated file.")
    var seed: UInt64 = 1

    @Option(help: "Distance band breaks in metres.")
    var spaceBreaks: String = "0,1,100,200,300,400"

    @Option(help: "Time band breaks in days.")
    var timeBreaks: String = "0,7,14,21,28"

    @Option(help: "euclidean or manhattan.")
    var metric: String = "manhattan"

    @Option(help: "half-open or closed.")
    var intervals: String = "half-open"

    @Option(help: "Permutations of the times.")
    var permutations: Int = 999

    @Option(help: "Seed of the permutations.")
    var permutationSeed: UInt64 = 1

    @Option(help: "Times to run the analysis (the fastest is reported).")
    var repeats: Int = 1

    func validate() throws {
        guard (generate == nil) != (input == nil) else { throw ValidationError("give exactly one of --generate FILE and --run FILE") }
        guard events >= 3 else { throw ValidationError("--events must be at least 3, found \(events)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
        guard DistanceMetric(rawValue: metric) != nil else { throw ValidationError("--metric: euclidean or manhattan, found '\(metric)'") }
        guard IntervalConvention(rawValue: intervals) != nil else { throw ValidationError("--intervals: half-open or closed, found '\(intervals)'") }
    }

    func run() throws {
        if let generate {
            try Self.writeEvents(count: events, seed: seed, to: URL(fileURLWithPath: generate))
            print("\(events) events (seed \(seed)): \(generate)")
        } else if let input {
            try analyse(URL(fileURLWithPath: input))
        }
    }

    private func analyse(_ url: URL) throws {
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double { Double(duration / .microseconds(1)) / 1e6 }
        func numbers(_ text: String) throws -> [Double] {
            try text.split(separator: ",").map {
                guard let value = Double($0) else { throw ValidationError("expected numbers separated by commas, found '\(text)'") }
                return value
            }
        }
        var start = clock.now
        let file: EventFile
        do {
            file = try EventFileReader.read(url: url, displayName: url.lastPathComponent)
        } catch let error as any DiagnosticConvertible {
            FileHandle.standardError.write(Data("\(Diagnostic.report(error.diagnostics))\n".utf8))
            throw ExitCode.failure
        }
        let readSeconds = seconds(clock.now - start)
        let parameters = KnoxParameters(
            spaceBreaks: try numbers(spaceBreaks), timeBreaks: try numbers(timeBreaks),
            metric: DistanceMetric(rawValue: metric)!, intervals: IntervalConvention(rawValue: intervals)!,
            permutations: permutations, seed: permutationSeed)
        var best = Double.infinity
        var table: KnoxTable?
        for _ in 0..<repeats {
            start = clock.now
            do {
                table = try KnoxTest.analyse(x: file.x, y: file.y, t: file.t, parameters: parameters)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode.failure
            }
            best = min(best, seconds(clock.now - start))
        }
        let result = table!
        print("observed " + result.observedRows.map { $0.map(String.init).joined(separator: ",") }.joined(separator: ";"))
        print("events \(file.count) close pairs \(result.closePairCount) cells \(result.cells.count) permutations \(permutations)")
        print(String(format: "knox %.4f s", best))
        print(String(format: "read %.4f s", readSeconds))
        let first = result.cell(space: 0, time: 0)
        print(String(format: "first cell: observed %d, mean expected %.3f, exact expected %.3f, p %.4f",
                     first.observed, first.expectedMean, first.exactExpected, first.pValue))
    }

    /// The synthetic city described in the discussion above.
    static func writeEvents(count: Int, seed: UInt64, to url: URL) throws {
        var random = SplitMix64(seed: seed)
        func unit() -> Double { Double(random.next() >> 11) * 0x1p-53 }
        func snap(_ value: Double) -> Double { (value * 8).rounded() / 8 }
        var x: [Double] = [], y: [Double] = [], t: [Int] = []
        x.reserveCapacity(count)
        while x.count < count {
            if !x.isEmpty && unit() < 0.1 {
                let parent = Int(unit() * Double(x.count))
                if unit() < 0.2 {
                    x.append(x[parent])
                    y.append(y[parent])
                } else {
                    let angle = 2 * Double.pi * unit(), radius = 100 * unit()
                    x.append(snap(x[parent] + radius * cos(angle)))
                    y.append(snap(y[parent] + radius * sin(angle)))
                }
                t.append(t[parent] + Int(unit() * 8))
            } else {
                x.append(snap(unit() * 10_000))
                y.append(snap(unit() * 10_000))
                t.append(Int(unit() * 365))
            }
        }
        var text = "x,y,t\n"
        text.reserveCapacity(count * 24)
        for index in 0..<count {
            text += "\(x[index]),\(y[index]),\(t[index])\n"
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
