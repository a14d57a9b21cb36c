import Foundation
import Testing
import ZichtCore
import ZichtStore

struct SnapshotTests {
    static func provenance(_ hash: String) -> Provenance {
        Provenance(tableID: "83648NED", origin: "test.csv", sha256: hash, retrievedAt: Date(timeIntervalSince1970: 1_600_000_000))
    }

    static func observation(_ region: String, _ year: Int, _ value: ObservedValue) -> Observation {
        Observation(
            tableID: "83648NED", measure: "TotaalGeregistreerdeMisdrijven_1", dimensions: ["SoortMisdrijf": "3000000"],
            region: region, period: Period(year: year), value: value)
    }

    struct Planned: Error {}

    @Test func importIsOneTransaction() throws {
        let snapshot = try Snapshot()
        #expect(throws: Planned.self) {
            try snapshot.importTable(Self.provenance("a")) { sink in
                try sink.emit(Self.observation("GM0193", 2015, .number(805)))
                throw Planned()
            }
        }
        #expect(try snapshot.observationCount() == 0)
        #expect(try snapshot.sources().isEmpty)
        #expect(try snapshot.snapshotTime() == nil)
    }

    @Test func sameBytesTwiceChangeNothing() throws {
        let snapshot = try Snapshot()
        let before = Date()
        let first = try snapshot.importTable(Self.provenance("abc")) { sink in
            try sink.emit(Self.observation("GM0193", 2015, .number(805)))
            try sink.emit(Self.observation("GM0014", 2015, .unknown))
            try sink.emit(Self.observation("GM0363", 2015, .empty))
            sink.region("GM0193", name: "Zwolle", parent: "PV23")
        }
        #expect(first == .imported(rows: 3))
        let second = try snapshot.importTable(Self.provenance("abc")) { sink in
            try sink.emit(Self.observation("GM0193", 2016, .number(1)))
        }
        #expect(second == .alreadyImported)
        #expect(try snapshot.observationCount() == 3)
        #expect(try snapshot.sources().map(\.rowCount) == [3])
        #expect(try snapshot.regionNames() == ["GM0193": "Zwolle"])
        #expect(try snapshot.regionParents() == ["GM0193": "PV23"])
        let time = try #require(try snapshot.snapshotTime())
        #expect(time >= before.addingTimeInterval(-1) && time <= Date().addingTimeInterval(1), "the time of the import")
        #expect(try snapshot.sources().first?.provenance.retrievedAt == Date(timeIntervalSince1970: 1_600_000_000))
    }

    @Test func queriesKeepUnknownApartFromZero() throws {
        let snapshot = try Snapshot()
        _ = try snapshot.importTable(Self.provenance("x")) { sink in
            try sink.emit(Self.observation("GM0193", 2015, .number(805)))
            try sink.emit(Self.observation("GM0014", 2015, .unknown))
            try sink.emit(Self.observation("GM0363", 2015, .number(0)))
        }
        let found = try snapshot.observations(
            tableIDs: ["83648NED"], measure: "TotaalGeregistreerdeMisdrijven_1", dimensions: ["SoortMisdrijf": "3000000"])
        let byRegion = Dictionary(uniqueKeysWithValues: found.map { ($0.observation.region, $0.observation.value) })
        #expect(byRegion == ["GM0193": .number(805), "GM0014": .unknown, "GM0363": .number(0)])
        #expect(found.allSatisfy { $0.provenance.sha256 == "x" && $0.provenance.tableID == "83648NED" })
        #expect(try snapshot.observations(tableIDs: ["83651NED"], measure: "TotaalGeregistreerdeMisdrijven_1", dimensions: ["SoortMisdrijf": "3000000"]).isEmpty)
    }

    @Test func snapshotPersistsOnDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-snap-\(UUID().uuidString)/s.sqlite")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        do {
            let snapshot = try Snapshot(url: url)
            _ = try snapshot.importTable(Self.provenance("p")) { sink in try sink.emit(Self.observation("GM0193", 2015, .number(805))) }
        }
        #expect(try Snapshot(url: url).observationCount() == 1)
    }

    @Test func provisionalYearsRoundTrip() throws {
        let snapshot = try Snapshot()
        var provenance = Self.provenance("v")
        provenance.provisionalYears = [2021, 2020]
        _ = try snapshot.importTable(provenance) { sink in try sink.emit(Self.observation("GM0193", 2021, .number(1))) }
        #expect(try snapshot.sources().first?.provenance.provisionalYears == [2020, 2021])
        let found = try snapshot.observations(tableIDs: ["83648NED"], measure: "TotaalGeregistreerdeMisdrijven_1", dimensions: ["SoortMisdrijf": "3000000"])
        #expect(found.first?.provenance.provisionalYears == [2020, 2021])
    }

    @Test func twoImportsOfOneSeriesMerge() throws {
        let snapshot = try Snapshot()
        _ = try snapshot.importTable(Self.provenance("bulk")) { sink in
            for year in 2000..<2020 { try sink.emit(Self.observation("GM0193", year, .number(Double(year)))) }
        }
        _ = try snapshot.importTable(Self.provenance("small")) { sink in try sink.emit(Self.observation("GM0014", 2015, .number(1))) }
        let found = try snapshot.observations(tableIDs: ["83648NED"], measure: "TotaalGeregistreerdeMisdrijven_1", dimensions: ["SoortMisdrijf": "3000000"])
        #expect(found.count == 21)
        #expect(found.filter { $0.observation.region == "GM0193" }.map(\.observation.period.year) == Array(2000..<2020))
    }

    @Test func periodsParse() {
        #expect(Period(code: "2015JJ00") == Period(year: 2015))
        #expect(Period(code: "2019MM03") == Period(year: 2019, kind: .month, number: 3))
        #expect(Period(code: "2020") == Period(year: 2020))
        #expect(Period(code: "2015JJ00")?.code == "2015JJ00")
        #expect(Period(code: "2015XX00") == nil)
        #expect(Period(code: "") == nil)
        for period in [Period(year: 2015), Period(year: 2019, kind: .month, number: 12), Period(year: 2020, kind: .quarter, number: 3)] {
            #expect(Period(sortKey: period.sortKey) == period)
        }
        #expect(Period(year: 2019, kind: .month, number: 12).sortKey < Period(year: 2020).sortKey)
    }
}
