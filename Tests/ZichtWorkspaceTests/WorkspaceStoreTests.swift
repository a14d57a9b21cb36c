import Foundation
import GRDB
import Testing
@testable import ZichtWorkspace
import ZichtTestSupport

struct WorkspaceStoreTests {
    static func event(_ action: String, _ object: String = "-", actor: String = "beheer") -> AuditEvent {
        AuditEvent(actor: actor, origin: "127.0.0.1", action: action, object: object, result: .success)
    }

    static func temporaryDatabase() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("zicht-workspace-\(UUID().uuidString)/werkomgeving.sqlite")
    }

    @Test(arguments: TestStoreKind.allCases) func twoSavesFromTheSameVersionGiveOneConflictAndLoseNothing(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        try await store.importFiles([("content/a.md", Data("een".utf8))], by: "beheer", at: 1, audit: Self.event("import"))
        let first = try await store.save(path: "content/a.md", bytes: Data("twee (Anna)".utf8), base: 1, by: "anna", at: 2, audit: Self.event("save", "content/a.md", actor: "anna"))
        #expect(first.version == 2)
        await #expect(throws: WorkspaceError.conflict(path: "content/a.md", base: 1, head: 2)) {
            try await store.save(path: "content/a.md", bytes: Data("twee (Bert)".utf8), base: 1, by: "bert", at: 3, audit: Self.event("save", "content/a.md", actor: "bert"))
        }
        #expect(try await store.head(path: "content/a.md")?.bytes == Data("twee (Anna)".utf8))
        #expect(try await store.conflictCopies(path: "content/a.md").map(\.bytes) == [Data("twee (Bert)".utf8)])
        #expect(try await store.history(path: "content/a.md").map(\.version) == [1, 2])
        #expect(try await store.version(path: "content/a.md", number: 1)?.bytes == Data("een".utf8))
        let audit = try await store.allAuditEntries()
        #expect(audit.map(\.action) == ["import", "save", "save"])
        #expect(audit.map(\.result) == [.success, .success, .failure])
        #expect(audit[2].detail.contains("conflict"))
    }

    @Test(arguments: TestStoreKind.allCases) func saveDeleteAndPathsOutsideTheProjectAreRefused(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await store.save(path: "content/nieuw.md", bytes: Data("x".utf8), base: 0, by: "a", at: 1, audit: Self.event("save"))
        _ = try await store.save(path: "content/nieuw.md", bytes: nil, base: 1, by: "a", at: 2, audit: Self.event("delete"))
        #expect(try await store.headFiles().isEmpty)
        for path in ["../zicht.yaml", "/etc/passwd", "content/../../x", "content//a.md", ".zicht/snapshot.sqlite", "site/index.html", "content/.verborgen", "", "a\\b", "content/a\nb.md"] {
            await #expect(throws: WorkspaceError.self, "\(path)") {
                try await store.save(path: path, bytes: Data(), base: 0, by: "a", at: 3, audit: Self.event("save"))
            }
        }
    }

    @Test(arguments: TestStoreKind.allCases) func tenFailedLoginsLockTheAccountAndEndItsSessions(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        let account = try await store.createAccount(
            username: "anna", displayName: "Anna", roles: [.auteur], passwordHash: Passwords.hash("een lang wachtwoord"),
            mustChangePassword: false, isExternal: false, audit: Self.event("account.create", "anna"))
        try await store.createSession(Session(tokenHash: "h", accountID: account.id, createdAt: 0, lastSeenAt: 0, csrfToken: "c", isComplete: true, origin: "-"))
        for attempt in 1...9 {
            let after = try await store.recordFailedLogin(accountID: account.id, audit: Self.event("login.failed", "anna"))
            #expect(after.failedLogins == attempt)
            #expect(!after.isLocked)
        }
        let locked = try await store.recordFailedLogin(accountID: account.id, audit: Self.event("login.failed", "anna"))
        #expect(locked.isLocked)
        #expect(try await store.allAuditEntries().last?.detail == "account locked")
        // A good password does not unlock; the beheerder does, which also ends the sessions.
        try await store.recordGoodLogin(accountID: account.id)
        #expect(try await store.account(id: account.id)?.isLocked == true)
        try await store.updateAccount(locked, audit: Self.event("account.update", "anna"))
        #expect(try await store.session(tokenHash: "h") == nil)
        var unlocked = locked
        unlocked.isLocked = false
        try await store.updateAccount(unlocked, audit: Self.event("account.unlock", "anna"))
        #expect(try await store.account(id: account.id)?.failedLogins == 0)
    }

    @Test(arguments: TestStoreKind.allCases) func aTOTPCounterIsUsedOnce(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        let account = try await store.createAccount(
            username: "red", displayName: "R", roles: [.redacteur], passwordHash: nil, mustChangePassword: false, isExternal: false,
            audit: Self.event("account.create", "red"))
        try await store.setSecondFactor(accountID: account.id, secret: TOTP.newSecret(), confirmed: false, audit: nil)
        #expect(try await store.account(id: account.id)?.hasSecondFactor == false)
        try await store.setSecondFactor(accountID: account.id, secret: nil, confirmed: true, audit: Self.event("totp.confirm", "red"))
        #expect(try await store.account(id: account.id)?.hasSecondFactor == true)
        #expect(try await store.useTOTPCounter(accountID: account.id, counter: 100))
        #expect(try await !store.useTOTPCounter(accountID: account.id, counter: 100))
        #expect(try await !store.useTOTPCounter(accountID: account.id, counter: 99))
        #expect(try await store.useTOTPCounter(accountID: account.id, counter: 101))
    }

    @Test(arguments: TestStoreKind.allCases) func usernamesAreCheckedAndUnique(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await store.createAccount(username: "j.de-vries_2", displayName: "J", roles: [.lezer], passwordHash: nil, mustChangePassword: true, isExternal: false, audit: Self.event("c"))
        await #expect(throws: WorkspaceError.duplicate("account 'j.de-vries_2'")) {
            try await store.createAccount(username: "j.de-vries_2", displayName: "J", roles: [.lezer], passwordHash: nil, mustChangePassword: true, isExternal: false, audit: Self.event("c"))
        }
        for bad in ["J.Jansen", "a", ".anna", "anna jansen", "<script>", String(repeating: "a", count: 65)] {
            await #expect(throws: WorkspaceError.self) {
                try await store.createAccount(username: bad, displayName: "x", roles: [.lezer], passwordHash: nil, mustChangePassword: true, isExternal: false, audit: Self.event("c"))
            }
        }
        // A refused account leaves no audit line: only the one account was made.
        #expect(try await store.allAuditEntries().count == 1)
    }

    @Test func theDatabaseSurvivesReopeningAndRefusesANewerSchema() async throws {
        let url = Self.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        do {
            let store = try SQLiteWorkspaceStore(url: url)
            _ = try store.save(path: "zicht.yaml", bytes: Data("a: 1\n".utf8), base: 0, by: "a", at: 1, audit: Self.event("save"))
        }
        let reopened = try SQLiteWorkspaceStore(url: url)
        #expect(try reopened.head(path: "zicht.yaml")?.version == 1)
        // A later Zicht added a migration this one does not know.
        let queue = try DatabaseQueue(path: url.path)
        try await queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        #expect(throws: WorkspaceError.self) { try SQLiteWorkspaceStore(url: url) }
    }

    /// Two stores on one database, as two server processes would be, save from the same version at
    /// once: exactly one wins, the other's text is kept as a conflict copy.
    @Test(arguments: TestStoreKind.allCases) func twoProcessesSavingAtOnceNeverBothWin(kind: TestStoreKind) async throws {
        let (a, b) = try await Self.twoStoresOnOneDatabase(kind)
        _ = try await a.save(path: "content/p.md", bytes: Data("0".utf8), base: 0, by: "x", at: 0, audit: Self.event("save"))
        for round in 1...20 {
            let wins = await withTaskGroup(of: Bool.self) { group in
                for (index, store) in [a, b].enumerated() {
                    group.addTask {
                        (try? await store.save(
                            path: "content/p.md", bytes: Data("\(round)-\(index)".utf8), base: round, by: "u\(index)", at: Int64(round),
                            audit: Self.event("save"))) != nil
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1, "round \(round)")
        }
        #expect(try await a.head(path: "content/p.md")?.version == 21)
        #expect(try await b.conflictCopies(path: "content/p.md").count == 20)
        // Both wrote audit lines at the same moments: still one unbroken chain.
        #expect(try AuditChain.verify(await a.allAuditEntries()) == 41)
    }

    static func twoStoresOnOneDatabase(_ kind: TestStoreKind) async throws -> (any WorkspaceStore, any WorkspaceStore) {
        switch kind {
        case .sqlite:
            let url = temporaryDatabase()
            return (try SQLiteWorkspaceStore(url: url), try SQLiteWorkspaceStore(url: url))
        case .postgres:
            let address = try TestPostgres.newDatabase()
            // Started together, as two instances on a new database: the schema is made once.
            async let a = PostgresWorkspaceStore(url: address)
            async let b = PostgresWorkspaceStore(url: address)
            return try await (a, b)
        }
    }

    @Test func aPostgreSQLDatabaseOfANewerZichtIsRefused() async throws {
        let address = try TestPostgres.newDatabase()
        let store = try await PostgresWorkspaceStore(url: address)
        _ = try await store.save(path: "zicht.yaml", bytes: Data("a: 1\n".utf8), base: 0, by: "a", at: 1, audit: Self.event("save"))
        #expect(try await PostgresWorkspaceStore(url: address).head(path: "zicht.yaml")?.version == 1)
        try await executeBehindTheStore("INSERT INTO zicht_migration VALUES ('v99-from-the-future', 0)", in: store)
        await #expect(throws: WorkspaceError.self) { try await PostgresWorkspaceStore(url: address) }
    }

    @Test func aBadDatabaseAddressIsExplained() async throws {
        for address in ["mysql://x@localhost/db", "postgres://x@localhost/db?sslmode=sometimes", "postgres://x@localhost/db?options=1", "postgres:///db"] {
            await #expect(throws: WorkspaceError.self, "\(address)") { try await PostgresWorkspaceStore(url: address) }
        }
        // Nobody listens there: the error names the place, not the password.
        do {
            _ = try await PostgresWorkspaceStore(url: "postgres://u:geheim@127.0.0.1:1/db?sslmode=disable")
            Issue.record("connected to port 1")
        } catch {
            #expect("\(error)".contains("127.0.0.1:1") && !"\(error)".contains("geheim"), "\(error)")
        }
    }
}
