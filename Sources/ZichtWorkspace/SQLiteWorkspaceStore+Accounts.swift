import Foundation
import GRDB

extension SQLiteWorkspaceStore {
    static func account(from row: Row) throws -> Account {
        Account(
            id: row["id"], username: row["username"], displayName: row["display_name"],
            roles: AccountColumns.roles(row["roles"]), assignments: try AccountColumns.assignments(row["assignments"]),
            failedLogins: row["failed_logins"], isLocked: row["locked"], mustChangePassword: row["must_change_password"],
            hasSecondFactor: row["totp_confirmed"], isExternal: row["external"], isDisabled: row["disabled"])
    }


    public func createAccount(
        username: String, displayName: String, roles: Set<Role>, passwordHash: String?, mustChangePassword: Bool, isExternal: Bool,
        audit: AuditEvent
    ) throws(WorkspaceError) -> Account {
        try Account.validate(username: username)
        return try write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM account WHERE username = ?", arguments: [username]) != nil {
                throw WorkspaceError.duplicate("account '\(username)'")
            }
            try db.execute(
                sql: """
                    INSERT INTO account (username, display_name, roles, password_hash, must_change_password, external)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [username, displayName, AccountColumns.text(roles), passwordHash, mustChangePassword, isExternal])
            let id = db.lastInsertedRowID
            _ = try Self.append(audit, at: Self.now, in: db)
            return Account(
                id: id, username: username, displayName: displayName, roles: roles, mustChangePassword: mustChangePassword,
                isExternal: isExternal)
        }
    }

    public func account(id: Int64) throws(WorkspaceError) -> Account? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]).map(Self.account(from:)) }
    }

    public func credentials(username: String) throws(WorkspaceError) -> Credentials? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE username = ?", arguments: [username]) else { return nil }
            let secret: Data? = row["totp_secret"]
            return Credentials(
                account: try Self.account(from: row), passwordHash: row["password_hash"], totpSecret: secret.map { Array($0) },
                lastTOTPCounter: row["last_totp_counter"])
        }
    }

    public func accounts() throws(WorkspaceError) -> [Account] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY username").map(Self.account(from:)) }
    }

    public func updateAccount(_ account: Account, audit: AuditEvent) throws(WorkspaceError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE account SET display_name = ?, roles = ?, assignments = ?, locked = ?, failed_logins = ?, disabled = ?
                    WHERE id = ?
                    """,
                arguments: [
                    account.displayName, AccountColumns.text(account.roles), try AccountColumns.text(account.assignments), account.isLocked,
                    account.isLocked ? account.failedLogins : 0, account.isDisabled, account.id,
                ])
            guard db.changesCount == 1 else { throw WorkspaceError.notFound("account \(account.id)") }
            if account.isLocked || account.isDisabled {
                try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [account.id])
            }
            _ = try Self.append(audit, at: Self.now, in: db)
        }
    }

    public func setPassword(accountID: Int64, hash: String, mustChange: Bool, audit: AuditEvent) throws(WorkspaceError) {
        try write { db in
            try db.execute(
                sql: "UPDATE account SET password_hash = ?, must_change_password = ? WHERE id = ?",
                arguments: [hash, mustChange, accountID])
            guard db.changesCount == 1 else { throw WorkspaceError.notFound("account \(accountID)") }
            _ = try Self.append(audit, at: Self.now, in: db)
        }
    }

    public func setSecondFactor(accountID: Int64, secret: [UInt8]?, confirmed: Bool, audit: AuditEvent?) throws(WorkspaceError) {
        try write { db in
            if let secret {
                try db.execute(
                    sql: "UPDATE account SET totp_secret = ?, totp_confirmed = ?, last_totp_counter = 0 WHERE id = ?",
                    arguments: [Data(secret), confirmed, accountID])
            } else if confirmed {
                try db.execute(sql: "UPDATE account SET totp_confirmed = 1 WHERE id = ? AND totp_secret IS NOT NULL", arguments: [accountID])
            } else {
                try db.execute(sql: "UPDATE account SET totp_secret = NULL, totp_confirmed = 0 WHERE id = ?", arguments: [accountID])
            }
            guard db.changesCount == 1 else { throw WorkspaceError.notFound("account \(accountID)") }
            if let audit { _ = try Self.append(audit, at: Self.now, in: db) }
        }
    }

    public func recordFailedLogin(accountID: Int64, audit: AuditEvent) throws(WorkspaceError) -> Account {
        try write { db in
            try db.execute(
                sql: "UPDATE account SET failed_logins = failed_logins + 1, locked = (locked OR failed_logins + 1 >= ?) WHERE id = ?",
                arguments: [Account.lockThreshold, accountID])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [accountID]) else {
                throw WorkspaceError.notFound("account \(accountID)")
            }
            let account = try Self.account(from: row)
            var event = audit
            if account.isLocked && account.failedLogins == Account.lockThreshold { event.detail += (event.detail.isEmpty ? "" : "; ") + "account locked" }
            _ = try Self.append(event, at: Self.now, in: db)
            return account
        }
    }

    public func recordGoodLogin(accountID: Int64) throws(WorkspaceError) {
        try write { db in try db.execute(sql: "UPDATE account SET failed_logins = 0 WHERE id = ? AND locked = 0", arguments: [accountID]) }
    }

    public func useTOTPCounter(accountID: Int64, counter: Int64) throws(WorkspaceError) -> Bool {
        try write { db in
            try db.execute(
                sql: "UPDATE account SET last_totp_counter = ? WHERE id = ? AND last_totp_counter < ?", arguments: [counter, accountID, counter])
            return db.changesCount == 1
        }
    }

    // MARK: Sessions

    static func session(from row: Row) -> Session {
        Session(
            tokenHash: row["token_hash"], accountID: row["account_id"], createdAt: row["created_at"], lastSeenAt: row["last_seen_at"],
            csrfToken: row["csrf_token"], isComplete: row["complete"], origin: row["origin"])
    }

    public func createSession(_ session: Session) throws(WorkspaceError) {
        try write { db in
            try db.execute(
                sql: "INSERT INTO session VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    session.tokenHash, session.accountID, session.createdAt, session.lastSeenAt, session.csrfToken, session.isComplete,
                    session.origin,
                ])
        }
    }

    public func session(tokenHash: String) throws(WorkspaceError) -> Session? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM session WHERE token_hash = ?", arguments: [tokenHash]).map(Self.session(from:)) }
    }

    public func updateSession(_ session: Session) throws(WorkspaceError) {
        try write { db in
            try db.execute(
                sql: "UPDATE session SET last_seen_at = ?, csrf_token = ?, complete = ? WHERE token_hash = ?",
                arguments: [session.lastSeenAt, session.csrfToken, session.isComplete, session.tokenHash])
        }
    }

    public func deleteSession(tokenHash: String) throws(WorkspaceError) {
        try write { db in try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func deleteSessions(accountID: Int64) throws(WorkspaceError) {
        try write { db in try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [accountID]) }
    }
}

/// How an account's roles and page assignments are kept in a text column, the same in both storages:
/// roles as a sorted comma list, assignments as sorted JSON.
enum AccountColumns {
    static func text(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: ",") }

    static func text(_ assignments: Set<PageRef>) throws -> String {
        let sorted = assignments.sorted { ($0.document, $0.id) < ($1.document, $1.id) }
        return String(decoding: try JSONEncoder().encode(sorted), as: UTF8.self)
    }

    static func roles(_ text: String) -> Set<Role> { Set(text.split(separator: ",").compactMap { Role(rawValue: String($0)) }) }

    static func assignments(_ text: String) throws -> Set<PageRef> { Set(try JSONDecoder().decode([PageRef].self, from: Data(text.utf8))) }
}
