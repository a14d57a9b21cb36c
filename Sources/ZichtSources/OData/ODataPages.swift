import Foundation

/// One reply of a paged download.
public struct ODataPage: Sendable, Hashable {
    /// The rows of this page, in server order.
    public var rows: [ODataRow]
    /// The URL this page was fetched from.
    public var url: URL
    /// `odata.nextLink`: the next page, or nil on the last page.
    public var nextURL: URL?
    /// Attempts it took to fetch this page (1 without retries).
    public var attempts: Int
    /// 0-based number of the page in this download (a resumed download counts from 0 again).
    public var index: Int
}

/// The pages of a download, fetched one at a time as they are iterated (nothing is fetched ahead).
///
/// Iterating throws an ``ODataError`` whose ``ODataError/resumeURL`` is the page that failed;
/// the iteration then ends. A `nextLink` that points back to a page already fetched in this
/// download ends it with ``ODataError/Kind/invalidResponse`` instead of looping.
public struct ODataPages: AsyncSequence, Sendable {
    public typealias Element = ODataPage

    let client: ODataClient
    let start: Result<URL, ODataError>

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(client: client, start: start)
    }

    /// The rows of all pages, in order.
    public func allRows() async throws -> [ODataRow] {
        var rows: [ODataRow] = []
        for try await page in self { rows += page.rows }
        return rows
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let client: ODataClient
        private var start: Result<URL, ODataError>?
        private var nextURL: URL?
        private var fetched: Set<URL> = []
        private var index = 0

        init(client: ODataClient, start: Result<URL, ODataError>) {
            self.client = client
            self.start = start
        }

        public mutating func next() async throws -> ODataPage? {
            if let start {
                self.start = nil
                switch start {
                case .success(let url): nextURL = url
                case .failure(let error): throw error
                }
            }
            guard let url = nextURL else { return nil }
            nextURL = nil
            do {
                let (json, attempts) = try await client.transport.fetchJSON(url, configuration: client.configuration)
                let page = try ODataPages.page(from: json, url: url, attempts: attempts, index: index)
                fetched.insert(url)
                if let next = page.nextURL, fetched.contains(next) {
                    throw ODataError(
                        kind: .invalidResponse, url: url, attempts: attempts,
                        detail: "odata.nextLink points back to a page already fetched: \(next.absoluteString)")
                }
                nextURL = page.nextURL
                index += 1
                return page
            } catch let error as ODataError {
                throw error.with(resumeURL: error.kind == .invalidResponse && fetched.contains(url) ? nil : url)
            }
        }
    }

    /// Reads an OData v3 reply `{"odata.metadata": …, "value": [{…}, …], "odata.nextLink": "…"}`.
    static func page(from json: ODataJSON, url: URL, attempts: Int, index: Int) throws(ODataError) -> ODataPage {
        func invalid(_ detail: String) -> ODataError {
            ODataError(kind: .invalidResponse, url: url, attempts: attempts, detail: detail)
        }
        guard case .object = json else {
            throw invalid("expected a JSON object with a 'value' array, found \(json.kindName)")
        }
        if let message = serverMessage(json) { throw invalid("the server reports an error: \(message)") }
        guard let value = json["value"] else { throw invalid("the reply has no 'value' array") }
        guard case .array(let elements) = value else { throw invalid("'value' is \(value.kindName), expected an array") }
        var rows: [ODataRow] = []
        rows.reserveCapacity(elements.count)
        for (number, element) in elements.enumerated() {
            guard case .object(let members) = element else {
                throw invalid("value[\(number)] is \(element.kindName), expected an object")
            }
            var fields: [(String, ODataValue)] = []
            fields.reserveCapacity(members.count)
            for (name, member) in members {
                switch member {
                case .string(let text): fields.append((name, .string(text)))
                case .number(let number): fields.append((name, .number(number)))
                case .null: fields.append((name, .null))
                case .bool(let flag): fields.append((name, .string(flag ? "true" : "false")))
                case .object, .array:
                    throw invalid("value[\(number)].\(name) is \(member.kindName), expected a string, number or null")
                }
            }
            rows.append(ODataRow(fields))
        }
        var nextURL: URL?
        if let link = json["odata.nextLink"] ?? json["@odata.nextLink"] {
            guard case .string(let text) = link, let next = URL(string: text, relativeTo: url)?.absoluteURL,
                next.scheme == "https" || next.scheme == "http"
            else {
                let shown: String
                if case .string(let text) = link { shown = text } else { shown = link.kindName }
                throw invalid("odata.nextLink is not an http(s) URL: \(shown)")
            }
            nextURL = next
        }
        return ODataPage(rows: rows, url: url, nextURL: nextURL, attempts: attempts, index: index)
    }

    /// The message of an `{"odata.error": {"message": {"value": "…"}}}` reply, if it is one.
    static func serverMessage(_ json: ODataJSON) -> String? {
        guard let error = json["odata.error"] ?? json["error"] else { return nil }
        if case .string(let text)? = error["message"]?["value"] { return text }
        if case .string(let text)? = error["message"] { return text }
        return "(no message)"
    }
}
