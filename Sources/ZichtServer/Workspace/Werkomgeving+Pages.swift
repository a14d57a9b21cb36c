import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ZichtCore
import ZichtSources
import ZichtWorkspace

extension Werkomgeving {
    /// A page of the werkomgeving: header with the account and its menu, then `body`.
    static func page(status: HTTPResponse.Status = .ok, title: String, account: Account?, csrf: String?, body: String) -> Response {
        var menu = ""
        if let account {
            var links = ["<a href=\"\(prefix)/\">Pagina's</a>", "<a href=\"\(prefix)/voorbeeld/\">Voorbeeld van de site</a>"]
            if account.roles.contains(.analist) { links.append("<a href=\"\(prefix)/analyse\">Analyse</a>") }
            if account.roles.contains(.redacteur) { links.append("<a href=\"\(prefix)/publicatie\">Export en publicatie</a>") }
            if account.roles.contains(.beheerder) {
                links += ["<a href=\"\(prefix)/gebruikers\">Gebruikers</a>", "<a href=\"\(prefix)/auditlog\">Auditlog</a>"]
            }
            links.append("<a href=\"\(prefix)/api-tokens\">API-tokens</a>")
            let logout = csrf.map {
                """
                <form method="post" action="\(prefix)/uitloggen" class="uitloggen"><input type="hidden" name="csrf" value="\($0.html)"><button type="submit">Uitloggen</button></form>
                """
            } ?? ""
            menu = """
                <nav aria-label="Werkomgeving"><ul>\(links.map { "<li>\($0)</li>" }.joined())</ul></nav>
                <p class="wie">Ingelogd als <strong>\(account.displayName.html)</strong> (\(account.roles.sorted().map(\.title).joined(separator: ", ").html))</p>
                \(logout)
                """
        }
        let html = """
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title.html) — Werkomgeving Zicht</title>
            <link rel="stylesheet" href="\(prefix)/stijl.css">
            </head>
            <body>
            <a class="naar-inhoud" href="#inhoud">Naar de inhoud</a>
            <header><p class="merk">Zicht — werkomgeving</p>\(menu)</header>
            <main id="inhoud" tabindex="-1">
            \(body)
            </main>
            </body>
            </html>

            """
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A data table with its caption and column heads, in a container that scrolls sideways on its own
    /// when the table is wider than the screen: the page itself then does not scroll (WCAG 1.4.10
    /// allows this for data tables). The container is named by the caption and can be focused, so
    /// that it scrolls with the keyboard too. `caption`, `columns` and `rows` are HTML.
    static func table(id: String, caption: String, columns: [String], rows: [String]) -> String {
        """
        <div class="tabel" role="region" tabindex="0" aria-labelledby="\(id)"><table>
        <caption id="\(id)">\(caption)</caption>
        <thead><tr>\(columns.map { "<th scope=\"col\">\($0)</th>" }.joined())</tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table></div>
        """
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    // MARK: The tree

    /// The page and its ancestors as references, for ``Rights``.
    func reference(of node: Node) -> PageRef {
        let key = node.documentKey ?? ""
        let id = key.isEmpty ? node.id : String(node.id.dropFirst(key.count + 1))
        return PageRef(document: key, id: id)
    }

    func ancestors(of node: Node, in document: Document) -> [PageRef] {
        document.ancestors(of: node).reversed().map(reference(of:))
    }

    /// The node read from `file`, when the file is a page.
    func node(for file: String, in document: Document?) -> Node? {
        document?.nodesInOrder.first { $0.sourceFile == file }
    }

    func mayEdit(_ user: User, file: String, document: Document?) -> Bool {
        if user.account.roles.contains(.redacteur) { return true }
        guard let document, let node = node(for: file, in: document) else { return false }
        return Rights.allows(user.account, .edit(reference(of: node)), ancestors: ancestors(of: node, in: document))
    }

    func home(user: User) async throws -> Response {
        let document = await preview.document
        let statuses = try await store.latestStatuses()
        let heads = try await store.headVersions()
        var rows: [String] = []
        for node in document?.nodesInOrder ?? [] where !node.sourceFile.isEmpty {
            let depth = document.map { $0.ancestors(of: node).count } ?? 0
            let edit = mayEdit(user, file: node.sourceFile, document: document)
                ? "<a href=\"\(Self.prefix)/bewerken?bestand=\(Self.query(node.sourceFile))\">Bewerken<span class=\"verborgen\"> \(node.shortTitle.html)</span></a>"
                : ""
            rows.append("""
                <tr><td class="diepte-\(min(depth, 6))">\(node.shortTitle.html)</td><td>\(node.kind.label?.html ?? "pagina")</td><td>\(try await reviewStatus(of: node.sourceFile, statuses: statuses, heads: heads).status.title)</td><td>\(edit) <a href="\(Self.prefix)/geschiedenis?bestand=\(Self.query(node.sourceFile))">Versies<span class="verborgen"> van \(node.shortTitle.html)</span></a></td></tr>
                """)
        }
        let assignments = user.account.roles.contains(.auteur) && !user.account.roles.contains(.redacteur)
            ? "<p>U kunt de pagina's bewerken die aan u zijn toegewezen, en alles wat eronder valt.</p>" : ""
        return Self.page(title: "Pagina's", account: user.account, csrf: user.session.csrfToken, body: """
            <h1>Pagina's</h1>
            \(assignments)
            \(Self.table(id: "tabel-paginas", caption: "Alle pagina's van de documenten, in de volgorde van de boom", columns: ["Pagina", "Soort", "Status", "Acties"], rows: rows))
            """)
    }

    static func query(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? ""
    }

    // MARK: Editing

    /// The editor of a page: the form (``formEditor(file:user:form:base:notice:problems:draftPath:status:)``)
    /// unless the text is asked for (`asText`), given (a text that did not save), or has no front matter.
    func editor(
        file: String, user: User, asText: Bool = false, text: String? = nil, base: Int? = nil, notice: String = "", status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let document = await preview.document
        guard (try? WorkspacePaths.validate(file)) != nil, let head = try await store.head(path: file), let bytes = head.bytes,
              mayEdit(user, file: file, document: document)
        else { throw try await deny(user, action: "edit", object: file) }
        let shown = text ?? String(decoding: bytes, as: UTF8.self)
        if !asText, text == nil, let form = ContentForm(parsing: shown) {
            try await drafts.remove(session: user.session.tokenHash)
            return try await formEditor(file: file, user: user, form: form, base: head.version, notice: notice, status: status)
        }
        let title = node(for: file, in: document)?.shortTitle ?? file
        return Self.page(status: status, title: "Bewerken: \(title)", account: user.account, csrf: user.session.csrfToken, body: """
            <h1>Bewerken: \(title.html)</h1>
            \(notice)
            <p>Bestand <code>\(file.html)</code>, versie \(base ?? head.version), laatst opgeslagen door \(head.savedBy.html). <a href="\(Self.prefix)/geschiedenis?bestand=\(Self.query(file))">Alle versies</a>\(ContentForm(parsing: shown) == nil ? "" : " · <a href=\"\(Self.prefix)/bewerken?bestand=\(Self.query(file))\">Met het formulier bewerken</a>")</p>
            <form method="post" action="\(Self.prefix)/bewerken">
            <input type="hidden" name="csrf" value="\(user.session.csrfToken.html)">
            <input type="hidden" name="bestand" value="\(file.html)">
            <input type="hidden" name="basis" value="\(base ?? head.version)">
            <p><label for="tekst">Tekst van de pagina (kenmerken tussen de twee regels <code>---</code>, daarna de tekst in Markdown)</label><br>
            <textarea id="tekst" name="tekst" rows="30" cols="100" spellcheck="true">\(shown.html)</textarea></p>
            <p><button type="submit">Opslaan</button></p>
            </form>
            \(imageForm(file: file, user: user))
            \(try await workflowSection(file: file, user: user))
            """)
    }

    func save(form: FormData, user: User) async throws -> Response {
        if form["formulier"] == "1" { return try await saveForm(form: form, user: user) }
        let file = form["bestand"] ?? ""
        let text = (form["tekst"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        guard let base = form["basis"].flatMap(Int.init) else { return Self.text(.badRequest, "Het veld 'basis' ontbreekt of is geen getal.") }
        let document = await preview.document
        guard (try? WorkspacePaths.validate(file)) != nil, try await store.head(path: file) != nil, mayEdit(user, file: file, document: document) else {
            throw try await deny(user, action: "save", object: file)
        }
        do {
            switch try await preview.save(path: file, bytes: Data(text.utf8), base: base, actor: user.account.username, origin: user.origin) {
            case .saved(let version, let milliseconds):
                return Self.redirect("\(Self.prefix)/bewerken?bestand=\(Self.query(file))&opgeslagen=\(version.version)&ms=\(Int(milliseconds.rounded()))")
            case .rejected(let diagnostics):
                let items = diagnostics.map { diagnostic in
                    let place = [diagnostic.line.map { "regel \($0)" }, diagnostic.column.map { "kolom \($0)" }, diagnostic.field.map { "veld \($0)" }]
                        .compactMap { $0 }.joined(separator: ", ")
                    return "<li>\(diagnostic.file.html)\(place.isEmpty ? "" : " (\(place.html))"): \(diagnostic.message.html)</li>"
                }
                return try await editor(file: file, user: user, text: text, base: base, notice: """
                    <div class="fout" role="alert"><p>Niet opgeslagen: met deze tekst kan de site niet worden gebouwd. Uw tekst staat hieronder nog; verbeter het en sla opnieuw op.</p><ul>\(items.joined())</ul></div>
                    """, status: .unprocessableContent)
            }
        } catch let error as WorkspaceError {
            guard case .conflict(_, _, let head) = error else { throw error }
            let theirs = try await store.version(path: file, number: head)
            return try await editor(file: file, user: user, text: text, base: head, notice: conflictNotice(head: head, theirs: theirs), status: .conflict)
        }
    }

    func history(file: String, version: Int?, user: User) async throws -> Response {
        // Pages and their images are for everyone inside; the project's other files (settings, data
        // such as incident files with addresses) only for the roles that work with them.
        let isContent = file.hasPrefix("content/")
        guard (try? WorkspacePaths.validate(file)) != nil, Rights.allows(user.account, .readInternal),
              isContent || Rights.allows(user.account, .readAnalysis) || Rights.allows(user.account, .export)
        else {
            throw try await deny(user, action: "history", object: file)
        }
        if !isContent, version != nil {
            _ = try await store.appendAudit(
                AuditEvent(actor: user.account.username, origin: user.origin, action: "data.read", object: file, result: .success, detail: "version \(version!)"),
                at: Self.now)
        }
        let versions = try await store.history(path: file)
        guard !versions.isEmpty else { throw try await deny(user, action: "history", object: file) }
        var shown = ""
        if let version, let chosen = try await store.version(path: file, number: version) {
            let document = await preview.document
            shown = """
                <h2>Versie \(chosen.version)</h2>
                \(version == versions.last?.version ? "" : restoreForm(file: file, number: chosen.version, user: user, document: document))
                <pre class="versie">\(chosen.bytes.map { String(decoding: $0, as: UTF8.self).html } ?? "(verwijderd)")</pre>
                \(try await differenceSection(file: file, number: chosen.version))
                """
        }
        let rows = versions.reversed().map { entry in
            """
            <tr><td><a href="\(Self.prefix)/geschiedenis?bestand=\(Self.query(file))&amp;versie=\(entry.version)">Versie \(entry.version)</a></td><td>\(entry.savedBy.html)</td><td>\(Self.time(entry.savedAt))</td></tr>
            """
        }
        return Self.page(title: "Versies van \(file)", account: user.account, csrf: user.session.csrfToken, body: """
            <h1>Versies van <code>\(file.html)</code></h1>
            \(Self.table(id: "tabel-versies", caption: "Elke opgeslagen versie, de nieuwste eerst", columns: ["Versie", "Opgeslagen door", "Tijd (UTC)"], rows: rows))
            \(shown)
            """)
    }

    static func time(_ milliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        return date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateTimeSeparator(.space))
    }

    // MARK: Preview

    /// A file of the preview site; `relative` is its path below `base` (the address the preview is under).
    func previewFile(_ relative: String, base: String, user: User) async throws -> Response {
        let sitePath = try? SitePath(raw: relative.isEmpty ? "/" : relative)
        guard let sitePath else { return Self.text(.badRequest, "Ongeldig adres.") }
        let folder = SiteFolder(path: preview.output.path)
        let resolution = try folder.resolve(sitePath)
        switch resolution {
        case .file(let file):
            let bytes = try file.read(at: 0, count: file.size)
            return Response(status: .ok, headers: [.contentType: FileContentType.forFile(named: file.name), .cacheControl: "no-store"], body: ResponseBody(byteBuffer: bytes))
        case .folder:
            return Self.redirect("\(base)\(sitePath.folderLocation)")
        case .missing:
            return Self.page(status: .notFound, title: "Niet gevonden", account: user.account, csrf: user.session.csrfToken, body: "<p>Deze pagina staat niet in het voorbeeld.</p>")
        }
    }
}
