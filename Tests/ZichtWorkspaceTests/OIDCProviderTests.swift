import Foundation
import Testing
import ZichtTestSupport
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
        try environment.proved(step)
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

