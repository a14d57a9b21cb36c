import Foundation
import GRDB

extension SQLiteWorkspaceStore {
    public func createAPIToken(_ token: APIToken, audit: AuditEvent) throws(WorkspaceError) -> APIToken {
        try write { db in
            try db.execute(
                sql: "INSERT INTO api_token (account_id, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [token.accountID, token.name, token.tokenHash, token.createdAt, token.expiresAt])
            var stored = token
            stored.id = db.lastInsertedRowID
            _ = try Self.append(audit, at: token.createdAt, in: db)
            return stored
        }
    }

    public func apiToken(tokenHash: String) throws(WorkspaceError) -> APIToken? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE token_hash = ?", arguments: [tokenHash]).map(Self.apiToken(from:)) }
    }

    public func apiTokens(accountID: Int64) throws(WorkspaceError) -> [APIToken] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_token WHERE account_id = ? ORDER BY id DESC", arguments: [accountID]).map(Self.apiToken(from:))
        }
    }

    public func revokeAPIToken(id: Int64, accountID: Int64, at time: Int64, audit: AuditEvent) throws(WorkspaceError) -> Bool {
        try write { db in
            try db.execute(
                sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL", arguments: [time, id, accountID])
            guard db.changesCount == 1 else { return false }
            _ = try Self.append(audit, at: time, in: db)
            return true
        }
    }

    public func touchAPIToken(id: Int64, at time: Int64) throws(WorkspaceError) {
        try write { db in try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ?", arguments: [time, id]) }
    }

    static func apiToken(from row: Row) -> APIToken {
        APIToken(
            id: row["id"], accountID: row["account_id"], name: row["name"], tokenHash: row["token_hash"], createdAt: row["created_at"],
            lastUsedAt: row["last_used_at"], expiresAt: row["expires_at"], revokedAt: row["revoked_at"])
    }
}
