import ArgumentParser
import Foundation
import ZichtEngine
import ZichtApp
import ZichtCore
import ZichtSources
import ZichtStore

/// Times a full import of a StatLine CSV into a new snapshot, the same code path as `zicht import`:
/// hashing the file (on a second thread), parsing it, and writing every observation in one SQLite
/// transaction. Afterwards it reads the count column back from the snapshot and prints the same
/// check line as `zicht-bench statline --parse` ("rows R sum S unknown U"), so that
/// Benchmarks/statline.sh can compare what was stored with what pandas reads from the file.
struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a StatLine CSV file into a new snapshot and report rows per second.",
        discussion: """
            Example:
              zicht-bench statline --generate /tmp/s/83648NED.csv --rows 5000000
              zicht-bench import /tmp/s/83648NED.csv --snapshot /tmp/s/snapshot.sqlite
              bash Benchmarks/statline.sh    (parse and import, side by side with pandas and duckdb)
            """)

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "The snapshot file to create (replaced if it exists).")
    var snapshot: String

    @Option(help: "The StatLine table id.")
    var table: String = "83648NED"

    @Flag(help: "Write 2 M synthetic observations (two series, 500 regions) without reading the file: the cost of the store alone.")
    var storeOnly = false

    @Flag(help: "Only compute the file's SHA-256.")
    var hashOnly = false

    @Flag(help: "Only parse and map the rows to observations, without writing them (to see where the time goes).")
    var mapOnly = false

    @Option(help: "Observations the import holds in memory before writing them as blocks.")
    var buffered: Int = Snapshot.defaultBufferedObservations

    func run() throws {
        if storeOnly {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: snapshot + suffix) }
            let store = try Snapshot(url: URL(fileURLWithPath: snapshot), bufferedObservations: buffered)
            let regions = (0..<500).map { "GM\(1000 + $0)" }
            let clock = ContinuousClock()
            let start = clock.now
            _ = try store.importTable(Provenance(tableID: table, origin: "synthetic", sha256: "synthetic", retrievedAt: Date())) { sink in
                for index in 0..<2_000_000 {
                    try sink.emit(Observation(
                        tableID: table, measure: index % 2 == 0 ? "A_1" : "B_2", dimensions: ["SoortMisdrijf": "0000000"],
                        region: regions[(index / 2) % 500], period: Period(year: 2015), value: .number(Double(index))))
                }
            }
            print("store only: 2000000 observations in \(clock.now - start)")
            return
        }
        if hashOnly {
            let clock = ContinuousClock()
            let start = clock.now
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            var hash = SHA256()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(chunk) }
            let digest = hash.finalizeHex()
            print("sha256 \(digest) in \(clock.now - start)")
            return
        }
        if mapOnly {
            let clock = ContinuousClock()
            let start = clock.now
            var count = 0
            var sum = 0.0
            _ = try StatLineTableReader.read(
                url: URL(fileURLWithPath: file), displayName: file,
                rows: { row in
                    count += row.values.count
                    if let number = row.values.first?.number { sum += number }
                })
            let seconds = Double((clock.now - start) / .milliseconds(1)) / 1000
            print(String(format: "map only: %d observations (first measure sums to %.0f), %.3f s, %.2f M observations/s", count, sum, seconds, Double(count) / seconds / 1e6))
            return
        }
        let snapshotURL = URL(fileURLWithPath: snapshot)
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: snapshot + suffix) }
        let clock = ContinuousClock()
        let start = clock.now
        let store = try Snapshot(url: snapshotURL, bufferedObservations: buffered)
        let outcome = try ZichtApp.importFile(URL(fileURLWithPath: file), shownAs: file, table: table, into: store)
        let seconds = Double((clock.now - start) / .milliseconds(1)) / 1000
        guard case .imported(let observations) = outcome else { throw ValidationError("nothing imported") }
        let importPeak = Self.peakResidentMiB()
        // Read the count column back: one query per crime type of the generated file.
        let queryStart = clock.now
        var rows = 0
        var sum = 0.0
        var unknown = 0
        for type in StatLineFileGenerator.crimeTypes {
            for stored in try store.observations(tableIDs: [table], measure: "TotaalGeregistreerdeMisdrijven_1", dimensions: ["SoortMisdrijf": type]) {
                rows += 1
                switch stored.observation.value {
                case .number(let value): sum += value
                case .unknown: unknown += 1
                case .empty: break
                }
            }
        }
        let querySeconds = Double((clock.now - queryStart) / .milliseconds(1)) / 1000
        print("rows \(rows) sum \(Int64(sum)) unknown \(unknown)")
        print(String(
            format: "import %.3f s, %.2f M rows/s, %.2f M observations/s, peak RSS %d MiB at its end", seconds, Double(rows) / max(seconds, 1e-9) / 1e6,
            Double(observations) / max(seconds, 1e-9) / 1e6, importPeak))
        print(String(format: "read back %d observations in %.3f s (%d queries)", rows, querySeconds, StatLineFileGenerator.crimeTypes.count))
    }

    /// The process's peak resident set so far (VmHWM in /proc/self/status), in MiB; 0 where unknown.
    static func peakResidentMiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
