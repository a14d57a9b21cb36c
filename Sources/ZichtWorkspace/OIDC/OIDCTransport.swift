import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A request from Zicht to the provider (discovery, keys, token): the back channel.
public struct OIDCHTTPRequest: Sendable {
    public var url: URL
    public var method: String
    public var headers: [String: String]
    public var body: Data?

    public init(url: URL, method: String = "GET", headers: [String: String] = [:], body: Data? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }
}

public struct OIDCHTTPResponse: Sendable {
    public var status: Int
    public var body: Data

    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// Sends the back-channel requests. The server uses `URLSessionOIDCTransport`; tests of the checks
/// that need no provider pass their own.
public protocol OIDCTransport: Sendable {
    /// - Throws: any error when no HTTP response arrived; a response with an error status is returned.
    func send(_ request: OIDCHTTPRequest) async throws -> OIDCHTTPResponse
}

/// The back channel through Foundation's URLSession: no cookies, no cache, no redirects followed
/// (a provider's endpoints answer directly; a redirect is reported as its status), a time limit per
/// request and a limit on the size of an answer.
public final class URLSessionOIDCTransport: OIDCTransport {
    private let session: URLSession
    public let timeout: TimeInterval
    public static let maximumBytes = 1 << 20

    public init(timeout: TimeInterval = 10) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        self.timeout = timeout
        session = URLSession(configuration: configuration, delegate: OIDCNoRedirects(), delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: OIDCHTTPRequest) async throws -> OIDCHTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        guard data.count <= Self.maximumBytes else { throw URLError(.dataLengthExceedsMaximum) }
        return OIDCHTTPResponse(status: http.statusCode, body: data)
    }
}

/// Refuses every redirect, so that the caller sees the 3xx answer itself (the back channel here,
/// the test's browser in OIDCProviderTests).
package final class OIDCNoRedirects: NSObject, URLSessionTaskDelegate {
    override package init() {}

    package func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
