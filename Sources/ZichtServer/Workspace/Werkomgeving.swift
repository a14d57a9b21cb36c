import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ZichtCore
import ZichtWorkspace

/// The werkomgeving's HTTP side: login, the tree of pages, the editor, history, accounts and the
/// audit log, all under `/werkomgeving/`. Every request is checked here, on the server: who is logged
/// in, whether the session is complete and alive, the CSRF token of every form, and the right for the
/// object the request names. A request for an object the account may not see answers 404, as for an
/// object that does not exist, and is audited.
struct Werkomgeving: Sendable {
    let store: any WorkspaceStore
    let authenticator: Authenticator
    let preview: PreviewSite
    let publisher: Publisher
    /// Logins through the organisation's identity provider, when configured.
    let oidc: OIDCLogin?
    let settings: WorkspaceServer.Settings
    /// The newest unsaved preview of each session.
    var drafts: DraftPages { DraftPages(store: store) }

    static let prefix = "/werkomgeving"
    static let sessionCookie = "zicht_sessie"
    static let loginCookie = "zicht_inlog"
    /// Forms are small; the editor's text is at most this large.
    static let formLimit = 2 << 20

    /// The request's client: the connection's address, or behind the configured proxy the last
    /// address it put in `X-Forwarded-For`.
    func origin(_ request: Request, _ context: WorkspaceRequestContext) -> String {
        let peer = context.remoteAddress?.ipAddress ?? "-"
        if let proxy = settings.trustedProxy, peer == proxy,
           let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!]?.split(separator: ",").last {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return peer
    }

    var cookieName: String { settings.secureCookies ? "__Host-\(Self.sessionCookie)" : Self.sessionCookie }
    var loginCookieName: String { settings.secureCookies ? "__Host-\(Self.loginCookie)" : Self.loginCookie }

    func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: settings.secureCookies, httpOnly: true, sameSite: .strict)
    }

    // MARK: Dispatch

    func respond(to request: Request, context: WorkspaceRequestContext) async throws -> Response {
        let path = String(request.uri.path.dropFirst(Self.prefix.count))
        let origin = origin(request, context)
        do {
            switch (request.method, path) {
            case (.get, "/stijl.css"): return Self.css()
            case (.get, "/bewerken.js"): return Self.editorScript()
            case (.get, "/inloggen"): return loginForm(message: nil)
            case (.get, "/inloggen/oidc/start"): return try await oidcStart(origin: origin)
            case (.get, "/inloggen/oidc"): return try await oidcCallback(request, origin: origin)
            case (.post, "/inloggen"): return try await login(request, origin: origin)
            case (.get, "/tweede-factor"): return try await secondFactorForm(request, message: nil)
            case (.post, "/tweede-factor"): return try await secondFactor(request, origin: origin)
            case (.get, "/nieuw-wachtwoord"): return try await newPasswordForm(request, message: nil)
            case (.post, "/nieuw-wachtwoord"): return try await newPassword(request, origin: origin)
            default: break
            }
            guard let token = request.cookies[cookieName]?.value, let (session, account) = try await authenticator.authenticate(token: token, origin: origin)
            else {
                if request.method == .get { return Self.redirect("\(Self.prefix)/inloggen") }
                return Self.page(status: .unauthorized, title: "Niet ingelogd", account: nil, csrf: nil, body: """
                    <p>U bent niet (meer) ingelogd. <a href="\(Self.prefix)/inloggen">Log opnieuw in</a>; wat u opsloeg, is bewaard.</p>
                    """)
            }
            let user = User(account: account, session: session, origin: origin)
            // Another instance may have saved since: the preview and the checks start from the newest versions.
            try await preview.catchUp()
            if request.method == .post && path == "/afbeelding" { return try await upload(request, user: user) }
            if request.method == .post && path == "/gegevens" { return try await importData(request, user: user) }
            if request.method == .post && path == "/concept" {
                let form = try await readForm(request, user: user)
                return try await draftPreview(form: form, user: user, wantsJSON: request.headers[.accept]?.contains("application/json") ?? false)
            }
            if request.method == .post {
                let form = try await readForm(request, user: user)
                return try await post(path, form: form, user: user)
            }
            guard request.method == .get || request.method == .head else { return Self.text(.methodNotAllowed, "Methode niet toegestaan.") }
            return try await get(path, request: request, user: user)
        } catch let problem as FormData.Problem {
            let reason: String = switch problem {
            case .tooLarge: "Het formulier is te groot."
            case .notAForm: "Dit is geen formulier."
            case .badEncoding: "Het formulier bevat ongeldige tekens."
            case .repeated(let name): "Het veld '\(name)' komt twee keer voor."
            }
            return Self.text(.badRequest, reason)
        } catch let refusal as Refusal {
            return refusal.response
        }
    }

    /// The logged-in account of a request, with its session and client address.
    struct User: Sendable {
        var account: Account
        var session: Session
        var origin: String
    }

    /// A request turned away; thrown by checks, answered in one place.
    struct Refusal: Error {
        var response: Response
    }

    /// Reads a form and checks its CSRF token against the session's (constant time). A form without
    /// the right token is refused and audited.
    func readForm(_ request: Request, user: User) async throws -> FormData {
        let form = try await FormData.read(request, limit: Self.formLimit)
        guard let sent = form["csrf"], Authenticator.constantTimeEqual(sent, user.session.csrfToken) else {
            _ = try await store.appendAudit(
                AuditEvent(actor: user.account.username, origin: user.origin, action: "csrf", object: request.uri.path, result: .denied), at: Self.now)
            throw Refusal(response: Self.page(status: .forbidden, title: "Formulier verlopen", account: user.account, csrf: nil, body: """
                <p>Dit formulier kon niet worden gecontroleerd (het is verlopen of komt niet van deze werkomgeving). Er is niets opgeslagen. Ga terug, laad de pagina opnieuw en probeer het nog eens.</p>
                """))
        }
        return form
    }

    /// Refuses (as 404) and audits a request for an object the account may not see or change.
    func deny(_ user: User, action: String, object: String) async throws -> Refusal {
        _ = try await store.appendAudit(AuditEvent(actor: user.account.username, origin: user.origin, action: action, object: object, result: .denied), at: Self.now)
        return Refusal(response: Self.page(status: .notFound, title: "Niet gevonden", account: user.account, csrf: user.session.csrfToken, body: """
            <p>Deze pagina bestaat niet, of u hebt er geen toegang toe.</p>
            """))
    }

    func get(_ path: String, request: Request, user: User) async throws -> Response {
        let query = request.uri.queryParameters
        switch path {
        case "", "/": return try await home(user: user)
        case "/bewerken":
            let number = { (name: Substring) in query[name].flatMap { Int(String($0)) } }
            return try await editor(file: query["bestand"].map(String.init) ?? "", user: user, asText: query["als"] == "tekst", notice: Self.editorNotice(
                saved: number("opgeslagen"), milliseconds: number("ms"), status: query["status"].flatMap { PageStatus(rawValue: String($0)) },
                restored: number("teruggezet"), version: number("versie")))
        case "/geschiedenis":
            return try await history(file: query["bestand"].map(String.init) ?? "", version: query["versie"].flatMap { Int(String($0)) }, user: user)
        case "/gebruikers": return try await accounts(user: user, message: nil)
        case "/publicatie":
            return try await publication(user: user, notice: try publicationNotice(
                export: query["export"].flatMap { Int(String($0)) }, online: query["online"].flatMap { Int(String($0)) },
                pages: query["paginas"].flatMap { Int(String($0)) }))
        case "/api-tokens":
            let revoked = query["ingetrokken"].flatMap { Int(String($0)) }
            return try await tokenPage(user: user, notice: revoked.map { "<p class=\"gelukt\" role=\"status\">Token \($0) is ingetrokken; het werkt niet meer.</p>" } ?? "")
        case "/analyse":
            return try await analysisRoom(user: user, notice: try importNotice(
                file: query["bijgewerkt"].map(String.init), version: query["versie"].flatMap { Int(String($0)) }))
        case "/auditlog.csv": return try await auditCSV(user: user)
        case "/auditlog": return try await auditLog(user: user, from: query["vanaf"].flatMap { Int64(String($0)) } ?? 1)
        default:
            if path.hasPrefix("/voorbeeld/") || path == "/voorbeeld" {
                return try await previewFile(String(path.dropFirst("/voorbeeld".count)), base: "\(Self.prefix)/voorbeeld", user: user)
            }
            if path.hasPrefix("/concept/") { return try await draftFile(path, request: request, user: user) }
            return Self.page(status: .notFound, title: "Niet gevonden", account: user.account, csrf: user.session.csrfToken, body: "<p>Deze pagina bestaat niet.</p>")
        }
    }

    func post(_ path: String, form: FormData, user: User) async throws -> Response {
        switch path {
        case "/uitloggen":
            try await store.deleteSession(tokenHash: user.session.tokenHash)
            _ = try await store.appendAudit(AuditEvent(actor: user.account.username, origin: user.origin, action: "logout", object: "session", result: .success), at: Self.now)
            var response = Self.redirect("\(Self.prefix)/inloggen")
            response.setCookie(cookie(cookieName, "", maxAge: 0))
            return response
        case "/bewerken": return try await save(form: form, user: user)
        case "/status": return try await changeStatus(form: form, user: user)
        case "/herstellen": return try await restore(form: form, user: user)
        case "/export": return try await makeExport(user: user)
        case "/publiceren": return try await publish(form: form, user: user)
        case "/gebruikers": return try await createAccount(form: form, user: user)
        case "/gebruikers/ontgrendelen": return try await unlock(form: form, user: user)
        case "/api-tokens": return try await createToken(form: form, user: user)
        case "/api-tokens/intrekken": return try await revokeToken(form: form, user: user)
        default:
            return Self.page(status: .notFound, title: "Niet gevonden", account: user.account, csrf: user.session.csrfToken, body: "<p>Deze pagina bestaat niet.</p>")
        }
    }

    static var now: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
