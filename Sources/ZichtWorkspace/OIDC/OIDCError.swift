/// Why a login through the municipality's identity provider failed, or why its settings are refused.
///
/// One error type for the whole relying party: `code` says which check failed, `message` says what
/// was expected and found, in English, for the logs and the command line. Messages never contain a
/// token, a code, a secret or a password; they may contain claim values such as an issuer or an
/// audience, which are not secret. The server maps every code to one Dutch page ("Inloggen is niet
/// gelukt"), so a person trying logins learns nothing from the difference between codes.
public struct OIDCError: Error, Sendable, CustomStringConvertible {
    /// Which check failed. A struct of named values rather than an enum, so that codes can be added
    /// without breaking callers that switch over them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A setting is missing or has a value that is not allowed; `field` names it.
        public static let invalidSetting = Code("invalidSetting")
        /// The provider could not be reached, or answered with something that is not HTTP.
        public static let transport = Code("transport")
        /// The discovery document could not be fetched or read, or lacks a required field.
        public static let discovery = Code("discovery")
        /// The discovery document (or the authorization response's `iss`) names another issuer.
        public static let issuerMismatch = Code("issuerMismatch")
        /// The key set could not be fetched or read.
        public static let keySet = Code("keySet")
        /// The provider supports nothing this relying party can use (no S256, no usable client
        /// authentication, no RS256).
        public static let unsupportedProvider = Code("unsupportedProvider")
        /// The callback's `state` is not the one this login started with, or the login is too old.
        public static let stateMismatch = Code("stateMismatch")
        /// The provider sent the browser back with an OAuth error (`error=access_denied`, …).
        public static let authorizationDenied = Code("authorizationDenied")
        /// The callback has no `code`.
        public static let missingCode = Code("missingCode")
        /// The token endpoint refused the code (`invalid_grant` for a code used twice, a wrong
        /// verifier or an expired code) or answered with an error status.
        public static let tokenRefused = Code("tokenRefused")
        /// The token response or the ID token is not well formed.
        public static let malformedToken = Code("malformedToken")
        /// The ID token's `alg` is `none`, symmetric, or not announced by the provider.
        public static let unsupportedAlgorithm = Code("unsupportedAlgorithm")
        /// No key in the key set has the ID token's `kid`, even after fetching the key set again.
        public static let unknownKey = Code("unknownKey")
        /// The signature does not verify with the provider's key.
        public static let badSignature = Code("badSignature")
        /// `iss` is not the configured issuer.
        public static let wrongIssuer = Code("wrongIssuer")
        /// `aud` does not contain the client id, or `azp` is wrong.
        public static let wrongAudience = Code("wrongAudience")
        /// `exp` has passed (beyond the allowed clock skew).
        public static let expired = Code("expired")
        /// `nbf` or `iat` lies in the future (beyond the allowed clock skew).
        public static let notYetValid = Code("notYetValid")
        /// `nonce` is not the one this login started with.
        public static let nonceMismatch = Code("nonceMismatch")
        /// `at_hash` does not match the access token that came with the ID token.
        public static let accessTokenHashMismatch = Code("accessTokenHashMismatch")
        /// The person logged in, but none of their groups maps to a role: no access.
        public static let noMappedRole = Code("noMappedRole")
    }

    public let code: Code
    /// What was expected and what was found, without secrets.
    public let message: String
    /// The setting or claim concerned, when there is one (`issuer`, `clientID`, `aud`, …).
    public let field: String?
    /// The underlying error (a URL error, a decoding error), kept for diagnosis.
    public let cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, field: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.cause = cause
    }

    public var description: String {
        let place = field.map { "\($0): " } ?? ""
        let because = cause.map { " (\(String(describing: $0)))" } ?? ""
        return "OpenID Connect login (\(code)): \(place)\(message)\(because)"
    }
}
