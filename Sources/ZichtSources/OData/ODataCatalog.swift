import Foundation

/// Which CBS OData v3 host serves a table.
///
/// - ``cbs``: CBS's own tables (83648NED, 83651NED, KWB, 70072ned) at `https://opendata.cbs.nl`.
/// - ``politie``: the police tables (47013NED, 47018NED, 47022NED, …), which CBS serves for third
///   parties ("dataderden") at `https://dataderden.cbs.nl`.
/// - ``custom(_:)``: another base URL with the same layout, e.g. a test server or a mirror.
public enum ODataCatalog: Sendable, Hashable, CustomStringConvertible {
    case cbs
    case politie
    case custom(URL)

    /// The host root, without a trailing slash: `https://opendata.cbs.nl`.
    public var baseURL: URL {
        switch self {
        case .cbs: return URL(string: "https://opendata.cbs.nl")!
        case .politie: return URL(string: "https://dataderden.cbs.nl")!
        case .custom(let url): return url
        }
    }

    public var description: String {
        baseURL.host ?? baseURL.absoluteString
    }
}

/// The two v3 services on a catalog host.
public enum ODataService: String, Sendable, Hashable {
    /// `…/ODataApi/OData/<table>/…`: queries and metadata; at most 10 000 rows per reply.
    case api
    /// `…/ODataFeed/odata/<table>/…`: the bulk feed, paged with `odata.nextLink`.
    case feed

    /// The path prefix of the service on the host, with the table appended.
    func path(table: String) -> String {
        switch self {
        case .api: return "/ODataApi/OData/\(table)"
        case .feed: return "/ODataFeed/odata/\(table)"
        }
    }
}
