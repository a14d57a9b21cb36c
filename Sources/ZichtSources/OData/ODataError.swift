import Foundation
import ZichtCore

/// A failed OData request: what went wrong, at which URL, after how many attempts, and where a
/// paged download can go on.
///
/// ```
/// cannot reach opendata.cbs.nl: no network connection (geen netwerkverbinding): could not connect
/// (after 4 attempts); use 'zicht import' with a downloaded CSV instead
/// ```
///
/// When a paged download (``ODataClient/rows(table:filter:select:service:)``) fails, the pages
/// before ``resumeURL`` have been delivered; ``ODataClient/resume(from:)`` with that URL fetches
/// the rest without fetching those pages again.
public struct ODataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is. A struct around a private enum, so that kinds can be added
    /// without breaking callers that switch over them.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case noNetwork = "no network"
            case httpStatus = "HTTP status"
            case invalidJSON = "invalid JSON"
            case truncatedBody = "truncated body"
            case timeout = "timeout"
            case invalidResponse = "invalid response"
            case invalidRequest = "invalid request"
            case transport = "transport"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The host could not be reached at all: no connection, refused, or unknown host.
        public static let noNetwork = Kind(.noNetwork)
        /// The server answered with a status other than 2xx; see ``ODataError/status``.
        public static let httpStatus = Kind(.httpStatus)
        /// The reply is complete but not valid JSON; see ``ODataError/byteOffset``.
        public static let invalidJSON = Kind(.invalidJSON)
        /// The reply stopped before its end (connection closed, fewer bytes than announced).
        public static let truncatedBody = Kind(.truncatedBody)
        /// No complete reply within the configured time.
        public static let timeout = Kind(.timeout)
        /// Valid JSON, but not an OData reply of the expected shape.
        public static let invalidResponse = Kind(.invalidResponse)
        /// The request could not be built (an invalid table or dimension name).
        public static let invalidRequest = Kind(.invalidRequest)
        /// Another transport failure (for example TLS).
        public static let transport = Kind(.transport)

        public var description: String { wrapped.rawValue }

        /// Whether a new attempt may succeed.
        var isRetryable: Bool {
            switch wrapped {
            case .noNetwork, .truncatedBody, .timeout, .transport: return true
            case .httpStatus, .invalidJSON, .invalidResponse, .invalidRequest: return false
            }
        }
    }

    public var kind: Kind
    /// The URL of the request that failed.
    public var url: URL
    /// Attempts made for this URL, the first included.
    public var attempts: Int
    /// For a paged download: the URL of the first page not delivered. Pass it to
    /// ``ODataClient/resume(from:)`` to go on. Nil for single requests.
    public var resumeURL: URL?
    /// The HTTP status, for ``Kind/httpStatus``.
    public var status: Int?
    /// For ``Kind/invalidJSON`` and ``Kind/truncatedBody``: the byte offset in the body where
    /// reading stopped.
    public var byteOffset: Int?
    /// The specific problem, e.g. `expected ',' or '}' after member "ID", found 'x'`.
    public var detail: String
    /// The wait a `Retry-After` header asked for.
    var retryAfter: Duration?

    public init(
        kind: Kind, url: URL, attempts: Int = 1, resumeURL: URL? = nil, status: Int? = nil, byteOffset: Int? = nil,
        detail: String
    ) {
        self.kind = kind
        self.url = url
        self.attempts = attempts
        self.resumeURL = resumeURL
        self.status = status
        self.byteOffset = byteOffset
        self.detail = detail
    }

    /// The host (and a port other than the default) the request went to.
    public var host: String {
        guard let host = url.host else { return url.absoluteString }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    /// Whether retrying this request may help (5xx, 429, network problems, timeouts, cut-off replies).
    public var isRetryable: Bool {
        if kind == .httpStatus, let status { return status == 429 || (500...599).contains(status) }
        return kind.isRetryable
    }

    public var description: String {
        var text: String
        switch kind {
        case .noNetwork:
            text = "cannot reach \(host): no network connection (geen netwerkverbinding)"
        case .httpStatus:
            let code = status ?? 0
            text = "HTTP \(code)" + (Self.reasons[code].map { " \($0)" } ?? "") + " from \(url.absoluteString)"
        case .invalidJSON:
            text = "invalid JSON from \(url.absoluteString)" + (byteOffset.map { " at byte \($0)" } ?? "")
        case .truncatedBody:
            text = "truncated reply from \(url.absoluteString)"
        case .timeout:
            text = "no reply from \(url.absoluteString) in time"
        case .invalidResponse:
            text = "unexpected reply from \(url.absoluteString)"
        default:
            text = "request to \(url.absoluteString) failed"
        }
        if !detail.isEmpty { text += ": \(detail)" }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        if kind == .noNetwork { text += "; use 'zicht import' with a downloaded CSV instead" }
        if let resumeURL { text += "\n    resume from: \(resumeURL.absoluteString)" }
        return text
    }

    private static let reasons: [Int: String] = [
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        408: "Request Timeout", 410: "Gone", 414: "URI Too Long", 429: "Too Many Requests",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
        504: "Gateway Timeout",
    ]

    /// The same error with the attempt count and resume URL set.
    func with(attempts: Int? = nil, resumeURL: URL?) -> ODataError {
        var copy = self
        if let attempts { copy.attempts = attempts }
        copy.resumeURL = resumeURL
        return copy
    }
}

extension ODataError: DiagnosticConvertible {
    /// The request's URL is in the message; the problem concerns no file.
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
}
