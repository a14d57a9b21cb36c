import Crypto
import Foundation
import _CryptoExtras

/// Checks an ID token as OpenID Connect Core 1.0, section 3.1.3.7, asks of a confidential client
/// using the code flow: the algorithm, the signature with the provider's key, then the claims.
///
/// Only RS256 is accepted, and only when the provider announces it: `alg: none` and the HMAC
/// algorithms (HS256, …) are refused whatever the provider says, since a token "signed" with the
/// public key as an HMAC secret would otherwise verify.
public struct IDTokenVerifier: Sendable {
    public let issuer: String
    public let clientID: String
    /// The algorithms the provider announces in `id_token_signing_alg_values_supported`.
    public let announcedAlgorithms: [String]
    public let clockSkew: TimeInterval

    /// The algorithms this relying party implements.
    public static let supportedAlgorithms: Set<String> = ["RS256"]

    public init(issuer: String, clientID: String, announcedAlgorithms: [String], clockSkew: TimeInterval = 60) {
        self.issuer = issuer
        self.clientID = clientID
        self.announcedAlgorithms = announcedAlgorithms
        self.clockSkew = clockSkew
    }

    /// The verified claims of an ID token.
    /// - Parameters:
    ///   - token: the compact JWT from the token response.
    ///   - keys: the provider's key set.
    ///   - nonce: the nonce this login sent in the authorization request.
    ///   - accessToken: the access token of the same response, to check `at_hash` when present.
    ///   - now: the time to check `exp`, `nbf` and `iat` against.
    /// - Throws: `OIDCError` naming the first check that failed.
    public func verify(_ token: String, keys: JSONWebKeySet, nonce: String, accessToken: String? = nil, now: Date) throws(OIDCError) -> [String: ClaimValue] {
        let parsed = try parse(token)
        guard let key = keys.key(id: parsed.header.kid) else {
            throw OIDCError(.unknownKey, "no RSA signing key with id \(parsed.header.kid ?? "(none)") in the provider's key set", field: "kid")
        }
        try checkSignature(parsed, key: key)
        return try checkClaims(parsed, nonce: nonce, accessToken: accessToken, now: now)
    }

    /// Splits the token and checks its algorithm, before any key is looked up.
    package func parse(_ token: String) throws(OIDCError) -> JSONWebToken {
        let parsed = try JSONWebToken(compact: token)
        let alg = parsed.header.alg
        guard Self.supportedAlgorithms.contains(alg) else {
            throw OIDCError(.unsupportedAlgorithm, "expected RS256, found \(alg)", field: "alg")
        }
        guard announcedAlgorithms.contains(alg) else {
            throw OIDCError(.unsupportedAlgorithm, "\(alg) is not among the provider's announced algorithms (\(announcedAlgorithms.joined(separator: ", ")))", field: "alg")
        }
        if let critical = parsed.header.crit, !critical.isEmpty {
            throw OIDCError(.malformedToken, "the token has critical header extensions this relying party does not understand: \(critical.joined(separator: ", "))", field: "crit")
        }
        return parsed
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518, section 3.3) over the token's signing input.
    package func checkSignature(_ token: JSONWebToken, key: _RSA.Signing.PublicKey) throws(OIDCError) {
        let signature = _RSA.Signing.RSASignature(rawRepresentation: token.signature)
        guard key.isValidSignature(signature, for: SHA256.hash(data: token.signingInput), padding: .insecurePKCS1v1_5) else {
            throw OIDCError(.badSignature, "the ID token's signature does not verify with the provider's key \(token.header.kid ?? "(no kid)")", field: "signature")
        }
    }

    /// `iss`, `aud`/`azp`, `exp`, `iat`, `nbf`, `nonce`, `sub` and, when present, `at_hash`.
    package func checkClaims(_ token: JSONWebToken, nonce: String, accessToken: String?, now: Date) throws(OIDCError) -> [String: ClaimValue] {
        let claims = token.claims
        let found = claims["iss"]?.string
        guard found == issuer else {
            throw OIDCError(.wrongIssuer, "expected \(issuer), found \(found ?? "no iss")", field: "iss")
        }
        let audiences: [String]
        switch claims["aud"] {
        case .string(let one): audiences = [one]
        case .array(let many): audiences = many.compactMap(\.string)
        default: audiences = []
        }
        guard audiences.contains(clientID) else {
            throw OIDCError(.wrongAudience, "expected \(clientID) among the audiences, found \(audiences.isEmpty ? "none" : audiences.joined(separator: ", "))", field: "aud")
        }
        let azp = claims["azp"]?.string
        if audiences.count > 1 || azp != nil {
            guard azp == clientID else {
                throw OIDCError(.wrongAudience, "a token for several audiences must be authorized for \(clientID), found azp \(azp ?? "absent")", field: "azp")
            }
        }
        let seconds = now.timeIntervalSince1970
        guard let exp = claims["exp"]?.number else { throw OIDCError(.malformedToken, "the ID token has no numeric exp", field: "exp") }
        guard seconds < exp + clockSkew else {
            throw OIDCError(.expired, "the ID token expired \(Int(seconds - exp)) s ago (allowed skew \(Int(clockSkew)) s)", field: "exp")
        }
        guard let iat = claims["iat"]?.number else { throw OIDCError(.malformedToken, "the ID token has no numeric iat", field: "iat") }
        guard iat <= seconds + clockSkew else {
            throw OIDCError(.notYetValid, "the ID token was issued \(Int(iat - seconds)) s in the future (allowed skew \(Int(clockSkew)) s)", field: "iat")
        }
        if let nbfValue = claims["nbf"] {
            guard let nbf = nbfValue.number else { throw OIDCError(.malformedToken, "nbf is not a number", field: "nbf") }
            guard nbf <= seconds + clockSkew else {
                throw OIDCError(.notYetValid, "the ID token is valid only in \(Int(nbf - seconds)) s (allowed skew \(Int(clockSkew)) s)", field: "nbf")
            }
        }
        guard let tokenNonce = claims["nonce"]?.string, Authenticator.constantTimeEqual(tokenNonce, nonce) else {
            throw OIDCError(.nonceMismatch, "the ID token's nonce is not the one this login sent", field: "nonce")
        }
        guard let subject = claims["sub"]?.string, !subject.isEmpty else {
            throw OIDCError(.malformedToken, "the ID token has no subject", field: "sub")
        }
        if let atHash = claims["at_hash"]?.string, let accessToken {
            // OpenID Connect Core, section 3.1.3.8: the left half of SHA-256 of the access token.
            let digest = Array(SHA256.hash(data: Array(accessToken.utf8)))
            guard Authenticator.constantTimeEqual(Base64URL.encode(digest.prefix(digest.count / 2)), atHash) else {
                throw OIDCError(.accessTokenHashMismatch, "at_hash does not belong to the access token of the same response", field: "at_hash")
            }
        }
        return claims
    }
}
