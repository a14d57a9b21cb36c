import Foundation
import Testing
import ZichtAnalysis
import ZichtCore
import ZichtGeo
import ZichtSources
import ZichtTestSupport

/// Incident files: every row checked, points assigned to the real Zwolle buurten, the rest reported.
/// The incidents here are generated for the test (placed at buurt centres), not real ones.
struct IncidentTests {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("incidents-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func everyBadRowIsReportedWithLineAndColumn() throws {
        let url = try write("""
            id,date,time,type,x,y
            1,2019-03-01,22:15,1.1.1,203000,502000
            2,2019-02-30,,1.1.1,203000,502000
            3,2019-03-02,25:00,1.1.1,203000,502000
            4,2019-03-02,,woninginbraak,203000,502000
            1,2019-03-03,,1.1.1,203000,502000
            6,2019-03-03,,1.1.1,abc,502000
            7,2019-03-03,,1.1.1,903000,502000
            8,2019-03-04,,9.9.9,203000,502000
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try IncidentReader.read(url: url, displayName: "incidenten.csv")
        } throws: { error in
            let found = (error as! DiagnosticsError).diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.message)" }
            return found == [
                "3:2 expected a date as YYYY-MM-DD, found '2019-02-30'",
                "4:3 expected a time as HH:MM, found '25:00'",
                "5:4 expected a police SoortMisdrijf code such as 1.1.1, found 'woninginbraak'",
                "6:1 duplicate id '1'; it is also on line 2",
                "7:5 expected RD coordinates as numbers, found 'abc', '502000'",
                "8:5 RD coordinates (903000, 502000) lie outside the Netherlands",
                "9:4 '9.9.9' is not a police SoortMisdrijf code",
            ]
        }
    }

    @Test func missingColumnsAreNamed() throws {
        let url = try write("nummer,datum\n1,2019-01-01\n")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try IncidentReader.read(url: url, displayName: "x.csv")
        } throws: { error in
            (error as! DiagnosticsError).diagnostics.map(\.message) == [
                "missing column 'id'", "missing column 'date'", "missing column 'type'", "no location columns",
            ]
        }
    }

    @Test func pointsAreCountedPerBuurtAndOutsidersReported() throws {
        let boundaries = try GeoJSONReader().read(contentsOf: try RealData.url("zwolle-buurten-2014.geojson"))
        let areas = boundaries.areas.map(\.area)
        let binnenstad = try #require(areas.first { $0.code == "BU01931000" })
        let centre = try #require(binnenstad.geometry.centroid)
        let latLon = RDNew.latLon(from: centre)
        let url = try write("""
            id;date;type;x;y;lat;lon;buurt
            a;2019-01-05;1.1.1;\(centre.x);\(centre.y);;;
            b;2019-06-05;1.1.1;\(centre.x);\(centre.y);;;
            c;2020-01-05;2.2.1;\(centre.x);\(centre.y);;;
            d;2019-01-05;1.1.1;;;\(latLon.latitude);\(latLon.longitude);
            e;2019-01-05;1.1.1;;;;;BU01931000
            f;2019-01-05;1.1.1;121000;487000;;;
            g;2019-01-05;1.1.1;;;;;BU99999999
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let incidents = try IncidentReader.read(url: url, displayName: "incidenten.csv")
        #expect(incidents.count == 7)
        let result = IncidentCounter(areas: areas).count(incidents, tableID: "incidents")
        #expect(result.assigned == 5)
        #expect(result.outside.map(\.id) == ["f", "g"], "Amsterdam and an unknown buurt code are reported, not dropped")
        let counts = Dictionary(uniqueKeysWithValues: result.observations.map {
            ("\($0.region) \($0.period) \($0.dimensions["Type"]!)", $0.value.number!)
        })
        #expect(counts == ["BU01931000 2019 1.1.1": 4, "BU01931000 2020 2.2.1": 1])
    }
}
