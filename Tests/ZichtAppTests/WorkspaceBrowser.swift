import Foundation
import Testing
import ZichtApp
import ZichtServer
import ZichtTestSupport
import ZichtWorkspace

/// A werkomgeving on the bundled example, running in this process on 127.0.0.1 for one test, with
/// accounts made through the same library calls as `zicht account create`.
struct RunningWorkspace {
    let project: URL
    let location: ZichtApp.WorkspaceLocation
    let port: UInt16

    /// Starts the server, runs `body`, stops the server and removes the project.
    static func with<T>(
        accounts: [(String, Set<Role>, Set<PageRef>)], oidc: OIDCSettings? = nil, _ body: (RunningWorkspace, [String: String]) async throws -> T
    ) async throws -> T {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-werkomgeving-\(UUID().uuidString)")
        try ZichtApp.copyExample(to: project)
        defer { try? FileManager.default.removeItem(at: project) }
        // ZICHT_TEST_STORE=postgres: the same tests on a new PostgreSQL database (CI runs both).
        let database: ZichtApp.WorkspaceDatabase? = TestStoreKind.configured == .postgres ? .postgres(try TestPostgres.newDatabase()) : nil
        let location = ZichtApp.WorkspaceLocation(project: project, database: database)
        var passwords: [String: String] = [:]
        for (username, roles, assignments) in accounts {
            passwords[username] = try await ZichtApp.createAccount(location, username: username, name: username.capitalized, roles: roles, assignments: assignments)
        }
        let (addresses, continuation) = AsyncStream.makeStream(of: String.self)
        let server = Task {
            try await ZichtApp.runWorkspaceServer(
                location, settings: .init(port: 0, oidc: oidc),
                terminal: Terminal(say: { line in if line.hasPrefix("Zicht is serving") { continuation.yield(line) } }, complain: { _ in }))
        }
        defer { server.cancel() }
        var iterator = addresses.makeAsyncIterator()
        let line = try #require(await iterator.next())
        let port = try #require(line.firstMatch(of: /127\.0\.0\.1:(\d+)\//).flatMap { UInt16($0.1) })
        let result = try await body(RunningWorkspace(project: project, location: location, port: port), passwords)
        server.cancel()
        _ = await server.result
        return result
    }
}

/// A browser without a screen: keeps cookies, sends forms with the CSRF token of the last page.
final class Browser: @unchecked Sendable {
    let client: RawHTTPClient
    private(set) var cookies: [String: String] = [:]
    private(set) var last: RawHTTPClient.Response?

    init(port: UInt16) {
        // Publishing builds a whole site (a debug build, on a busy machine: tens of seconds).
        client = RawHTTPClient(port: port, timeout: .seconds(300))
    }

    @discardableResult
    func get(_ target: String) async throws -> RawHTTPClient.Response {
        try await send(target, method: "GET", body: nil)
    }

    /// Posts `fields`; `csrf` is taken from the last page unless given (or present in `fields`).
    @discardableResult
    func post(_ target: String, _ fields: [(String, String)], csrf: String? = nil, accept: String? = nil) async throws -> RawHTTPClient.Response {
        var all = fields
        if !fields.contains(where: { $0.0 == "csrf" }), let token = csrf ?? lastCSRF { all.insert(("csrf", token), at: 0) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await send(
            target, method: "POST", bytes: Array(body.utf8), contentType: "application/x-www-form-urlencoded", extra: accept.map { [("Accept", $0)] } ?? [])
        // After a form the werkomgeving redirects to a page (post, redirect, get), which a browser
        // then opens; the login steps' redirects are returned as they are, for tests to follow.
        if response.status == 303, !Self.loginSteps.contains(target), let location = response.headers["location"], location.hasPrefix("/") {
            return try await get(location)
        }
        return response
    }

    static let loginSteps: Set<String> = ["/werkomgeving/inloggen", "/werkomgeving/nieuw-wachtwoord", "/werkomgeving/tweede-factor", "/werkomgeving/uitloggen"]

    /// Posts a `multipart/form-data` form with text fields and one file, as a browser sends a file upload.
    @discardableResult
    func upload(_ target: String, _ fields: [(String, String)], file: (field: String, name: String, bytes: [UInt8])) async throws -> RawHTTPClient.Response {
        let boundary = "----zicht\(UUID().uuidString)"
        var body: [UInt8] = []
        var all = fields
        if let token = lastCSRF { all.insert(("csrf", token), at: 0) }
        for (name, value) in all {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += file.bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        return try await send(target, method: "POST", bytes: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// The fields a browser would send with the form `id` of `html`: inputs with their values,
    /// checked boxes only, and text areas (without the line break that follows the opening tag).
    static func formFields(_ html: String, id: String) throws -> [(String, String)] {
        let start = try #require(html.range(of: "<form method=\"post\" action=\"/werkomgeving/bewerken\" id=\"\(id)\""))
        let end = try #require(html.range(of: "</form>", range: start.upperBound..<html.endIndex))
        let form = String(html[start.lowerBound..<end.upperBound])
        var fields: [(String, String)] = []
        for input in form.matches(of: /<input ([^>]*)>/) {
            let attributes = String(input.1)
            guard let name = attributes.firstMatch(of: /name="([^"]*)"/).map({ unescape(String($0.1)) }) else { continue }
            let value = attributes.firstMatch(of: /value="([^"]*)"/).map { unescape(String($0.1)) } ?? ""
            if attributes.contains("type=\"checkbox\"") && !attributes.contains(" checked") { continue }
            fields.append((name, value))
        }
        for area in form.matches(of: /<textarea [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/) {
            var text = unescape(String(area.2))
            if text.hasPrefix("\n") { text.removeFirst() }
            fields.append((unescape(String(area.1)), text))
        }
        return fields
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    var lastCSRF: String? {
        last?.text.firstMatch(of: /name="csrf" value="([^"]+)"/).map { String($0.1) }
    }

    private func send(_ target: String, method: String, body: String?) async throws -> RawHTTPClient.Response {
        try await send(target, method: method, bytes: Array((body ?? "").utf8), contentType: body == nil ? nil : "application/x-www-form-urlencoded")
    }

    private func send(
        _ target: String, method: String, bytes: [UInt8], contentType: String?, extra: [(String, String)] = []
    ) async throws -> RawHTTPClient.Response {
        var headers: [(String, String)] = extra
        if !cookies.isEmpty { headers.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))) }
        if let contentType { headers.append(("Content-Type", contentType)) }
        let client = self.client
        let fields = headers
        let response = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try client.request(target, method: method, headers: fields, body: bytes) })
            }
        }
        for cookie in (response.headers["set-cookie"] ?? "").split(separator: ", ") {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if cookie.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        last = response
        return response
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    /// Logs in with a password, and with the code of `totp` when the role needs a second factor
    /// (setting it up on first login). Returns the TOTP secret in use, if any.
    @discardableResult
    func logIn(_ username: String, password: String, newPassword: String? = nil, totpSecret: [UInt8]? = nil) async throws -> [UInt8]? {
        try await get("/werkomgeving/inloggen")
        var response = try await post("/werkomgeving/inloggen", [("gebruikersnaam", username), ("wachtwoord", password)])
        var secret = totpSecret
        while let location = response.headers["location"], location != "/werkomgeving/" {
            switch location {
            case "/werkomgeving/nieuw-wachtwoord":
                try await get(location)
                let chosen = try #require(newPassword, "a new password is needed for \(username)")
                response = try await post(location, [("wachtwoord", chosen), ("herhaling", chosen)])
            case "/werkomgeving/tweede-factor":
                let page = try await get(location)
                if let shown = page.text.firstMatch(of: /<p class="sleutel"><code>([A-Z2-7]+)<\/code>/) {
                    secret = Base32.decode(String(shown.1))
                }
                let totp = TOTP(secret: try #require(secret, "no TOTP secret for \(username)"))
                // A code newer than any used before: the next time step, within the accepted window.
                let code = totp.code(counter: TOTP.counter(at: Date()) + 1)
                response = try await post(location, [("code", code)])
            default:
                Issue.record("unexpected redirect to \(location) while logging in \(username): \(response.status) \(response.text.prefix(300))")
                return secret
            }
        }
        #expect(response.headers["location"] == "/werkomgeving/", "login of \(username) ended with \(response.status)")
        return secret
    }
}
