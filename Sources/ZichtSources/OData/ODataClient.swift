import Foundation

/// A client for the CBS OData v3 services (StatLine open data and the police tables).
///
/// ```
/// let client = ODataClient(catalog: .politie)
/// let filter = ODataFilter.startsWith("WijkenEnBuurten", "BU0193")
///     && .eq("SoortMisdrijf", "1.1.1", width: 6) && .periods(["2019JJ00"])
/// for try await page in client.rows(table: "47018NED", filter: filter,
///                                   select: ["WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1"]) {
///     for row in page.rows { … }
/// }
/// ```
///
/// Every request has a time limit (``Configuration/timeout``) and is retried after failures that
/// may pass (``ODataRetryPolicy``). A paged download follows `odata.nextLink` until it is absent;
/// when a page fails for good, the error's ``ODataError/resumeURL`` names that page, and
/// ``resume(from:)`` goes on from there.
public struct ODataClient: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// The longest one attempt may take, from sending the request to the last byte of the reply.
        public var timeout: Duration
        public var retry: ODataRetryPolicy
        public var userAgent: String

        public init(timeout: Duration = .seconds(60), retry: ODataRetryPolicy = .default, userAgent: String = "Zicht") {
            self.timeout = timeout
            self.retry = retry
            self.userAgent = userAgent
        }
    }

    public var catalog: ODataCatalog
    public var configuration: Configuration
    let transport: ODataTransport

    public init(catalog: ODataCatalog = .cbs, configuration: Configuration = .init()) {
        self.catalog = catalog
        self.configuration = configuration
        self.transport = ODataTransport()
    }

    // MARK: Data

    /// The rows of a table's `TypedDataSet`, one page at a time, following `odata.nextLink`.
    ///
    /// - Parameters:
    ///   - table: the table id, e.g. `"83648NED"`.
    ///   - filter: rows to keep; nil for all.
    ///   - select: columns to return; empty for all.
    ///   - service: ``ODataService/feed`` (the default) for bulk downloads, ``ODataService/api`` for
    ///     queries of at most 10 000 rows.
    /// - Returns: the pages in server order. Iterating throws an ``ODataError`` whose
    ///   ``ODataError/resumeURL`` is the first page not delivered.
    public func rows(
        table: String, filter: ODataFilter? = nil, select: [String] = [], service: ODataService = .feed
    ) -> ODataPages {
        ODataPages(client: self, start: Result { () throws(ODataError) in
            try url(table: table, entitySet: "TypedDataSet", filter: filter, select: select, service: service)
        })
    }

    /// Goes on with a paged download from a page URL, usually an error's ``ODataError/resumeURL``.
    /// Pages before it are not fetched again.
    public func resume(from url: URL) -> ODataPages {
        ODataPages(client: self, start: .success(url))
    }

    // MARK: Metadata

    /// The table's `DataProperties`: its dimensions and topics, with units and decimals.
    public func dataProperties(table: String) async throws -> [ODataDataProperty] {
        let url = try url(table: table, entitySet: "DataProperties")
        return try await entries(url).enumerated().map { (index, row) throws(ODataError) in
            try ODataDataProperty(row: row, index: index, url: url)
        }
    }

    /// The table's `TableInfos` entry: title, last modification, period, reason of delivery.
    public func tableInfo(table: String) async throws -> ODataTableInfo {
        let url = try url(table: table, entitySet: "TableInfos")
        guard let row = try await entries(url).first else {
            throw ODataError(kind: .invalidResponse, url: url, detail: "TableInfos has no entry")
        }
        return try ODataTableInfo(row: row, url: url)
    }

    /// The code list of a dimension (`"RegioS"`, `"Perioden"`, `"SoortMisdrijf"`, …), keys trimmed.
    public func codes(table: String, dimension: String) async throws -> [ODataCode] {
        guard ODataFilter.isIdentifier(dimension) else {
            throw ODataError(
                kind: .invalidRequest, url: catalog.baseURL, detail: "'\(dimension)' is not a dimension name")
        }
        let url = try url(table: table, entitySet: dimension)
        return try await entries(url).enumerated().map { (index, row) throws(ODataError) in
            try ODataCode(row: row, index: index, url: url)
        }
    }

    /// All rows of an entity set, following `odata.nextLink`; no resume URL in errors.
    private func entries(_ url: URL) async throws -> [ODataRow] {
        do {
            return try await resume(from: url).allRows()
        } catch let error as ODataError {
            throw error.with(resumeURL: nil)
        }
    }

    // MARK: URLs

    /// The URL of an entity set of a table, with `$filter`, `$select` and `$format=json`.
    ///
    /// `url(table: "47018NED", entitySet: "TypedDataSet", filter: .eq("SoortMisdrijf", "1.1.1", width: 6))`
    /// → `https://dataderden.cbs.nl/ODataApi/OData/47018NED/TypedDataSet?$filter=SoortMisdrijf%20eq%20'1.1.1%20'&$format=json`
    /// (for ``ODataCatalog/politie``).
    /// - Throws: ``ODataError/Kind/invalidRequest`` for a table id that is not letters and digits,
    ///   or a column name that is not an identifier.
    public func url(
        table: String, entitySet: String, filter: ODataFilter? = nil, select: [String] = [], service: ODataService = .api
    ) throws(ODataError) -> URL {
        guard !table.isEmpty, table.unicodeScalars.allSatisfy({ ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }) else {
            throw ODataError(kind: .invalidRequest, url: catalog.baseURL, detail: "'\(table)' is not a table id such as 83648NED")
        }
        if let bad = select.first(where: { !ODataFilter.isIdentifier($0) }) {
            throw ODataError(kind: .invalidRequest, url: catalog.baseURL, detail: "'\(bad)' is not a column name")
        }
        var query: [String] = []
        if let filter { query.append("$filter=" + Self.encodeQueryValue(filter.text)) }
        if !select.isEmpty { query.append("$select=" + Self.encodeQueryValue(select.joined(separator: ","))) }
        query.append("$format=json")
        var base = catalog.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let text = base + service.path(table: table) + "/" + entitySet + "?" + query.joined(separator: "&")
        guard let url = URL(string: text) else {
            throw ODataError(kind: .invalidRequest, url: catalog.baseURL, detail: "cannot form a URL from \(text)")
        }
        return url
    }

    /// Percent-encodes a query value: keeps RFC 3986 unreserved characters and `$'(),*!:@/`,
    /// which OData expressions use and which need no encoding in a query; encodes the rest
    /// (space as `%20`, and `&`, `=`, `+`, `#`, `%`, `;`) as UTF-8 bytes.
    static func encodeQueryValue(_ text: String) -> String {
        let kept = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~$'(),*!:@/".utf8)
        var result = ""
        for byte in text.utf8 {
            if kept.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
