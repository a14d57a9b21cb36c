public import Foundation

/// How Zicht logs in through the municipality's own identity provider: the `werkomgeving.oidc`
/// block of zicht.yaml, checked.
///
/// ```yaml
/// werkomgeving:
///   oidc:
///     issuer: https://login.gemeente.nl/realms/medewerkers
///     clientID: zicht
///     clientSecretFile: /etc/zicht/oidc-secret
///     redirectURI: https://zicht.gemeente.nl/werkomgeving/inloggen/oidc
///     groupsClaim: groups
///     roles: {zicht-redacteuren: redacteur, zicht-beheer: beheerder}
/// ```
///
/// Every check happens in `init`, and a refused value throws `OIDCError` with code `.invalidSetting`
/// and `field` naming the setting (`oidc.issuer`, `oidc.roles`, …).
public struct OIDCSettings: Sendable, Equatable, CustomStringConvertible {
    /// The provider's issuer identifier, exactly as its discovery document and its tokens state it.
    public let issuer: URL
    public let clientID: String
    /// Absent for a public client; then the token request carries only the client id and PKCE.
    public let clientSecret: String?
    /// Where the provider sends the browser back; registered at the provider exactly like this.
    public let redirectURI: URL
    /// Always contains `openid`.
    public let scopes: [String]
    /// The ID token claim that lists the person's groups (`groups` in Keycloak and Entra ID).
    public let groupsClaim: String
    /// Group name → role. A person gets the roles of all their mapped groups; no mapped group is no
    /// access.
    public let roles: [String: Role]
    /// How far the provider's clock may differ from ours when `exp`, `nbf` and `iat` are checked.
    public let clockSkew: TimeInterval
    /// How long a started login may take before its callback is refused.
    public let maximumLoginAge: TimeInterval

    public static let defaultScopes = ["openid", "profile", "email"]

    /// - Throws: `OIDCError` `.invalidSetting` naming the first field that is refused.
    public init(
        issuer: String, clientID: String, clientSecret: String? = nil, redirectURI: String, scopes: [String] = OIDCSettings.defaultScopes,
        groupsClaim: String = "groups", roles: [String: Role], clockSkew: TimeInterval = 60, maximumLoginAge: TimeInterval = 600
    ) throws(OIDCError) {
        let issuerURL = try Self.webURL(issuer, field: "oidc.issuer")
        guard issuerURL.query == nil, issuerURL.fragment == nil else {
            throw Self.refused("oidc.issuer", "an issuer URL without query or fragment (OpenID Connect Discovery, section 2)", found: issuer)
        }
        self.issuer = issuerURL
        guard Self.isToken(clientID) else { throw Self.refused("oidc.clientID", "a client id without spaces or control characters", found: clientID) }
        self.clientID = clientID
        if let clientSecret, clientSecret.isEmpty || clientSecret.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            // The value itself is never shown.
            throw Self.refused("oidc.clientSecretFile", "a secret without control characters (a trailing newline is removed when the file is read)", found: "an empty or unreadable secret")
        }
        self.clientSecret = clientSecret
        let redirect = try Self.webURL(redirectURI, field: "oidc.redirectURI")
        guard redirect.fragment == nil else { throw Self.refused("oidc.redirectURI", "a URL without fragment (RFC 6749, section 3.1.2)", found: redirectURI) }
        self.redirectURI = redirect
        guard scopes.contains("openid") else { throw Self.refused("oidc.scopes", "a list that contains openid", found: scopes.joined(separator: " ")) }
        if let bad = scopes.first(where: { !Self.isToken($0) }) { throw Self.refused("oidc.scopes", "scopes without spaces", found: bad) }
        self.scopes = scopes
        guard !groupsClaim.isEmpty else { throw Self.refused("oidc.groupsClaim", "the name of a claim", found: "nothing") }
        self.groupsClaim = groupsClaim
        guard !roles.isEmpty else { throw Self.refused("oidc.roles", "at least one group mapped to a role (without one nobody can log in)", found: "no mapping") }
        if roles.keys.contains("") { throw Self.refused("oidc.roles", "group names that are not empty", found: "an empty group name") }
        self.roles = roles
        guard clockSkew >= 0, clockSkew <= 300 else { throw Self.refused("oidc.clockSkew", "0 to 300 seconds", found: "\(clockSkew)") }
        self.clockSkew = clockSkew
        guard maximumLoginAge > 0, maximumLoginAge <= 3600 else { throw Self.refused("oidc.maximumLoginAge", "1 to 3600 seconds", found: "\(maximumLoginAge)") }
        self.maximumLoginAge = maximumLoginAge
    }

    /// Reads the `roles` mapping as zicht.yaml writes it (group → role name).
    /// - Throws: `OIDCError` `.invalidSetting` with field `oidc.roles.<group>` for an unknown role.
    public static func roleMapping(_ names: [String: String]) throws(OIDCError) -> [String: Role] {
        var mapping: [String: Role] = [:]
        for (group, name) in names.sorted(by: { $0.key < $1.key }) {
            guard let role = Role(rawValue: name) else {
                throw refused("oidc.roles.\(group)", "one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))", found: name)
            }
            mapping[group] = role
        }
        return mapping
    }

    /// The settings without the secret.
    public var description: String {
        "OIDCSettings(issuer: \(issuer.absoluteString), clientID: \(clientID), clientSecret: \(clientSecret == nil ? "none" : "set"), "
            + "redirectURI: \(redirectURI.absoluteString), scopes: \(scopes.joined(separator: " ")), groupsClaim: \(groupsClaim), "
            + "roles: \(roles.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }.joined(separator: ", ")))"
    }

    /// An absolute https URL with a host; plain http only for the loopback interface, where tests
    /// and a provider on the same machine run.
    static func webURL(_ text: String, field: String) throws(OIDCError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty, url.user == nil else {
            throw refused(field, "an absolute URL such as https://login.example.nl/realm", found: text.isEmpty ? "nothing" : text)
        }
        guard scheme == "https" || (scheme == "http" && isLoopback(host)) else {
            throw refused(field, "an https URL (http only on 127.0.0.1, ::1 or localhost)", found: text)
        }
        return url
    }

    static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host.lowercased())
    }

    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty && !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7f }
    }

    private static func refused(_ field: String, _ expected: String, found: String) -> OIDCError {
        OIDCError(.invalidSetting, "expected \(expected), found \(found)", field: field)
    }
}
