import Foundation
import GRDB
import Synchronization
import Testing
@testable import ZichtWorkspace

struct WorkspaceStoreTests {
    static func event(_ action: String, _ object: String = "-", actor: String = "beheer") -> AuditEvent {
        AuditEvent(actor: actor, origin: "127.0.0.1", action: action, object: object, result: .success)
    }

    static func temporaryDatabase() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("zicht-workspace-\(UUID().uuidString)/werkomgeving.sqlite")
    }

    @Test func twoSavesFromTheSameVersionGiveOneConflictAndLoseNothing() throws {
        let store = try SQLiteWorkspaceStore()
        try store.importFiles([("content/a.md", Data("een".utf8))], by: "beheer", at: 1, audit: Self.event("import"))
        let first = try store.save(path: "content/a.md", bytes: Data("twee (Anna)".utf8), base: 1, by: "anna", at: 2, audit: Self.event("save", "content/a.md", actor: "anna"))
        #expect(first.version == 2)
        #expect(throws: WorkspaceError.conflict(path: "content/a.md", base: 1, head: 2)) {
            try store.save(path: "content/a.md", bytes: Data("twee (Bert)".utf8), base: 1, by: "bert", at: 3, audit: Self.event("save", "content/a.md", actor: "bert"))
        }
        #expect(try store.head(path: "content/a.md")?.bytes == Data("twee (Anna)".utf8))
        #expect(try store.conflictCopies(path: "content/a.md").map(\.bytes) == [Data("twee (Bert)".utf8)])
        #expect(try store.history(path: "content/a.md").map(\.version) == [1, 2])
        #expect(try store.version(path: "content/a.md", number: 1)?.bytes == Data("een".utf8))
        let audit = try store.allAuditEntries()
        #expect(audit.map(\.action) == ["import", "save", "save"])
        #expect(audit.map(\.result) == [.success, .success, .failure])
        #expect(audit[2].detail.contains("conflict"))
    }

    @Test func saveDeleteAndPathsOutsideTheProjectAreRefused() throws {
        let store = try SQLiteWorkspaceStore()
        _ = try store.save(path: "content/nieuw.md", bytes: Data("x".utf8), base: 0, by: "a", at: 1, audit: Self.event("save"))
        _ = try store.save(path: "content/nieuw.md", bytes: nil, base: 1, by: "a", at: 2, audit: Self.event("delete"))
        #expect(try store.headFiles().isEmpty)
        for path in ["../zicht.yaml", "/etc/passwd", "content/../../x", "content//a.md", ".zicht/snapshot.sqlite", "site/index.html", "content/.verborgen", "", "a\\b", "content/a\nb.md"] {
            #expect(throws: WorkspaceError.self, "\(path)") {
                try store.save(path: path, bytes: Data(), base: 0, by: "a", at: 3, audit: Self.event("save"))
            }
        }
    }

    @Test func tenFailedLoginsLockTheAccountAndEndItsSessions() throws {
        let store = try SQLiteWorkspaceStore()
        let account = try store.createAccount(
            username: "anna", displayName: "Anna", roles: [.auteur], passwordHash: Passwords.hash("een lang wachtwoord"),
            mustChangePassword: false, isExternal: false, audit: Self.event("account.create", "anna"))
        try store.createSession(Session(tokenHash: "h", accountID: account.id, createdAt: 0, lastSeenAt: 0, csrfToken: "c", isComplete: true, origin: "-"))
        for attempt in 1...9 {
            let after = try store.recordFailedLogin(accountID: account.id, audit: Self.event("login.failed", "anna"))
            #expect(after.failedLogins == attempt)
            #expect(!after.isLocked)
        }
        let locked = try store.recordFailedLogin(accountID: account.id, audit: Self.event("login.failed", "anna"))
        #expect(locked.isLocked)
        #expect(try store.allAuditEntries().last?.detail == "account locked")
        // A good password does not unlock; the beheerder does, which also ends the sessions.
        try store.recordGoodLogin(accountID: account.id)
        #expect(try store.account(id: account.id)?.isLocked == true)
        try store.updateAccount(locked, audit: Self.event("account.update", "anna"))
        #expect(try store.session(tokenHash: "h") == nil)
        var unlocked = locked
        unlocked.isLocked = false
        try store.updateAccount(unlocked, audit: Self.event("account.unlock", "anna"))
        #expect(try store.account(id: account.id)?.failedLogins == 0)
    }

    @Test func aTOTPCounterIsUsedOnce() throws {
        let store = try SQLiteWorkspaceStore()
        let account = try store.createAccount(
            username: "red", displayName: "R", roles: [.redacteur], passwordHash: nil, mustChangePassword: false, isExternal: false,
            audit: Self.event("account.create", "red"))
        try store.setSecondFactor(accountID: account.id, secret: TOTP.newSecret(), confirmed: false, audit: nil)
        #expect(try store.account(id: account.id)?.hasSecondFactor == false)
        try store.setSecondFactor(accountID: account.id, secret: nil, confirmed: true, audit: Self.event("totp.confirm", "red"))
        #expect(try store.account(id: account.id)?.hasSecondFactor == true)
        #expect(try store.useTOTPCounter(accountID: account.id, counter: 100))
        #expect(try !store.useTOTPCounter(accountID: account.id, counter: 100))
        #expect(try !store.useTOTPCounter(accountID: account.id, counter: 99))
        #expect(try store.useTOTPCounter(accountID: account.id, counter: 101))
    }

    @Test func usernamesAreCheckedAndUnique() throws {
        let store = try SQLiteWorkspaceStore()
        _ = try store.createAccount(username: "j.de-vries_2", displayName: "J", roles: [.lezer], passwordHash: nil, mustChangePassword: true, isExternal: false, audit: Self.event("c"))
        #expect(throws: WorkspaceError.duplicate("account 'j.de-vries_2'")) {
            try store.createAccount(username: "j.de-vries_2", displayName: "J", roles: [.lezer], passwordHash: nil, mustChangePassword: true, isExternal: false, audit: Self.event("c"))
        }
        for bad in ["J.Jansen", "a", ".anna", "anna jansen", "<script>", String(repeating: "a", count: 65)] {
            #expect(throws: WorkspaceError.self) {
                try store.createAccount(username: bad, displayName: "x", roles: [.lezer], passwordHash: nil, mustChangePassword: true, isExternal: false, audit: Self.event("c"))
            }
        }
        // A refused account leaves no audit line: only the one account was made.
        #expect(try store.allAuditEntries().count == 1)
    }

    @Test func theDatabaseSurvivesReopeningAndRefusesANewerSchema() throws {
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
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        #expect(throws: WorkspaceError.self) { try SQLiteWorkspaceStore(url: url) }
    }

    /// Two stores on one file, as two server processes would be, save from the same version at once:
    /// exactly one wins, the other's text is kept as a conflict copy.
    @Test func twoProcessesSavingAtOnceNeverBothWin() throws {
        let url = Self.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let a = try SQLiteWorkspaceStore(url: url)
        let b = try SQLiteWorkspaceStore(url: url)
        _ = try a.save(path: "content/p.md", bytes: Data("0".utf8), base: 0, by: "x", at: 0, audit: Self.event("save"))
        for round in 1...20 {
            let wins = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let store = index == 0 ? a : b
                if (try? store.save(path: "content/p.md", bytes: Data("\(round)-\(index)".utf8), base: round, by: "u\(index)", at: Int64(round), audit: Self.event("save"))) != nil {
                    wins.withLock { $0 += 1 }
                }
            }
            #expect(wins.withLock { $0 } == 1, "round \(round)")
        }
        #expect(try a.head(path: "content/p.md")?.version == 21)
        #expect(try b.conflictCopies(path: "content/p.md").count == 20)
        try AuditChain.verify(a.allAuditEntries())
    }
}
