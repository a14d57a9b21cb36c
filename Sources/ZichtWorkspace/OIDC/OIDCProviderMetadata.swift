import Foundation

/// The parts of the provider's discovery document (OpenID Connect Discovery 1.0, section 3) that the
/// login uses, checked against the settings.
public struct OIDCProviderMetadata: Sendable, Equatable {
    public let issuer: String
    public let authorizationEndpoint: URL
    public let tokenEndpoint: URL
    public let jwksURI: URL
    public let idTokenSigningAlgorithms: [String]
    /// How this client authenticates at the token endpoint, chosen from what the provider allows.
    public let clientAuthentication: ClientAuthentication

    public enum ClientAuthentication: String, Sendable {
        /// HTTP Basic with the url-encoded client id and secret (RFC 6749, section 2.3.1).
        case clientSecretBasic = "client_secret_basic"
        /// The client id and secret in the form body.
        case clientSecretPost = "client_secret_post"
        /// A public client: only the client id, with PKCE.
        case none
    }

    /// The document's address: the issuer with `/.well-known/openid-configuration` appended.
    public static func discoveryURL(issuer: URL) -> URL {
        var text = issuer.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + "/.well-known/openid-configuration")!
    }

    /// Reads and checks a discovery document.
    /// - Throws: `OIDCError` `.discovery` for a document that cannot be read or lacks a field,
    ///   `.issuerMismatch` when its issuer is not exactly the configured one, `.unsupportedProvider`
    ///   when it offers no code flow, no RS256, no S256 or no client authentication this client can do.
    public init(json: Data, settings: OIDCSettings) throws(OIDCError) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: json)
        } catch {
            throw OIDCError(.discovery, "the discovery document is not JSON with issuer, authorization_endpoint, token_endpoint and jwks_uri", cause: error)
        }
        // Exactly equal, character for character (Discovery, section 4.3): no normalising of a
        // trailing slash or of case, or one provider could speak for another.
        guard document.issuer == settings.issuer.absoluteString else {
            throw OIDCError(.issuerMismatch, "expected \(settings.issuer.absoluteString), found \(document.issuer)", field: "issuer")
        }
        issuer = document.issuer
        authorizationEndpoint = try Self.endpoint(document.authorization_endpoint, "authorization_endpoint")
        tokenEndpoint = try Self.endpoint(document.token_endpoint, "token_endpoint")
        jwksURI = try Self.endpoint(document.jwks_uri, "jwks_uri")
        guard document.response_types_supported?.contains("code") ?? true else {
            throw OIDCError(.unsupportedProvider, "the provider does not offer the authorization code flow", field: "response_types_supported")
        }
        let algorithms = document.id_token_signing_alg_values_supported ?? []
        guard algorithms.contains("RS256") else {
            throw OIDCError(.unsupportedProvider, "expected RS256 among the ID token algorithms, found \(algorithms.joined(separator: ", "))", field: "id_token_signing_alg_values_supported")
        }
        idTokenSigningAlgorithms = algorithms
        // Some providers (Entra ID among them) support PKCE without announcing it; only a list
        // without S256 is a refusal.
        if let methods = document.code_challenge_methods_supported, !methods.contains("S256") {
            throw OIDCError(.unsupportedProvider, "expected S256 among the PKCE methods, found \(methods.joined(separator: ", "))", field: "code_challenge_methods_supported")
        }
        if settings.clientSecret == nil {
            clientAuthentication = .none
        } else {
            // Absent means client_secret_basic (Discovery, section 3).
            let methods = document.token_endpoint_auth_methods_supported ?? ["client_secret_basic"]
            if methods.contains("client_secret_basic") {
                clientAuthentication = .clientSecretBasic
            } else if methods.contains("client_secret_post") {
                clientAuthentication = .clientSecretPost
            } else {
                throw OIDCError(.unsupportedProvider, "expected client_secret_basic or client_secret_post, found \(methods.joined(separator: ", "))", field: "token_endpoint_auth_methods_supported")
            }
        }
    }

    private static func endpoint(_ text: String, _ field: String) throws(OIDCError) -> URL {
        do {
            return try OIDCSettings.webURL(text, field: field)
        } catch {
            throw OIDCError(.discovery, error.message, field: field)
        }
    }

    // Field names as the document spells them.
    private struct Document: Decodable {
        var issuer: String
        var authorization_endpoint: String
        var token_endpoint: String
        var jwks_uri: String
        var response_types_supported: [String]?
        var id_token_signing_alg_values_supported: [String]?
        var code_challenge_methods_supported: [String]?
        var token_endpoint_auth_methods_supported: [String]?
    }
}
