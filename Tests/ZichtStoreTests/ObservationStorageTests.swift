import Foundation
import Testing
import ZichtCore
@testable import ZichtStore

/// The packed observation layout (ObservationBlock, ObservationBuffer): what goes in comes out, in
/// the documented order, however the observations are split over blocks; errors roll back; a
/// pending content hash keeps imports idempotent; v1 snapshots are converted.
struct ObservationStorageTests {
    static let measure = "TotaalGeregistreerdeMisdrijven_1"
    static let dims = ["SoortMisdrijf": "3000000"]

    static func provenance(_ hash: String, table: String = "83648NED") -> Provenance {
        Provenance(tableID: table, origin: "test.csv", sha256: hash, retrievedAt: Date(timeIntervalSince1970: 1_600_000_000))
    }

    static func observation(_ region: String, _ period: Period, _ value: ObservedValue, measure: String = measure) -> Observation {
        Observation(tableID: "83648NED", measure: measure, dimensions: dims, region: region, period: period, value: value)
    }

    /// (region, period code, value) of every stored observation of the test series, in query order.
    static func stored(_ snapshot: Snapshot, measure: String = measure) throws -> [String] {
        try snapshot.observations(tableIDs: ["83648NED"], measure: measure, dimensions: dims).map {
            "\($0.observation.region) \($0.observation.period.code) \($0.observation.value)"
        }
    }

    @Test func everyKindOfValueRoundTrips() throws {
        let snapshot = try Snapshot()
        let values: [(String, ObservedValue)] = [
            ("GM0001", .number(805)), ("GM0002", .number(-3.25)), ("GM0003", .number(0)), ("GM0004", .number(1e300)),
            ("GM0005", .number(0.1)), ("GM0006", .unknown), ("GM0007", .empty), ("GM0008", .number(Double.leastNonzeroMagnitude)),
        ]
        _ = try snapshot.importTable(Self.provenance("v")) { sink in
            for (region, value) in values.reversed() { try sink.emit(Self.observation(region, Period(year: 2015), value)) }
        }
        let found = try snapshot.observations(tableIDs: ["83648NED"], measure: Self.measure, dimensions: Self.dims)
        #expect(found.map(\.observation.region) == values.map(\.0), "sorted by region code")
        #expect(found.map(\.observation.value) == values.map(\.1), "numbers bit for bit; '.' stays unknown, empty stays empty")
        #expect(found.allSatisfy { $0.observation.measure == Self.measure && $0.observation.dimensions == Self.dims })
    }

    @Test func yearsQuartersAndMonthsRoundTripInPeriodOrder() throws {
        let snapshot = try Snapshot()
        let scrambled = [
            Period(year: 2020, kind: .month, number: 12), Period(year: 2019), Period(year: 2019, kind: .quarter, number: 4),
            Period(year: 2019, kind: .month, number: 1), Period(year: 2020), Period(year: 2019, kind: .quarter, number: 1),
        ]
        _ = try snapshot.importTable(Self.provenance("p")) { sink in
            for (index, period) in scrambled.enumerated() { try sink.emit(Self.observation("GM0193", period, .number(Double(index)))) }
        }
        // Sorted by hand: within a year, the year itself, then its quarters, then its months.
        #expect(try Self.stored(snapshot) == [
            "GM0193 2019JJ00 number(1.0)", "GM0193 2019KW01 number(5.0)", "GM0193 2019KW04 number(2.0)",
            "GM0193 2019MM01 number(3.0)", "GM0193 2020JJ00 number(4.0)", "GM0193 2020MM12 number(0.0)",
        ])
    }

    @Test func seriesSplitOverManyBlocksComeBackWhole() throws {
        // Room for 8 observations and 2 series: three interleaved series force a write every few rows.
        let snapshot = try Snapshot(bufferedObservations: 8)
        let measures = ["A_1", "B_2", "C_3"]
        _ = try snapshot.importTable(Self.provenance("split")) { sink in
            for year in [2016, 2015] {
                for region in 1...10 {
                    for (index, measure) in measures.enumerated() {
                        let value = Double(index * 1000 + region * 10 + year - 2015)
                        try sink.emit(Self.observation(String(format: "GM%04d", region), Period(year: year), .number(value), measure: measure))
                    }
                }
            }
        }
        #expect(try snapshot.observationCount() == 60)
        #expect(try snapshot.rowCount(of: "observationBlock") > 3, "more blocks than series")
        for (index, measure) in measures.enumerated() {
            var expected: [String] = []
            for region in 1...10 {
                for year in 2015...2016 {
                    expected.append(String(format: "GM%04d %dJJ00 number(%d.0)", region, year, index * 1000 + region * 10 + year - 2015))
                }
            }
            #expect(try Self.stored(snapshot, measure: measure) == expected, "\(measure)")
        }
    }

    @Test func aLongSeriesTakesSeveralBlocks() throws {
        let snapshot = try Snapshot(bufferedObservations: 10_000)
        // 1,250 regions × 4 quarters = 5,000 observations of one series: blocks of 4,096 and 904.
        _ = try snapshot.importTable(Self.provenance("long")) { sink in
            for region in 1...1250 {
                for quarter in 1...4 {
                    try sink.emit(Self.observation(String(format: "BU%08d", region), Period(year: 2020, kind: .quarter, number: quarter), .number(Double(region * 4 + quarter))))
                }
            }
        }
        #expect(try snapshot.rowCount(of: "observationBlock") == 2)
        let found = try snapshot.observations(tableIDs: ["83648NED"], measure: Self.measure, dimensions: Self.dims)
        #expect(found.count == 5000)
        var expected: [Double?] = []
        for region in 1...1250 {
            for quarter in 1...4 { expected.append(Double(region * 4 + quarter)) }
        }
        #expect(found.map(\.observation.value.number) == expected)
    }

    @Test func anErrorAfterSeveralWritesLeavesTheSnapshotAsItWas() throws {
        let snapshot = try Snapshot(bufferedObservations: 8)
        _ = try snapshot.importTable(Self.provenance("kept")) { sink in
            try sink.emit(Self.observation("GM0193", Period(year: 2015), .number(805)))
            sink.region("GM0193", name: "Zwolle", parent: "PV23")
        }
        struct Planned: Error {}
        #expect(throws: Planned.self) {
            try snapshot.importTable(Self.provenance("failed")) { sink in
                for region in 1...100 {
                    try sink.emit(Self.observation(String(format: "GM9%03d", region), Period(year: 2016), .number(Double(region))))
                    sink.region(String(format: "GM9%03d", region), name: "Nieuw \(region)")
                }
                throw Planned()
            }
        }
        #expect(try snapshot.observationCount() == 1)
        #expect(try snapshot.rowCount(of: "observationBlock") == 1)
        #expect(try snapshot.rowCount(of: "series") == 1)
        #expect(try snapshot.rowCount(of: "regionKey") == 1, "region codes of the failed import are gone too")
        #expect(try snapshot.sources().map(\.provenance.sha256) == ["kept"])
        #expect(try snapshot.regionNames() == ["GM0193": "Zwolle"])
        #expect(try Self.stored(snapshot) == ["GM0193 2015JJ00 number(805.0)"])
    }

    @Test func anErrorLeavesAFileOnDiskAsItWas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-rollback-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("snapshot.sqlite")
        struct Planned: Error {}
        do {
            let snapshot = try Snapshot(url: url, bufferedObservations: 16)
            _ = try snapshot.importTable(Self.provenance("kept")) { sink in try sink.emit(Self.observation("GM0193", Period(year: 2015), .number(1))) }
            #expect(throws: Planned.self) {
                try snapshot.importTable(Self.provenance("failed")) { sink in
                    for index in 0..<1000 { try sink.emit(Self.observation("GM0014", Period(year: 1000 + index), .number(Double(index)))) }
                    throw Planned()
                }
            }
        }
        let reopened = try Snapshot(url: url)
        #expect(try reopened.observationCount() == 1)
        #expect(try Self.stored(reopened) == ["GM0193 2015JJ00 number(1.0)"])
    }

    @Test func theSameContentTwiceChangesNothingWhenTheHashComesLate() throws {
        let snapshot = try Snapshot(bufferedObservations: 64)
        let first = try snapshot.importTable(Self.provenance(""), hash: ContentHash { _ in "same" }) { sink in
            for year in 2000..<2100 { try sink.emit(Self.observation("GM0193", Period(year: year), .number(Double(year)))) }
        }
        #expect(first == .imported(rows: 100))
        #expect(try snapshot.sources().map(\.provenance.sha256) == ["same"], "the stand-in hash is replaced")

        // The hash is known before the first row: the import stops at once.
        let late = ContentHash { _ in "same" }
        var emitted = 0
        let second = try snapshot.importTable(Self.provenance(""), hash: late) { sink in
            _ = try late.wait()
            for year in 2000..<2100 {
                try sink.emit(Self.observation("GM0014", Period(year: year), .number(1)))
                emitted += 1
            }
        }
        #expect(second == .alreadyImported)
        #expect(emitted == 0)
        // The hash is only looked at after the last row: everything written is rolled back.
        let third = try snapshot.importTable(Self.provenance(""), hash: ContentHash { _ in "same" }) { sink in
            for year in 2000..<2010 { try sink.emit(Self.observation("GM0014", Period(year: year), .number(1))) }
        }
        #expect(third == .alreadyImported)
        #expect(try snapshot.observationCount() == 100)
        #expect(try snapshot.sources().count == 1)
        #expect(try snapshot.rowCount(of: "regionKey") == 1)
    }

    @Test func aFailedHashFailsTheImport() throws {
        let snapshot = try Snapshot()
        struct Unreadable: Error {}
        #expect(throws: Unreadable.self) {
            try snapshot.importTable(Self.provenance(""), hash: ContentHash { _ in throw Unreadable() }) { sink in
                try sink.emit(Self.observation("GM0193", Period(year: 2015), .number(1)))
            }
        }
        #expect(try snapshot.observationCount() == 0)
        #expect(try snapshot.sources().isEmpty)
    }

    @Test func keysAndObservationsGiveTheSameRowsAsObservations() throws {
        let byObservation = try Snapshot(bufferedObservations: 8)
        let byKey = try Snapshot(bufferedObservations: 8)
        let rows: [(String, Int, ObservedValue)] = [("GM0193", 2015, .number(805)), ("GM0014", 2015, .unknown), ("GM0193", 2016, .empty)]
        _ = try byObservation.importTable(Self.provenance("o")) { sink in
            for (region, year, value) in rows { try sink.emit(Self.observation(region, Period(year: year), value)) }
        }
        _ = try byKey.importTable(Self.provenance("o")) { sink in
            let series = try sink.seriesKey(measure: Self.measure, dimensions: Self.dims)
            for (region, year, value) in rows { try sink.emit(series, try sink.regionKey(region), period: Period(year: year), value: value) }
        }
        #expect(try Self.stored(byKey) == Self.stored(byObservation))
        #expect(try Self.stored(byKey) == ["GM0014 2015JJ00 unknown", "GM0193 2015JJ00 number(805.0)", "GM0193 2016JJ00 empty"])
    }

    @Test func duplicatesAndSourcesKeepTheirOrder() throws {
        let snapshot = try Snapshot(bufferedObservations: 4)
        // Two sources of one table, the first with the same cell twice: the oldest source comes first,
        // and within a source the order of import.
        _ = try snapshot.importTable(Self.provenance("old")) { sink in
            try sink.emit(Self.observation("GM0193", Period(year: 2015), .number(1)))
            try sink.emit(Self.observation("GM0014", Period(year: 2015), .number(2)))
            try sink.emit(Self.observation("GM0193", Period(year: 2015), .number(3)))
        }
        _ = try snapshot.importTable(Self.provenance("new")) { sink in
            try sink.emit(Self.observation("GM0193", Period(year: 2015), .number(4)))
        }
        let found = try snapshot.observations(tableIDs: ["83648NED"], measure: Self.measure, dimensions: Self.dims)
        #expect(found.map(\.observation.value.number) == [2, 1, 3, 4])
        #expect(found.map(\.provenance.sha256) == ["old", "old", "old", "new"])
    }

    @Test func aVersion1SnapshotIsConverted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-v1-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("snapshot.sqlite")
        do {
            // The layout of the first release: one row per observation, written here by hand.
            let old = try Snapshot(url: url, migratingUpTo: "v1-indexes")
            try old.execute(sql: """
                INSERT INTO source (id, tableID, origin, sha256, publisher, retrievedAt, importedAt, rowCount)
                    VALUES (1, '83648NED', 'a.csv', 'aaa', 'CBS', 1600000000, 1600000001, 5);
                INSERT INTO series (id, sourceID, measure, dims) VALUES (1, 1, 'TotaalGeregistreerdeMisdrijven_1', 'SoortMisdrijf=3000000');
                INSERT INTO series (id, sourceID, measure, dims) VALUES (2, 1, 'GeregistreerdeMisdrijvenPer1000Inw_3', 'SoortMisdrijf=3000000');
                INSERT INTO regionKey (id, code) VALUES (1, 'GM0193'), (2, 'GM0014');
                INSERT INTO observation (seriesID, regionID, period, value, status) VALUES
                    (1, 1, 20150000, 805, 0), (1, 2, 20150000, NULL, 1), (2, 1, 20150000, 6.5, 0), (1, 1, 20190203, NULL, 2), (1, 2, 20160104, 12, 0);
                """)
        }
        let snapshot = try Snapshot(url: url)
        #expect(try snapshot.hasTable("observation") == false)
        #expect(try snapshot.observationCount() == 5)
        #expect(try Self.stored(snapshot) == [
            "GM0014 2015JJ00 unknown", "GM0014 2016KW04 number(12.0)", "GM0193 2015JJ00 number(805.0)", "GM0193 2019MM03 empty",
        ])
        #expect(try Self.stored(snapshot, measure: "GeregistreerdeMisdrijvenPer1000Inw_3") == ["GM0193 2015JJ00 number(6.5)"])
        #expect(try snapshot.sources().map(\.rowCount) == [5])
        // And it takes new imports as usual.
        _ = try snapshot.importTable(Self.provenance("bbb")) { sink in try sink.emit(Self.observation("GM0193", Period(year: 2020), .number(1))) }
        #expect(try snapshot.observationCount() == 6)
    }
}
