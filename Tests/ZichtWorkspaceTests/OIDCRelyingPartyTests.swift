import Foundation
import Synchronization
import Testing
import ZichtWorkspace

/// The relying party's own steps with a scripted back channel: discovery checks, the authorization
/// address, the state, the token request it sends, the key set fetched again on an unknown key.
/// The same flow against a real provider is OIDCProviderTests.
struct OIDCRelyingPartyTests {
    static let issuer = OIDCTestIssuer.issuer
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let firstKey = OIDCTestIssuer.keySetJSON([OIDCTestIssuer.first.jwk])

    /// Answers discovery, keys and token requests from a script, and records what was asked.
    final class ScriptedProvider: OIDCTransport {
        struct Script {
            var discovery: [String: any Sendable]
            /// Served in turn; the last one stays.
            var keySets: [Data]
            var token: (@Sendable (OIDCHTTPRequest) -> OIDCHTTPResponse)?
            var requests: [OIDCHTTPRequest] = []
        }

        let script: Mutex<Script>

        init(keySets: [Data], discovery changes: [String: any Sendable] = [:]) {
            var discovery: [String: any Sendable] = [
                "issuer": OIDCRelyingPartyTests.issuer,
                "authorization_endpoint": OIDCRelyingPartyTests.issuer + "/protocol/openid-connect/auth?kc_idp_hint=gemeente",
                "token_endpoint": OIDCRelyingPartyTests.issuer + "/protocol/openid-connect/token",
                "jwks_uri": OIDCRelyingPartyTests.issuer + "/protocol/openid-connect/certs",
                "response_types_supported": ["code", "id_token"], "id_token_signing_alg_values_supported": ["RS256", "HS256"],
                "code_challenge_methods_supported": ["plain", "S256"], "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            ]
            discovery.merge(changes) { $1 }
            script = Mutex(Script(discovery: discovery, keySets: keySets))
        }

        var requests: [OIDCHTTPRequest] { script.withLock { $0.requests } }
        func count(_ suffix: String) -> Int { requests.filter { $0.url.absoluteString.hasSuffix(suffix) }.count }

        func send(_ request: OIDCHTTPRequest) async throws -> OIDCHTTPResponse {
            try script.withLock { script in
                script.requests.append(request)
                let url = request.url.absoluteString
                if url.hasSuffix("/.well-known/openid-configuration") {
                    return OIDCHTTPResponse(status: 200, body: try JSONSerialization.data(withJSONObject: script.discovery))
                } else if url.hasSuffix("/certs") {
                    let keys = script.keySets[0]
                    if script.keySets.count > 1 { script.keySets.removeFirst() }
                    return OIDCHTTPResponse(status: 200, body: keys)
                } else if url.hasSuffix("/token"), let token = script.token {
                    return token(request)
                }
                return OIDCHTTPResponse(status: 404, body: Data())
            }
        }

        /// The token endpoint answers with an ID token signed by `signer` for this nonce.
        func answerTokens(signer: OIDCTestIssuer, nonce: String, groups: [String] = ["zicht-redacteuren"]) {
            var claims = OIDCTestIssuer.claims(now: OIDCRelyingPartyTests.now, nonce: nonce)
            claims["groups"] = groups
            let body = try! JSONSerialization.data(withJSONObject: ["id_token": signer.token(claims: claims), "access_token": "toegang", "token_type": "Bearer"])
            script.withLock { $0.token = { _ in OIDCHTTPResponse(status: 200, body: body) } }
        }
    }

    static func party(_ provider: ScriptedProvider, secret: String? = "ge+heim", now: Date = OIDCRelyingPartyTests.now) throws -> OIDCRelyingParty {
        let settings = try OIDCSettings(
            issuer: issuer, clientID: OIDCTestIssuer.clientID, clientSecret: secret, redirectURI: "https://zicht.example.nl/werkomgeving/inloggen/oidc",
            roles: ["zicht-redacteuren": .redacteur])
        return OIDCRelyingParty(settings: settings, transport: provider, now: { now })
    }

    static func callback(_ query: String) -> URL {
        URL(string: "https://zicht.example.nl/werkomgeving/inloggen/oidc?" + query)!
    }

    static func query(_ url: URL) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    @Test func theAuthorizationAddressCarriesTheLoginAndKeepsTheEndpointsQuery() async throws {
        let provider = ScriptedProvider(keySets: [Self.firstKey])
        let start = try await Self.party(provider).startLogin()
        let query = Self.query(start.authorizationURL)
        #expect(start.authorizationURL.absoluteString.hasPrefix(Self.issuer + "/protocol/openid-connect/auth?kc_idp_hint=gemeente&"))
        #expect(query["response_type"] == "code")
        #expect(query["client_id"] == "zicht")
        #expect(query["redirect_uri"] == "https://zicht.example.nl/werkomgeving/inloggen/oidc")
        #expect(query["scope"] == "openid profile email")
        #expect(query["state"] == start.pending.state)
        #expect(query["nonce"] == start.pending.nonce)
        #expect(query["code_challenge"] == PKCE.challenge(for: start.pending.codeVerifier))
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["code_verifier"] == nil)
        let values = [start.pending.state, start.pending.nonce, start.pending.codeVerifier]
        #expect(Set(values).count == 3 && values.allSatisfy { $0.count >= 43 })
    }

    @Test func aLoginEndsWithTheRolesOfItsGroupsAndSendsVerifierAndBasicAuth() async throws {
        let provider = ScriptedProvider(keySets: [Self.firstKey])
        let party = try Self.party(provider)
        let start = try await party.startLogin()
        provider.answerTokens(signer: .first, nonce: start.pending.nonce)
        let person = try await party.finishLogin(callback: Self.callback("code=abc%2Bdef&state=\(start.pending.state)&iss=\(FormEncoding.component(Self.issuer))"), pending: start.pending)
        #expect(person.roles == [.redacteur])
        #expect(person.subject == "f3a9c1" && person.preferredUsername == "jdevries" && person.name == "Jan de Vries")
        #expect(person.groups == ["zicht-redacteuren"])

        let tokenRequest = try #require(provider.requests.last { $0.url.absoluteString.hasSuffix("/token") })
        let form = FormEncoding.decode(String(decoding: tokenRequest.body ?? Data(), as: UTF8.self))
        #expect(form["grant_type"] == "authorization_code")
        #expect(form["code"] == "abc+def")
        #expect(form["code_verifier"] == start.pending.codeVerifier)
        #expect(form["redirect_uri"] == "https://zicht.example.nl/werkomgeving/inloggen/oidc")
        #expect(form["client_secret"] == nil)
        // RFC 6749 2.3.1: "ge+heim" is form-encoded to "ge%2Bheim" before Basic encoding.
        #expect(tokenRequest.headers["Authorization"] == "Basic " + Data("zicht:ge%2Bheim".utf8).base64EncodedString())
    }

    @Test func aRotatedKeyIsFetchedOnceAndAnUnknownOneRefusedAfterOneFetch() async throws {
        let provider = ScriptedProvider(keySets: [
            OIDCTestIssuer.keySetJSON([OIDCTestIssuer.first.jwk]), OIDCTestIssuer.keySetJSON([OIDCTestIssuer.first.jwk, OIDCTestIssuer.second.jwk]),
        ])
        let party = try Self.party(provider)
        // First login: the first key, fetched once.
        var start = try await party.startLogin()
        provider.answerTokens(signer: .first, nonce: start.pending.nonce)
        _ = try await party.finishLogin(callback: Self.callback("code=1&state=\(start.pending.state)"), pending: start.pending)
        #expect(provider.count("/certs") == 1)
        // The provider rotated: a token with the second key makes the set be fetched once more.
        start = try await party.startLogin()
        provider.answerTokens(signer: .second, nonce: start.pending.nonce)
        _ = try await party.finishLogin(callback: Self.callback("code=2&state=\(start.pending.state)"), pending: start.pending)
        #expect(provider.count("/certs") == 2)
        // Known keys are not fetched again; discovery was fetched once for all of this.
        start = try await party.startLogin()
        provider.answerTokens(signer: .first, nonce: start.pending.nonce)
        _ = try await party.finishLogin(callback: Self.callback("code=3&state=\(start.pending.state)"), pending: start.pending)
        #expect(provider.count("/certs") == 2)
        #expect(provider.count("/openid-configuration") == 1)
        // A key the provider does not have: one more fetch, then refused.
        start = try await party.startLogin()
        let stranger = try OIDCTestIssuer(kid: "sleutel-3")
        provider.answerTokens(signer: stranger, nonce: start.pending.nonce)
        let error = await #expect(throws: OIDCError.self) {
            try await party.finishLogin(callback: Self.callback("code=4&state=\(start.pending.state)"), pending: start.pending)
        }
        #expect(error?.code == .unknownKey)
        #expect(provider.count("/certs") == 3)
    }

    @Test(arguments: [
        ("state=tampered&code=1", OIDCError.Code.stateMismatch),
        ("code=1", .stateMismatch),
        ("STATE&STATE&code=1", .stateMismatch),
        ("STATE&error=access_denied&error_description=Gebruiker+weigerde", .authorizationDenied),
        ("STATE&iss=https%3A%2F%2Fevil.example%2F&code=1", .issuerMismatch),
        ("STATE", .missingCode),
    ])
    func aBadCallbackIsRefusedBeforeTheCodeIsExchanged(query: String, expected: OIDCError.Code) async throws {
        let provider = ScriptedProvider(keySets: [Self.firstKey])
        let party = try Self.party(provider)
        let start = try await party.startLogin()
        provider.answerTokens(signer: .first, nonce: start.pending.nonce)
        let callback = Self.callback(query.replacingOccurrences(of: "STATE", with: "state=\(start.pending.state)"))
        let error = await #expect(throws: OIDCError.self) { try await party.finishLogin(callback: callback, pending: start.pending) }
        #expect(error?.code == expected, "\(error?.description ?? "no error")")
        #expect(provider.count("/token") == 0)
    }

    @Test func anOldLoginIsRefused() async throws {
        let provider = ScriptedProvider(keySets: [Self.firstKey])
        let start = try await Self.party(provider, now: Self.now.addingTimeInterval(-601)).startLogin()
        let error = await #expect(throws: OIDCError.self) {
            try await Self.party(provider).finishLogin(callback: Self.callback("state=\(start.pending.state)&code=1"), pending: start.pending)
        }
        #expect(error?.code == .stateMismatch)
    }

    @Test func aRefusedCodeIsReportedWithTheProvidersErrorCode() async throws {
        let provider = ScriptedProvider(keySets: [Self.firstKey])
        let party = try Self.party(provider)
        let start = try await party.startLogin()
        let body = Data(#"{"error":"invalid_grant","error_description":"Code already used"}"#.utf8)
        provider.script.withLock { $0.token = { _ in OIDCHTTPResponse(status: 400, body: body) } }
        let error = await #expect(throws: OIDCError.self) {
            try await party.finishLogin(callback: Self.callback("state=\(start.pending.state)&code=1"), pending: start.pending)
        }
        #expect(error?.code == .tokenRefused)
        #expect(error?.message.contains("invalid_grant") == true)
    }

    @Test func withoutAMappedGroupThereIsNoAccess() async throws {
        let provider = ScriptedProvider(keySets: [Self.firstKey])
        let party = try Self.party(provider)
        let start = try await party.startLogin()
        provider.answerTokens(signer: .first, nonce: start.pending.nonce, groups: ["sport", "cultuur"])
        let error = await #expect(throws: OIDCError.self) {
            try await party.finishLogin(callback: Self.callback("state=\(start.pending.state)&code=1"), pending: start.pending)
        }
        #expect(error?.code == .noMappedRole)
    }

    @Test func clientSecretPostIsUsedWhenBasicIsNotOfferedAndAPublicClientSendsOnlyItsID() async throws {
        let provider = ScriptedProvider(keySets: [Self.firstKey], discovery: ["token_endpoint_auth_methods_supported": ["client_secret_post"]])
        for secret in ["geheim", nil] as [String?] {
            let party = try Self.party(provider, secret: secret)
            let start = try await party.startLogin()
            provider.answerTokens(signer: .first, nonce: start.pending.nonce)
            _ = try await party.finishLogin(callback: Self.callback("state=\(start.pending.state)&code=1"), pending: start.pending)
            let request = try #require(provider.requests.last { $0.url.absoluteString.hasSuffix("/token") })
            let form = FormEncoding.decode(String(decoding: request.body ?? Data(), as: UTF8.self))
            #expect(request.headers["Authorization"] == nil)
            #expect(form["client_id"] == "zicht")
            #expect(form["client_secret"] == secret)
        }
    }

    /// One field of the discovery document changed; a `…_supported` value is a comma-separated list.
    @Test(arguments: [
        ("issuer", OIDCTestIssuer.issuer + "/", OIDCError.Code.issuerMismatch),
        ("issuer", "https://LOGIN.example.nl/realms/gemeente", .issuerMismatch),
        ("id_token_signing_alg_values_supported", "HS256,none", .unsupportedProvider),
        ("code_challenge_methods_supported", "plain", .unsupportedProvider),
        ("token_endpoint_auth_methods_supported", "private_key_jwt", .unsupportedProvider),
        ("response_types_supported", "id_token", .unsupportedProvider),
        ("token_endpoint", "http://login.example.nl/token", .discovery),
    ])
    func aDiscoveryDocumentThatCannotBeTrustedIsRefused(field: String, value: String, expected: OIDCError.Code) async throws {
        let changed: any Sendable = field.hasSuffix("_supported") ? value.split(separator: ",").map(String.init) : value
        let provider = ScriptedProvider(keySets: [Self.firstKey], discovery: [field: changed])
        let error = await #expect(throws: OIDCError.self) { try await Self.party(provider).startLogin() }
        #expect(error?.code == expected, "\(error?.description ?? "no error")")
    }
}
