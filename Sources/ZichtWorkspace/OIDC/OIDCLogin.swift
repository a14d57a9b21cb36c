import Foundation

/// What the server keeps between sending the browser to the provider and its return, in the
/// server-side session (never in a cookie the browser can read): each value is 256 random bits,
/// base64url.
public struct OIDCPendingLogin: Sendable, Codable, Equatable {
    /// Ties the callback to this browser's login (CSRF protection, RFC 6749, section 10.12).
    public let state: String
    /// Ties the ID token to this login (replay protection, OpenID Connect Core, section 3.1.2.1).
    public let nonce: String
    /// The PKCE verifier (RFC 7636) shown at the token endpoint.
    public let codeVerifier: String
    public let startedAt: Date

    public init(state: String, nonce: String, codeVerifier: String, startedAt: Date) {
        self.state = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.startedAt = startedAt
    }
}

/// The start of a login: where to send the browser, and what to keep until it returns.
public struct OIDCLoginStart: Sendable {
    public let authorizationURL: URL
    public let pending: OIDCPendingLogin
}

/// A person the provider vouched for, with the roles Zicht gives them.
public struct OIDCIdentity: Sendable, Equatable {
    /// The provider's issuer; with `subject` the stable key of the person (OpenID Connect Core,
    /// section 5.7: not the email address or the username, which can change or be reused).
    public let issuer: String
    public let subject: String
    public let preferredUsername: String?
    public let email: String?
    public let name: String?
    /// Every group the groups claim listed, mapped or not.
    public let groups: [String]
    /// The roles of the mapped groups, sorted, never empty.
    public let roles: [Role]

    /// Reads the person from verified claims and maps their groups.
    /// - Throws: `OIDCError` `.malformedToken` when the groups claim is neither a string nor a list
    ///   of strings, `.noMappedRole` when no group maps to a role.
    public init(claims: [String: ClaimValue], settings: OIDCSettings) throws(OIDCError) {
        issuer = claims["iss"]?.string ?? ""
        subject = claims["sub"]?.string ?? ""
        preferredUsername = claims["preferred_username"]?.string
        email = claims["email"]?.string
        name = claims["name"]?.string
        switch claims[settings.groupsClaim] {
        case nil, .null: groups = []
        case .string(let one): groups = [one]
        case .array(let values):
            let strings = values.compactMap(\.string)
            guard strings.count == values.count else {
                throw OIDCError(.malformedToken, "expected a list of group names, found other values in it", field: settings.groupsClaim)
            }
            groups = strings
        default:
            throw OIDCError(.malformedToken, "expected a list of group names", field: settings.groupsClaim)
        }
        roles = Set(groups.compactMap { settings.roles[$0] }).sorted()
        guard !roles.isEmpty else {
            let who = preferredUsername ?? subject
            let found = groups.isEmpty ? "no \(settings.groupsClaim) claim or an empty one" : "groups \(groups.joined(separator: ", "))"
            throw OIDCError(.noMappedRole, "\(who) is in no group mapped to a role (\(found))", field: settings.groupsClaim)
        }
    }
}
