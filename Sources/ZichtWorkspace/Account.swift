import Foundation

/// A person's account in the werkomgeving. Passwords and second-factor secrets are never held here in
/// the clear: the store keeps the bcrypt hash and the TOTP secret, and hands them only to the login.
public struct Account: Hashable, Codable, Sendable, Identifiable {
    public var id: Int64
    /// Lowercase letters, digits, `.`, `-` and `_`; unique.
    public var username: String
    public var displayName: String
    public var roles: Set<Role>
    /// The pages an auteur may edit: each page and everything under it.
    public var assignments: Set<PageRef>
    /// Consecutive failed logins since the last good one.
    public var failedLogins: Int
    /// Locked after ``Account/lockThreshold`` failed logins; only a beheerder unlocks.
    public var isLocked: Bool
    /// A one-time password was given out: the next login must choose a new one.
    public var mustChangePassword: Bool
    /// The second factor is set up (a TOTP secret confirmed with a first code).
    public var hasSecondFactor: Bool
    /// Accounts from the organisation's identity provider (OpenID Connect) have no password here.
    public var isExternal: Bool
    public var isDisabled: Bool

    /// BIO2 (and the NCSC's guidance) asks to block an account after repeated failures; ten is the
    /// number the issue sets.
    public static let lockThreshold = 10

    public init(
        id: Int64, username: String, displayName: String, roles: Set<Role>, assignments: Set<PageRef> = [],
        failedLogins: Int = 0, isLocked: Bool = false, mustChangePassword: Bool = false, hasSecondFactor: Bool = false,
        isExternal: Bool = false, isDisabled: Bool = false
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.roles = roles
        self.assignments = assignments
        self.failedLogins = failedLogins
        self.isLocked = isLocked
        self.mustChangePassword = mustChangePassword
        self.hasSecondFactor = hasSecondFactor
        self.isExternal = isExternal
        self.isDisabled = isDisabled
    }

    /// Whether logging in needs a second factor: any of the account's roles asks for one.
    public var requiresSecondFactor: Bool { roles.contains(where: \.requiresSecondFactor) }

    /// Checks a username: 2–64 characters, lowercase ASCII letters, digits, `.`, `-`, `_`, starting
    /// with a letter or digit.
    public static func validate(username: String) throws(WorkspaceError) {
        let bytes = Array(username.utf8)
        guard (2...64).contains(bytes.count) else {
            throw .invalid(field: "gebruikersnaam", expected: "2 to 64 characters", found: "\(bytes.count) characters")
        }
        for (index, byte) in bytes.enumerated() {
            let isAlphanumeric = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            let isPunctuation = byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            guard isAlphanumeric || (index > 0 && isPunctuation) else {
                throw .invalid(
                    field: "gebruikersnaam", expected: "lowercase letters, digits, '.', '-' or '_', starting with a letter or digit",
                    found: "'\(username)'")
            }
        }
    }
}
