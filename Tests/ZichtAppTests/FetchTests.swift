import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtStore
import ZichtTestSupport

/// `zicht fetch` against an in-process replay of the CBS OData feed (hand-written fixture rows).
struct FetchTests {
    static let path = "/ODataFeed/odata/83648NED/TypedDataSet"
    /// Fixture rows in the real TypedDataSet shape; the figures are invented, except NL 2015 (57.9).
    static let rows = [
        #"{"ID":0,"SoortMisdrijf":"T001161","RegioS":"NL01  ","Perioden":"2015JJ00","TotaalGeregistreerdeMisdrijven_1":979560,"GeregistreerdeMisdrijvenPer1000Inw_3":57.9}"#,
        #"{"ID":1,"SoortMisdrijf":"T001161","RegioS":"GM0193    ","Perioden":"2015JJ00","TotaalGeregistreerdeMisdrijven_1":"7485","GeregistreerdeMisdrijvenPer1000Inw_3":null}"#,
    ]

    func project(catalog: String) throws -> TemporaryProject {
        var files = TemporaryProject.minimalFiles
        files["zicht.yaml"]! += "\nfetch:\n  - catalog: \(catalog)\n    table: 83648NED\n    title: Geregistreerde criminaliteit\n"
        return try TemporaryProject(files: files)
    }

    func page(_ rows: [String], next: URL?) -> ReplayServer.Reply {
        var text = #"{"odata.metadata":"x","value":["# + rows.joined(separator: ",") + "]"
        if let next { text += #","odata.nextLink":"\#(next.absoluteString)""# }
        return .json(text + "}")
    }

    @Test func fetchesAllPagesIntoTheSnapshotOnce() async throws {
        try await ReplayServer.with { server in
            let project = try project(catalog: server.baseURL.absoluteString)
            defer { project.remove() }
            for _ in 0..<2 {
                server.enqueue(page([Self.rows[0]], next: server.url(Self.path + "?$format=json&$skip=1")), for: Self.path + "?$format=json")
                server.enqueue(page([Self.rows[1]], next: nil), for: Self.path + "?$format=json&$skip=1")
            }
            let first = try await ZichtApp.fetch(project: project.root, timeout: .seconds(5))
            #expect(first.map(\.outcome) == [.imported(rows: 4)])
            let second = try await ZichtApp.fetch(project: project.root, timeout: .seconds(5))
            #expect(second.map(\.outcome) == [.alreadyImported])

            let snapshot = try Snapshot(url: ZichtApp.snapshotURL(of: project.root))
            let found = try snapshot.observations(
                tableIDs: ["83648NED"], measure: "TotaalGeregistreerdeMisdrijven_1", dimensions: ["SoortMisdrijf": "T001161"])
            #expect(Set(found.map(\.observation.region)) == ["NL01", "GM0193"], "keys are trimmed")
            #expect(found.first { $0.observation.region == "GM0193" }?.observation.value == .number(7485), "numbers sent as strings")
            let rates = try snapshot.observations(
                tableIDs: ["83648NED"], measure: "GeregistreerdeMisdrijvenPer1000Inw_3", dimensions: ["SoortMisdrijf": "T001161"])
            #expect(rates.first { $0.observation.region == "GM0193" }?.observation.value == .unknown, "null stays unknown")
            #expect(found.allSatisfy { $0.provenance.origin.hasPrefix(server.baseURL.absoluteString) && $0.provenance.tableTitle == "Geregistreerde criminaliteit" })
        }
    }

    @Test func noNetworkIsExplained() async throws {
        // A port on the loopback address where nothing listens.
        let project = try project(catalog: "http://127.0.0.1:9")
        defer { project.remove() }
        do {
            _ = try await ZichtApp.fetch(project: project.root, timeout: .seconds(2))
            Issue.record("fetch should fail")
        } catch let error as AppError {
            #expect(error.description.contains("table 83648NED"))
            #expect(error.description.contains("zicht import"))
        }
        #expect(try Snapshot(url: ZichtApp.snapshotURL(of: project.root)).observationCount() == 0, "nothing half-imported")
    }
}
