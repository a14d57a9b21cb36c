import Foundation
import HTTPTypes
import Hummingbird
import ZichtCore
import ZichtWorkspace

extension Werkomgeving {
    /// The status of the newest version of a page: its own status, or concept when it has none yet.
    func reviewStatus(of file: String, statuses: [String: StatusChange], heads: [String: Int]? = nil) async throws -> (status: PageStatus, version: Int, change: StatusChange?) {
        let head: Int
        if let heads { head = heads[file] ?? 0 } else { head = try await store.head(path: file)?.version ?? 0 }
        guard let change = statuses[file], change.version == head else { return (.concept, head, nil) }
        return (change.status, head, change)
    }

    /// The review block under the editor: the status, the comments, and the steps this account may take.
    func workflowSection(file: String, user: User) async throws -> String {
        guard Workflow.isPage(file) else { return "" }
        let document = await preview.document
        let (current, version, _) = try await reviewStatus(of: file, statuses: try store.latestStatuses())
        let history = try await store.statusHistory(path: file).suffix(8).reversed().map { change in
            "<li>Versie \(change.version): \(change.status.title.html), door \(change.by.html) op \(Self.time(change.at))\(change.comment.isEmpty || change.comment == "imported" ? "" : ": “\(change.comment.html)”")</li>"
        }
        var forms: [String] = []
        for step in Workflow.Step.allCases where Workflow.next(from: current, by: step) != nil {
            guard let node = node(for: file, in: document), let document,
                  Rights.allows(user.account, Workflow.action(for: step, page: reference(of: node)), ancestors: ancestors(of: node, in: document))
            else { continue }
            let comment = Workflow.needsComment(step)
                ? "<p><label for=\"opmerking-\(step.rawValue)\">Waarom terugsturen? (verplicht)</label><br><textarea id=\"opmerking-\(step.rawValue)\" name=\"opmerking\" rows=\"3\" cols=\"60\" required maxlength=\"2000\"></textarea></p>"
                : "<p><label for=\"opmerking-\(step.rawValue)\">Opmerking (niet verplicht)</label><br><input id=\"opmerking-\(step.rawValue)\" name=\"opmerking\" maxlength=\"2000\"></p>"
            forms.append("""
                <form method="post" action="\(Self.prefix)/status">
                <input type="hidden" name="csrf" value="\(user.session.csrfToken.html)">
                <input type="hidden" name="bestand" value="\(file.html)">
                <input type="hidden" name="versie" value="\(version)">
                <input type="hidden" name="stap" value="\(step.rawValue)">
                \(comment)
                <p><button type="submit">\(step.title)</button></p>
                </form>
                """)
        }
        return """
            <section aria-labelledby="review"><h2 id="review">Review</h2>
            <p>Versie \(version) is: <strong>\(current.title)</strong>. Alleen goedgekeurde versies komen in een export en op de publieke site.</p>
            \(forms.joined(separator: "\n"))
            \(history.isEmpty ? "" : "<h3>Eerder</h3><ul>\(history.joined())</ul>")
            </section>
            """
    }

    func changeStatus(form: FormData, user: User) async throws -> Response {
        let file = form["bestand"] ?? ""
        let document = await preview.document
        guard let step = form["stap"].flatMap(Workflow.Step.init(rawValue:)), let version = form["versie"].flatMap(Int.init),
              Workflow.isPage(file), let document, let node = node(for: file, in: document),
              Rights.allows(user.account, Workflow.action(for: step, page: reference(of: node)), ancestors: ancestors(of: node, in: document))
        else { throw try await deny(user, action: "status", object: file) }
        let (current, head, _) = try await reviewStatus(of: file, statuses: try store.latestStatuses())
        let comment = (form["opmerking"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard version == head, let next = Workflow.next(from: current, by: step) else {
            return try await editor(file: file, user: user, notice: """
                <p class="fout" role="alert">Dit kan niet meer: de pagina is intussen opgeslagen of van status veranderd. Bekijk de nieuwe stand hieronder.</p>
                """, status: .conflict)
        }
        if Workflow.needsComment(step) && comment.isEmpty {
            return try await editor(file: file, user: user, notice: "<p class=\"fout\" role=\"alert\">Zeg waarom u de pagina terugstuurt.</p>", status: .badRequest)
        }
        try await store.setStatus(
            StatusChange(path: file, version: version, status: next, comment: String(comment.prefix(2000)), by: user.account.username, at: Self.now),
            audit: AuditEvent(actor: user.account.username, origin: user.origin, action: "status", object: file, result: .success, detail: "version \(version): \(current.rawValue) → \(next.rawValue)"))
        return Self.redirect("\(Self.prefix)/bewerken?bestand=\(Self.query(file))&status=\(next.rawValue)&versie=\(version)")
    }

    // MARK: Export and publication

    /// The message of a page that a form sent the browser to (post, then redirect, then get: a reload
    /// of the page shows it again instead of sending the form again). Only numbers and known
    /// statuses come from the address.
    static func editorNotice(saved: Int?, milliseconds: Int?, status: PageStatus?, restored: Int?, version: Int?) -> String {
        if let saved {
            let timing = milliseconds.map { " Het voorbeeld is bijgewerkt (in \($0) ms)." } ?? ""
            return "<p class=\"gelukt\" role=\"status\">Opgeslagen als versie \(saved).\(timing)</p>"
        }
        if let status, let version { return "<p class=\"gelukt\" role=\"status\">Versie \(version) is nu: \(status.title).</p>" }
        if let restored, let version { return "<p class=\"gelukt\" role=\"status\">Versie \(restored) is teruggezet als versie \(version).</p>" }
        return ""
    }

    func publicationNotice(export: Int?, online: Int?, pages: Int?) async throws -> String {
        if let export, let made = try await store.export(number: export) {
            return "<p class=\"gelukt\" role=\"status\">Export \(made.number) is gemaakt, met \(made.files.count) bestanden.</p>"
        }
        if let online, let pages { return "<p class=\"gelukt\" role=\"status\">Export \(online) staat online: \(pages) pagina's.</p>" }
        return ""
    }

    func publication(user: User, notice: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        guard Rights.allows(user.account, .export) else { throw try await deny(user, action: "publication", object: "exports") }
        let statuses = try await store.latestStatuses()
        var waiting: [String] = []
        for file in try await store.headFiles().map(\.path) where Workflow.isPage(file) {
            let (current, version, _) = try await reviewStatus(of: file, statuses: statuses)
            if current != .goedgekeurd { waiting.append("<li><a href=\"\(Self.prefix)/bewerken?bestand=\(Self.query(file))\">\(file.html)</a>: versie \(version) is \(current.title.lowercased())</li>") }
        }
        let published = try await store.publications().last
        let rows = try await store.exports().reversed().map { export in
            let live = published?.export == export.number ? " (staat nu online)" : ""
            return """
                <tr><td>Export \(export.number)\(live)</td><td>\(Self.time(export.createdAt))</td><td>\(export.createdBy.html)</td><td>\(export.files.count)</td>
                <td><form method="post" action="\(Self.prefix)/publiceren"><input type="hidden" name="csrf" value="\(user.session.csrfToken.html)"><input type="hidden" name="nummer" value="\(export.number)"><button type="submit">Publiceren<span class="verborgen"> export \(export.number)</span></button></form></td></tr>
                """
        }
        return Self.page(status: status, title: "Export en publicatie", account: user.account, csrf: user.session.csrfToken, body: """
            <h1>Export en publicatie</h1>
            \(notice)
            <p>Een export legt de goedgekeurde versie van elke pagina vast, met de gegevens en instellingen zoals ze nu zijn. Een export verandert nooit meer. Publiceren bouwt de publieke site uit een export; een eerdere export opnieuw publiceren zet de site terug.</p>
            \(waiting.isEmpty ? "<p>Alle pagina's zijn goedgekeurd.</p>" : "<h2>Nog niet goedgekeurd</h2><p>Van deze pagina's gaat de laatst goedgekeurde versie mee in een export:</p><ul>\(waiting.joined())</ul>")
            <form method="post" action="\(Self.prefix)/export"><input type="hidden" name="csrf" value="\(user.session.csrfToken.html)"><p><button type="submit">Nieuwe export maken</button></p></form>
            \(Self.table(id: "tabel-exports", caption: "Exports, de nieuwste eerst", columns: ["Export", "Gemaakt (UTC)", "Door", "Bestanden", "Actie"], rows: rows))
            """)
    }

    func makeExport(user: User) async throws -> Response {
        guard Rights.allows(user.account, .export) else { throw try await deny(user, action: "export", object: "exports") }
        do {
            let export = try await store.createExport(
                by: user.account.username, at: Self.now,
                audit: AuditEvent(actor: user.account.username, origin: user.origin, action: "export", object: "exports", result: .success))
            return Self.redirect("\(Self.prefix)/publicatie?export=\(export.number)")
        } catch WorkspaceError.unchangedSinceExport(let number) {
            // Also what the second of two redacteurs who click at the same moment sees.
            return try await publication(user: user, notice: """
                <div class="fout" role="alert"><p>Geen nieuwe export gemaakt: er is niets veranderd sinds export \(number), die deze versies al bevat. U kunt export \(number) publiceren.</p></div>
                """, status: .conflict)
        }
    }

    func publish(form: FormData, user: User) async throws -> Response {
        guard Rights.allows(user.account, .publish), let number = form["nummer"].flatMap(Int.init), try await store.export(number: number) != nil else {
            throw try await deny(user, action: "publish", object: "export \(form["nummer"] ?? "-")")
        }
        do {
            let pages = try await publisher.publish(number, by: user.account.username, origin: user.origin)
            return Self.redirect("\(Self.prefix)/publicatie?online=\(number)&paginas=\(pages)")
        } catch let error as DiagnosticsError {
            let items = error.diagnostics.prefix(20).map { "<li>\($0.description.html)</li>" }.joined()
            return try await publication(user: user, notice: """
                <div class="fout" role="alert"><p>Niet gepubliceerd: uit export \(number) kan geen site worden gebouwd. De publieke site is niet veranderd.</p><ul>\(items)</ul></div>
                """, status: .unprocessableContent)
        }
    }
}
