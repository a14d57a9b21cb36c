import Crypto

/// Proof Key for Code Exchange (RFC 7636) with the S256 method: the login keeps a random verifier,
/// sends its hash as the challenge, and shows the verifier when it exchanges the code, so that a
/// code caught on its way back is useless to anyone else.
public enum PKCE {
    /// A new verifier: 32 random bytes, 43 base64url characters (RFC 7636 asks 43 to 128 characters
    /// from the unreserved set, and 256 bits of entropy are what section 7.1 recommends).
    public static func newVerifier() -> String {
        Authenticator.randomToken()
    }

    /// The S256 challenge of a verifier: `BASE64URL(SHA256(ASCII(verifier)))` (RFC 7636, section 4.2).
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
    }
}
