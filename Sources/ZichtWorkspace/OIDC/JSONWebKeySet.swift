import Foundation
import _CryptoExtras

/// The provider's public signing keys (RFC 7517), as its `jwks_uri` serves them. Only RSA keys meant
/// for signatures are kept; encryption keys, EC keys and keys for other algorithms are left out, so
/// they can never verify an ID token.
public struct JSONWebKeySet: Sendable {
    public struct Key: Sendable {
        /// The key's id; tokens name the key they were signed with by it.
        public let id: String?
        public let publicKey: _RSA.Signing.PublicKey
    }

    public let keys: [Key]

    /// Keys shorter than this are refused (NIST SP 800-131A; the Dutch BIO asks at least 2048 bits).
    public static let minimumBits = 2048

    public init(keys: [Key]) {
        self.keys = keys
    }

    /// Reads a JWK Set document.
    /// - Throws: `OIDCError` `.keySet` when it is not a JSON object with a `keys` list.
    public init(json: Data) throws(OIDCError) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: json)
        } catch {
            throw OIDCError(.keySet, "the key set is not a JSON object with a keys list", field: "jwks_uri", cause: error)
        }
        keys = document.keys.compactMap(Self.signingKey)
    }

    /// The key a token names. A token without `kid` may use the only key of a set of one (OpenID
    /// Connect Core, section 10.1); otherwise the key must be named.
    public func key(id: String?) -> _RSA.Signing.PublicKey? {
        guard let id else { return keys.count == 1 ? keys[0].publicKey : nil }
        return keys.first { $0.id == id }?.publicKey
    }

    private struct Document: Decodable {
        var keys: [Entry]
    }

    private struct Entry: Decodable {
        var kty: String?
        var kid: String?
        var use: String?
        var alg: String?
        var n: String?
        var e: String?
    }

    private static func signingKey(_ entry: Entry) -> Key? {
        guard entry.kty == "RSA", entry.use == nil || entry.use == "sig", entry.alg == nil || entry.alg == "RS256",
            let modulus = entry.n.flatMap(Base64URL.decode), let exponent = entry.e.flatMap(Base64URL.decode),
            let key = try? _RSA.Signing.PublicKey(n: modulus, e: exponent), key.keySizeInBits >= minimumBits
        else { return nil }
        return Key(id: entry.kid, publicKey: key)
    }
}
