import Foundation
import Testing
import ZichtApp
import ZichtTestSupport
import ZichtWorkspace

/// Logging in to `zicht server` through a real identity provider (django-oauth-toolkit, started by
/// Tests/oidc/run.sh): the browser goes from the werkomgeving to the provider's login form and back,
/// and gets the role its group maps to. Skipped without the provider; run.sh counts a skip as failure.
@Suite(.serialized, .enabled(if: OIDCProviderEnvironment.current != nil, "needs a running provider: start it with Tests/oidc/run.sh (ZICHT_OIDC_ISSUER is not set)"))
struct WorkspaceOIDCTests {
    @Test func aPersonLogsInThroughTheProviderWithTheRoleOfTheirGroup() async throws {
        let environment = try #require(OIDCProviderEnvironment.current)
        let settings = try OIDCSettings(
            issuer: environment.issuer, clientID: environment.clientID, clientSecret: environment.clientSecret, redirectURI: environment.redirectURI,
            scopes: ["openid", "profile", "email", "groups"], groupsClaim: "groups", roles: ["zicht-redacteuren": .redacteur])
        try await RunningWorkspace.with(accounts: [], oidc: settings) { workspace, _ in
            let browser = Browser(port: workspace.port)
            let login = try await browser.get("/werkomgeving/inloggen")
            #expect(login.text.contains("/werkomgeving/inloggen/oidc/start"))
            let start = try await browser.get("/werkomgeving/inloggen/oidc/start")
            let authorize = try #require(start.headers["location"].flatMap(URL.init(string:)))
            #expect(authorize.absoluteString.hasPrefix(environment.issuer))
            var provider = OIDCBrowser()
            let back = try await provider.logIn(at: authorize, username: "redactie", password: environment.password, until: environment.redirectURI)
            // The provider sends the browser to the registered redirect URI; this server is on another port.
            let callback = "/werkomgeving/inloggen/oidc?" + (try #require(back.query))
            let landed = try await browser.get(callback)
            #expect(landed.status == 200 && landed.text.contains("U bent ingelogd"))
            #expect(landed.headers["refresh"] == "0; url=/werkomgeving/")
            let home = try await browser.get("/werkomgeving/")
            #expect(home.status == 200 && home.text.contains("Riet Dactie") && home.text.contains("Redacteur"))
            #expect(try await browser.get("/werkomgeving/publicatie").status == 200)
            #expect(try await browser.get("/werkomgeving/gebruikers").status == 404)

            // The same return again: the state was used, and nobody gets in with it.
            let replay = Browser(port: workspace.port)
            #expect(try await replay.get(callback).status == 401)

            // Someone whose groups map to no role: refused, no account made.
            let outsider = Browser(port: workspace.port)
            let outsiderStart = try await outsider.get("/werkomgeving/inloggen/oidc/start")
            var outsiderProvider = OIDCBrowser()
            let outsiderBack = try await outsiderProvider.logIn(
                at: try #require(outsiderStart.headers["location"].flatMap(URL.init(string:))), username: "buitenstaander",
                password: environment.password, until: environment.redirectURI)
            #expect(try await outsider.get("/werkomgeving/inloggen/oidc?" + (try #require(outsiderBack.query))).status == 401)
            #expect(try await outsider.get("/werkomgeving/").headers["location"] == "/werkomgeving/inloggen")

            let store = try await ZichtApp.openStore(workspace.location)
            let accounts = try await store.accounts()
            #expect(accounts.count == 1)
            #expect(accounts.first?.isExternal == true && accounts.first?.roles == [.redacteur] && accounts.first?.username.hasPrefix("oidc-") == true)
            let logins = try await store.allAuditEntries().filter { $0.action == "login" || $0.action == "login.oidc" }.map { "\($0.action) \($0.result.rawValue)" }
            #expect(logins == ["login success", "login.oidc denied", "login.oidc denied"])
            try environment.proved("server-login")
        }
    }
}
