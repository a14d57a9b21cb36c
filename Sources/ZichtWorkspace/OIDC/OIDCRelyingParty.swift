import Foundation
import Synchronization
import _CryptoExtras

/// Login through the municipality's identity provider: OpenID Connect's authorization code flow
/// with PKCE (S256), as a confidential client (or a public one when no secret is set).
///
/// ```swift
/// let party = OIDCRelyingParty(settings: settings)
/// let start = try await party.startLogin()          // keep start.pending in the session
/// // redirect the browser to start.authorizationURL; it returns to the redirect URI
/// let person = try await party.finishLogin(callback: requestURL, pending: pending)
/// ```
///
/// The discovery document and the key set are fetched when first needed and kept for an hour; a
/// token signed with a key id that is not in the kept set makes the key set be fetched once more
/// (the provider rotated its keys).
public final class OIDCRelyingParty: Sendable {
    public let settings: OIDCSettings
    private let transport: any OIDCTransport
    private let now: @Sendable () -> Date
    private let cache = Mutex(Cache())
    /// How long the discovery document and the key set are kept.
    public static let cacheLifetime: TimeInterval = 3600

    private struct Cache {
        var metadata: (value: OIDCProviderMetadata, fetched: Date)?
        var keys: (value: JSONWebKeySet, fetched: Date)?
    }

    public init(settings: OIDCSettings, transport: any OIDCTransport = URLSessionOIDCTransport(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.transport = transport
        self.now = now
    }

    // MARK: Discovery and keys

    /// The provider's discovery document, fetched or kept.
    /// - Throws: `OIDCError` `.transport`, `.discovery`, `.issuerMismatch` or `.unsupportedProvider`.
    public func metadata() async throws(OIDCError) -> OIDCProviderMetadata {
        let moment = now()
        if let kept = cache.withLock({ $0.metadata }), moment.timeIntervalSince(kept.fetched) < Self.cacheLifetime {
            return kept.value
        }
        let url = OIDCProviderMetadata.discoveryURL(issuer: settings.issuer)
        let response = try await get(url, failure: .discovery, field: "issuer")
        let metadata = try OIDCProviderMetadata(json: response.body, settings: settings)
        cache.withLock { $0.metadata = (metadata, moment) }
        return metadata
    }

    /// The key with this id: from the kept set, or from the set fetched again when the kept one is
    /// old or does not have it.
    /// - Throws: `OIDCError` `.unknownKey` when the fresh set does not have it either.
    func signingKey(id: String?, metadata: OIDCProviderMetadata) async throws(OIDCError) -> _RSA.Signing.PublicKey {
        let moment = now()
        if let kept = cache.withLock({ $0.keys }), moment.timeIntervalSince(kept.fetched) < Self.cacheLifetime, let key = kept.value.key(id: id) {
            return key
        }
        let response = try await get(metadata.jwksURI, failure: .keySet, field: "jwks_uri")
        let keys = try JSONWebKeySet(json: response.body)
        cache.withLock { $0.keys = (keys, moment) }
        guard let key = keys.key(id: id) else {
            throw OIDCError(.unknownKey, "no RSA signing key with id \(id ?? "(none)") in the provider's key set, fetched again", field: "kid")
        }
        return key
    }

    // MARK: The login

    /// Starts a login: fresh state, nonce and PKCE verifier, and the address to send the browser to.
    /// - Throws: `OIDCError` from discovery.
    public func startLogin() async throws(OIDCError) -> OIDCLoginStart {
        let metadata = try await metadata()
        let pending = OIDCPendingLogin(state: Authenticator.randomToken(), nonce: Authenticator.randomToken(), codeVerifier: PKCE.newVerifier(), startedAt: now())
        let parameters = [
            ("response_type", "code"),
            ("client_id", settings.clientID),
            ("redirect_uri", settings.redirectURI.absoluteString),
            ("scope", settings.scopes.joined(separator: " ")),
            ("state", pending.state),
            ("nonce", pending.nonce),
            ("code_challenge", PKCE.challenge(for: pending.codeVerifier)),
            ("code_challenge_method", "S256"),
        ]
        var components = URLComponents(url: metadata.authorizationEndpoint, resolvingAgainstBaseURL: false)!
        let existing = components.percentEncodedQuery.map { $0 + "&" } ?? ""
        components.percentEncodedQuery = existing + FormEncoding.encode(parameters)
        guard let url = components.url else {
            throw OIDCError(.discovery, "cannot add the login's parameters to the authorization endpoint", field: "authorization_endpoint")
        }
        return OIDCLoginStart(authorizationURL: url, pending: pending)
    }

    /// Finishes a login when the browser returns to the redirect URI: checks the state, exchanges the
    /// code for tokens, verifies the ID token and maps the person's groups to roles.
    /// - Parameters:
    ///   - callback: the URL the browser requested, with its query.
    ///   - pending: what `startLogin()` returned for this browser; use it once, then forget it.
    /// - Throws: `OIDCError` naming what failed; the server shows one Dutch message for all of them.
    public func finishLogin(callback: URL, pending: OIDCPendingLogin) async throws(OIDCError) -> OIDCIdentity {
        let query = FormEncoding.decode(URLComponents(url: callback, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? "")
        let age = now().timeIntervalSince(pending.startedAt)
        guard age >= -settings.clockSkew, age <= settings.maximumLoginAge else {
            throw OIDCError(.stateMismatch, "the login started \(Int(age)) s ago; at most \(Int(settings.maximumLoginAge)) s are allowed", field: "state")
        }
        guard let state = query["state"], Authenticator.constantTimeEqual(state, pending.state) else {
            throw OIDCError(.stateMismatch, query["state"] == nil ? "the callback has no state" : "the callback's state is not the one this login started with", field: "state")
        }
        // RFC 9207: a provider that names itself in the response must be the configured one.
        if let iss = query["iss"], iss != settings.issuer.absoluteString {
            throw OIDCError(.issuerMismatch, "the authorization response comes from \(iss), expected \(settings.issuer.absoluteString)", field: "iss")
        }
        if let error = query["error"] {
            let detail = query["error_description"].map { ": " + Self.printable($0) } ?? ""
            throw OIDCError(.authorizationDenied, "the provider answered \(Self.printable(error))\(detail)", field: "error")
        }
        guard let code = query["code"], !code.isEmpty else {
            throw OIDCError(.missingCode, "the callback has neither code nor error", field: "code")
        }
        let metadata = try await metadata()
        let tokens = try await exchange(code: code, verifier: pending.codeVerifier, metadata: metadata)
        let verifier = IDTokenVerifier(
            issuer: settings.issuer.absoluteString, clientID: settings.clientID, announcedAlgorithms: metadata.idTokenSigningAlgorithms,
            clockSkew: settings.clockSkew)
        let token = try verifier.parse(tokens.idToken)
        let key = try await signingKey(id: token.header.kid, metadata: metadata)
        try verifier.checkSignature(token, key: key)
        let claims = try verifier.checkClaims(token, nonce: pending.nonce, accessToken: tokens.accessToken, now: now())
        return try OIDCIdentity(claims: claims, settings: settings)
    }

    // MARK: The back channel

    private struct TokenResponse: Decodable {
        var idToken: String
        var accessToken: String?
        enum CodingKeys: String, CodingKey {
            case idToken = "id_token"
            case accessToken = "access_token"
        }
    }

    private struct ErrorResponse: Decodable {
        var error: String
        var error_description: String?
    }

    /// The token request of RFC 6749, section 4.1.3, with the PKCE verifier.
    private func exchange(code: String, verifier: String, metadata: OIDCProviderMetadata) async throws(OIDCError) -> TokenResponse {
        var form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", settings.redirectURI.absoluteString),
            ("code_verifier", verifier),
        ]
        var headers = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        switch metadata.clientAuthentication {
        case .clientSecretBasic:
            // RFC 6749, section 2.3.1: both are form-encoded before they are joined.
            let pair = FormEncoding.component(settings.clientID) + ":" + FormEncoding.component(settings.clientSecret ?? "")
            headers["Authorization"] = "Basic " + Data(pair.utf8).base64EncodedString()
        case .clientSecretPost:
            form += [("client_id", settings.clientID), ("client_secret", settings.clientSecret ?? "")]
        case .none:
            form.append(("client_id", settings.clientID))
        }
        let request = OIDCHTTPRequest(url: metadata.tokenEndpoint, method: "POST", headers: headers, body: Data(FormEncoding.encode(form).utf8))
        let response: OIDCHTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw OIDCError(.transport, "the token endpoint \(metadata.tokenEndpoint.absoluteString) did not answer", field: "token_endpoint", cause: error)
        }
        guard response.status == 200 else {
            // Only the error code and its description: an answer's body is never passed on whole.
            if let refusal = try? JSONDecoder().decode(ErrorResponse.self, from: response.body) {
                let detail = refusal.error_description.map { ": " + Self.printable($0) } ?? ""
                throw OIDCError(.tokenRefused, "the token endpoint answered \(response.status) \(Self.printable(refusal.error))\(detail)", field: "code")
            }
            throw OIDCError(.tokenRefused, "the token endpoint answered \(response.status)", field: "code")
        }
        do {
            return try JSONDecoder().decode(TokenResponse.self, from: response.body)
        } catch {
            throw OIDCError(.malformedToken, "the token response has no id_token (is openid among the scopes?)", field: "id_token")
        }
    }

    private func get(_ url: URL, failure: OIDCError.Code, field: String) async throws(OIDCError) -> OIDCHTTPResponse {
        let response: OIDCHTTPResponse
        do {
            response = try await transport.send(OIDCHTTPRequest(url: url, headers: ["Accept": "application/json"]))
        } catch {
            throw OIDCError(.transport, "\(url.absoluteString) did not answer", field: field, cause: error)
        }
        guard response.status == 200 else {
            throw OIDCError(failure, "\(url.absoluteString) answered \(response.status)", field: field)
        }
        return response
    }

    /// A value from the provider, safe for a log line: printable ASCII, at most 200 characters.
    private static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(200).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7f ? $0 : "?" }))
    }
}
