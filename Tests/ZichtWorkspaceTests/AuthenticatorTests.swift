import Foundation
import Testing
@testable import ZichtWorkspace
import ZichtTestSupport

struct AuthenticatorTests {
    static let password = "een lang en goed wachtwoord"

    static func make(_ username: String, _ roles: Set<Role>, in store: any WorkspaceStore, mustChange: Bool = false) async throws -> Account {
        try await store.createAccount(
            username: username, displayName: username, roles: roles, passwordHash: Passwords.hash(password), mustChangePassword: mustChange,
            isExternal: false, audit: AuditEvent(actor: "beheer", origin: "-", action: "account.create", object: username, result: .success))
    }

    @Test(arguments: TestStoreKind.allCases) func aLezerLogsInWithAPasswordAlone(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await Self.make("lezer", [.lezer], in: store)
        let auth = Authenticator(store: store)
        let started = try await auth.login(username: "lezer", password: Self.password, origin: "127.0.0.1")
        #expect(started.step == .done)
        #expect(try await auth.authenticate(token: started.token, origin: "127.0.0.1")?.1.username == "lezer")
        #expect(try await store.session(tokenHash: Authenticator.hash(started.token)) != nil)
        #expect(try await store.session(tokenHash: started.token) == nil, "the store keeps the token's hash, not the token")
    }

    @Test(arguments: TestStoreKind.allCases) func aRedacteurSetsUpAndThenUsesASecondFactor(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await Self.make("red", [.redacteur], in: store)
        let auth = Authenticator(store: store)
        let now = Date(timeIntervalSince1970: 1_900_000_000)
        let first = try await auth.login(username: "red", password: Self.password, origin: "10.1.1.1", now: now)
        guard case .secondFactorSetup(let secret, let uri) = first.step else {
            Issue.record("expected the setup of a second factor, got \(first.step)")
            return
        }
        #expect(uri.contains("secret=\(secret)"))
        // Not usable before the second factor.
        #expect(try await auth.authenticate(token: first.token, origin: "10.1.1.1", now: now) == nil)
        let totp = TOTP(secret: try #require(Base32.decode(secret)))
        await #expect(throws: WorkspaceError.loginFailed) { try await auth.secondFactor(token: first.token, code: "000000" == totp.code(counter: TOTP.counter(at: now)) ? "111111" : "000000", origin: "10.1.1.1", now: now) }
        _ = try await auth.secondFactor(token: first.token, code: totp.code(counter: TOTP.counter(at: now)), origin: "10.1.1.1", now: now)
        #expect(try await auth.authenticate(token: first.token, origin: "10.1.1.1", now: now)?.1.hasSecondFactor == true)

        // The next login asks for a code; the code just used is refused (replay), a newer one works.
        let second = try await auth.login(username: "red", password: Self.password, origin: "10.1.1.1", now: now)
        #expect(second.step == .secondFactor)
        await #expect(throws: WorkspaceError.loginFailed) {
            try await auth.secondFactor(token: second.token, code: totp.code(counter: TOTP.counter(at: now)), origin: "10.1.1.1", now: now)
        }
        let later = now.addingTimeInterval(30)
        _ = try await auth.secondFactor(token: second.token, code: totp.code(counter: TOTP.counter(at: later)), origin: "10.1.1.1", now: later)
        let actions = try await store.allAuditEntries().map { "\($0.action) \($0.result.rawValue)" }
        #expect(actions.suffix(6) == ["login success", "login.second-factor denied", "login.second-factor success", "login success", "login.second-factor denied", "login.second-factor success"])
    }

    @Test(arguments: TestStoreKind.allCases) func tenWrongPasswordsLockAndAnUnknownUserLooksTheSame(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await Self.make("auteur", [.auteur], in: store)
        let auth = Authenticator(store: store)
        for _ in 1..<Account.lockThreshold {
            await #expect(throws: WorkspaceError.loginFailed) { try await auth.login(username: "auteur", password: "fout fout fout", origin: "x") }
        }
        await #expect(throws: WorkspaceError.locked) { try await auth.login(username: "auteur", password: "fout fout fout", origin: "x") }
        await #expect(throws: WorkspaceError.locked) { try await auth.login(username: "auteur", password: Self.password, origin: "x") }
        await #expect(throws: WorkspaceError.loginFailed) { try await auth.login(username: "niemand", password: Self.password, origin: "x") }
        let last = try await #require(try store.allAuditEntries().last)
        #expect(last.action == "login" && last.result == .denied && last.actor == "niemand")
    }

    @Test(arguments: TestStoreKind.allCases) func aSessionEndsAfterFifteenIdleMinutes(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await Self.make("lezer", [.lezer], in: store)
        let auth = Authenticator(store: store)
        let start = Date(timeIntervalSince1970: 1_900_000_000)
        let started = try await auth.login(username: "lezer", password: Self.password, origin: "x", now: start)
        // Activity every 14 minutes keeps it alive, past an hour.
        for step in 1...5 {
            #expect(try await auth.authenticate(token: started.token, origin: "x", now: start.addingTimeInterval(Double(step) * 14 * 60)) != nil)
        }
        let idle = start.addingTimeInterval(5 * 14 * 60 + 15 * 60 + 1)
        #expect(try await auth.authenticate(token: started.token, origin: "x", now: idle) == nil)
        #expect(try await store.session(tokenHash: Authenticator.hash(started.token)) == nil)
        #expect(try await store.allAuditEntries().last?.action == "session.expired")
    }

    @Test(arguments: TestStoreKind.allCases) func aOneTimePasswordMustBeReplacedBeforeAnythingElse(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await Self.make("beheer", [.beheerder], in: store, mustChange: true)
        let auth = Authenticator(store: store)
        let started = try await auth.login(username: "beheer", password: Self.password, origin: "x")
        #expect(started.step == .newPassword)
        #expect(try await auth.authenticate(token: started.token, origin: "x") == nil)
        await #expect(throws: WorkspaceError.self) { try await auth.changePassword(token: started.token, new: "kort", origin: "x") }
        let next = try await auth.changePassword(token: started.token, new: "een nieuw lang wachtwoord", origin: "x")
        guard case .secondFactorSetup = next else {
            Issue.record("a beheerder needs a second factor next, got \(next)")
            return
        }
        await #expect(throws: WorkspaceError.loginFailed) { try await auth.login(username: "beheer", password: Self.password, origin: "x") }
    }
}
