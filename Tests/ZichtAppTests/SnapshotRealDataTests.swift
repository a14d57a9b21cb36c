import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtSources
import ZichtStore
import ZichtTestSupport

/// The packed snapshot on the team's real CBS and police files: every series that `zicht import`
/// stores comes back from `Snapshot.observations` exactly as the file's cells, in the order the
/// first release's one-row-per-observation query gave (region code, period, oldest source first,
/// then file order).
struct SnapshotRealDataTests {
    /// One cell as the reader gives it: the reference the snapshot must reproduce.
    struct Cell: Equatable, CustomStringConvertible {
        var region: String
        var period: Period
        var value: ObservedValue
        var source: String
        var description: String { "\(region) \(period.code) \(value) \(source)" }
    }

    /// The cells of `files`, read with `StatLineTableReader.read(observe:)`, grouped by series
    /// (measure and dimensions) and sorted by region code, period and source (a stable sort, so
    /// cells with the same keys keep the order of the files).
    static func expectedSeries(_ files: [String], table: String) throws -> [String: (measure: String, dimensions: [String: String], cells: [Cell])] {
        var series: [String: (measure: String, dimensions: [String: String], cells: [Cell])] = [:]
        for file in files {
            _ = try StatLineTableReader.read(url: try RealData.url(file), displayName: file, tableID: table, observe: { o in
                let key = o.measure + "|" + o.dimensionKey
                series[key, default: (o.measure, o.dimensions, [])].cells.append(Cell(region: o.region, period: o.period, value: o.value, source: file))
            })
        }
        for key in series.keys {
            let order = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
            series[key]!.cells = series[key]!.cells.enumerated().sorted { a, b in
                let (x, y) = (a.element, b.element)
                if x.region != y.region { return x.region < y.region }
                if x.period.sortKey != y.period.sortKey { return x.period.sortKey < y.period.sortKey }
                if order[x.source]! != order[y.source]! { return order[x.source]! < order[y.source]! }
                return a.offset < b.offset
            }.map(\.element)
        }
        return series
    }

    static let cases: [(files: [String], table: String)] = [
        (["cbs-83648NED-2015-gemeenten.csv"], "83648NED"),
        (["cbs-83648NED-2015-totaal-per1000-regio.csv"], "83648NED"),
        (["cbs-83651NED-diefstallen-2010-2017-provincies.csv", "cbs-83651NED-diefstallen-2018-2021-gemeenten.csv"], "83651NED"),
        (["cbs-70072ned-2015-regionale-kerncijfers.csv"], "70072ned"),
        (["cbs-81877NED-veiligheidsbeleving-2012-2017-provincies.csv"], "81877NED"),
        (["politie-47018NED-csvdownload-amsterdam-1.2.3-2020-2024.csv"], "47018NED"),
    ]

    @Test(arguments: cases)
    func everySeriesComesBackAsInTheFile(files: [String], table: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A small buffer, so that every series is split over several blocks.
        let snapshot = try Snapshot(url: folder.appendingPathComponent("snapshot.sqlite"), bufferedObservations: 5_000)
        var total = 0
        for file in files {
            let outcome = try ZichtApp.importFile(try RealData.url(file), shownAs: file, table: table, into: snapshot)
            guard case .imported(let rows) = outcome else {
                Issue.record("\(file) was not imported: \(outcome)")
                return
            }
            total += rows
        }
        let expected = try Self.expectedSeries(files, table: table)
        #expect(try snapshot.observationCount() == total)
        #expect(expected.values.map(\.cells.count).reduce(0, +) == total)
        for (key, series) in expected {
            let stored = try snapshot.observations(tableIDs: [table], measure: series.measure, dimensions: series.dimensions).map {
                Cell(region: $0.observation.region, period: $0.observation.period, value: $0.observation.value, source: $0.provenance.origin)
            }
            #expect(stored == series.cells, "series \(key)")
        }
        // Importing the same files again changes nothing.
        for file in files {
            #expect(try ZichtApp.importFile(try RealData.url(file), shownAs: file, table: table, into: snapshot) == .alreadyImported)
        }
        #expect(try snapshot.observationCount() == total)
    }
}
