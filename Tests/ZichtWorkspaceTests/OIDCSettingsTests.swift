import Foundation
import Testing
import ZichtWorkspace

/// The settings refuse what cannot work or is unsafe, and say which field.
struct OIDCSettingsTests {
    static func make(
        issuer: String = "https://login.example.nl/realms/gemeente", clientID: String = "zicht", secret: String? = "geheim",
        redirect: String = "https://zicht.example.nl/werkomgeving/inloggen/oidc", scopes: [String] = OIDCSettings.defaultScopes,
        groupsClaim: String = "groups", roles: [String: Role] = ["zicht-redacteuren": .redacteur]
    ) throws(OIDCError) -> OIDCSettings {
        try OIDCSettings(issuer: issuer, clientID: clientID, clientSecret: secret, redirectURI: redirect, scopes: scopes, groupsClaim: groupsClaim, roles: roles)
    }

    @Test func goodSettingsAreKept() throws {
        let settings = try Self.make()
        #expect(settings.issuer.absoluteString == "https://login.example.nl/realms/gemeente")
        #expect(settings.scopes == ["openid", "profile", "email"])
        // Plain http is for the loopback interface only.
        _ = try Self.make(issuer: "http://127.0.0.1:8000/o", redirect: "http://localhost:8080/terug")
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let label: String
        let field: String
        let make: @Sendable () throws -> OIDCSettings
        var testDescription: String { label }
    }

    static let refusals: [Refusal] = [
        Refusal(label: "http issuer", field: "oidc.issuer") { try make(issuer: "http://login.example.nl/realms/gemeente") },
        Refusal(label: "relative issuer", field: "oidc.issuer") { try make(issuer: "login.example.nl") },
        Refusal(label: "issuer with query", field: "oidc.issuer") { try make(issuer: "https://login.example.nl/?tenant=1") },
        Refusal(label: "empty client id", field: "oidc.clientID") { try make(clientID: "") },
        Refusal(label: "client id with a space", field: "oidc.clientID") { try make(clientID: "zicht app") },
        Refusal(label: "empty secret", field: "oidc.clientSecretFile") { try make(secret: "") },
        Refusal(label: "secret with a newline", field: "oidc.clientSecretFile") { try make(secret: "geheim\n") },
        Refusal(label: "redirect with fragment", field: "oidc.redirectURI") { try make(redirect: "https://zicht.example.nl/terug#x") },
        Refusal(label: "http redirect", field: "oidc.redirectURI") { try make(redirect: "http://zicht.example.nl/terug") },
        Refusal(label: "scopes without openid", field: "oidc.scopes") { try make(scopes: ["profile"]) },
        Refusal(label: "empty groups claim", field: "oidc.groupsClaim") { try make(groupsClaim: "") },
        Refusal(label: "no roles", field: "oidc.roles") { try make(roles: [:]) },
    ]

    @Test(arguments: refusals)
    func aBadSettingIsRefusedNamingItsField(refusal: Refusal) {
        let error = #expect(throws: OIDCError.self) { try refusal.make() }
        #expect(error?.code == .invalidSetting)
        #expect(error?.field == refusal.field, "\(error?.description ?? "no error")")
    }

    @Test func roleNamesAreReadAndAnUnknownOneIsNamed() throws {
        #expect(try OIDCSettings.roleMapping(["a": "redacteur", "b": "lezer"]) == ["a": .redacteur, "b": .lezer])
        let error = #expect(throws: OIDCError.self) { try OIDCSettings.roleMapping(["zicht-baas": "koning"]) }
        #expect(error?.field == "oidc.roles.zicht-baas")
    }

    @Test func theSecretIsNeverShown() throws {
        let settings = try Self.make(secret: "zeer-geheim-42")
        #expect(!settings.description.contains("zeer-geheim-42"))
        let error = #expect(throws: OIDCError.self) { try Self.make(secret: "zeer-geheim-42\n") }
        #expect(error?.description.contains("zeer-geheim") == false)
    }

    @Test func groupsMapToRolesAndNoMappedGroupIsNoAccess() throws {
        let settings = try Self.make(roles: ["zicht-redacteuren": .redacteur, "zicht-analisten": .analist, "zicht-beheer": .beheerder])
        var claims: [String: ClaimValue] = ["iss": .string("https://login.example.nl/realms/gemeente"), "sub": .string("42")]
        claims["groups"] = .array([.string("sport"), .string("zicht-analisten"), .string("zicht-redacteuren")])
        #expect(try OIDCIdentity(claims: claims, settings: settings).roles == [.redacteur, .analist])
        claims["groups"] = .string("zicht-beheer")
        #expect(try OIDCIdentity(claims: claims, settings: settings).roles == [.beheerder])
        for groups: ClaimValue? in [.array([.string("sport")]), .array([]), nil] {
            claims["groups"] = groups
            let error = #expect(throws: OIDCError.self) { try OIDCIdentity(claims: claims, settings: settings) }
            #expect(error?.code == .noMappedRole)
        }
        claims["groups"] = .array([.string("zicht-beheer"), .number(3)])
        let error = #expect(throws: OIDCError.self) { try OIDCIdentity(claims: claims, settings: settings) }
        #expect(error?.code == .malformedToken)
    }
}
