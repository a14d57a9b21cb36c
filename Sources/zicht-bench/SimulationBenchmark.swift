import ArgumentParser
import Foundation
import ZichtEngine
import ZichtApp
import ZichtCore
import ZichtSim
import ZichtSources

/// Times ZichtSim on the bundled example (Zwolle): a full run with points, and the counts-only mode
/// for many cities; optionally writes the model and the Swift counts for Benchmarks/simulation.sh.
struct SimulationBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Time ZichtSim: full runs and counts-only cities on the Zwolle example.",
        discussion: """
            Prints "prepare S s", "full S s (N incidents)" (fastest of --repeats), "counts N cities S s \
            (R cities/s, 1 thread)" and the same on all cores. With --export DIR it also writes \
            DIR/model.json (types, areas, years, volumes, gamma shape, camera), DIR/expected.f64 (the \
            expected counts per type × year × area × month, little-endian float64) and DIR/swift.f64 (per \
            type × year × area: the mean and the variance over the cities of the counts after the camera), \
            which Benchmarks/simulation.sh compares with a NumPy implementation of the same model.

            Example:
              zicht-bench simulate --cities 1000 --export /tmp/sim
            """)

    @Option(help: "Counts-only cities to simulate.")
    var cities: Int = 500

    @Option(help: "Full runs to time (the fastest is reported).")
    var repeats: Int = 3

    @Option(help: "The zone effect of the counts-only cities (1 = none).")
    var effect: Double = 0.8

    @Option(help: ArgumentHelp("Write the model and the Swift counts to this folder.", valueName: "dir"))
    var export: String?

    func validate() throws {
        guard cities >= 2, repeats >= 1 else { throw ValidationError("--cities ≥ 2 and --repeats ≥ 1") }
    }

    func run() throws {
        let areas = try Self.zwolleAreas()
        var clock = ContinuousClock.now
        let city = try CitySimulation(areas: areas, settings: .zwolle)
        print("prepare \(Self.seconds(since: clock)) s")
        var fastest = Double.infinity
        var incidents = 0
        for repeatIndex in 0..<repeats {
            clock = .now
            incidents = city.run(seed: UInt64(repeatIndex)).incidents.count
            fastest = min(fastest, Self.seconds(since: clock))
        }
        print("full \(fastest) s (\(incidents) incidents)")
        clock = .now
        var runs: [MonthlyCounts] = []
        runs.reserveCapacity(cities)
        for seed in 0..<cities { runs.append(city.monthlyCounts(seed: UInt64(seed), cameraEffect: effect)) }
        let single = Self.seconds(since: clock)
        print("counts \(cities) cities \(single) s (\(Int(Double(cities) / single)) cities/s, 1 thread)")
        clock = .now
        let parallel = (0..<cities).map { UInt64($0) }.parallelMap { city.monthlyCounts(seed: $0, cameraEffect: effect).counts.count }
        let multi = Self.seconds(since: clock)
        print("counts \(parallel.count) cities \(multi) s (\(Int(Double(cities) / multi)) cities/s, all cores)")
        if let export { try write(city: city, runs: runs, to: URL(fileURLWithPath: export)) }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// The bundled example's buurten with inhabitants, read as `zicht simulate` reads them.
    static func zwolleAreas() throws -> [SimulatedArea] {
        try ProjectSimulation.input(LoadedProject.load(ZichtApp.exampleProject)).areas
    }

    /// model.json, expected.f64 and swift.f64 (see the discussion).
    func write(city: CitySimulation, runs: [MonthlyCounts], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let years = Array(city.settings.years)
        let types = city.settings.types
        struct Model: Encodable {
            var types: [String]
            var areas: [String]
            var years: [Int]
            var volumes: [[Int]]
            var gammaShape: Double
            var cameraStartMonth: Int
            /// Per type, per area: the multiplier from the camera's start.
            var multipliers: [[Double]]
            var cities: Int
        }
        let start = city.settings.camera.map { ($0.start.year - years[0]) * 12 + $0.start.month - 1 } ?? years.count * 12
        let model = Model(
            types: types.map(\.code), areas: city.areas.map(\.code), years: years,
            volumes: types.map { type in years.map { type.volume(in: $0, calibrationYear: city.settings.calibrationYear) } },
            gammaShape: city.settings.overdispersionShape ?? 0, cameraStartMonth: start,
            multipliers: types.map { type in city.areas.map { city.cameraMultiplier(type: type.code, areaCode: $0.code, cameraEffect: effect) } },
            cities: runs.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(model).write(to: folder.appendingPathComponent("model.json"))
        var expected: [Double] = []
        for type in types {
            for year in years { expected += city.expectedCounts(type: type.code, year: year)! }
        }
        try Self.data(expected).write(to: folder.appendingPathComponent("expected.f64"))
        // Per type × year × area: mean and variance over the cities of the yearly count.
        var moments: [Double] = []
        for t in types.indices {
            for y in years.indices {
                for a in city.areas.indices {
                    var sum = 0.0, squares = 0.0
                    for run in runs {
                        var count = 0
                        for month in 0..<12 { count += run[t, a, y * 12 + month] }
                        sum += Double(count)
                        squares += Double(count * count)
                    }
                    let mean = sum / Double(runs.count)
                    moments += [mean, (squares - Double(runs.count) * mean * mean) / Double(runs.count - 1)]
                }
            }
        }
        try Self.data(moments).write(to: folder.appendingPathComponent("swift.f64"))
    }

    static func data(_ values: [Double]) -> Data {
        var data = Data(capacity: values.count * 8)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }
}
