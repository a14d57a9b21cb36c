import Foundation
import HTTPTypes
import Hummingbird
import ZichtWorkspace

extension Werkomgeving {
    /// The login form. Its CSRF token is also set as a cookie (double submit): a form posted from
    /// another site cannot know it, and SameSite=Strict keeps the cookie from being sent along.
    func loginForm(message: String?, status: HTTPResponse.Status = .ok) -> Response {
        let token = Authenticator.randomToken()
        var response = Self.page(status: status, title: "Inloggen", account: nil, csrf: nil, body: """
            <h1>Inloggen</h1>
            \(message.map { "<p class=\"fout\" role=\"alert\">\($0.html)</p>" } ?? "")
            <form method="post" action="\(Self.prefix)/inloggen">
            <input type="hidden" name="csrf" value="\(token)">
            <p><label for="gebruikersnaam">Gebruikersnaam</label><br>
            <input id="gebruikersnaam" name="gebruikersnaam" autocomplete="username" required maxlength="64"></p>
            <p><label for="wachtwoord">Wachtwoord</label><br>
            <input id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password" required maxlength="200"></p>
            <p><button type="submit">Inloggen</button></p>
            </form>
            \(oidc == nil ? "" : "<p><a href=\"\(Self.prefix)/inloggen/oidc/start\">Inloggen met uw account van de organisatie</a></p>")
            <p class="uitleg">Na tien mislukte pogingen wordt uw account geblokkeerd; een beheerder kan het weer vrijgeven. Een sessie eindigt na 15 minuten zonder activiteit.</p>
            """)
        response.setCookie(cookie(loginCookieName, token, maxAge: 15 * 60))
        return response
    }

    func login(_ request: Request, origin: String) async throws -> Response {
        let form = try await FormData.read(request, limit: 16 << 10)
        guard let sent = form["csrf"], let expected = request.cookies[loginCookieName]?.value,
              Authenticator.constantTimeEqual(sent, expected)
        else {
            _ = try await store.appendAudit(AuditEvent(actor: "-", origin: origin, action: "csrf", object: "\(Self.prefix)/inloggen", result: .denied), at: Self.now)
            return loginForm(message: "Het formulier was verlopen. Probeer het opnieuw.", status: .forbidden)
        }
        let username = (form["gebruikersnaam"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let started: Authenticator.Started
        do {
            started = try await authenticator.login(username: username, password: form["wachtwoord"] ?? "", origin: origin)
        } catch {
            switch error {
            case .locked:
                return loginForm(message: "Dit account is geblokkeerd na te veel mislukte pogingen. Vraag een beheerder het vrij te geven.", status: .forbidden)
            case .loginFailed:
                return loginForm(message: "Gebruikersnaam of wachtwoord is onjuist.", status: .unauthorized)
            default:
                throw error
            }
        }
        var response = Self.redirect(next(after: started.step))
        response.setCookie(cookie(cookieName, started.token))
        response.setCookie(cookie(loginCookieName, "", maxAge: 0))
        return response
    }

    func next(after step: Authenticator.Step) -> String {
        switch step {
        case .done: "\(Self.prefix)/"
        case .secondFactor, .secondFactorSetup: "\(Self.prefix)/tweede-factor"
        case .newPassword: "\(Self.prefix)/nieuw-wachtwoord"
        }
    }

    /// The pending session of a request in the middle of logging in, or a refusal that sends the
    /// browser back to the login form.
    func pending(_ request: Request) async throws -> (token: String, session: Session, account: Account) {
        guard let token = request.cookies[cookieName]?.value, let (session, account) = try await authenticator.pendingSession(token: token) else {
            throw Refusal(response: Self.redirect("\(Self.prefix)/inloggen"))
        }
        return (token, session, account)
    }

    func secondFactorForm(_ request: Request, message: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (_, session, account) = try await pending(request)
        var setup = ""
        if !account.hasSecondFactor, let credentials = try await store.credentials(username: account.username), let secret = credentials.totpSecret {
            let totp = TOTP(secret: secret)
            setup = """
                <h2>Tweede factor instellen</h2>
                <p>Uw rol vraagt om een tweede factor. Voeg in uw authenticator-app (bijvoorbeeld een app op uw telefoon) een account toe met deze geheime sleutel, en vul daarna de code in die de app toont:</p>
                <p class="sleutel"><code>\(Base32.encode(secret).html)</code></p>
                <p>Of open dit adres met de app: <code class="adres">\(totp.provisioningURI(account: account.username, issuer: authenticator.issuer).html)</code></p>
                """
        }
        return Self.page(status: status, title: "Tweede factor", account: nil, csrf: nil, body: """
            <h1>Tweede factor</h1>
            \(message.map { "<p class=\"fout\" role=\"alert\">\($0.html)</p>" } ?? "")
            \(setup)
            <form method="post" action="\(Self.prefix)/tweede-factor">
            <input type="hidden" name="csrf" value="\(session.csrfToken.html)">
            <p><label for="code">Code uit de authenticator-app (6 cijfers)</label><br>
            <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required maxlength="7"></p>
            <p><button type="submit">Controleren</button></p>
            </form>
            """)
    }

    func secondFactor(_ request: Request, origin: String) async throws -> Response {
        let (token, session, _) = try await pending(request)
        let form = try await FormData.read(request, limit: 16 << 10)
        guard let sent = form["csrf"], Authenticator.constantTimeEqual(sent, session.csrfToken) else {
            return try await secondFactorForm(request, message: "Het formulier was verlopen. Probeer het opnieuw.", status: .forbidden)
        }
        let outcome: Result<(Session, Account, Authenticator.Step), WorkspaceError>
        do throws(WorkspaceError) {
            outcome = .success(try await authenticator.secondFactor(token: token, code: form["code"] ?? "", origin: origin))
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success:
            return Self.redirect("\(Self.prefix)/")
        case .failure(.locked):
            var response = loginForm(message: "Dit account is geblokkeerd na te veel mislukte pogingen. Vraag een beheerder het vrij te geven.", status: .forbidden)
            response.setCookie(cookie(cookieName, "", maxAge: 0))
            return response
        case .failure(.loginFailed):
            return try await secondFactorForm(request, message: "Deze code klopt niet, of is al gebruikt. Wacht op de volgende code en probeer het opnieuw.", status: .unauthorized)
        case .failure(let error):
            throw error
        }
    }

    func newPasswordForm(_ request: Request, message: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (_, session, account) = try await pending(request)
        return Self.page(status: status, title: "Nieuw wachtwoord", account: nil, csrf: nil, body: """
            <h1>Kies een nieuw wachtwoord</h1>
            <p>U logde in met een eenmalig wachtwoord, \(account.displayName.html). Kies nu uw eigen wachtwoord: minstens \(Passwords.minimumLength) tekens. Een zin van een paar woorden is sterk en goed te onthouden.</p>
            \(message.map { "<p class=\"fout\" role=\"alert\">\($0.html)</p>" } ?? "")
            <form method="post" action="\(Self.prefix)/nieuw-wachtwoord">
            <input type="hidden" name="csrf" value="\(session.csrfToken.html)">
            <input type="hidden" name="gebruikersnaam" value="\(account.username.html)" autocomplete="username">
            <p><label for="wachtwoord">Nieuw wachtwoord</label><br>
            <input id="wachtwoord" name="wachtwoord" type="password" autocomplete="new-password" required minlength="\(Passwords.minimumLength)" maxlength="200"></p>
            <p><label for="herhaling">Nieuw wachtwoord, nog een keer</label><br>
            <input id="herhaling" name="herhaling" type="password" autocomplete="new-password" required maxlength="200"></p>
            <p><button type="submit">Opslaan</button></p>
            </form>
            """)
    }

    func newPassword(_ request: Request, origin: String) async throws -> Response {
        let (token, session, _) = try await pending(request)
        let form = try await FormData.read(request, limit: 16 << 10)
        guard let sent = form["csrf"], Authenticator.constantTimeEqual(sent, session.csrfToken) else {
            return try await newPasswordForm(request, message: "Het formulier was verlopen. Probeer het opnieuw.", status: .forbidden)
        }
        let password = form["wachtwoord"] ?? ""
        guard password == form["herhaling"] else {
            return try await newPasswordForm(request, message: "De twee wachtwoorden zijn niet gelijk.", status: .badRequest)
        }
        do {
            let step = try await authenticator.changePassword(token: token, new: password, origin: origin)
            return Self.redirect(next(after: step))
        } catch {
            guard case .invalid(_, let expected, _) = error else { throw error }
            return try await newPasswordForm(request, message: "Dit wachtwoord kan niet: kies \(Self.dutch(expected)).", status: .badRequest)
        }
    }

    /// The Dutch of the password rules' English wording.
    static func dutch(_ expected: String) -> String {
        if expected.hasPrefix("at least") { return "minstens \(Passwords.minimumLength) tekens" }
        if expected.hasPrefix("at most") { return "hoogstens \(Passwords.maximumBytes) bytes (minder lange of minder bijzondere tekens)" }
        return "een wachtwoord dat niet uw gebruikersnaam is en niet uit één herhaald teken bestaat"
    }
}
