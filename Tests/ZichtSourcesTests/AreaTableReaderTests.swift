import Foundation
import Testing
import ZichtCore
import ZichtSources
import ZichtTestSupport

/// The real Zwolle 2014 neighbourhood table (Buurt-voor-Buurt survey and municipal statistics).
struct AreaTableReaderTests {
    @Test func readsTheZwolleBuurtTable() throws {
        let url = try RealData.url("zwolle-buurtgegevens-2014-bvb-zebra.csv")
        var safety: [String: ObservedValue] = [:]
        let rows = try AreaTableReader.read(
            url: url, displayName: "zwolle-buurtgegevens-2014-bvb-zebra.csv",
            options: .init(
                tableID: "zwolle-bvb", areaColumn: "GEOITEM", codeTemplate: "BU0193{}0", period: Period(year: 2014),
                measures: ["b_vhrbrt", "b_vhonv"], skipAreas: ["999"])
        ) { observation in
            if observation.measure == "b_vhrbrt" { safety[observation.region] = observation.value }
        }
        // 79 data rows, of which 999 means "not available"; python's csv module counts the same.
        #expect(rows == 78)
        #expect(safety.count == 78)
        #expect(safety["BU01931000"] == .number(6.9647), "GEOITEM 100 is Binnenstad-Zuid, BU01931000")
        #expect(safety.values.filter { $0 == .unknown }.count == 4, "NA is unknown, never 0")
        let numbers = safety.values.compactMap(\.number)
        #expect(numbers.allSatisfy { (1...10).contains($0) }, "a rapportcijfer lies between 1 and 10")
    }

    @Test func textInANumberColumnIsLocated() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("area-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("GEOITEM,b_vhrbrt\n100,6.9\n101,zes\n".utf8).write(to: url)
        #expect {
            try AreaTableReader.read(url: url, displayName: "buurten.csv", options: .init(tableID: "t", areaColumn: "GEOITEM", period: Period(year: 2014))) { _ in }
        } throws: { error in
            let e = error as! StatLineCSVError
            return e.line == 3 && e.columnName == "b_vhrbrt" && e.found == "zes"
        }
    }
}
