import Foundation

/// An account as the login sees it: with the password hash and the second-factor secret.
public struct Credentials: Sendable {
    public var account: Account
    public var passwordHash: String?
    public var totpSecret: [UInt8]?
    /// The TOTP counter of the last code accepted; a code must be newer.
    public var lastTOTPCounter: Int64
}

/// A logged-in browser. The browser holds a random token; the store keeps only its SHA-256.
public struct Session: Sendable, Equatable {
    public var tokenHash: String
    public var accountID: Int64
    /// Milliseconds since 1970.
    public var createdAt: Int64
    public var lastSeenAt: Int64
    /// The token every form of this session must send back (CSRF).
    public var csrfToken: String
    /// The password was right and, where the account needs one, the second factor too.
    public var isComplete: Bool
    public var origin: String

    public init(tokenHash: String, accountID: Int64, createdAt: Int64, lastSeenAt: Int64, csrfToken: String, isComplete: Bool, origin: String) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.csrfToken = csrfToken
        self.isComplete = isComplete
        self.origin = origin
    }
}

/// A personal API token: its owner gives it to a script or another system, which sends it as
/// `Authorization: Bearer …`. It has the rights of its owner's roles. The store keeps only its SHA-256.
public struct APIToken: Sendable, Equatable {
    /// 0 until stored.
    public var id: Int64
    public var accountID: Int64
    /// What the owner calls it ("koppeling financieel systeem").
    public var name: String
    public var tokenHash: String
    /// Milliseconds since 1970.
    public var createdAt: Int64
    public var lastUsedAt: Int64?
    public var expiresAt: Int64?
    public var revokedAt: Int64?

    public init(
        id: Int64 = 0, accountID: Int64, name: String, tokenHash: String, createdAt: Int64, lastUsedAt: Int64? = nil, expiresAt: Int64? = nil,
        revokedAt: Int64? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether it may be used at `time`.
    public func isValid(at time: Int64) -> Bool {
        revokedAt == nil && (expiresAt.map { time < $0 } ?? true)
    }
}

/// One saved version of a file of the project (a page, zicht.yaml, a data file, an image).
public struct FileVersion: Sendable, Equatable {
    public var path: String
    /// 1 for the imported file, then one more for every save.
    public var version: Int
    /// Nil when this version deletes the file.
    public var bytes: Data?
    public var savedBy: String
    /// Milliseconds since 1970.
    public var savedAt: Int64

    public init(path: String, version: Int, bytes: Data?, savedBy: String, savedAt: Int64) {
        self.path = path
        self.version = version
        self.bytes = bytes
        self.savedBy = savedBy
        self.savedAt = savedAt
    }
}

/// Where the werkomgeving keeps everything: accounts, sessions, every version of every file of the
/// project, and the audit log. One protocol, so that the next storage (PostgreSQL, for several
/// instances) is a second implementation and not a second code path.
///
/// Every change that the audit log must show takes its ``AuditEvent`` and writes both in one
/// transaction: a change is never stored without its audit line, nor the other way round.
public protocol WorkspaceStore: Sendable {
    // Accounts
    func createAccount(
        username: String, displayName: String, roles: Set<Role>, passwordHash: String?, mustChangePassword: Bool, isExternal: Bool,
        audit: AuditEvent
    ) async throws(WorkspaceError) -> Account
    func account(id: Int64) async throws(WorkspaceError) -> Account?
    func credentials(username: String) async throws(WorkspaceError) -> Credentials?
    func accounts() async throws(WorkspaceError) -> [Account]
    /// Replaces roles, assignments, display name, lock and disabled state.
    func updateAccount(_ account: Account, audit: AuditEvent) async throws(WorkspaceError)
    func setPassword(accountID: Int64, hash: String, mustChange: Bool, audit: AuditEvent) async throws(WorkspaceError)
    /// Stores a new TOTP secret (not yet confirmed), or confirms the stored one, or removes it (nil).
    func setSecondFactor(accountID: Int64, secret: [UInt8]?, confirmed: Bool, audit: AuditEvent?) async throws(WorkspaceError)
    /// Counts a failed login and locks the account at ``Account/lockThreshold``; returns the account.
    func recordFailedLogin(accountID: Int64, audit: AuditEvent) async throws(WorkspaceError) -> Account
    func recordGoodLogin(accountID: Int64) async throws(WorkspaceError)
    /// Accepts the TOTP counter only when it is newer than the last one used: true when it was.
    func useTOTPCounter(accountID: Int64, counter: Int64) async throws(WorkspaceError) -> Bool

    // Sessions
    func createSession(_ session: Session) async throws(WorkspaceError)
    func session(tokenHash: String) async throws(WorkspaceError) -> Session?
    func updateSession(_ session: Session) async throws(WorkspaceError)
    func deleteSession(tokenHash: String) async throws(WorkspaceError)
    func deleteSessions(accountID: Int64) async throws(WorkspaceError)

    // API tokens (the API keeps no session: each request carries one)
    func createAPIToken(_ token: APIToken, audit: AuditEvent) async throws(WorkspaceError) -> APIToken
    func apiToken(tokenHash: String) async throws(WorkspaceError) -> APIToken?
    /// The account's tokens, revoked ones included, the newest first.
    func apiTokens(accountID: Int64) async throws(WorkspaceError) -> [APIToken]
    /// Revokes a token of `accountID`; false when it has no such token (or it was revoked already).
    func revokeAPIToken(id: Int64, accountID: Int64, at time: Int64, audit: AuditEvent) async throws(WorkspaceError) -> Bool
    func touchAPIToken(id: Int64, at time: Int64) async throws(WorkspaceError)

    // Files of the project
    /// Adds the files of a project folder as version 1 of each (an empty workspace only).
    func importFiles(_ files: [(path: String, bytes: Data)], by actor: String, at time: Int64, audit: AuditEvent) async throws(WorkspaceError)
    func head(path: String) async throws(WorkspaceError) -> FileVersion?
    /// The newest version of every file that exists (not deleted), sorted by path.
    func headFiles() async throws(WorkspaceError) -> [FileVersion]
    /// The newest version number of every file (deleted ones too), by path, without bytes.
    func headVersions() async throws(WorkspaceError) -> [String: Int]
    /// Every version of a file, oldest first, without their bytes.
    func history(path: String) async throws(WorkspaceError) -> [FileVersion]
    func version(path: String, number: Int) async throws(WorkspaceError) -> FileVersion?
    /// Saves a new version when `base` is the newest version (0 for a new file); otherwise keeps the
    /// refused bytes as a conflict copy and throws ``WorkspaceError/conflict(path:base:head:)``.
    func save(path: String, bytes: Data?, base: Int, by actor: String, at time: Int64, audit: AuditEvent) async throws(WorkspaceError) -> FileVersion
    /// The bytes of saves refused as conflicts, newest first: nothing an author typed is lost.
    func conflictCopies(path: String) async throws(WorkspaceError) -> [FileVersion]

    // Workflow
    /// Records a status for one version of a page (the version must exist).
    func setStatus(_ change: StatusChange, audit: AuditEvent) async throws(WorkspaceError)
    /// The status of every version of a page, oldest first.
    func statusHistory(path: String) async throws(WorkspaceError) -> [StatusChange]
    /// The newest status change of every page that has one, by path.
    func latestStatuses() async throws(WorkspaceError) -> [String: StatusChange]

    // Exports and publications
    /// Makes the next export from the approved version of every page and the newest version of
    /// every other file, and records the audit log's last line in it; one transaction.
    func createExport(by actor: String, at time: Int64, audit: AuditEvent) async throws(WorkspaceError) -> Export
    func exports() async throws(WorkspaceError) -> [Export]
    func export(number: Int) async throws(WorkspaceError) -> Export?
    func recordPublication(_ publication: Publication, audit: AuditEvent) async throws(WorkspaceError)
    func publications() async throws(WorkspaceError) -> [Publication]

    // Short-lived values that every instance must see: draft previews, logins under way at the
    // identity provider. Not audited, never exported.
    /// Stores `value` under `key` until `expiresAt` (milliseconds since 1970), replacing what was there,
    /// and removes every value that expired before `now`.
    func putShortLived(key: String, value: Data, expiresAt: Int64, now: Int64) async throws(WorkspaceError)
    /// The value under `key` unless it expired before `now`; `take` removes it, for a value used once.
    func shortLived(key: String, now: Int64, take: Bool) async throws(WorkspaceError) -> Data?

    // Audit
    func appendAudit(_ event: AuditEvent, at time: Int64) async throws(WorkspaceError) -> AuditEntry
    /// Lines in order of sequence, starting at `from`, at most `limit`.
    func auditEntries(from: Int64, limit: Int) async throws(WorkspaceError) -> [AuditEntry]
}

extension WorkspaceStore {
    /// The whole audit log, read in pages.
    public func allAuditEntries() async throws(WorkspaceError) -> [AuditEntry] {
        var result: [AuditEntry] = []
        while true {
            let page = try await auditEntries(from: Int64(result.count) + 1, limit: 5_000)
            result += page
            if page.count < 5_000 { return result }
        }
    }
}
