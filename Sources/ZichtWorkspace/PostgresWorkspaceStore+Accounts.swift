import Foundation
import PostgresNIO

extension PostgresRandomAccessRow {
    /// The value of `column`, decoded as `T` (an optional type for a column that may be NULL).
    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T { try self[column].decode(T.self) }
}

extension PostgresWorkspaceStore {
    static func account(from row: PostgresRandomAccessRow) throws -> Account {
        Account(
            id: try row.value("id"), username: try row.value("username"), displayName: try row.value("display_name"),
            roles: AccountColumns.roles(try row.value("roles")), assignments: try AccountColumns.assignments(try row.value("assignments")),
            failedLogins: Int(try row.value("failed_logins", as: Int64.self)), isLocked: try row.value("locked"),
            mustChangePassword: try row.value("must_change_password"), hasSecondFactor: try row.value("totp_confirmed"),
            isExternal: try row.value("external"), isDisabled: try row.value("disabled"))
    }

    public func createAccount(
        username: String, displayName: String, roles: Set<Role>, passwordHash: String?, mustChangePassword: Bool, isExternal: Bool,
        audit: AuditEvent
    ) async throws(WorkspaceError) -> Account {
        try Account.validate(username: username)
        let encodedRoles = AccountColumns.text(roles)
        let logger = logger
        return try await transaction { connection in
            if try await !Self.rows("SELECT 1 FROM account WHERE username = \(username)", on: connection, logger: logger).isEmpty {
                throw WorkspaceError.duplicate("account '\(username)'")
            }
            let inserted = try await Self.rows(
                """
                INSERT INTO account (username, display_name, roles, password_hash, must_change_password, external)
                VALUES (\(username), \(displayName), \(encodedRoles), \(passwordHash), \(mustChangePassword), \(isExternal)) RETURNING id
                """, on: connection, logger: logger)
            let id: Int64 = try inserted[0].value("id")
            _ = try await Self.append(audit, at: Self.now, on: connection, logger: logger)
            return Account(
                id: id, username: username, displayName: displayName, roles: roles, mustChangePassword: mustChangePassword,
                isExternal: isExternal)
        }
    }

    public func account(id: Int64) async throws(WorkspaceError) -> Account? {
        let rows = try await rows("SELECT * FROM account WHERE id = \(id)")
        return try decoding { try rows.first.map(Self.account(from:)) }
    }

    public func credentials(username: String) async throws(WorkspaceError) -> Credentials? {
        let rows = try await rows("SELECT * FROM account WHERE username = \(username)")
        guard let row = rows.first else { return nil }
        return try decoding {
            let secret = try row.value("totp_secret", as: Data?.self)
            return Credentials(
                account: try Self.account(from: row), passwordHash: try row.value("password_hash"), totpSecret: secret.map { Array($0) },
                lastTOTPCounter: try row.value("last_totp_counter"))
        }
    }

    public func accounts() async throws(WorkspaceError) -> [Account] {
        let rows = try await rows("SELECT * FROM account ORDER BY username")
        return try decoding { try rows.map(Self.account(from:)) }
    }

    public func updateAccount(_ account: Account, audit: AuditEvent) async throws(WorkspaceError) {
        let roles = AccountColumns.text(account.roles)
        let assignments: String
        do { assignments = try AccountColumns.text(account.assignments) } catch { throw .storage("\(error)") }
        let failed = Int64(account.isLocked ? account.failedLogins : 0)
        let logger = logger
        try await transaction { connection in
            let changed = try await Self.execute(
                """
                UPDATE account SET display_name = \(account.displayName), roles = \(roles), assignments = \(assignments),
                locked = \(account.isLocked), failed_logins = \(failed), disabled = \(account.isDisabled)
                WHERE id = \(account.id) RETURNING 1
                """, on: connection, logger: logger)
            guard changed == 1 else { throw WorkspaceError.notFound("account \(account.id)") }
            if account.isLocked || account.isDisabled {
                try await connection.query("DELETE FROM session WHERE account_id = \(account.id)", logger: logger)
            }
            _ = try await Self.append(audit, at: Self.now, on: connection, logger: logger)
        }
    }

    public func setPassword(accountID: Int64, hash: String, mustChange: Bool, audit: AuditEvent) async throws(WorkspaceError) {
        let logger = logger
        try await transaction { connection in
            let changed = try await Self.execute(
                "UPDATE account SET password_hash = \(hash), must_change_password = \(mustChange) WHERE id = \(accountID) RETURNING 1",
                on: connection, logger: logger)
            guard changed == 1 else { throw WorkspaceError.notFound("account \(accountID)") }
            _ = try await Self.append(audit, at: Self.now, on: connection, logger: logger)
        }
    }

    public func setSecondFactor(accountID: Int64, secret: [UInt8]?, confirmed: Bool, audit: AuditEvent?) async throws(WorkspaceError) {
        let logger = logger
        try await transaction(lock: audit != nil) { connection in
            let changed: Int
            if let secret {
                changed = try await Self.execute(
                    "UPDATE account SET totp_secret = \(Data(secret)), totp_confirmed = \(confirmed), last_totp_counter = 0 WHERE id = \(accountID) RETURNING 1",
                    on: connection, logger: logger)
            } else if confirmed {
                changed = try await Self.execute(
                    "UPDATE account SET totp_confirmed = TRUE WHERE id = \(accountID) AND totp_secret IS NOT NULL RETURNING 1", on: connection, logger: logger)
            } else {
                changed = try await Self.execute(
                    "UPDATE account SET totp_secret = NULL, totp_confirmed = FALSE WHERE id = \(accountID) RETURNING 1", on: connection, logger: logger)
            }
            guard changed == 1 else { throw WorkspaceError.notFound("account \(accountID)") }
            if let audit { _ = try await Self.append(audit, at: Self.now, on: connection, logger: logger) }
        }
    }

    public func recordFailedLogin(accountID: Int64, audit: AuditEvent) async throws(WorkspaceError) -> Account {
        let logger = logger
        let threshold = Int64(Account.lockThreshold)
        return try await transaction { connection in
            let rows = try await Self.rows(
                """
                UPDATE account SET failed_logins = failed_logins + 1, locked = (locked OR failed_logins + 1 >= \(threshold))
                WHERE id = \(accountID) RETURNING *
                """, on: connection, logger: logger)
            guard let row = rows.first else { throw WorkspaceError.notFound("account \(accountID)") }
            let account = try Self.account(from: row)
            var event = audit
            if account.isLocked && account.failedLogins == Account.lockThreshold { event.detail += (event.detail.isEmpty ? "" : "; ") + "account locked" }
            _ = try await Self.append(event, at: Self.now, on: connection, logger: logger)
            return account
        }
    }

    public func recordGoodLogin(accountID: Int64) async throws(WorkspaceError) {
        try await execute("UPDATE account SET failed_logins = 0 WHERE id = \(accountID) AND NOT locked RETURNING 1")
    }

    public func useTOTPCounter(accountID: Int64, counter: Int64) async throws(WorkspaceError) -> Bool {
        // One statement: PostgreSQL re-checks the condition on the newest row when two instances race.
        try await execute(
            "UPDATE account SET last_totp_counter = \(counter) WHERE id = \(accountID) AND last_totp_counter < \(counter) RETURNING 1") == 1
    }

    // MARK: Sessions

    static func session(from row: PostgresRandomAccessRow) throws -> Session {
        Session(
            tokenHash: try row.value("token_hash"), accountID: try row.value("account_id"), createdAt: try row.value("created_at"),
            lastSeenAt: try row.value("last_seen_at"), csrfToken: try row.value("csrf_token"), isComplete: try row.value("complete"),
            origin: try row.value("origin"))
    }

    public func createSession(_ session: Session) async throws(WorkspaceError) {
        try await execute(
            """
            INSERT INTO session VALUES (\(session.tokenHash), \(session.accountID), \(session.createdAt), \(session.lastSeenAt),
            \(session.csrfToken), \(session.isComplete), \(session.origin)) RETURNING 1
            """)
    }

    public func session(tokenHash: String) async throws(WorkspaceError) -> Session? {
        let rows = try await rows("SELECT * FROM session WHERE token_hash = \(tokenHash)")
        return try decoding { try rows.first.map(Self.session(from:)) }
    }

    public func updateSession(_ session: Session) async throws(WorkspaceError) {
        try await execute(
            """
            UPDATE session SET last_seen_at = \(session.lastSeenAt), csrf_token = \(session.csrfToken), complete = \(session.isComplete)
            WHERE token_hash = \(session.tokenHash) RETURNING 1
            """)
    }

    public func deleteSession(tokenHash: String) async throws(WorkspaceError) {
        try await execute("DELETE FROM session WHERE token_hash = \(tokenHash) RETURNING 1")
    }

    public func deleteSessions(accountID: Int64) async throws(WorkspaceError) {
        try await execute("DELETE FROM session WHERE account_id = \(accountID) RETURNING 1")
    }

    // MARK: API tokens

    static func apiToken(from row: PostgresRandomAccessRow) throws -> APIToken {
        APIToken(
            id: try row.value("id"), accountID: try row.value("account_id"), name: try row.value("name"), tokenHash: try row.value("token_hash"),
            createdAt: try row.value("created_at"), lastUsedAt: try row.value("last_used_at"), expiresAt: try row.value("expires_at"),
            revokedAt: try row.value("revoked_at"))
    }

    public func createAPIToken(_ token: APIToken, audit: AuditEvent) async throws(WorkspaceError) -> APIToken {
        let logger = logger
        return try await transaction { connection in
            let rows = try await Self.rows(
                """
                INSERT INTO api_token (account_id, name, token_hash, created_at, expires_at)
                VALUES (\(token.accountID), \(token.name), \(token.tokenHash), \(token.createdAt), \(token.expiresAt)) RETURNING id
                """, on: connection, logger: logger)
            var stored = token
            stored.id = try rows[0].value("id")
            _ = try await Self.append(audit, at: token.createdAt, on: connection, logger: logger)
            return stored
        }
    }

    public func apiToken(tokenHash: String) async throws(WorkspaceError) -> APIToken? {
        let rows = try await rows("SELECT * FROM api_token WHERE token_hash = \(tokenHash)")
        return try decoding { try rows.first.map(Self.apiToken(from:)) }
    }

    public func apiTokens(accountID: Int64) async throws(WorkspaceError) -> [APIToken] {
        let rows = try await rows("SELECT * FROM api_token WHERE account_id = \(accountID) ORDER BY id DESC")
        return try decoding { try rows.map(Self.apiToken(from:)) }
    }

    public func revokeAPIToken(id: Int64, accountID: Int64, at time: Int64, audit: AuditEvent) async throws(WorkspaceError) -> Bool {
        let logger = logger
        return try await transaction { connection in
            let changed = try await Self.execute(
                "UPDATE api_token SET revoked_at = \(time) WHERE id = \(id) AND account_id = \(accountID) AND revoked_at IS NULL RETURNING 1",
                on: connection, logger: logger)
            guard changed == 1 else { return false }
            _ = try await Self.append(audit, at: time, on: connection, logger: logger)
            return true
        }
    }

    public func touchAPIToken(id: Int64, at time: Int64) async throws(WorkspaceError) {
        try await execute("UPDATE api_token SET last_used_at = \(time) WHERE id = \(id) RETURNING 1")
    }
}
