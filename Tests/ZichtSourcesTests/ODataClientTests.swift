import Foundation
import Testing
import ZichtSources
import ZichtTestSupport

/// `ODataClient` against an in-process replay server: paging, retries, timeouts, resuming,
/// filters, metadata and value decoding.
///
/// All replies below are **fixtures** written by hand in the shape of CBS OData v3 replies; the
/// figures are invented (except the NL 2015 row, which follows the example in
/// shared/research/data-sources.md) and must not be read as statistics.
struct ODataClientTests {
    /// Short limits so that the whole file runs in a few seconds.
    static let fast = ODataClient.Configuration(
        timeout: .seconds(5),
        retry: ODataRetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(10), maxDelay: .milliseconds(40), jitter: 0))

    static let feedPath = "/ODataFeed/odata/83648NED/TypedDataSet"

    func client(_ server: ReplayServer, _ configuration: ODataClient.Configuration = fast) -> ODataClient {
        ODataClient(catalog: .custom(server.baseURL), configuration: configuration)
    }

    /// Fixture: six rows of 83648NED (T001161, NL01 / GM0193 / GM0200, 2015–2016), two per page.
    static let fixtureRows: [String] = [
        #"{"ID":0,"SoortMisdrijf":"T001161","RegioS":"NL01  ","Perioden":"2015JJ00","TotaalGeregistreerdeMisdrijven_1":979560,"GeregistreerdeMisdrijvenPer1000Inw_3":57.9}"#,
        #"{"ID":1,"SoortMisdrijf":"T001161","RegioS":"NL01  ","Perioden":"2016JJ00","TotaalGeregistreerdeMisdrijven_1":932155,"GeregistreerdeMisdrijvenPer1000Inw_3":54.7}"#,
        #"{"ID":2,"SoortMisdrijf":"T001161","RegioS":"GM0193","Perioden":"2015JJ00","TotaalGeregistreerdeMisdrijven_1":6740,"GeregistreerdeMisdrijvenPer1000Inw_3":54.4}"#,
        #"{"ID":3,"SoortMisdrijf":"T001161","RegioS":"GM0193","Perioden":"2016JJ00","TotaalGeregistreerdeMisdrijven_1":6415,"GeregistreerdeMisdrijvenPer1000Inw_3":null}"#,
        #"{"ID":4,"SoortMisdrijf":"T001161","RegioS":"GM0200","Perioden":"2015JJ00","TotaalGeregistreerdeMisdrijven_1":8105,"GeregistreerdeMisdrijvenPer1000Inw_3":51.3}"#,
        #"{"ID":5,"SoortMisdrijf":"T001161","RegioS":"GM0200","Perioden":"2016JJ00","TotaalGeregistreerdeMisdrijven_1":7690,"GeregistreerdeMisdrijvenPer1000Inw_3":48.6}"#,
    ]

    /// A TypedDataSet reply holding `rows`, with an `odata.nextLink` when `next` is given.
    static func page(_ rows: ArraySlice<String>, next: URL? = nil, table: String = "83648NED") -> ReplayServer.Reply {
        var text = #"{"odata.metadata":"https://opendata.cbs.nl/ODataFeed/odata/\#(table)/$metadata#Cbs.OData.WebAPI.TypedDataSet","value":["#
        text += rows.joined(separator: ",") + "]"
        if let next { text += #","odata.nextLink":"\#(next.absoluteString)""# }
        return .json(text + "}")
    }

    /// Queues the three pages of the fixture table: `$format=json`, then `$skip=2`, `$skip=4`.
    func enqueueThreePages(_ server: ReplayServer, skipFirst: Bool = false) {
        let second = server.url(Self.feedPath + "?$format=json&$skip=2")
        let third = server.url(Self.feedPath + "?$format=json&$skip=4")
        if !skipFirst {
            server.enqueue(Self.page(Self.fixtureRows[0..<2], next: second), for: Self.feedPath + "?$format=json")
        }
        server.enqueue(Self.page(Self.fixtureRows[2..<4], next: third), for: Self.feedPath + "?$format=json&$skip=2")
        server.enqueue(Self.page(Self.fixtureRows[4..<6]), for: Self.feedPath + "?$format=json&$skip=4")
    }

    /// Runs `body` and returns the `ODataError` it throws; records an issue if it throws none.
    func odataError(_ body: () async throws -> Void) async -> ODataError? {
        do {
            try await body()
            Issue.record("expected an ODataError")
        } catch let error as ODataError {
            return error
        } catch {
            Issue.record("expected an ODataError, got \(error)")
        }
        return nil
    }

    // MARK: Paging

    @Test func followsNextLinkOverThreePages() async throws {
        try await ReplayServer.with { server in
            enqueueThreePages(server)
            var pages: [ODataPage] = []
            for try await page in client(server).rows(table: "83648NED") { pages.append(page) }

            #expect(pages.map(\.index) == [0, 1, 2])
            #expect(pages.map(\.attempts) == [1, 1, 1])
            #expect(pages.last?.nextURL == nil)
            let rows = pages.flatMap(\.rows)
            #expect(rows.map { $0["ID"] } == (0..<6).map { .number(Double($0)) })
            #expect(rows[0]["RegioS"] == .string("NL01  "))
            #expect(rows[0]["RegioS"]?.trimmedString == "NL01")
            #expect(rows[0]["TotaalGeregistreerdeMisdrijven_1"]?.number == 979560)
            #expect(rows[0].names == ["ID", "SoortMisdrijf", "RegioS", "Perioden", "TotaalGeregistreerdeMisdrijven_1", "GeregistreerdeMisdrijvenPer1000Inw_3"])
            #expect(server.requests.map(\.target) == [
                Self.feedPath + "?$format=json", Self.feedPath + "?$format=json&$skip=2", Self.feedPath + "?$format=json&$skip=4",
            ])
        }
    }

    @Test func serverErrorIsRetriedOnce() async throws {
        try await ReplayServer.with { server in
            server.enqueue(.status(500, body: "Internal Server Error"), Self.page(Self.fixtureRows[0..<2]), for: Self.feedPath)
            let pages = try await collect(client(server).rows(table: "83648NED"))
            #expect(pages.count == 1)
            #expect(pages[0].attempts == 2)
            #expect(pages[0].rows.map { $0["RegioS"]?.trimmedString } == ["NL01", "NL01"])
            #expect(server.requests.count == 2)
        }
    }

    @Test func notFoundIsNotRetriedAndNamesTheURL() async throws {
        try await ReplayServer.with { server in
            let body = #"{"odata.error":{"code":"","message":{"lang":"nl-NL","value":"Tabel 99999NED bestaat niet."}}}"#
            server.enqueue(.json(body, status: 404), for: "/ODataFeed/odata/99999NED/TypedDataSet")
            let error = await odataError { _ = try await client(server).rows(table: "99999NED").allRows() }
            #expect(error?.kind == .httpStatus)
            #expect(error?.status == 404)
            #expect(error?.attempts == 1)
            #expect(error?.isRetryable == false)
            let url = server.url("/ODataFeed/odata/99999NED/TypedDataSet?$format=json")
            #expect(error?.url == url)
            #expect(error?.description.hasPrefix("HTTP 404 Not Found from \(url.absoluteString): Tabel 99999NED bestaat niet.") == true)
            #expect(server.requests.count == 1)
        }
    }

    @Test func truncatedBodyIsRetried() async throws {
        try await ReplayServer.with { server in
            let full = Self.page(Self.fixtureRows[0..<2])
            server.enqueue(full.truncated(after: 60), full.truncated(after: 60), full, for: Self.feedPath)

            var once = Self.fast
            once.retry = .none
            let error = await odataError { _ = try await client(server, once).rows(table: "83648NED").allRows() }
            #expect(error?.kind == .truncatedBody)
            #expect(error?.description.hasPrefix("truncated reply from \(server.url(Self.feedPath + "?$format=json"))") == true)
            #expect(error?.attempts == 1)

            let pages = try await collect(client(server).rows(table: "83648NED"))
            #expect(pages.map(\.attempts) == [2])
            #expect(pages[0].rows.count == 2)
            #expect(server.requests.count == 3)
        }
    }

    @Test func slowReplyTimesOutAfterTheRetries() async throws {
        try await ReplayServer.with { server in
            // Ten minutes: a client that waited for this reply would not finish the test in time
            // to see a timeout. (No bound on the elapsed time: with long synchronous tests
            // holding the cooperative pool, the wall clock says little.)
            let slow = Self.page(Self.fixtureRows[0..<2]).delayed(by: .seconds(600))
            server.enqueue(slow, slow, for: Self.feedPath)
            let configuration = ODataClient.Configuration(
                timeout: .milliseconds(150), retry: ODataRetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(10), jitter: 0))
            let error = await odataError { _ = try await client(server, configuration).rows(table: "83648NED").allRows() }
            #expect(error?.kind == .timeout)
            #expect(error?.attempts == 2)
            #expect(error?.description.contains("in time") == true)
            #expect(server.requests.count == 2)
        }
    }

    @Test func resumesAfterPageTwoFailsWithoutFetchingPageOneAgain() async throws {
        try await ReplayServer.with { server in
            let second = server.url(Self.feedPath + "?$format=json&$skip=2")
            server.enqueue(Self.page(Self.fixtureRows[0..<2], next: second), for: Self.feedPath + "?$format=json")
            server.enqueue(.status(503), .status(502), .status(500), for: Self.feedPath + "?$format=json&$skip=2")
            let odata = client(server)

            var delivered: [ODataRow] = []
            let error = await odataError {
                for try await page in odata.rows(table: "83648NED") { delivered += page.rows }
            }
            #expect(delivered.count == 2)
            #expect(error?.kind == .httpStatus)
            #expect(error?.status == 500)
            #expect(error?.attempts == 3)
            #expect(error?.url == second)
            let resumeURL = try #require(error?.resumeURL)
            #expect(resumeURL == second)
            #expect(error?.description.contains("resume from: \(second.absoluteString)") == true)

            enqueueThreePages(server, skipFirst: true)
            for try await page in odata.resume(from: resumeURL) { delivered += page.rows }
            #expect(delivered.map { $0["ID"]?.number } == [0, 1, 2, 3, 4, 5])
            #expect(server.requests(to: Self.feedPath).filter { $0.query == "$format=json" }.count == 1)
            #expect(server.requests.count == 1 + 3 + 2)
        }
    }

    /// A reply that arrives in time counts as in time even while every thread of Swift's
    /// cooperative pool is busy. (In CI, long synchronous tests once held the pool for a minute;
    /// the deadline and the reply became ready together, the deadline won, and a good reply was
    /// reported as a timeout.) The reply comes after 50 ms; both threads are then held for 1.5 s,
    /// three times the 0.5 s limit.
    @Test func aReplyInTimeCountsWhileThePoolIsBusy() async throws {
        try await ReplayServer.with { server in
            server.enqueue(Self.page(Self.fixtureRows[0..<2]).delayed(by: .milliseconds(50)), for: Self.feedPath)
            let configuration = ODataClient.Configuration(
                timeout: .milliseconds(500), retry: ODataRetryPolicy(maxAttempts: 1, initialDelay: .milliseconds(10), jitter: 0))
            let odata = client(server, configuration)
            let fetch = Task { try await collect(odata.rows(table: "83648NED")) }
            while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
            let busy = (0..<ProcessInfo.processInfo.activeProcessorCount).map { _ in
                Task.detached {
                    let end = ContinuousClock.now + .milliseconds(1500)
                    while ContinuousClock.now < end {}
                }
            }
            for task in busy { await task.value }
            let pages = try await fetch.value
            #expect(pages.map(\.attempts) == [1])
            #expect(pages.first?.rows.count == 2)
            #expect(server.requests.count == 1)
        }
    }

    @Test func rateLimitWaitsAsRetryAfterSays() async throws {
        try await ReplayServer.with { server in
            server.enqueue(
                .status(429, headers: ["Retry-After": "0"]), Self.page(Self.fixtureRows[0..<1]), for: Self.feedPath)
            // The backoff alone would wait 10 minutes; Retry-After: 0 replaces it. (The bound is
            // loose because a busy cooperative pool delays every await of this test.)
            let configuration = ODataClient.Configuration(
                timeout: .seconds(5), retry: ODataRetryPolicy(maxAttempts: 2, initialDelay: .seconds(600), maxDelay: .seconds(600), jitter: 0))
            let started = ContinuousClock.now
            let pages = try await collect(client(server, configuration).rows(table: "83648NED"))
            #expect(pages.map(\.attempts) == [2])
            #expect(ContinuousClock.now - started < .seconds(300))
        }
    }

    @Test func nextLinkLoopIsAnError() async throws {
        try await ReplayServer.with { server in
            let first = server.url(Self.feedPath + "?$format=json")
            server.enqueue(Self.page(Self.fixtureRows[0..<2], next: first), for: Self.feedPath)
            let error = await odataError { _ = try await client(server).rows(table: "83648NED").allRows() }
            #expect(error?.kind == .invalidResponse)
            #expect(error?.resumeURL == nil)
            #expect(server.requests.count == 1)
        }
    }

    // MARK: Requests

    @Test func filterWithPaddedKeysAndPeriodsIsSentExactly() async throws {
        try await ReplayServer.with { server in
            let path = "/ODataApi/OData/47018NED/TypedDataSet"
            server.enqueue(
                Self.page(
                    [#"{"ID":812,"WijkenEnBuurten":"BU01931000","Perioden":"2019MM11","GeregistreerdeMisdrijven_1":3}"#],
                    table: "47018NED"),
                for: path)
            let filter = ODataFilter.startsWith("WijkenEnBuurten", "BU0193")
                && .eq("SoortMisdrijf", "1.1.1", width: 6)
                && .periods(ODataFilter.months(from: (2019, 11), through: (2020, 2)))
            let rows = try await client(server).rows(
                table: "47018NED", filter: filter, select: ["WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1"],
                service: .api
            ).allRows()
            #expect(rows.count == 1)

            let request = try #require(server.requests.first)
            #expect(request.method == "GET")
            #expect(request.path == path)
            #expect(
                request.query
                    == "$filter=startswith(WijkenEnBuurten,'BU0193')%20and%20SoortMisdrijf%20eq%20'1.1.1%20'%20and%20"
                    + "(Perioden%20eq%20'2019MM11'%20or%20Perioden%20eq%20'2019MM12'%20or%20Perioden%20eq%20'2020MM01'%20or%20Perioden%20eq%20'2020MM02')"
                    + "&$select=WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1&$format=json")
            #expect(
                request.queryValue("$filter")
                    == "startswith(WijkenEnBuurten,'BU0193') and SoortMisdrijf eq '1.1.1 ' and "
                    + "(Perioden eq '2019MM11' or Perioden eq '2019MM12' or Perioden eq '2020MM01' or Perioden eq '2020MM02')")
            #expect(request.headers["accept"] == "application/json")
        }
    }

    @Test func filterBuilders() {
        #expect(ODataFilter.eq("RegioS", "GM0193", width: 10).text == "RegioS eq 'GM0193    '")
        #expect(ODataFilter.eq("SoortMisdrijf", "2.6.10", width: 6).text == "SoortMisdrijf eq '2.6.10'")
        #expect(ODataFilter.eq("Title", "Jan's buurt").text == "Title eq 'Jan''s buurt'")
        #expect(ODataFilter.startsWith("WijkenEnBuurten", "BU0193'").text == "startswith(WijkenEnBuurten,'BU0193''')")
        #expect(ODataFilter.periods(["2019JJ00"]).text == "Perioden eq '2019JJ00'")
        #expect(ODataFilter.anyOf("RegioS", ["GM0193", "NL01"], width: 6).text == "(RegioS eq 'GM0193' or RegioS eq 'NL01  ')")
        #expect(ODataFilter.years(2014...2016) == ["2014JJ00", "2015JJ00", "2016JJ00"])
        #expect(ODataFilter.months(from: (2019, 12), through: (2020, 1)) == ["2019MM12", "2020MM01"])
        #expect(!ODataFilter.periods(ODataFilter.months(from: (2025, 1), through: (2026, 3))).text.contains(" ge "))
        #expect(ODataFilter.isIdentifier("GeregistreerdeMisdrijven_1"))
        #expect(!ODataFilter.isIdentifier("RegioS eq 'x'"))
        #expect(!ODataFilter.isIdentifier("1Regio"))
    }

    @Test func invalidTableIDIsRefusedBeforeAnyRequest() async throws {
        try await ReplayServer.with { server in
            let error = await odataError { _ = try await client(server).rows(table: "83648NED/../x").allRows() }
            #expect(error?.kind == .invalidRequest)
            #expect(server.requests.isEmpty)
        }
    }

    // MARK: Metadata

    @Test func codesHaveTrimmedKeys() async throws {
        try await ReplayServer.with { server in
            // Fixture in the shape of the 47018NED SoortMisdrijf code list (police titles carry the code).
            server.enqueue(
                .json(
                    #"{"odata.metadata":"https://dataderden.cbs.nl/ODataApi/OData/47018NED/$metadata#Cbs.OData.WebAPI.SoortMisdrijf","value":["#
                        + #"{"Key":"0.0.0 ","Title":"Totaal misdrijven","Description":null},"#
                        + #"{"Key":"1.1.1 ","Title":"1.1.1 Diefstal/inbraak woning","Description":"Incidentcodes A20, A30, B20, B30."},"#
                        + #"{"Key":"2.6.10","Title":"2.6.10 Bestrijdingsmiddelen","Description":null}]}"#),
                for: "/ODataApi/OData/47018NED/SoortMisdrijf?$format=json")
            let codes = try await client(server).codes(table: "47018NED", dimension: "SoortMisdrijf")
            #expect(codes.map(\.key) == ["0.0.0", "1.1.1", "2.6.10"])
            #expect(codes.map(\.rawKey) == ["0.0.0 ", "1.1.1 ", "2.6.10"])
            #expect(codes[1].title == "1.1.1 Diefstal/inbraak woning")
            #expect(codes[0].description == nil)
            #expect(codes[1].description == "Incidentcodes A20, A30, B20, B30.")
        }
    }

    @Test func dataPropertiesAndTableInfo() async throws {
        try await ReplayServer.with { server in
            // Fixtures in the shape of 83648NED's DataProperties and TableInfos (abridged).
            let properties = #"{"odata.metadata":"https://opendata.cbs.nl/ODataApi/OData/83648NED/$metadata#Cbs.OData.WebAPI.DataProperties","value":["#
                + #"{"odata.type":"Cbs.OData.Dimension","ID":0,"Position":0,"ParentID":null,"Type":"Dimension","Key":"SoortMisdrijf","Title":"Soort misdrijf","Description":"Indeling volgens de Standaardclassificatie Misdrijven (SCM 2010)."},"#
                + #"{"odata.type":"Cbs.OData.GeoDimension","ID":1,"Position":1,"ParentID":null,"Type":"GeoDimension","Key":"RegioS","Title":"Regio's","Description":null},"#
                + #"{"odata.type":"Cbs.OData.TimeDimension","ID":2,"Position":2,"ParentID":null,"Type":"TimeDimension","Key":"Perioden","Title":"Perioden","Description":null},"#
                + #"{"odata.type":"Cbs.OData.TopicGroup","ID":3,"Position":null,"ParentID":null,"Type":"TopicGroup","Key":"","Title":"Geregistreerde misdrijven","Description":null},"#
                + #"{"odata.type":"Cbs.OData.Topic","ID":4,"Position":3,"ParentID":3,"Type":"Topic","Key":"TotaalGeregistreerdeMisdrijven_1","Title":"Totaal geregistreerde misdrijven","Description":"Afgerond op vijftallen.","ReleasePolicy":false,"Datatype":"Long","Unit":"aantal","Decimals":0,"Default":"Missing"},"#
                + #"{"odata.type":"Cbs.OData.Topic","ID":5,"Position":4,"ParentID":3,"Type":"Topic","Key":"GeregistreerdeMisdrijvenPer1000Inw_3","Title":"Geregistreerde misdrijven per 1000 inwoners","Description":null,"ReleasePolicy":false,"Datatype":"Double","Unit":"per 1 000 inwoners","Decimals":1,"Default":"Missing"}]}"#
            let info = #"{"odata.metadata":"https://opendata.cbs.nl/ODataApi/OData/83648NED/$metadata#Cbs.OData.WebAPI.TableInfos","value":[{"#
                + #""ID":0,"Title":"Geregistreerde criminaliteit; soort misdrijf, regio","ShortTitle":"Criminaliteit; misdrijf, regio","Identifier":"83648NED","#
                + #""Summary":"Geregistreerde misdrijven en opgehelderde misdrijven naar soort misdrijf en regio.","Modified":"2024-05-28T02:00:00","#
                + #""ReasonDelivery":"Actualisering","Language":"nl","Catalog":"CBS","Frequency":"Perjaar","Period":"2010-2023"}]}"#
            server.enqueue(.json(properties), for: "/ODataApi/OData/83648NED/DataProperties")
            server.enqueue(.json(info), for: "/ODataApi/OData/83648NED/TableInfos")
            let odata = client(server)

            let found = try await odata.dataProperties(table: "83648NED")
            #expect(found.map(\.type) == [.dimension, .geoDimension, .timeDimension, .topicGroup, .topic, .topic])
            #expect(found.filter(\.type.isDimension).map(\.key) == ["SoortMisdrijf", "RegioS", "Perioden"])
            #expect(found[3].position == nil)
            #expect(found[5].parentID == 3)
            #expect(found[5].unit == "per 1 000 inwoners")
            #expect(found[5].decimals == 1)
            #expect(found[5].datatype == "Double")
            #expect(found[5].releasePolicy == false)
            #expect(found[5].defaultValue == "Missing")

            let table = try await odata.tableInfo(table: "83648NED")
            #expect(table.identifier == "83648NED")
            #expect(table.title == "Geregistreerde criminaliteit; soort misdrijf, regio")
            #expect(table.period == "2010-2023")
            #expect(table.reasonDelivery == "Actualisering")
            #expect(table.modified == "2024-05-28T02:00:00")
            // 02:00 summer time in Amsterdam is midnight UTC.
            #expect(table.modifiedDate == ISO8601DateFormatter().date(from: "2024-05-28T00:00:00Z"))
        }
    }

    // MARK: Values and errors

    @Test func nullStaysNull() async throws {
        try await ReplayServer.with { server in
            server.enqueue(
                Self.page([
                    #"{"ID":7,"RegioS":"GM0193","Perioden":"2016JJ00","TotaalGeregistreerdeMisdrijven_1":0,"GeregistreerdeMisdrijvenPer1000Inw_3":null,"Label":"0"}"#
                ]),
                for: Self.feedPath)
            let row = try #require(try await client(server).rows(table: "83648NED").allRows().first)
            #expect(row["GeregistreerdeMisdrijvenPer1000Inw_3"] == .null)
            #expect(row["GeregistreerdeMisdrijvenPer1000Inw_3"]?.number == nil)
            #expect(row["TotaalGeregistreerdeMisdrijven_1"] == .number(0))
            #expect(row["Label"] == .string("0"))
            #expect(row["Ontbreekt"] == nil)
        }
    }

    @Test func invalidJSONNamesTheByteOffset() async throws {
        try await ReplayServer.with { server in
            server.enqueue(.json(#"{"value":[{"ID":0,}]}"#), for: Self.feedPath)
            let error = await odataError { _ = try await client(server).rows(table: "83648NED").allRows() }
            #expect(error?.kind == .invalidJSON)
            #expect(error?.byteOffset == 18)
            #expect(error?.attempts == 1)
            #expect(error?.description.contains("at byte 18: expected '\"' to start a member name, found '}'") == true)
            #expect(server.requests.count == 1)
        }
    }

    @Test func escapesAndABodyThatEndsTooSoon() async throws {
        try await ReplayServer.with { server in
            server.enqueue(
                Self.page([#"{"ID":0,"Title":"Caf\u00e9 \"De Pijp\"\t\ud83d\ude93","Omschrijving":"Zwolle – centrum"}"#]),
                .json(#"{"value":[{"ID":0,"RegioS":"GM01"#), .json(#"{"value":[{"ID":0,"RegioS":"GM01"#),
                .json(#"{"value":[{"ID":0,"RegioS":"GM01"#), for: Self.feedPath)
            let row = try #require(try await client(server).rows(table: "83648NED").allRows().first)
            #expect(row["Title"] == .string("Café \"De Pijp\"\t🚓"))
            #expect(row["Omschrijving"] == .string("Zwolle – centrum"))

            // A complete HTTP reply whose JSON stops early: reported as cut off, and retried.
            let error = await odataError { _ = try await client(server).rows(table: "83648NED").allRows() }
            #expect(error?.kind == .truncatedBody)
            #expect(error?.byteOffset == 32)
            #expect(error?.attempts == 3)
        }
    }

    @Test func closedPortIsNoNetwork() async throws {
        let server = try await ReplayServer.start()
        let port = server.port
        await server.stop()
        let configuration = ODataClient.Configuration(
            timeout: .seconds(2), retry: ODataRetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(5), jitter: 0))
        let odata = ODataClient(catalog: .custom(URL(string: "http://127.0.0.1:\(port)")!), configuration: configuration)
        let error = await odataError { _ = try await odata.tableInfo(table: "83648NED") }
        #expect(error?.kind == .noNetwork)
        #expect(error?.attempts == 2)
        #expect(error?.resumeURL == nil)
        #expect(error?.description.hasPrefix("cannot reach 127.0.0.1:\(port): no network connection") == true)
        #expect(error?.description.contains("use 'zicht import' with a downloaded CSV instead") == true)
    }

    @Test func catalogsDefaultToTheRealHosts() {
        #expect(ODataCatalog.cbs.baseURL.absoluteString == "https://opendata.cbs.nl")
        #expect(ODataCatalog.politie.baseURL.absoluteString == "https://dataderden.cbs.nl")
        let url = try? ODataClient(catalog: .politie).url(table: "47022NED", entitySet: "TypedDataSet", service: .feed)
        #expect(url?.absoluteString == "https://dataderden.cbs.nl/ODataFeed/odata/47022NED/TypedDataSet?$format=json")
    }

    @Test func backoffIsExponentialAndBounded() {
        let policy = ODataRetryPolicy(maxAttempts: 8, initialDelay: .milliseconds(500), multiplier: 2, maxDelay: .seconds(4), jitter: 0.5)
        #expect((1...6).map { policy.backoff(retry: $0) } == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4)])
        #expect(policy.delay(retry: 2, retryAfter: nil, random: 0) == .seconds(1))
        #expect(policy.delay(retry: 2, retryAfter: nil, random: 1) == .milliseconds(500))
        #expect(policy.delay(retry: 2, retryAfter: .seconds(3), random: 1) == .seconds(3))
        #expect(policy.delay(retry: 2, retryAfter: .seconds(3600), random: 0) == .seconds(60))
        #expect(ODataRetryPolicy.parseRetryAfter("120") == .seconds(120))
        let now = ISO8601DateFormatter().date(from: "2015-10-21T07:27:00Z")!
        #expect(ODataRetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == .seconds(60))
        #expect(ODataRetryPolicy.parseRetryAfter("soon") == nil)
    }

    func collect(_ pages: ODataPages) async throws -> [ODataPage] {
        var result: [ODataPage] = []
        for try await page in pages { result.append(page) }
        return result
    }
}
