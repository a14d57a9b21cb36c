import Foundation
import Testing
import ZichtWorkspace
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Logs into a real OpenID Connect provider: django-oauth-toolkit, started by Tests/oidc/run.sh with
/// the client and the two people of Tests/oidc/zichtidp. The test plays the browser (login form,
/// consent form, the redirect back) and hands the redirect to the relying party, which talks to the
/// provider itself. Without ZICHT_OIDC_ISSUER it is skipped; run.sh counts a skip as a failure.
@Suite(.serialized, .enabled(if: OIDCProviderEnvironment.current != nil, "needs a running provider: start it with Tests/oidc/run.sh (ZICHT_OIDC_ISSUER is not set)"))
struct OIDCProviderTests {
    let environment: OIDCProviderEnvironment
    let party: OIDCRelyingParty

    init() throws {
        environment = try #require(OIDCProviderEnvironment.current)
        let settings = try OIDCSettings(
            issuer: environment.issuer, clientID: environment.clientID, clientSecret: environment.clientSecret, redirectURI: environment.redirectURI,
            scopes: ["openid", "profile", "email", "groups"], groupsClaim: "groups", roles: ["zicht-redacteuren": .redacteur, "zicht-beheer": .beheerder])
        party = OIDCRelyingParty(settings: settings)
    }

    /// Records that a test reached its end, for run.sh.
    func proved(_ step: String) throws {
        guard let path = environment.proof else { return }
        let handle = FileManager.default.fileExists(atPath: path) ? try FileHandle(forWritingTo: URL(fileURLWithPath: path)) : nil
        if let handle {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((step + "\n").utf8))
            try handle.close()
        } else {
            try Data((step + "\n").utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// Starts a login, walks the browser through the provider, and returns the start with the callback.
    func logIn(as username: String) async throws -> (OIDCLoginStart, URL) {
        let start = try await party.startLogin()
        var browser = OIDCBrowser()
        let callback = try await browser.logIn(at: start.authorizationURL, username: username, password: environment.password, until: environment.redirectURI)
        return (start, callback)
    }

    @Test func aRedacteurLogsInAndTheSameCodeIsRefusedTheSecondTime() async throws {
        let (start, callback) = try await logIn(as: "redactie")
        let person = try await party.finishLogin(callback: callback, pending: start.pending)
        #expect(person.roles == [.redacteur])
        #expect(person.preferredUsername == "redactie")
        #expect(person.email == "redactie@gemeente.example")
        #expect(person.name == "Riet Dactie")
        #expect(person.groups == ["sport", "zicht-redacteuren"])
        #expect(person.issuer == environment.issuer)
        #expect(!person.subject.isEmpty)
        try proved("redacteur-logged-in")

        // The provider itself refuses the used code (RFC 6749, section 4.1.2), and we report it.
        let error = await #expect(throws: OIDCError.self) { try await party.finishLogin(callback: callback, pending: start.pending) }
        #expect(error?.code == .tokenRefused)
        #expect(error?.message.contains("invalid_grant") == true, "\(error?.description ?? "no error")")
        try proved("code-replay-refused")
    }

    @Test func someoneInNoMappedGroupIsRefused() async throws {
        let (start, callback) = try await logIn(as: "buitenstaander")
        let error = await #expect(throws: OIDCError.self) { try await party.finishLogin(callback: callback, pending: start.pending) }
        #expect(error?.code == .noMappedRole, "\(error?.description ?? "no error")")
        try proved("no-mapped-group-refused")
    }

    @Test func aTamperedStateIsRefusedAndTheCodeStaysUnused() async throws {
        let (start, callback) = try await logIn(as: "redactie")
        var components = try #require(URLComponents(url: callback, resolvingAgainstBaseURL: false))
        let state = try #require(components.queryItems?.first { $0.name == "state" }?.value)
        #expect(state == start.pending.state)
        components.queryItems = components.queryItems?.map { $0.name == "state" ? URLQueryItem(name: "state", value: PKCE.newVerifier()) : $0 }
        let tampered = try #require(components.url)
        let error = await #expect(throws: OIDCError.self) { try await party.finishLogin(callback: tampered, pending: start.pending) }
        #expect(error?.code == .stateMismatch)
        // Refused before the exchange: the untouched callback still works.
        let person = try await party.finishLogin(callback: callback, pending: start.pending)
        #expect(person.roles == [.redacteur])
        try proved("tampered-state-refused")
    }

    @Test func theProviderChecksTheVerifier() async throws {
        let (start, callback) = try await logIn(as: "redactie")
        let other = OIDCPendingLogin(state: start.pending.state, nonce: start.pending.nonce, codeVerifier: PKCE.newVerifier(), startedAt: start.pending.startedAt)
        let error = await #expect(throws: OIDCError.self) { try await party.finishLogin(callback: callback, pending: other) }
        // RFC 7636, section 4.6: a verifier that does not match the challenge is invalid_grant.
        #expect(error?.code == .tokenRefused)
        #expect(error?.message.contains("invalid_grant") == true, "\(error?.description ?? "no error")")
        try proved("wrong-verifier-refused")
    }
}

/// Where run.sh's provider is and what it was set up with.
struct OIDCProviderEnvironment {
    let issuer: String
    let clientID: String
    let clientSecret: String
    let redirectURI: String
    let password: String
    /// A file to which each test adds a line when it reached its end.
    let proof: String?

    static let current: OIDCProviderEnvironment? = {
        let variables = ProcessInfo.processInfo.environment
        guard let issuer = variables["ZICHT_OIDC_ISSUER"], let clientID = variables["ZICHT_OIDC_CLIENT_ID"],
            let secret = variables["ZICHT_OIDC_CLIENT_SECRET"], let redirect = variables["ZICHT_OIDC_REDIRECT_URI"],
            let password = variables["ZICHT_OIDC_PASSWORD"]
        else { return nil }
        return OIDCProviderEnvironment(
            issuer: issuer, clientID: clientID, clientSecret: secret, redirectURI: redirect, password: password, proof: variables["ZICHT_OIDC_PROOF"])
    }()
}
