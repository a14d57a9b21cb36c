import Foundation
import ZichtWorkspace
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The browser's part of a login, for OIDCProviderTests: follows the provider's redirects by hand
/// (reading `Location`), keeps its cookies, fills in the login form with its CSRF token, agrees on
/// the consent page, and stops at the redirect to Zicht's redirect URI, whose URL it returns.
public struct OIDCBrowser {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Page {
        public let url: URL
        public let status: Int
        public let location: URL?
        public let body: String
    }

    private let session: URLSession
    private var cookies: [String: String] = [:]
    /// The paths visited, for a failure's message (no query: it holds codes and states).
    private(set) var visited: [String] = []

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = 15
        session = URLSession(configuration: configuration, delegate: OIDCNoRedirects(), delegateQueue: nil)
    }

    /// Walks from the authorization URL through login and consent to the redirect back.
    /// - Returns: the URL the provider sends the browser to, starting with `redirectURI`.
    public mutating func logIn(at authorizationURL: URL, username: String, password: String, until redirectURI: String) async throws -> URL {
        var next = authorizationURL
        var form: [(String, String)]?
        for _ in 0..<10 {
            let page = try await open(next, form: form)
            form = nil
            if let location = page.location {
                if location.absoluteString.hasPrefix(redirectURI + "?") { return location }
                next = location
                continue
            }
            guard page.status == 200 else { throw Failure(description: "HTTP \(page.status) at \(page.url.path) after \(visited)") }
            let inputs = Self.inputs(page.body)
            let fields = Dictionary(inputs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            if fields["username"] != nil, fields["password"] != nil {
                form = [
                    ("csrfmiddlewaretoken", fields["csrfmiddlewaretoken"] ?? ""), ("username", username), ("password", password), ("next", fields["next"] ?? ""),
                ]
            } else if page.body.contains("id=\"authorizationForm\"") {
                // Every field the consent form carries, and its "Authorize" button.
                form = inputs.filter { $0.type != "submit" }.map { ($0.name, $0.value) } + [("allow", "Authorize")]
            } else {
                throw Failure(description: "neither a login form nor a consent form at \(page.url.path) after \(visited)")
            }
            next = page.url  // both forms post to the address they were served from
        }
        throw Failure(description: "no redirect to \(redirectURI) after \(visited)")
    }

    /// One request, without following a redirect, with this browser's cookies.
    public mutating func open(_ url: URL, form: [(String, String)]? = nil) async throws -> Page {
        var request = URLRequest(url: url)
        visited.append((form == nil ? "GET " : "POST ") + url.path)
        if !cookies.isEmpty {
            request.setValue(cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), forHTTPHeaderField: "Cookie")
        }
        if let form {
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(FormEncoding.encode(form).utf8)
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw Failure(description: "no HTTP response from \(url.path)") }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        for cookie in HTTPCookie.cookies(withResponseHeaderFields: headers, for: url) {
            cookies[cookie.name] = cookie.value
        }
        let location = http.value(forHTTPHeaderField: "Location").flatMap { URL(string: $0, relativeTo: url)?.absoluteURL }
        return Page(url: url, status: http.statusCode, location: (300..<400).contains(http.statusCode) ? location : nil, body: String(decoding: data, as: UTF8.self))
    }

    struct Input {
        let type: String
        let name: String
        let value: String
    }

    /// The named `<input>` elements of a page, attribute values unescaped.
    static func inputs(_ html: String) -> [Input] {
        html.matches(of: #/<input\b[^>]*>/#).compactMap { match in
            var attributes: [String: String] = [:]
            for attribute in match.output.matches(of: #/([a-zA-Z_-]+)="([^"]*)"/#) {
                attributes[String(attribute.output.1).lowercased()] = unescape(String(attribute.output.2))
            }
            guard let name = attributes["name"] else { return nil }
            return Input(type: attributes["type"] ?? "text", name: name, value: attributes["value"] ?? "")
        }
    }

    /// The entities Django's escaping writes.
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
