import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import ZichtWorkspace

/// Logins started at the identity provider and not yet back, by state, at most 10 minutes: kept in the
/// workspace's database, so that the provider may send the browser back to any instance.
struct PendingOIDCLogins: Sendable {
    let store: any WorkspaceStore
    static let lifetime: Int64 = 10 * 60 * 1000

    private static func key(_ state: String) -> String { "oidc:\(state)" }

    func add(_ login: OIDCPendingLogin) async throws {
        let now = Werkomgeving.now
        try await store.putShortLived(key: Self.key(login.state), value: try JSONEncoder().encode(login), expiresAt: now + Self.lifetime, now: now)
    }

    /// The login of `state`, removed: a state is used once.
    func take(_ state: String) async throws -> OIDCPendingLogin? {
        guard let data = try await store.shortLived(key: Self.key(state), now: Werkomgeving.now, take: true) else { return nil }
        return try? JSONDecoder().decode(OIDCPendingLogin.self, from: data)
    }
}

extension Werkomgeving {
    static let oidcCookie = "zicht_oidc"
    var oidcCookieName: String { settings.secureCookies ? "__Host-\(Self.oidcCookie)" : Self.oidcCookie }

    /// The account name of a person from the identity provider: derived from issuer and subject, the
    /// provider's stable key for a person (never from a username or email address, which can change
    /// hands), so no provider login can ever become a local account or another person's.
    static func externalUsername(issuer: String, subject: String) -> String {
        let digest = SHA256.hash(data: Array("\(issuer)\n\(subject)".utf8)).map { String(format: "%02x", $0) }.joined()
        return "oidc-\(digest.prefix(20))"
    }

    /// `/werkomgeving/inloggen/oidc/start`: sends the browser to the provider, remembering the login
    /// here and its state in a cookie, so that the return must come to this browser.
    func oidcStart(origin: String) async throws -> Response {
        guard let oidc else { return Self.text(.notFound, "Inloggen via de eigen identity provider is niet ingesteld.") }
        do {
            let start = try await oidc.relyingParty.startLogin()
            try await oidc.pending.add(start.pending)
            var response = Self.redirect(start.authorizationURL.absoluteString)
            // Lax, not Strict: the browser must send it back when the provider (another site) sends
            // it to the callback; it holds only the state, which is useless without this browser.
            response.setCookie(Cookie(
                name: oidcCookieName, value: start.pending.state, maxAge: 600, path: "/", secure: settings.secureCookies, httpOnly: true,
                sameSite: .lax))
            return response
        } catch {
            _ = try await store.appendAudit(
                AuditEvent(actor: "-", origin: origin, action: "login.oidc", object: "provider", result: .failure, detail: "\(error)"), at: Self.now)
            return loginForm(message: "De identity provider is nu niet bereikbaar. Probeer het later opnieuw.", status: .badGateway)
        }
    }

    /// `/werkomgeving/inloggen/oidc`: the provider's redirect back. Checks everything through the
    /// relying party, then logs the person in with the roles their groups give (updated at every
    /// login), as an external account without a password here.
    func oidcCallback(_ request: Request, origin: String) async throws -> Response {
        guard let oidc else { return Self.text(.notFound, "Inloggen via de eigen identity provider is niet ingesteld.") }
        func refuse(_ detail: String) async throws -> Response {
            _ = try await store.appendAudit(AuditEvent(actor: "-", origin: origin, action: "login.oidc", object: "account", result: .denied, detail: detail), at: Self.now)
            var response = loginForm(message: "Inloggen via de identity provider is niet gelukt. Probeer het opnieuw, of vraag een beheerder.", status: .unauthorized)
            response.setCookie(cookie(oidcCookieName, "", maxAge: 0))
            return response
        }
        let state = request.uri.queryParameters["state"].map(String.init) ?? ""
        guard let expected = request.cookies[oidcCookieName]?.value, Authenticator.constantTimeEqual(state, expected),
              let pending = try await oidc.pending.take(state)
        else { return try await refuse("state missing, unknown, used or not this browser's") }
        var components = URLComponents(url: oidc.relyingParty.settings.redirectURI, resolvingAgainstBaseURL: false)!
        components.percentEncodedQuery = request.uri.query
        guard let callback = components.url else { return try await refuse("callback without a usable query") }
        let identity: OIDCIdentity
        do {
            identity = try await oidc.relyingParty.finishLogin(callback: callback, pending: pending)
        } catch {
            return try await refuse("\(error.code): \(error.description)")
        }
        let username = Self.externalUsername(issuer: identity.issuer, subject: identity.subject)
        let roles = Set(identity.roles)
        let displayName = String((identity.name ?? identity.preferredUsername ?? identity.email ?? username).prefix(200))
        let audit = AuditEvent(actor: username, origin: origin, action: "login", object: "account", result: .success, detail: "oidc; roles: \(roles.sorted().map(\.rawValue).joined(separator: ","))")
        var account: Account
        if let existing = try await store.credentials(username: username)?.account {
            guard existing.isExternal, !existing.isDisabled, !existing.isLocked else { return try await refuse("account \(username) is disabled, locked or not external") }
            account = existing
            if account.roles != roles || account.displayName != displayName {
                account.roles = roles
                account.displayName = displayName
                try await store.updateAccount(account, audit: AuditEvent(actor: username, origin: origin, action: "account.update", object: username, result: .success, detail: "roles from the identity provider"))
            }
        } else {
            account = try await store.createAccount(
                username: username, displayName: displayName, roles: roles, passwordHash: nil, mustChangePassword: false, isExternal: true,
                audit: AuditEvent(actor: username, origin: origin, action: "account.create", object: username, result: .success, detail: "first login through the identity provider"))
        }
        let started = try await authenticator.startExternalSession(account: account, origin: origin, audit: audit)
        // A page, not a redirect: this request came from the provider's site, and a browser does not
        // send a SameSite=Strict cookie along a redirect that another site started. The refresh
        // below is a navigation of this site's own.
        var response = Self.page(title: "Ingelogd", account: nil, csrf: nil, body: """
            <h1>U bent ingelogd</h1>
            <p><a href="\(Self.prefix)/">Verder naar de werkomgeving</a></p>
            """)
        response.headers[HTTPField.Name("Refresh")!] = "0; url=\(Self.prefix)/"
        response.setCookie(cookie(cookieName, started.token))
        response.setCookie(cookie(oidcCookieName, "", maxAge: 0))
        return response
    }
}

/// What the werkomgeving needs for logins through the organisation's identity provider.
struct OIDCLogin: Sendable {
    let relyingParty: OIDCRelyingParty
    let pending: PendingOIDCLogins
}
