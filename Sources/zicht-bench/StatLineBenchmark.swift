import ZichtEngine
import ZichtCore
import ArgumentParser
import Foundation
import ZichtSources

/// Generates a large StatLine CSV file and times ``StatLineCSVReader`` on it.
struct StatLineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statline",
        abstract: "Generate a StatLine CSV file (83648NED layout) or parse one with StatLineCSVReader.",
        discussion: """
            --generate writes the layout of CBS table 83648NED as StatLine delivers it: a UTF-8 byte \
            order mark, CRLF line ends, every field quoted, counts right-aligned in 8 characters \
            ("     645"), "       ." for suppressed values. The same seed gives the same file.

            --parse reads the file with StatLineCSVReader, sums TotaalGeregistreerdeMisdrijven_1 and \
            counts its unknown (".") and empty cells. The first output line is the result, the same as \
            Benchmarks/statline.sh's pandas and duckdb scripts print; the second the time spent parsing.

            Example:
              zicht-bench statline --generate /tmp/s/83648NED.csv --rows 5000000
              zicht-bench statline --parse /tmp/s/83648NED.csv
              bash Benchmarks/statline.sh    (builds, generates, and times the reader against pandas and duckdb)
            """)

    @Option(help: ArgumentHelp("Write a generated file here.", valueName: "file"))
    var generate: String?

    @Option(help: "The number of data rows to generate.")
    var rows: Int = 5_000_000

    @Option(help: "The seed of the generated values.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Parse this file and print the sum of TotaalGeregistreerdeMisdrijven_1.", valueName: "file"))
    var parse: String?

    @Option(help: "Bytes per read when parsing.")
    var chunkSize: Int = StatLineCSVReader.defaultChunkSize

    func validate() throws {
        guard (generate == nil) != (parse == nil) else { throw ValidationError("give exactly one of --generate FILE and --parse FILE") }
        guard rows >= 1 else { throw ValidationError("--rows must be at least 1, found \(rows)") }
        guard chunkSize >= 1 else { throw ValidationError("--chunk-size must be at least 1, found \(chunkSize)") }
    }

    func run() throws {
        if let generate {
            var generator = StatLineFileGenerator(seed: seed)
            let bytes = try generator.write(rows: rows, to: URL(fileURLWithPath: generate))
            print("\(rows) rows, \(bytes) bytes: \(generate)")
        } else if let parse {
            try runParse(parse)
        }
    }

    private func runParse(_ path: String) throws {
        let clock = ContinuousClock()
        let start = clock.now
        var sum = 0.0
        var rowCount = 0
        var unknown = 0
        var empty = 0
        do {
            let reader = try StatLineCSVReader(url: URL(fileURLWithPath: path), displayName: path, chunkSize: chunkSize)
            let count = try reader.requireColumn(named: "TotaalGeregistreerdeMisdrijven_1")
            try reader.forEachRow { row in
                rowCount += 1
                switch try row.value(count) {
                case .number(let value): sum += value
                case .unknown: unknown += 1
                case .empty: empty += 1
                }
            }
        } catch let error as StatLineCSVError {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode.failure
        }
        let seconds = Double((clock.now - start) / .milliseconds(1)) / 1000
        print("rows \(rowCount) sum \(Int64(sum)) unknown \(unknown)")
        print(String(format: "parse %.3f s, %.2f M rows/s; empty %d", seconds, Double(rowCount) / max(seconds, 1e-9) / 1e6, empty))
    }
}

/// Writes rows in the layout of CBS 83648NED (`ID;SoortMisdrijf;RegioS;Perioden;
/// TotaalGeregistreerdeMisdrijven_1;GeregistreerdeMisdrijvenPer1000Inw_3`).
struct StatLineFileGenerator {
    /// Some of the old 7-digit SoortMisdrijf keys of 83648NED.
    static let crimeTypes = [
        "0000000", "1000000", "1010000", "1011000", "1012000", "1013000", "1014000", "1020000", "1030000",
        "2000000", "2010000", "2020000", "2030000", "3000000", "3010000", "3020000", "3030000", "4000000",
    ]

    var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// Writes `rows` data rows to `url` and returns the number of bytes written.
    mutating func write(rows: Int, to url: URL) throws -> Int {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(1 << 21)
        let header = ["ID", "SoortMisdrijf", "RegioS", "Perioden", "TotaalGeregistreerdeMisdrijven_1", "GeregistreerdeMisdrijvenPer1000Inw_3"]
        out.append(contentsOf: header.map { "\"\($0)\"" }.joined(separator: ";").utf8)
        out.append(contentsOf: [0x0D, 0x0A])
        var written = 0
        let types = Self.crimeTypes
        for index in 0..<rows {
            // Region, period and type walk through their lists like a real extract. The periods are
            // 25 years (2000–2024) of a year and its 12 months: 18 × 999 × 325 = 5.8 M distinct cells,
            // so that a file of up to that many rows holds no cell twice (the table reader refuses
            // duplicates).
            let type = types[index % types.count]
            let region = 1 + (index / types.count) % 999
            let period = (index / (types.count * 999)) % (25 * 13)
            let year = 2000 + period / 13
            let month = period % 13
            let population = 5_000 + random.below(200_000)
            quoted(&out) { appendInteger(&$0, index + 1, width: 0) }
            out.append(UInt8(ascii: ";"))
            quoted(&out) { $0.append(contentsOf: type.utf8) }
            out.append(UInt8(ascii: ";"))
            quoted(&out) {
                $0.append(contentsOf: "GM".utf8)
                appendInteger(&$0, region, width: 4, pad: UInt8(ascii: "0"))
            }
            out.append(UInt8(ascii: ";"))
            quoted(&out) {
                appendInteger(&$0, year, width: 0)
                if month == 0 {
                    $0.append(contentsOf: "JJ00".utf8)
                } else {
                    $0.append(contentsOf: "MM".utf8)
                    appendInteger(&$0, month, width: 2, pad: UInt8(ascii: "0"))
                }
            }
            out.append(UInt8(ascii: ";"))
            if random.below(100) < 3 {
                quoted(&out) { $0.append(contentsOf: "       .".utf8) }
                out.append(UInt8(ascii: ";"))
                quoted(&out) { $0.append(contentsOf: "       .".utf8) }
            } else {
                let count = 5 * random.below(4_000)
                quoted(&out) { appendInteger(&$0, count, width: 8) }
                out.append(UInt8(ascii: ";"))
                if count < 50 {
                    quoted(&out) { $0.append(contentsOf: "       .".utf8) }
                } else {
                    // Per 1 000 inhabitants, one decimal, right-aligned in 8 characters.
                    let tenths = (count * 10_000 + population / 2) / population
                    quoted(&out) {
                        appendInteger(&$0, tenths / 10, width: 6)
                        $0.append(UInt8(ascii: "."))
                        appendInteger(&$0, tenths % 10, width: 0)
                    }
                }
            }
            out.append(contentsOf: [0x0D, 0x0A])
            if out.count >= 1 << 20 {
                try handle.write(contentsOf: out)
                written += out.count
                out.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: out)
        return written + out.count
    }

    private func quoted(_ out: inout [UInt8], _ body: (inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "\""))
        body(&out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the decimal digits of `value` (≥ 0), right-aligned in `width` characters.
    private func appendInteger(_ out: inout [UInt8], _ value: Int, width: Int, pad: UInt8 = UInt8(ascii: " ")) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if digits.count < width { out.append(contentsOf: repeatElement(pad, count: width - digits.count)) }
        out.append(contentsOf: digits.reversed())
    }
}
