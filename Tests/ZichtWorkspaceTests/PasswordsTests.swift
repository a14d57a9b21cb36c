import Testing
@testable import ZichtWorkspace

struct PasswordsTests {
    @Test func aHashVerifiesItsPasswordOnly() {
        let hash = Passwords.hash("correct paard batterij")
        #expect(hash.hasPrefix("$2b$12$") || hash.hasPrefix("$2a$12$") || hash.hasPrefix("$2y$12$"))
        #expect(Passwords.verify("correct paard batterij", hash: hash))
        #expect(!Passwords.verify("correct paard batterij ", hash: hash))
        #expect(!Passwords.verify(String(repeating: "x", count: 200), hash: hash))
        #expect(Passwords.hash("correct paard batterij") != hash, "salted: the same password hashes differently")
    }

    @Test(arguments: ["kort", "anna.jansen1", "aaaaaaaaaaaaaaaa", String(repeating: "€", count: 25)])
    func weakPasswordsAreRefused(password: String) {
        #expect(throws: WorkspaceError.self) { try Passwords.validate(password, username: "anna.jansen1") }
    }

    @Test func oneTimePasswordsAreLongRandomAndPassTheRules() throws {
        let a = Passwords.oneTime(), b = Passwords.oneTime()
        #expect(a.count == 20 && a != b)
        try Passwords.validate(a, username: "beheer")
    }
}
