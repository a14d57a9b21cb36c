import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ZichtWorkspace

extension Werkomgeving {
    func accounts(user: User, message: String?) async throws -> Response {
        guard Rights.allows(user.account, .manageAccounts) else { throw try await deny(user, action: "accounts", object: "accounts") }
        let rows = try await store.accounts().map { account in
            let unlock = account.isLocked ? """
                <form method="post" action="\(Self.prefix)/gebruikers/ontgrendelen"><input type="hidden" name="csrf" value="\(user.session.csrfToken.html)"><input type="hidden" name="id" value="\(account.id)"><button type="submit">Vrijgeven<span class="verborgen"> \(account.username.html)</span></button></form>
                """ : ""
            let state = [
                account.isLocked ? "geblokkeerd" : nil, account.isDisabled ? "uitgeschakeld" : nil,
                account.mustChangePassword ? "moet wachtwoord kiezen" : nil, account.hasSecondFactor ? "tweede factor ingesteld" : nil,
                account.isExternal ? "via identity provider" : nil,
            ].compactMap { $0 }.joined(separator: ", ")
            let assignments = account.assignments.map(\.description).sorted().joined(separator: ", ")
            return """
                <tr><td>\(account.username.html)</td><td>\(account.displayName.html)</td><td>\(account.roles.sorted().map(\.title).joined(separator: ", ").html)</td><td>\(assignments.html)</td><td>\(state.html)</td><td>\(unlock)</td></tr>
                """
        }
        let roleBoxes = Role.allCases.map { role in
            "<li><input type=\"checkbox\" id=\"rol-\(role.rawValue)\" name=\"rol-\(role.rawValue)\" value=\"1\"><label for=\"rol-\(role.rawValue)\">\(role.title)</label></li>"
        }
        return Self.page(title: "Gebruikers", account: user.account, csrf: user.session.csrfToken, body: """
            <h1>Gebruikers</h1>
            \(message ?? "")
            \(Self.table(id: "tabel-accounts", caption: "Alle accounts", columns: ["Gebruikersnaam", "Naam", "Rollen", "Toegewezen pagina's", "Status", "Acties"], rows: rows))
            <h2>Nieuw account</h2>
            <form method="post" action="\(Self.prefix)/gebruikers">
            <input type="hidden" name="csrf" value="\(user.session.csrfToken.html)">
            <p><label for="gebruikersnaam">Gebruikersnaam (kleine letters, cijfers, punt, streepje)</label><br><input id="gebruikersnaam" name="gebruikersnaam" required maxlength="64"></p>
            <p><label for="naam">Naam</label><br><input id="naam" name="naam" required maxlength="200"></p>
            <fieldset><legend>Rollen</legend><ul class="keuzes">\(roleBoxes.joined())</ul></fieldset>
            <p><label for="toewijzing">Toegewezen pagina's voor een auteur (bijvoorbeeld <code>begroting-2019/7.2</code>; meerdere met komma's)</label><br><input id="toewijzing" name="toewijzing" maxlength="2000"></p>
            <p><button type="submit">Account maken</button></p>
            </form>
            """)
    }

    func createAccount(form: FormData, user: User) async throws -> Response {
        guard Rights.allows(user.account, .manageAccounts) else { throw try await deny(user, action: "account.create", object: form["gebruikersnaam"] ?? "-") }
        let username = (form["gebruikersnaam"] ?? "").trimmingCharacters(in: .whitespaces)
        let roles = Set(Role.allCases.filter { form["rol-\($0.rawValue)"] == "1" })
        let assignments = (form["toewijzing"] ?? "").split(separator: ",").compactMap { item -> PageRef? in
            let text = item.trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : PageRef(parsing: text)
        }
        guard !roles.isEmpty else {
            return try await accounts(user: user, message: "<p class=\"fout\" role=\"alert\">Kies minstens één rol.</p>")
        }
        let oneTime = Passwords.oneTime()
        let hash = await Task.detached { Passwords.hash(oneTime) }.value
        do {
            var account = try await store.createAccount(
                username: username, displayName: (form["naam"] ?? username).trimmingCharacters(in: .whitespaces), roles: roles, passwordHash: hash,
                mustChangePassword: true, isExternal: false,
                audit: AuditEvent(
                    actor: user.account.username, origin: user.origin, action: "account.create", object: username, result: .success,
                    detail: "roles: \(roles.sorted().map(\.rawValue).joined(separator: ","))"))
            if !assignments.isEmpty {
                account.assignments = Set(assignments)
                try await store.updateAccount(account, audit: AuditEvent(
                    actor: user.account.username, origin: user.origin, action: "account.assign", object: username, result: .success,
                    detail: assignments.map(\.description).joined(separator: ", ")))
            }
            return try await accounts(user: user, message: """
                <div class="gelukt" role="status"><p>Account <strong>\(username.html)</strong> gemaakt. Het eenmalige wachtwoord is:</p>
                <p class="sleutel"><code>\(oneTime)</code></p>
                <p>Geef het persoonlijk door. Het wordt niet bewaard en hier niet nog eens getoond; bij de eerste keer inloggen kiest de gebruiker een eigen wachtwoord\(roles.contains(where: \.requiresSecondFactor) ? " en stelt een tweede factor in" : "").</p></div>
                """)
        } catch let error as WorkspaceError {
            let reason = switch error {
            case .duplicate: "Deze gebruikersnaam bestaat al."
            case .invalid: "Deze gebruikersnaam kan niet: gebruik 2 tot 64 kleine letters, cijfers, punten, streepjes of lage streepjes, te beginnen met een letter of cijfer."
            default: "Het account kon niet worden gemaakt."
            }
            return try await accounts(user: user, message: "<p class=\"fout\" role=\"alert\">\(reason)</p>")
        }
    }

    func unlock(form: FormData, user: User) async throws -> Response {
        guard Rights.allows(user.account, .manageAccounts), let id = form["id"].flatMap(Int64.init), var account = try await store.account(id: id) else {
            throw try await deny(user, action: "account.unlock", object: form["id"] ?? "-")
        }
        account.isLocked = false
        try await store.updateAccount(account, audit: AuditEvent(actor: user.account.username, origin: user.origin, action: "account.unlock", object: account.username, result: .success))
        return try await accounts(user: user, message: "<p class=\"gelukt\" role=\"status\">Account \(account.username.html) is vrijgegeven.</p>")
    }

    func auditLog(user: User, from: Int64) async throws -> Response {
        guard Rights.allows(user.account, .readAudit) else { throw try await deny(user, action: "audit.read", object: "audit") }
        let pageSize = 200
        let entries = try await store.auditEntries(from: max(1, from), limit: pageSize)
        let verdict: String
        do {
            let count = try await AuditChain.verify(store.allAuditEntries())
            verdict = "<p class=\"gelukt\" role=\"status\">De keten van \(count) regels is ongeschonden: geen regel is veranderd, tussengevoegd of weggehaald.</p>"
        } catch let broken as AuditChain.Break {
            verdict = "<p class=\"fout\" role=\"alert\">De keten is verbroken bij regel \(broken.sequence): \(broken.reason.html).</p>"
        }
        let rows = entries.map { entry in
            """
            <tr><td>\(entry.sequence)</td><td>\(Self.time(entry.time))</td><td>\(entry.actor.html)</td><td>\(entry.origin.html)</td><td>\(entry.action.html)</td><td>\(entry.object.html)</td><td>\(entry.result.rawValue)</td><td>\(entry.detail.html)</td></tr>
            """
        }
        let next = entries.count == pageSize ? "<p><a href=\"\(Self.prefix)/auditlog?vanaf=\(max(1, from) + Int64(pageSize))\">Volgende regels</a></p>" : ""
        return Self.page(title: "Auditlog", account: user.account, csrf: user.session.csrfToken, body: """
            <h1>Auditlog</h1>
            \(verdict)
            <p><a href="\(Self.prefix)/auditlog.csv">Het hele auditlog downloaden (CSV)</a></p>
            \(Self.table(
                id: "tabel-auditlog", caption: "Regels \(max(1, from)) tot en met \(max(1, from) + Int64(entries.count) - 1)",
                columns: ["Nr.", "Tijd (UTC)", "Wie", "Vanaf", "Actie", "Object", "Resultaat", "Toelichting"], rows: rows))
            \(next)
            """)
    }

    static func css() -> Response {
        let css = """
            body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1b1b1b; }
            header { background: #1d4f91; color: #fff; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
            header a, header button { color: #fff; }
            header ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; }
            header button { background: none; border: 1px solid #fff; padding: 0.2rem 0.6rem; cursor: pointer; }
            .merk { font-weight: bold; margin: 0; }
            main { max-width: 70rem; margin: 0 auto; padding: 1rem; }
            .tabel { overflow-x: auto; position: relative; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border-bottom: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
            caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
            textarea { width: 100%; font-family: ui-monospace, monospace; font-size: 0.95rem; }
            .fout { border-left: 4px solid #b00020; background: #fdecee; padding: 0.5rem 1rem; }
            .gelukt { border-left: 4px solid #1e7a34; background: #e9f6ec; padding: 0.5rem 1rem; }
            .naar-inhoud { position: absolute; left: -999px; }
            .naar-inhoud:focus { left: 1rem; top: 0.5rem; background: #fff; color: #1d4f91; padding: 0.5rem; }
            .verborgen { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
            .sleutel code, .adres { font-size: 1.1rem; word-break: break-all; }
            .versie { white-space: pre-wrap; background: #f5f5f5; padding: 0.5rem; }
            .keuzes { list-style: none; padding: 0; }
            select, input[type=file] { max-width: 100%; }
            main:has(> .bewerken) { max-width: 120rem; }
            .bewerken { display: grid; gap: 1.5rem; }
            @media (min-width: 80rem) { .bewerken { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .concept { position: sticky; top: 0; align-self: start; } }
            .bewerken label { display: block; font-weight: 600; }
            .bewerken input[type=text] { width: 100%; box-sizing: border-box; font-size: 1rem; padding: 0.2rem; }
            .bewerken input[type=checkbox] + label { display: inline; font-weight: normal; }
            fieldset { border: 1px solid #bbb; margin: 0 0 1rem; padding: 0.5rem 1rem; }
            legend { font-weight: bold; padding: 0 0.3rem; }
            .kader { border-top: 1px dashed #ccc; }
            .veldfout { color: #b00020; margin: 0.2rem 0; }
            [aria-invalid=true] { border: 2px solid #b00020; }
            .concept iframe { width: 100%; height: 85vh; border: 1px solid #888; background: #fff; }
            .knoppen button { font-size: 1rem; padding: 0.3rem 1rem; }
            a { color: #1d4f91; }
            :focus-visible { outline: 3px solid #b8420f; outline-offset: 2px; }
            .diepte-1 { padding-left: 1.5rem; } .diepte-2 { padding-left: 3rem; } .diepte-3 { padding-left: 4.5rem; }
            .diepte-4 { padding-left: 6rem; } .diepte-5 { padding-left: 7.5rem; } .diepte-6 { padding-left: 9rem; }

            """
        return Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: css)))
    }
}
