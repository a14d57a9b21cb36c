import Crypto
import Foundation

/// Logging in and staying logged in, as BIO2 asks: a password (bcrypt), a second factor (TOTP) for
/// the roles that need one, a lock after ten failures, sessions that end after 15 minutes without
/// activity (and after 12 hours in any case), and every attempt in the audit log.
///
/// No HTTP here: the server passes the client's address as `origin` and keeps the session token in
/// a cookie. The token itself is never stored, only its SHA-256.
public struct Authenticator: Sendable {
    public let store: any WorkspaceStore
    /// Sessions end after this long without a request (BIO2: at most 15 minutes).
    public var idleTimeout: TimeInterval = 15 * 60
    /// And after this long in any case.
    public var absoluteTimeout: TimeInterval = 12 * 60 * 60
    /// The name authenticator apps show above the codes.
    public var issuer: String
    /// Where slow work runs (bcrypt), off the caller's thread.
    private let work: DispatchQueue

    public init(store: any WorkspaceStore, issuer: String = "Zicht") {
        self.store = store
        self.issuer = issuer
        self.work = DispatchQueue(label: "zicht.passwords", attributes: .concurrent)
    }

    /// What a session still needs before it may be used.
    public enum Step: Equatable, Sendable {
        /// A code from the authenticator app.
        case secondFactor
        /// The account has no second factor yet but needs one: show the secret, ask a first code.
        case secondFactorSetup(secret: String, uri: String)
        /// A one-time password was used: choose a new one.
        case newPassword
        case done
    }

    public struct Started: Sendable {
        /// The token for the browser's cookie.
        public var token: String
        public var session: Session
        public var account: Account
        public var step: Step
    }

    /// How often a session's last activity is written (milliseconds).
    static let touchInterval: Int64 = 15_000

    /// A bcrypt hash of a random text, verified against when the username is unknown, so that the
    /// answer takes as long as for a known one and does not tell which usernames exist.
    private static let decoyHash = Passwords.hash(Passwords.oneTime())

    // MARK: Password

    /// Checks username and password and starts a session (complete only when nothing else is
    /// needed). Every outcome is audited; a failure never says whether the username exists.
    public func login(username: String, password: String, origin: String, now: Date = Date()) async throws(WorkspaceError) -> Started {
        let credentials = try await store.credentials(username: username)
        let hash = credentials?.passwordHash ?? Self.decoyHash
        let matches = await onWorkQueue { Passwords.verify(password, hash: hash) }
        func audit(_ result: AuditEntry.Outcome, _ detail: String = "") -> AuditEvent {
            AuditEvent(actor: username.isEmpty ? "-" : String(username.prefix(64)), origin: origin, action: "login", object: "account", result: result, detail: detail)
        }
        guard let credentials, credentials.passwordHash != nil, !credentials.account.isExternal else {
            _ = try await store.appendAudit(audit(.denied, "unknown user or no local password"), at: Self.milliseconds(now))
            throw .loginFailed
        }
        let account = credentials.account
        guard !account.isLocked else {
            _ = try await store.appendAudit(audit(.denied, "account locked"), at: Self.milliseconds(now))
            throw .locked
        }
        guard !account.isDisabled else {
            _ = try await store.appendAudit(audit(.denied, "account disabled"), at: Self.milliseconds(now))
            throw .loginFailed
        }
        guard matches else {
            let after = try await store.recordFailedLogin(accountID: account.id, audit: audit(.denied, "wrong password"))
            throw after.isLocked ? .locked : .loginFailed
        }
        try await store.recordGoodLogin(accountID: account.id)
        let step = try await nextStep(for: account)
        let started = try await startSession(account: account, origin: origin, complete: step == .done, now: now)
        _ = try await store.appendAudit(audit(.success, step == .done ? "" : "password accepted; next: \(Self.name(of: step))"), at: Self.milliseconds(now))
        return Started(token: started.token, session: started.session, account: account, step: step)
    }

    /// What an account must still do after a good password.
    func nextStep(for account: Account) async throws(WorkspaceError) -> Step {
        if account.mustChangePassword { return .newPassword }
        if account.requiresSecondFactor {
            guard account.hasSecondFactor else {
                let secret = TOTP.newSecret()
                try await store.setSecondFactor(accountID: account.id, secret: secret, confirmed: false, audit: nil)
                let totp = TOTP(secret: secret)
                return .secondFactorSetup(secret: Base32.encode(secret), uri: totp.provisioningURI(account: account.username, issuer: issuer))
            }
            return .secondFactor
        }
        return .done
    }

    static func name(of step: Step) -> String {
        switch step {
        case .secondFactor: "second factor"
        case .secondFactorSetup: "second factor setup"
        case .newPassword: "new password"
        case .done: "done"
        }
    }

    // MARK: Second factor

    /// Checks a TOTP code for an incomplete session. A code is accepted once. Five wrong codes count
    /// as one failed login each, so they lock the account like wrong passwords do.
    public func secondFactor(token: String, code: String, origin: String, now: Date = Date()) async throws(WorkspaceError) -> (Session, Account, Step) {
        guard var session = try await store.session(tokenHash: Self.hash(token)), let account = try await store.account(id: session.accountID) else {
            throw .loginFailed
        }
        let event = AuditEvent(actor: account.username, origin: origin, action: "login.second-factor", object: "account", result: .success)
        guard let credentials = try await store.credentials(username: account.username), let secret = credentials.totpSecret,
              let counter = TOTP(secret: secret).matchingCounter(code, at: now),
              try await store.useTOTPCounter(accountID: account.id, counter: counter)
        else {
            var failed = event
            failed.result = .denied
            failed.detail = "wrong, reused or missing code"
            let after = try await store.recordFailedLogin(accountID: account.id, audit: failed)
            if after.isLocked { try await store.deleteSessions(accountID: account.id) }
            throw after.isLocked ? .locked : .loginFailed
        }
        if !account.hasSecondFactor {
            try await store.setSecondFactor(accountID: account.id, secret: nil, confirmed: true, audit: nil)
        }
        session.isComplete = true
        session.lastSeenAt = Self.milliseconds(now)
        try await store.updateSession(session)
        _ = try await store.appendAudit(event, at: Self.milliseconds(now))
        var updated = account
        updated.hasSecondFactor = true
        return (session, updated, .done)
    }

    // MARK: New password

    /// Sets a new password in an incomplete session that needs one, then says what comes next.
    public func changePassword(token: String, new password: String, origin: String, now: Date = Date()) async throws(WorkspaceError) -> Step {
        guard let session = try await store.session(tokenHash: Self.hash(token)), var account = try await store.account(id: session.accountID) else {
            throw .loginFailed
        }
        try Passwords.validate(password, username: account.username)
        let hash = await onWorkQueue { Passwords.hash(password) }
        try await store.setPassword(
            accountID: account.id, hash: hash, mustChange: false,
            audit: AuditEvent(actor: account.username, origin: origin, action: "password.change", object: "account", result: .success))
        account.mustChangePassword = false
        let step = try await nextStep(for: account)
        if step == .done {
            var completed = session
            completed.isComplete = true
            try await store.updateSession(completed)
        }
        return step
    }

    // MARK: Sessions

    /// The session of a token and its account, when the session is complete and still alive; a
    /// request with it keeps it alive. An expired session is deleted (and its end audited).
    public func authenticate(token: String, origin: String, now: Date = Date()) async throws(WorkspaceError) -> (Session, Account)? {
        guard var session = try await store.session(tokenHash: Self.hash(token)) else { return nil }
        let nowMilliseconds = Self.milliseconds(now)
        let idle = Double(nowMilliseconds - session.lastSeenAt) / 1000
        let age = Double(nowMilliseconds - session.createdAt) / 1000
        guard let account = try await store.account(id: session.accountID), !account.isLocked, !account.isDisabled else {
            try await store.deleteSession(tokenHash: session.tokenHash)
            return nil
        }
        guard idle <= idleTimeout, age <= absoluteTimeout else {
            try await store.deleteSession(tokenHash: session.tokenHash)
            _ = try await store.appendAudit(
                AuditEvent(
                    actor: account.username, origin: origin, action: "session.expired", object: "session", result: .success,
                    detail: idle > idleTimeout ? "idle for \(Int(idle)) s" : "older than \(Int(absoluteTimeout)) s"),
                at: nowMilliseconds)
            return nil
        }
        guard session.isComplete else { return nil }
        // Written at most every 15 seconds: the idle timeout stays exact to 15 s, and a burst of
        // requests does not cost a durable write each.
        if nowMilliseconds - session.lastSeenAt >= Self.touchInterval {
            session.lastSeenAt = nowMilliseconds
            try await store.updateSession(session)
        }
        return (session, account)
    }

    /// The session of a token that is still in the middle of logging in (password done, second
    /// factor or new password to come), when it is younger than the idle timeout.
    public func pendingSession(token: String, now: Date = Date()) async throws(WorkspaceError) -> (Session, Account)? {
        guard let session = try await store.session(tokenHash: Self.hash(token)), !session.isComplete,
              Double(Self.milliseconds(now) - session.createdAt) / 1000 <= idleTimeout,
              let account = try await store.account(id: session.accountID), !account.isLocked, !account.isDisabled
        else { return nil }
        return (session, account)
    }

    public func logout(token: String, origin: String, now: Date = Date()) async throws(WorkspaceError) {
        guard let session = try await store.session(tokenHash: Self.hash(token)) else { return }
        try await store.deleteSession(tokenHash: session.tokenHash)
        let actor = try await store.account(id: session.accountID)?.username ?? "-"
        _ = try await store.appendAudit(AuditEvent(actor: actor, origin: origin, action: "logout", object: "session", result: .success), at: Self.milliseconds(now))
    }

    /// A complete session for a person the organisation's identity provider vouched for (OpenID
    /// Connect); the provider did the password and the second factor.
    public func startExternalSession(account: Account, origin: String, audit: AuditEvent, now: Date = Date()) async throws(WorkspaceError) -> Started {
        guard account.isExternal, !account.isLocked, !account.isDisabled else { throw .loginFailed }
        let started = try await startSession(account: account, origin: origin, complete: true, now: now)
        _ = try await store.appendAudit(audit, at: Self.milliseconds(now))
        return Started(token: started.token, session: started.session, account: account, step: .done)
    }

    func startSession(account: Account, origin: String, complete: Bool, now: Date) async throws(WorkspaceError) -> (token: String, session: Session) {
        let token = Self.randomToken()
        let session = Session(
            tokenHash: Self.hash(token), accountID: account.id, createdAt: Self.milliseconds(now), lastSeenAt: Self.milliseconds(now),
            csrfToken: Self.randomToken(), isComplete: complete, origin: origin)
        try await store.createSession(session)
        return (token, session)
    }

    // MARK: API tokens

    /// The prefix of every API token, so that a leaked one can be recognised (secret scanners).
    public static let apiTokenPrefix = "zicht_"
    /// The longest an API token can live: a year (BIO2 asks that access is reviewed periodically).
    public static let apiTokenMaximumDays = 366

    /// Makes an API token for `account`; the secret is returned once and only its hash is kept.
    public func createAPIToken(
        for account: Account, name: String, days: Int, origin: String, now: Date = Date()
    ) async throws(WorkspaceError) -> (secret: String, token: APIToken) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw WorkspaceError.invalid(field: "name", expected: "a name of 1 to 100 characters", found: "\(name.count) characters")
        }
        guard (1...Self.apiTokenMaximumDays).contains(days) else {
            throw WorkspaceError.invalid(field: "days", expected: "1 to \(Self.apiTokenMaximumDays) days", found: "\(days)")
        }
        let secret = Self.apiTokenPrefix + Self.randomToken()
        let created = Self.milliseconds(now)
        let token = try await store.createAPIToken(
            APIToken(accountID: account.id, name: name, tokenHash: Self.hash(secret), createdAt: created, expiresAt: created + Int64(days) * 86_400_000),
            audit: AuditEvent(
                actor: account.username, origin: origin, action: "api-token.create", object: account.username, result: .success,
                detail: "\(name); \(days) days"))
        return (secret, token)
    }

    /// The account of a bearer token, when the token is known, valid (not revoked or expired) and
    /// its account neither locked nor disabled. Its last use is written at most every minute.
    public func authenticateAPI(bearer: String, now: Date = Date()) async throws(WorkspaceError) -> (APIToken, Account)? {
        guard bearer.hasPrefix(Self.apiTokenPrefix), bearer.utf8.count < 200, let token = try await store.apiToken(tokenHash: Self.hash(bearer)) else {
            return nil
        }
        let time = Self.milliseconds(now)
        guard token.isValid(at: time), let account = try await store.account(id: token.accountID), !account.isLocked, !account.isDisabled else {
            return nil
        }
        if time - (token.lastUsedAt ?? 0) >= 60_000 { try await store.touchAPIToken(id: token.id, at: time) }
        return (token, account)
    }

    /// 256 random bits, base64url without padding.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Base64URL.encode(bytes)
    }

    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two secrets in time that depends only on their length.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    private func onWorkQueue<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            work.async { continuation.resume(returning: body()) }
        }
    }
}
