import Crypto
import Foundation
import _CryptoExtras

import ZichtWorkspace

/// Signs ID tokens for the unit tests with an RSA key made here, the way a provider would, and
/// serves the matching key set. Not a provider: no login, no codes (the real one is in
/// OIDCProviderTests).
struct OIDCTestIssuer {
    static let issuer = "https://login.example.nl/realms/gemeente"
    static let clientID = "zicht"
    static let nonce = "n-0S6_WzA2Mj"

    /// Making a 2048-bit key takes a while; the tests share two.
    static let first = try! OIDCTestIssuer(kid: "sleutel-1")
    static let second = try! OIDCTestIssuer(kid: "sleutel-2")

    let kid: String
    let privateKey: _RSA.Signing.PrivateKey

    init(kid: String) throws {
        self.kid = kid
        privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    /// The key as a JWK, with n and e from the key itself.
    var jwk: [String: Any] {
        let primitives = try! privateKey.publicKey.getKeyPrimitives()
        return ["kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
                "n": Base64URL.encode(primitives.modulus.drop { $0 == 0 }), "e": Base64URL.encode(primitives.publicExponent)]
    }

    static func keySetJSON(_ keys: [[String: Any]]) -> Data {
        try! JSONSerialization.data(withJSONObject: ["keys": keys], options: [.sortedKeys])
    }

    var keySet: JSONWebKeySet { try! JSONWebKeySet(json: Self.keySetJSON([jwk])) }

    /// Claims a good token has at `now`.
    static func claims(now: Date, nonce: String = OIDCTestIssuer.nonce) -> [String: Any] {
        let seconds = Int(now.timeIntervalSince1970)
        return ["iss": issuer, "sub": "f3a9c1", "aud": clientID, "exp": seconds + 300, "iat": seconds, "nonce": nonce,
                "preferred_username": "jdevries", "email": "j.devries@gemeente.example", "name": "Jan de Vries", "groups": ["zicht-redacteuren", "sport"]]
    }

    /// A compact RS256 token over these claims, signed with this key.
    func token(claims: [String: Any], header: [String: Any]? = nil) -> String {
        let header = header ?? ["alg": "RS256", "typ": "JWT", "kid": kid]
        let input = Self.part(header) + "." + Self.part(claims)
        let signature = try! privateKey.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(signature.rawRepresentation)
    }

    /// A token "signed" with HMAC-SHA-256 using this key's public key (PEM) as the secret: the
    /// algorithm confusion attack on verifiers that let the token choose the algorithm.
    func hmacToken(claims: [String: Any]) -> String {
        let input = Self.part(["alg": "HS256", "typ": "JWT", "kid": kid]) + "." + Self.part(claims)
        let secret = SymmetricKey(data: Data(privateKey.publicKey.pemRepresentation.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: secret)
        return input + "." + Base64URL.encode(Data(mac))
    }

    static func part(_ object: [String: Any]) -> String {
        Base64URL.encode(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}
