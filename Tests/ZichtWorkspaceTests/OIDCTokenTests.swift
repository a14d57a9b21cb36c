import Foundation
import Testing
import ZichtWorkspace

/// The ID token checks of OpenID Connect Core 3.1.3.7, with keys made in the test: one good token,
/// then one token per way it can be wrong, each refused with the code that names the check.
struct OIDCTokenTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    /// DOT and Keycloak announce HS256 beside RS256; HS256 must be refused all the same.
    let verifier = IDTokenVerifier(
        issuer: OIDCTestIssuer.issuer, clientID: OIDCTestIssuer.clientID, announcedAlgorithms: ["RS256", "HS256"], clockSkew: 60)

    @Test func aGoodTokenGivesItsClaims() throws {
        let issuer = OIDCTestIssuer.first
        let token = issuer.token(claims: OIDCTestIssuer.claims(now: Self.now))
        let claims = try verifier.verify(token, keys: issuer.keySet, nonce: OIDCTestIssuer.nonce, now: Self.now)
        #expect(claims["sub"] == .string("f3a9c1"))
        #expect(claims["preferred_username"]?.string == "jdevries")
    }

    /// One way each in which a token can be wrong, and the check that must catch it.
    enum Fault: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case signatureChanged, payloadChangedAfterSigning, signedByAnotherKey, unknownKid, algNone, hs256WithPublicKeyAsSecret,
            algorithmNotAnnounced, criticalExtension, wrongIssuer, issuerWithTrailingSlash, missingIssuer, wrongAudience,
            severalAudiencesWithoutAzp, wrongAzp, expired, issuedInTheFuture, notYetValid, wrongNonce, missingNonce, missingSubject,
            notAJWT, encryptedToken

        var testDescription: String { rawValue }

        var expected: OIDCError.Code {
            switch self {
            case .signatureChanged, .payloadChangedAfterSigning, .signedByAnotherKey: .badSignature
            case .unknownKid: .unknownKey
            case .algNone, .hs256WithPublicKeyAsSecret, .algorithmNotAnnounced: .unsupportedAlgorithm
            case .wrongIssuer, .issuerWithTrailingSlash, .missingIssuer: .wrongIssuer
            case .wrongAudience, .severalAudiencesWithoutAzp, .wrongAzp: .wrongAudience
            case .expired: .expired
            case .issuedInTheFuture, .notYetValid: .notYetValid
            case .wrongNonce, .missingNonce: .nonceMismatch
            case .criticalExtension, .missingSubject, .notAJWT, .encryptedToken: .malformedToken
            }
        }

        /// The token with this fault, and the algorithms its verifier is told the provider announces.
        func token(now: Date) -> (token: String, announced: [String]) {
            let issuer = OIDCTestIssuer.first
            var claims = OIDCTestIssuer.claims(now: now)
            let seconds = Int(now.timeIntervalSince1970)
            let both = ["RS256", "HS256"]
            switch self {
            case .signatureChanged:
                var token = issuer.token(claims: claims)
                // The last character carries the signature's final bits; change the one before it.
                let index = token.index(token.endIndex, offsetBy: -2)
                token.replaceSubrange(index...index, with: token[index] == "A" ? "B" : "A")
                return (token, both)
            case .payloadChangedAfterSigning:
                let parts = issuer.token(claims: claims).split(separator: ".")
                claims["groups"] = ["zicht-beheerders"]
                return ("\(parts[0]).\(OIDCTestIssuer.part(claims)).\(parts[2])", both)
            case .signedByAnotherKey:
                // The second key signs, but the header names the first key.
                return (OIDCTestIssuer.second.token(claims: claims, header: ["alg": "RS256", "kid": issuer.kid]), both)
            case .unknownKid: return (OIDCTestIssuer.second.token(claims: claims), both)
            case .algNone: return (OIDCTestIssuer.part(["alg": "none"]) + "." + OIDCTestIssuer.part(claims) + ".", both + ["none"])
            case .hs256WithPublicKeyAsSecret: return (issuer.hmacToken(claims: claims), both)
            case .algorithmNotAnnounced: return (issuer.token(claims: claims), ["PS256", "ES256"])
            case .criticalExtension: return (issuer.token(claims: claims, header: ["alg": "RS256", "kid": issuer.kid, "crit": ["exp"]]), both)
            case .wrongIssuer: claims["iss"] = "https://login.example.nl/realms/andere-gemeente"
            case .issuerWithTrailingSlash: claims["iss"] = OIDCTestIssuer.issuer + "/"
            case .missingIssuer: claims["iss"] = nil
            case .wrongAudience: claims["aud"] = "andere-app"
            case .severalAudiencesWithoutAzp: claims["aud"] = [OIDCTestIssuer.clientID, "andere-app"]
            case .wrongAzp: claims["azp"] = "andere-app"
            case .expired: claims["exp"] = seconds - 61
            case .issuedInTheFuture: claims["iat"] = seconds + 61
            case .notYetValid: claims["nbf"] = seconds + 61
            case .wrongNonce: claims["nonce"] = "een-andere-nonce"
            case .missingNonce: claims["nonce"] = nil
            case .missingSubject: claims["sub"] = nil
            case .notAJWT: return ("dit-is-geen-token", both)
            case .encryptedToken: return ("a.b.c.d.e", both)
            }
            return (issuer.token(claims: claims), both)
        }
    }

    @Test(arguments: Fault.allCases)
    func aFaultyTokenIsRefusedByTheRightCheck(fault: Fault) {
        let (token, announced) = fault.token(now: Self.now)
        let verifier = IDTokenVerifier(issuer: OIDCTestIssuer.issuer, clientID: OIDCTestIssuer.clientID, announcedAlgorithms: announced, clockSkew: 60)
        let error = #expect(throws: OIDCError.self) {
            try verifier.verify(token, keys: OIDCTestIssuer.first.keySet, nonce: OIDCTestIssuer.nonce, now: Self.now)
        }
        #expect(error?.code == fault.expected, "\(error?.description ?? "no error")")
    }

    @Test func theClockSkewIsAllowedAndNoMore() throws {
        let issuer = OIDCTestIssuer.first
        var claims = OIDCTestIssuer.claims(now: Self.now)
        let seconds = Int(Self.now.timeIntervalSince1970)
        claims["exp"] = seconds - 59
        claims["iat"] = seconds + 59
        claims["nbf"] = seconds + 59
        _ = try verifier.verify(issuer.token(claims: claims), keys: issuer.keySet, nonce: OIDCTestIssuer.nonce, now: Self.now)
        claims["exp"] = seconds - 60
        let error = #expect(throws: OIDCError.self) {
            try verifier.verify(issuer.token(claims: claims), keys: issuer.keySet, nonce: OIDCTestIssuer.nonce, now: Self.now)
        }
        #expect(error?.code == .expired)
    }

    @Test func severalAudiencesAreAcceptedWhenAzpIsThisClient() throws {
        let issuer = OIDCTestIssuer.first
        var claims = OIDCTestIssuer.claims(now: Self.now)
        claims["aud"] = ["andere-app", OIDCTestIssuer.clientID]
        claims["azp"] = OIDCTestIssuer.clientID
        _ = try verifier.verify(issuer.token(claims: claims), keys: issuer.keySet, nonce: OIDCTestIssuer.nonce, now: Self.now)
    }

    @Test func atHashMustBelongToTheAccessToken() throws {
        let issuer = OIDCTestIssuer.first
        var claims = OIDCTestIssuer.claims(now: Self.now)
        // at_hash of "toegang-123": the left half of its SHA-256, base64url (computed independently with Python's hashlib).
        claims["at_hash"] = "5aES8NJLIZIFJpcY4CVdHg"
        let token = issuer.token(claims: claims)
        _ = try verifier.verify(token, keys: issuer.keySet, nonce: OIDCTestIssuer.nonce, accessToken: "toegang-123", now: Self.now)
        let error = #expect(throws: OIDCError.self) {
            try verifier.verify(token, keys: issuer.keySet, nonce: OIDCTestIssuer.nonce, accessToken: "toegang-124", now: Self.now)
        }
        #expect(error?.code == .accessTokenHashMismatch)
    }

    @Test func aTokenWithoutKidUsesTheOnlyKeyButNotOneOfTwo() throws {
        let issuer = OIDCTestIssuer.first
        let token = issuer.token(claims: OIDCTestIssuer.claims(now: Self.now), header: ["alg": "RS256"])
        _ = try verifier.verify(token, keys: issuer.keySet, nonce: OIDCTestIssuer.nonce, now: Self.now)
        let two = try JSONWebKeySet(json: OIDCTestIssuer.keySetJSON([issuer.jwk, OIDCTestIssuer.second.jwk]))
        let error = #expect(throws: OIDCError.self) {
            try verifier.verify(token, keys: two, nonce: OIDCTestIssuer.nonce, now: Self.now)
        }
        #expect(error?.code == .unknownKey)
    }
}
