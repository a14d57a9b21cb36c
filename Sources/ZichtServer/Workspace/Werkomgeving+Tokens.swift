import Foundation
import HTTPTypes
import Hummingbird
import ZichtWorkspace

extension Werkomgeving {
    /// `/api-tokens`: the account's own API tokens, a form to make one, and a button to revoke each.
    func tokenPage(user: User, notice: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        let now = Self.now
        let rows = try await store.apiTokens(accountID: user.account.id).map { token in
            let state = token.revokedAt != nil ? "ingetrokken" : (token.isValid(at: now) ? "geldig" : "verlopen")
            let revoke = token.isValid(at: now) ? """
                <form method="post" action="\(Self.prefix)/api-tokens/intrekken"><input type="hidden" name="csrf" value="\(user.session.csrfToken.html)"><input type="hidden" name="token" value="\(token.id)"><button type="submit">Intrekken<span class="verborgen"> \(token.name.html)</span></button></form>
                """ : ""
            return """
                <tr><td>\(token.name.html)</td><td>\(Self.time(token.createdAt))</td><td>\(token.lastUsedAt.map(Self.time) ?? "nog niet")</td><td>\(token.expiresAt.map(Self.time) ?? "-")</td><td>\(state)</td><td>\(revoke)</td></tr>
                """
        }
        return Self.page(status: status, title: "API-tokens", account: user.account, csrf: user.session.csrfToken, body: """
            <h1>API-tokens</h1>
            \(notice)
            <p>Met een API-token kan een script of een ander systeem (het financiële systeem, een dashboard) de API van de werkomgeving gebruiken (<a href="/api/v1/openapi.json">beschrijving</a>), met de rechten van uw rollen. Geef het token alleen aan dat systeem; trek het in zodra het niet meer nodig is. Elk token verloopt, uiterlijk na een jaar.</p>
            \(Self.table(id: "tabel-tokens", caption: "Uw API-tokens", columns: ["Naam", "Gemaakt (UTC)", "Laatst gebruikt (UTC)", "Verloopt (UTC)", "Status", "Actie"],
                         rows: rows.isEmpty ? ["<tr><td colspan=\"6\">Nog geen tokens.</td></tr>"] : rows))
            <h2>Nieuw token</h2>
            <form method="post" action="\(Self.prefix)/api-tokens">
            <input type="hidden" name="csrf" value="\(user.session.csrfToken.html)">
            <p><label for="token-naam">Waarvoor is het? (naam)</label><br><input id="token-naam" name="naam" required maxlength="100"></p>
            <p><label for="token-dagen">Geldig (dagen, 1 tot \(Authenticator.apiTokenMaximumDays))</label><br><input id="token-dagen" name="dagen" type="number" min="1" max="\(Authenticator.apiTokenMaximumDays)" value="90" required></p>
            <p><button type="submit">Token maken</button></p>
            </form>
            """)
    }

    func createToken(form: FormData, user: User) async throws -> Response {
        do {
            let (secret, token) = try await authenticator.createAPIToken(
                for: user.account, name: form["naam"] ?? "", days: Int(form["dagen"] ?? "") ?? 0, origin: user.origin)
            // Shown once, on this answer only (not stored, so not after a redirect).
            return try await tokenPage(user: user, notice: """
                <div class="gelukt" role="status"><p>Token <strong>\(token.name.html)</strong> gemaakt. Kopieer het nu: het wordt maar één keer getoond en niet bewaard.</p>
                <p class="sleutel"><code>\(secret.html)</code></p></div>
                """)
        } catch let error as WorkspaceError {
            return try await tokenPage(user: user, notice: "<p class=\"fout\" role=\"alert\">Niet gemaakt: geef een naam (hoogstens 100 tekens) en een geldigheid van 1 tot \(Authenticator.apiTokenMaximumDays) dagen. <span lang=\"en\">(\(error.description.html))</span></p>", status: .badRequest)
        }
    }

    func revokeToken(form: FormData, user: User) async throws -> Response {
        guard let id = form["token"].flatMap(Int64.init),
              try await store.revokeAPIToken(
                id: id, accountID: user.account.id, at: Self.now,
                audit: AuditEvent(actor: user.account.username, origin: user.origin, action: "api-token.revoke", object: user.account.username, result: .success, detail: "token \(id)"))
        else { throw try await deny(user, action: "api-token.revoke", object: form["token"] ?? "") }
        return Self.redirect("\(Self.prefix)/api-tokens?ingetrokken=\(id)")
    }
}
