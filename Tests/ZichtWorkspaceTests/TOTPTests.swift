import Foundation
import Testing
@testable import ZichtWorkspace

/// The one-time codes against the test vectors published with the standards themselves.
struct TOTPTests {
    /// RFC 4226 appendix D: HOTP with the secret "12345678901234567890", counters 0–9.
    @Test func hotpMatchesRFC4226() {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        #expect((0..<10).map { totp.code(counter: Int64($0)) } == expected)
    }

    /// RFC 6238 appendix B, the SHA-1 column (8 digits).
    @Test(arguments: [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ] as [(Int64, String)])
    func totpMatchesRFC6238(seconds: Int64, code: String) {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let counter = TOTP.counter(at: Date(timeIntervalSince1970: TimeInterval(seconds)))
        #expect(totp.code(counter: counter, digits: 8) == code)
    }

    @Test func aCodeIsAcceptedOneStepEitherSideAndNoFurther() {
        let totp = TOTP(secret: TOTP.newSecret())
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let counter = TOTP.counter(at: now)
        #expect(totp.matchingCounter(totp.code(counter: counter), at: now) == counter)
        #expect(totp.matchingCounter(totp.code(counter: counter - 1), at: now) == counter - 1)
        #expect(totp.matchingCounter(totp.code(counter: counter + 1), at: now) == counter + 1)
        // Two steps away: refused (unless, by chance, the codes coincide: one in a million).
        let farCode = totp.code(counter: counter - 2)
        let nearCodes = (counter - 1...counter + 1).map { totp.code(counter: $0) }
        if !nearCodes.contains(farCode) { #expect(totp.matchingCounter(farCode, at: now) == nil) }
        #expect(totp.matchingCounter("12345", at: now) == nil)
        #expect(totp.matchingCounter("１２３４５６", at: now) == nil)
        #expect(totp.matchingCounter("abcdef", at: now) == nil)
    }

    /// RFC 4648 section 10, base 32 without padding.
    @Test func base32MatchesRFC4648() {
        let vectors = ["": "", "f": "MY", "fo": "MZXQ", "foo": "MZXW6", "foob": "MZXW6YQ", "fooba": "MZXW6YTB", "foobar": "MZXW6YTBOI"]
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base32.decode("mzxw 6ytb oi======") == Array("foobar".utf8))
        #expect(Base32.decode("MZ1W") == nil)
    }

    @Test func theProvisioningAddressCarriesSecretIssuerAndAccount() throws {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let uri = totp.provisioningURI(account: "j.jansen", issuer: "Zicht Gemeente Zwolle")
        #expect(uri.hasPrefix("otpauth://totp/Zicht%20Gemeente%20Zwolle%3Aj.jansen?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&"))
        #expect(uri.contains("&digits=6&period=30"))
    }
}
