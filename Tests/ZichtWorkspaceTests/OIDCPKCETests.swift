import Foundation
import Testing
import ZichtWorkspace

/// PKCE and the random values of a login.
struct OIDCPKCETests {
    /// RFC 7636, appendix B: the 32 octets, the verifier they encode to, and its S256 challenge.
    /// (The task's brief quoted the verifier as "…p1r_Ow-GZQDaigaQ" and the challenge as
    /// "…eK1zpURmQRE1aFHVFwM"; neither is in the RFC, and SHA-256 does not join them.)
    @Test func s256MatchesRFC7636AppendixB() {
        let octets: [UInt8] = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ]
        let verifier = Base64URL.encode(octets)
        #expect(verifier == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        #expect(PKCE.challenge(for: verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test func aVerifierHas256RandomBitsInTheUnreservedAlphabet() {
        let verifiers = (0..<50).map { _ in PKCE.newVerifier() }
        #expect(Set(verifiers).count == 50)
        for verifier in verifiers {
            // 32 bytes are 43 base64url characters; RFC 7636 asks 43 to 128.
            #expect(verifier.count == 43)
            #expect(verifier.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        }
    }

    @Test func base64URLRoundTripsAndRefusesOtherAlphabets() throws {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(try #require(Base64URL.decode(text)) == Data(bytes))
        }
        #expect(Base64URL.decode("ab+c") == nil)
        #expect(Base64URL.decode("abc=") == nil)
        #expect(Base64URL.decode("abcde") == nil)
    }
}
