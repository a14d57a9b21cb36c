import Foundation

/// One downloaded OData reply read the way the client reads it, without the network: the JSON
/// parser, the page reader, and the readers of the rows (observations, data properties, table
/// information, code lists). For the fuzz target and tests, which hand it untrusted bytes.
package enum ODataReply {
    /// Reads `body` as a reply from `url` and every row in each of the ways the client may read it.
    /// - Returns: how many rows the page held.
    /// - Throws: ``ODataError`` or ``ODataTableMapper/MappingError`` for a reply that is not valid.
    @discardableResult
    package static func readAll(_ body: [UInt8], url: URL) throws -> Int {
        let json: ODataJSON
        do {
            json = try ODataJSONParser.parse(body)
        } catch {
            throw ODataError(kind: .invalidResponse, url: url, detail: "the reply is not valid JSON at byte \(error.offset)")
        }
        let page = try ODataPages.page(from: json, url: url, attempts: 1, index: 0)
        _ = try? ODataTableMapper.observations(page.rows, tableID: "83648NED", source: "CBS")
        for (index, row) in page.rows.enumerated() {
            _ = try? ODataDataProperty(row: row, index: index, url: url)
            _ = try? ODataTableInfo(row: row, url: url)
            _ = try? ODataCode(row: row, index: index, url: url)
        }
        return page.rows.count
    }
}
