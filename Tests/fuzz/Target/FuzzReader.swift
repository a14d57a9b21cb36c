import Foundation
import ZichtCore
import ZichtSources
import ZichtStats

/// A reader under fuzzing: bytes in; a value or an error out are both fine, a trap is a finding.
struct FuzzReader: Sendable {
    let name: String
    /// What the reader reads, for `--list`.
    let summary: String
    let read: @Sendable (Data) -> Void
}

extension FuzzReader {
    /// Every reader of untrusted input that Zicht has, by the name the fuzz script uses.
    static let all: [FuzzReader] = [
        FuzzReader(name: "statline", summary: "StatLine CSV (CBS and police layouts) into observations") { data in
            withFile(data, named: "83648NED.csv") { url in
                _ = try StatLineTableReader.read(url: url, displayName: "83648NED.csv", tableID: "83648NED", observe: { _ in })
            }
        },
        FuzzReader(name: "areatable", summary: "a municipality's own area table (Zwolle layout)") { data in
            withFile(data, named: "buurten.csv") { url in
                let options = AreaTableReader.Options(
                    tableID: "zwolle", areaColumn: "GEOITEM", codeTemplate: "BU0193{}0", period: Period(year: 2015), skipAreas: ["999"])
                _ = try AreaTableReader.read(url: url, displayName: "buurten.csv", options: options, observe: { _ in })
            }
        },
        FuzzReader(name: "incidents", summary: "incident CSV (id, date, type, x/y, lat/lon or buurt)") { data in
            withFile(data, named: "incidenten.csv") { url in
                _ = try IncidentReader.read(url: url, displayName: "incidenten.csv")
            }
        },
        FuzzReader(name: "events", summary: "near-repeat event CSV (x, y, date or t), then the Knox test on it") { data in
            withFile(data, named: "events.csv") { url in
                let events = try EventFileReader.read(url: url, displayName: "events.csv")
                // What `zicht nearrepeat` does with the file, on few events and permutations to stay fast.
                guard events.x.count <= 2_000 else { return }
                let parameters = KnoxParameters(spaceBreaks: [0, 1, 100, 200], timeBreaks: [0, 7, 14], permutations: 9)
                _ = try KnoxTest.analyse(x: events.x, y: events.y, t: events.t, parameters: parameters)
            }
        },
        FuzzReader(name: "panel", summary: "panel CSV for evaluations (area, period, count, treated)") { data in
            withFile(data, named: "panel.csv") { url in
                _ = try PanelReader.read(url: url, displayName: "panel.csv")
            }
        },
        FuzzReader(name: "hotspot", summary: "hot-spot points or lattice CSV, then the analysis on it") { data in
            withFile(data, named: "cells.csv") { url in
                let input = try HotSpotInputReader.read(url: url, displayName: "cells.csv")
                // What `zicht hotspots` does with the file, with few permutations and cells to stay
                // fast (the analysis accepts grids of up to 50 million cells, gigabytes under ASan).
                let options = HotSpotOptions(permutations: 19)
                switch input {
                case .points(let x, let y):
                    guard x.count <= 2_000, try CellGrid.covering(x: x, y: y).count <= 10_000 else { return }
                    _ = try HotSpotAnalysis.analyse(x: x, y: y, options: options)
                case .lattice(let rows, let columns, let values):
                    guard values.count <= 10_000 else { return }
                    let grid = try CellGrid(originX: 0, originY: 0, cellSize: 1, rows: rows, columns: columns)
                    _ = try HotSpotAnalysis.analyse(grid: grid, values: values, options: options)
                }
            }
        },
        FuzzReader(name: "geojson", summary: "GeoJSON area boundaries into RD New") { data in
            _ = try? GeoJSONReader().read(data, file: "buurten.geojson")
        },
        projectFile("config", "zicht.yaml", file: "zicht.yaml", ProjectConfigReader.read(_:file:into:)),
        projectFile("content", "a content page: YAML front matter and Markdown", file: "content/doel.md", ContentReader.read(_:file:into:)),
        FuzzReader(name: "markdown", summary: "Markdown alone") { data in
            _ = MarkdownParser.parse(text(data), file: "content/doel.md")
        },
        FuzzReader(name: "odata", summary: "a CBS OData v3 reply (JSON) and its rows") { data in
            _ = try? ODataReply.readAll([UInt8](data), url: URL(string: "https://opendata.cbs.nl/ODataApi/odata/83648NED/TypedDataSet")!)
        },
        FuzzReader(name: "money", summary: "Zicht's money file (programma;taakveld;soort;kolom;jaar;bedrag)") { data in
            _ = try? MoneyFileReader.read(data, file: "data/financien.csv")
        },
        FuzzReader(name: "iv3", summary: "a CBS Iv3 file per taakveld, then the amounts of one gemeente") { data in
            guard let table = try? Iv3TaakveldReader.read(data, file: "data/iv3.csv") else { return }
            _ = try? Iv3TaakveldReader.entries(table, gemeente: "Zwolle", column: BudgetColumn(.realisatie, 2023))
        },
        projectFile("indicator", "indicators/*.yaml", file: "indicators/i.yaml", IndicatorDefinitionReader.read(_:file:into:)),
        projectFile("intervention", "interventions/*.yaml", file: "interventions/i.yaml", InterventionReader.read(_:file:into:)),
    ]

    static func named(_ name: String) -> FuzzReader? { all.first { $0.name == name } }

    /// A reader of a project file: text in, a value or nil with diagnostics out.
    private static func projectFile<Value>(
        _ name: String, _ summary: String, file: String, _ read: @escaping @Sendable (String, String, inout [Diagnostic]) -> Value?
    ) -> FuzzReader {
        FuzzReader(name: name, summary: summary) { data in
            var diagnostics: [Diagnostic] = []
            _ = read(text(data), file, &diagnostics)
        }
    }

    /// Text as the project loader sees it; invalid UTF-8 becomes U+FFFD instead of being rejected,
    /// so that the fuzzer's mutations still reach the parsers.
    private static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    /// The file readers stream from a path: write the bytes to this process's scratch file
    /// (in memory when /dev/shm exists), read it, and throw the reader's error away.
    private static func withFile(_ data: Data, named name: String, _ body: (URL) throws -> Void) {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let url = URL(fileURLWithPath: folder).appendingPathComponent("zicht-fuzz-\(getpid())-\(name)")
        do {
            try data.write(to: url)
        } catch {
            fatalError("cannot write the fuzz input to \(url.path): \(error)")
        }
        _ = try? body(url)
    }
}
