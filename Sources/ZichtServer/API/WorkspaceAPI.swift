import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ZichtCore
import ZichtSources
import ZichtWorkspace

/// `/api/v1`: the API of the werkomgeving as `openapi.yaml` describes it (NL GOV API Design Rules).
/// Each request carries a personal API token (`Authorization: Bearer …`); there is no session. The
/// rights are the werkomgeving's own (``Werkomgeving/mayEdit(_:file:document:)``), checked here per
/// object; an object the token's owner may not see answers 404 like one that does not exist.
struct WorkspaceAPI: Sendable {
    let werkomgeving: Werkomgeving
    var store: any WorkspaceStore { werkomgeving.store }
    var preview: PreviewSite { werkomgeving.preview }

    /// The largest request body (a page's text and a little JSON around it).
    static let bodyLimit = Werkomgeving.formLimit + (64 << 10)

    struct Caller {
        var account: Account
        var origin: String
        var user: Werkomgeving.User
    }

    func respond(to request: Request, context: WorkspaceRequestContext) async throws -> Response {
        let path = request.uri.path
        if path == APIDocument.prefix + "/openapi.json" { return APIDocument.respond(to: request) }
        let origin = werkomgeving.origin(request, context)
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let (_, account) = try await werkomgeving.authenticator.authenticateAPI(bearer: String(header.dropFirst("Bearer ".count)))
        else {
            var response = APIDocument.problem(.unauthorized, title: "Niet ingelogd", detail: "Stuur een geldig API-token mee: Authorization: Bearer …")
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        // A session only for the werkomgeving's checks that take one; it is never stored.
        let session = Session(tokenHash: "", accountID: account.id, createdAt: 0, lastSeenAt: 0, csrfToken: "", isComplete: true, origin: origin)
        let caller = Caller(account: account, origin: origin, user: Werkomgeving.User(account: account, session: session, origin: origin))
        let segments = path.dropFirst(APIDocument.prefix.count).split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        // No trailing slash, no empty segment (`/core/no-trailing-slash`): 404, not a redirect.
        guard !segments.isEmpty, !segments.contains("") else { return notFound() }
        do {
            switch (request.method, segments.count, segments.first) {
            case (.get, 1, "documenten"): return try await documents()
            case (.get, 2, "documenten"): return try await document(segments[1])
            case (.get, 3, "documenten") where segments[2] == "paginas": return try await pages(of: segments[1], caller: caller)
            case (.get, 4, "documenten") where segments[2] == "paginas": return try await page(segments[1], segments[3], caller: caller)
            case (.put, 4, "documenten") where segments[2] == "paginas":
                return try await save(segments[1], segments[3], request: request, caller: caller)
            case (.get, 5, "documenten") where segments[2] == "paginas" && segments[4] == "versies":
                return try await versions(segments[1], segments[3], caller: caller)
            case (.get, 6, "documenten") where segments[2] == "paginas" && segments[4] == "versies":
                return try await version(segments[1], segments[3], number: segments[5], caller: caller)
            case (.get, 1, "exports"): return try await exports(caller: caller)
            case (.post, 1, "exports"): return try await makeExport(caller: caller)
            case (.get, 2, "exports"): return try await export(segments[1], caller: caller)
            case (.get, 1, "publicaties"): return try await publications(caller: caller)
            case (.post, 1, "publicaties"): return try await publish(request: request, caller: caller)
            case (.get, 1, "gebruikers"): return try await accounts(caller: caller)
            case (.get, 1, "auditregels"): return try await auditLines(request: request, caller: caller)
            case (.get, 1, "indicatoren"): return try await indicators(only: nil, caller: caller)
            case (.get, 2, "indicatoren"): return try await indicators(only: segments[1], caller: caller)
            case (.get, 3, "documenten") where segments[2] == "financiele-tabellen": return try await financialTables(segments[1], caller: caller)
            case (.get, 1, "api-tokens"): return try await tokens(caller: caller)
            case (.delete, 2, "api-tokens"): return try await revoke(segments[1], caller: caller)
            default: return notFound()
            }
        } catch let refusal as Refusal {
            return refusal.response
        }
    }

    struct Refusal: Error { var response: Response }

    func notFound() -> Response {
        APIDocument.problem(.notFound, title: "Niet gevonden", detail: "Dit bestaat niet, of u hebt er geen recht op.")
    }

    // MARK: Documents and pages

    /// The documents of the project: those of the cycle, or the one document of a project without one.
    func documentList() async -> [(id: String, kind: String, year: Int?, title: String, pages: [Node])] {
        let nodes = await preview.document?.nodesInOrder ?? []
        guard let config = await preview.config, config.isCycle else {
            let root = nodes.first { $0.kind == .document }
            return [("document", "document", nil, root?.title ?? "Document", nodes.filter { !$0.sourceFile.isEmpty })]
        }
        return config.documents.map { info in
            (info.key, info.kind.rawValue, info.year, info.title, nodes.filter { $0.documentKey == info.key && !$0.sourceFile.isEmpty })
        }
    }

    func documentJSON(_ document: (id: String, kind: String, year: Int?, title: String, pages: [Node])) -> [String: Any] {
        ["id": document.id, "soort": document.kind, "jaar": document.year as Any? ?? NSNull(), "titel": document.title, "aantalPaginas": document.pages.count]
    }

    func documents() async throws -> Response {
        try json(["documenten": await documentList().map(documentJSON)])
    }

    func document(_ id: String) async throws -> Response {
        guard let found = await documentList().first(where: { $0.id == id }) else { return notFound() }
        return try json(documentJSON(found))
    }

    /// The page `pageID` of document `documentID`, when the caller may read it.
    func findPage(_ documentID: String, _ pageID: String, caller: Caller) async throws -> Node {
        guard Rights.allows(caller.account, .readInternal), let document = await documentList().first(where: { $0.id == documentID }),
              let node = document.pages.first(where: { localID($0, in: documentID) == pageID })
        else { throw Refusal(response: notFound()) }
        return node
    }

    func localID(_ node: Node, in documentID: String) -> String {
        node.id.hasPrefix(documentID + "/") ? String(node.id.dropFirst(documentID.count + 1)) : node.id
    }

    func summary(_ node: Node, in documentID: String, statuses: [String: StatusChange], heads: [String: Int]) async throws -> [String: Any] {
        let (status, version, _) = try await werkomgeving.reviewStatus(of: node.sourceFile, statuses: statuses, heads: heads)
        let address = await preview.sitePath(of: node.id).map { "/" + $0 }
        return [
            "id": localID(node, in: documentID), "soort": node.kind.rawValue, "titel": node.title,
            "ouder": node.parentID.map { $0.hasPrefix(documentID + "/") ? String($0.dropFirst(documentID.count + 1)) : $0 } as Any? ?? NSNull(),
            "bestand": node.sourceFile, "adres": address as Any? ?? NSNull(), "versie": version, "status": status.rawValue,
        ]
    }

    func pages(of documentID: String, caller: Caller) async throws -> Response {
        guard Rights.allows(caller.account, .readInternal), let document = await documentList().first(where: { $0.id == documentID }) else {
            return notFound()
        }
        let statuses = try await store.latestStatuses(), heads = try await store.headVersions()
        var list: [[String: Any]] = []
        for node in document.pages { list.append(try await summary(node, in: documentID, statuses: statuses, heads: heads)) }
        return try json(["paginas": list])
    }

    func page(_ documentID: String, _ pageID: String, caller: Caller) async throws -> Response {
        let node = try await findPage(documentID, pageID, caller: caller)
        var object = try await summary(node, in: documentID, statuses: try store.latestStatuses(), heads: try store.headVersions())
        let text = try await store.head(path: node.sourceFile)?.bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let form = ContentForm(parsing: text)
        object["ondertitel"] = node.subtitle as Any? ?? NSNull()
        object["criteria"] = node.criteria
        object["indicatoren"] = node.indicatorIDs
        object["portefeuillehouder"] = node.portefeuillehouder.map { ["naam": $0.name, "functie": $0.role as Any? ?? NSNull()] } as Any? ?? NSNull()
        object["secties"] = (form?.sections ?? []).map { ["kop": $0.heading, "tekst": $0.text] }
        object["tekst"] = text
        return try json(object)
    }

    func versions(_ documentID: String, _ pageID: String, caller: Caller) async throws -> Response {
        let node = try await findPage(documentID, pageID, caller: caller)
        return try await json(["versies": try store.history(path: node.sourceFile).reversed().map(versionJSON)])
    }

    func version(_ documentID: String, _ pageID: String, number: String, caller: Caller) async throws -> Response {
        let node = try await findPage(documentID, pageID, caller: caller)
        guard let number = Int(number), number > 0, let version = try await store.version(path: node.sourceFile, number: number) else { return notFound() }
        var object = versionJSON(version)
        object["tekst"] = version.bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
        return try json(object)
    }

    func versionJSON(_ version: FileVersion) -> [String: Any] {
        ["versie": version.version, "opgeslagenDoor": version.savedBy, "opgeslagenOp": Self.utc(version.savedAt)]
    }

    /// `PUT …/paginas/{paginaId}`: a new version, checked by building, with the werkomgeving's rights.
    func save(_ documentID: String, _ pageID: String, request: Request, caller: Caller) async throws -> Response {
        let node = try await findPage(documentID, pageID, caller: caller)
        let document = await preview.document
        guard werkomgeving.mayEdit(caller.user, file: node.sourceFile, document: document) else {
            _ = try await store.appendAudit(
                AuditEvent(actor: caller.account.username, origin: caller.origin, action: "save", object: node.sourceFile, result: .denied, detail: "api"),
                at: Werkomgeving.now)
            return notFound()
        }
        struct Body: Decodable {
            var basisversie: Int
            var tekst: String
        }
        let body: Body
        do {
            let buffer = try await request.body.collect(upTo: Self.bodyLimit)
            body = try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        } catch {
            return APIDocument.problem(.badRequest, title: "Ongeldig verzoek", detail: "Verwacht: JSON met basisversie (een getal) en tekst, samen hoogstens 2 MiB.")
        }
        do {
            switch try await preview.save(
                path: node.sourceFile, bytes: Data(body.tekst.utf8), base: body.basisversie, actor: caller.account.username, origin: caller.origin) {
            case .saved(let version, _):
                return try json(versionJSON(version))
            case .rejected(let diagnostics):
                let located: [[String: Any]] = diagnostics.map { diagnostic in
                    var item: [String: Any] = ["bestand": diagnostic.file, "melding": diagnostic.message]
                    if let line = diagnostic.line { item["regel"] = line }
                    if let column = diagnostic.column { item["kolom"] = column }
                    if let field = diagnostic.field { item["veld"] = field }
                    return item
                }
                return APIDocument.problem(
                    .unprocessableContent, title: "Niet opgeslagen", detail: "Met deze tekst kan de site niet worden gebouwd; er is niets opgeslagen.",
                    extra: ["problemen": located])
            }
        } catch let error as WorkspaceError {
            guard case .conflict(_, _, let head) = error else { throw error }
            return APIDocument.problem(
                .conflict, title: "Conflict",
                detail: "Versie \(head) is opgeslagen na versie \(body.basisversie); er is niets opgeslagen (uw tekst is bewaard als conflictkopie).")
        }
    }

    // MARK: Figures, as the public site shows them

    /// The published site's folder: figures come from what passed disclosure control and is public.
    var publicSite: URL { werkomgeving.publisher.publicSite }

    /// `/indicatoren` and `/indicatoren/{id}`: each indicator with the values of its published CSV.
    func indicators(only id: String?, caller: Caller) async throws -> Response {
        guard Rights.allows(caller.account, .readInternal) else { return notFound() }
        let definitions = await preview.indicatorDefinitions.filter { id == nil || $0.id == id }.sorted { $0.id < $1.id }
        guard id == nil || !definitions.isEmpty else { return notFound() }
        let list: [[String: Any]] = definitions.map { definition in
            let rows = (try? String(contentsOf: publicSite.appendingPathComponent("indicatoren/\(definition.id).csv"), encoding: .utf8))
                .map(Self.csvRows) ?? []
            let header = rows.first ?? []
            func column(_ name: String) -> Int? { header.firstIndex(of: name) }
            let values: [[String: Any]] = rows.dropFirst().compactMap { row in
                guard let region = column("region"), let period = column("period"), let value = column("value"), row.count == header.count else { return nil }
                return ["gebied": row[region], "periode": row[period], "waarde": Double(row[value]) as Any? ?? NSNull()]
            }
            var source: String?
            if let index = column("source") { source = rows.dropFirst().first { $0.count > index && !$0[index].isEmpty }?[index] }
            let object: [String: Any] = [
                "id": definition.id, "titel": definition.title, "eenheid": definition.unit, "bron": source ?? NSNull(), "waarden": values,
            ]
            return object
        }
        if id == nil { return try json(["indicatoren": list] as [String: Any]) }
        return try json(list[0])
    }

    /// `/documenten/{id}/financiele-tabellen`: the document's published financial tables.
    func financialTables(_ documentID: String, caller: Caller) async throws -> Response {
        guard Rights.allows(caller.account, .readInternal), await documentList().contains(where: { $0.id == documentID }) else { return notFound() }
        let folder = publicSite.appendingPathComponent(documentID).appendingPathComponent("financien")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var tables: [[String: Any]] = []
        for name in names {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                  let table = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }
            let columns = (table["columns"] as? [[String: Any]] ?? []).map { $0["title"] as? String ?? "" }
            let rows: [[String: Any]] = (table["rows"] as? [[String: Any]] ?? []).map { row in
                let label = [row["group"], row["name"], row["line"]].compactMap { $0 as? String }.filter { !$0.isEmpty }.joined(separator: " — ")
                return ["omschrijving": label, "bedragen": (row["amounts"] as? [Any]) ?? []]
            }
            tables.append([
                "id": table["id"] as? String ?? String(name.dropLast(5)), "titel": table["caption"] as? String ?? name, "kolommen": columns,
                "rijen": rows, "bron": table["source"] as? String as Any? ?? NSNull(),
            ])
        }
        return try json(["tabellen": tables])
    }

    /// The rows of a CSV file (RFC 4180: fields in double quotes may hold commas, quotes and line breaks).
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = text.makeIterator()
        while let character = characters.next() {
            if quoted {
                if character == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == "," { row.append(field); field = "" } else if next == "\n" || next == "\r\n" { row.append(field); rows.append(row); row = []; field = "" }
                        }
                    } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == "," {
                row.append(field); field = ""
            } else if character == "\n" || character == "\r\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    // MARK: Exports and publications (redacteur)

    /// Refuses (404, audited) a caller without `action`.
    func require(_ action: Action, _ caller: Caller, audit name: String, object: String) async throws {
        guard Rights.allows(caller.account, action) else {
            _ = try await store.appendAudit(
                AuditEvent(actor: caller.account.username, origin: caller.origin, action: name, object: object, result: .denied, detail: "api"),
                at: Werkomgeving.now)
            throw Refusal(response: notFound())
        }
    }

    func exportJSON(_ export: Export) -> [String: Any] {
        ["nummer": export.number, "gemaaktDoor": export.createdBy, "gemaaktOp": Self.utc(export.createdAt), "aantalBestanden": export.files.count]
    }

    func exports(caller: Caller) async throws -> Response {
        try await require(.export, caller, audit: "exports.read", object: "exports")
        return try json(["exports": try await store.exports().reversed().map(exportJSON)])
    }

    func export(_ number: String, caller: Caller) async throws -> Response {
        try await require(.export, caller, audit: "exports.read", object: "export \(number)")
        guard let number = Int(number), let export = try await store.export(number: number) else { return notFound() }
        return try json(exportJSON(export))
    }

    func makeExport(caller: Caller) async throws -> Response {
        try await require(.export, caller, audit: "export", object: "exports")
        let export: Export
        do {
            export = try await store.createExport(
                by: caller.account.username, at: Werkomgeving.now,
                audit: AuditEvent(actor: caller.account.username, origin: caller.origin, action: "export", object: "exports", result: .success, detail: "api"))
        } catch WorkspaceError.unchangedSinceExport(let number) {
            return APIDocument.problem(
                .conflict, title: "Niets veranderd", detail: "Er is niets veranderd sinds export \(number), die deze versies al bevat.",
                extra: ["export": number])
        }
        var response = try json(exportJSON(export), status: .created)
        response.headers[.location] = "\(APIDocument.prefix)/exports/\(export.number)"
        return response
    }

    func publicationJSON(_ publication: Publication) -> [String: Any] {
        ["export": publication.export, "gepubliceerdDoor": publication.by, "gepubliceerdOp": Self.utc(publication.at)]
    }

    func publications(caller: Caller) async throws -> Response {
        try await require(.publish, caller, audit: "publications.read", object: "publications")
        return try json(["publicaties": try await store.publications().reversed().map(publicationJSON)])
    }

    func publish(request: Request, caller: Caller) async throws -> Response {
        try await require(.publish, caller, audit: "publish", object: "publications")
        struct Body: Decodable { var export: Int }
        guard let buffer = try? await request.body.collect(upTo: 4096),
              let body = try? JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        else { return APIDocument.problem(.badRequest, title: "Ongeldig verzoek", detail: "Verwacht: JSON met export (het nummer van een export).") }
        guard try await store.export(number: body.export) != nil else { return notFound() }
        do {
            _ = try await werkomgeving.publisher.publish(body.export, by: caller.account.username, origin: caller.origin)
        } catch let error as DiagnosticsError {
            return APIDocument.problem(
                .unprocessableContent, title: "Niet gepubliceerd", detail: "Uit export \(body.export) kan geen site worden gebouwd; de publieke site is niet veranderd.",
                extra: ["problemen": error.diagnostics.prefix(50).map { ["bestand": $0.file, "melding": $0.message] }])
        }
        guard let publication = try await store.publications().last else { return notFound() }
        return try json(publicationJSON(publication), status: .created)
    }

    // MARK: Accounts and audit (beheerder)

    func accounts(caller: Caller) async throws -> Response {
        try await require(.manageAccounts, caller, audit: "accounts", object: "accounts")
        let list: [[String: Any]] = try await store.accounts().map { account in
            [
                "gebruikersnaam": account.username, "naam": account.displayName, "rollen": account.roles.sorted().map(\.rawValue),
                "toewijzingen": account.assignments.map(\.description).sorted(), "geblokkeerd": account.isLocked, "extern": account.isExternal,
            ]
        }
        return try json(["gebruikers": list])
    }

    func auditLines(request: Request, caller: Caller) async throws -> Response {
        try await require(.readAudit, caller, audit: "audit.read", object: "audit")
        let query = request.uri.queryParameters
        func number(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = query[name[...]] else { return value }
            guard let parsed = Int(String(text)), range.contains(parsed) else {
                throw Refusal(response: APIDocument.problem(
                    .badRequest, title: "Ongeldige parameter", detail: "\(name) moet een geheel getal van \(range.lowerBound) tot \(range.upperBound) zijn.",
                    extra: ["problemen": [["veld": name, "melding": "verwacht een geheel getal van \(range.lowerBound) tot \(range.upperBound)"]]]))
            }
            return parsed
        }
        let from = try number("vanaf", default: 1, range: 1...Int(Int32.max))
        let count = try number("aantal", default: 100, range: 1...1000)
        let intact = (try? AuditChain.verify(await store.allAuditEntries())) != nil
        let lines: [[String: Any]] = try await store.auditEntries(from: Int64(from), limit: count).map { entry in
            [
                "volgnummer": entry.sequence, "tijd": Self.utc(entry.time), "actor": entry.actor, "herkomst": entry.origin, "actie": entry.action,
                "object": entry.object, "resultaat": entry.result.rawValue, "toelichting": entry.detail, "hash": entry.hash,
            ]
        }
        return try json(["regels": lines, "ketenOngeschonden": intact])
    }

    // MARK: Tokens

    func tokens(caller: Caller) async throws -> Response {
        let list: [[String: Any]] = try await store.apiTokens(accountID: caller.account.id).filter { $0.revokedAt == nil }.map { token in
            [
                "id": token.id, "naam": token.name, "gemaaktOp": Self.utc(token.createdAt),
                "laatstGebruiktOp": token.lastUsedAt.map(Self.utc) as Any? ?? NSNull(), "verlooptOp": token.expiresAt.map(Self.utc) as Any? ?? NSNull(),
            ]
        }
        return try json(["tokens": list])
    }

    func revoke(_ id: String, caller: Caller) async throws -> Response {
        guard let id = Int64(id),
              try await store.revokeAPIToken(
                id: id, accountID: caller.account.id, at: Werkomgeving.now,
                audit: AuditEvent(
                    actor: caller.account.username, origin: caller.origin, action: "api-token.revoke", object: caller.account.username,
                    result: .success, detail: "token \(id), through the API"))
        else { return notFound() }
        return Response(status: .noContent, headers: [HTTPField.Name("API-Version")!: APIDocument.version, .cacheControl: "no-store"])
    }

    // MARK: Answers

    func json(_ object: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(
            status: status, headers: [.contentType: "application/json", HTTPField.Name("API-Version")!: APIDocument.version, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A time as the Design Rules ask: ISO 8601 in UTC (`/core/date-time/timezone`).
    static func utc(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
    }
}
