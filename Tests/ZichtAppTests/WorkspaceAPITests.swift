import Foundation
import Testing
import ZichtApp
import ZichtTestSupport
import ZichtWorkspace

/// `/api/v1` of `zicht server`: the OpenAPI document public with open CORS and the version header,
/// and problems (RFC 9457) for everything else.
@Suite(.serialized)
struct WorkspaceAPITests {
    @Test func theOpenAPIDocumentIsPublicWithItsVersionAndErrorsAreProblems() async throws {
        try await RunningWorkspace.with(accounts: []) { workspace, _ in
            let client = RawHTTPClient(port: workspace.port, timeout: .seconds(60))
            let document = try await client.send("/api/v1/openapi.json")
            #expect(document.status == 200)
            #expect(document.headers["content-type"] == "application/json")
            #expect(document.headers["access-control-allow-origin"] == "*")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(document.body)) as? [String: Any])
            let version = try #require((object["info"] as? [String: Any])?["version"] as? String)
            #expect(document.headers["api-version"] == version)
            #expect((object["paths"] as? [String: Any])?["/documenten/{documentId}/paginas/{paginaId}"] != nil)
            #expect(document.headers["x-content-type-options"] == "nosniff")

            for (target, method, status) in [("/api/v1/documenten", "GET", 401), ("/api/v1", "GET", 401), ("/api/v1/openapi.json", "POST", 405)] {
                let answer = try await client.send(target, method: method)
                #expect(answer.status == status, "\(method) \(target)")
                #expect(answer.headers["content-type"] == "application/problem+json")
                #expect(answer.headers["api-version"] == version)
                let problem = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
                #expect(problem["status"] as? Int == status && problem["title"] is String && problem["detail"] is String)
            }
        }
    }

    static func object(_ response: RawHTTPClient.Response) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], "\(response.status) \(response.text.prefix(500))")
    }

    @Test func anAuteurReadsAndSavesThroughTheAPIWithATokenAndRevokesIt() async throws {
        try await RunningWorkspace.with(accounts: WorkspaceServerTests.accounts) { workspace, passwords in
            let client = RawHTTPClient(port: workspace.port, timeout: .seconds(120))
            let refused = try await client.send("/api/v1/documenten")
            #expect(refused.status == 401 && refused.headers["www-authenticate"] == "Bearer" && refused.headers["content-type"] == "application/problem+json")
            #expect(try await client.send("/api/v1/documenten", headers: [("Authorization", "Bearer zicht_geraden")]).status == 401)

            // The token is made in the werkomgeving and shown once.
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            _ = try await anna.get("/werkomgeving/api-tokens")
            let made = try await anna.post("/werkomgeving/api-tokens", [("naam", "script van Anna"), ("dagen", "30")])
            let secret = try #require(made.text.firstMatch(of: /<p class="sleutel"><code>(zicht_[A-Za-z0-9_-]+)<\/code>/).map { String($0.1) })
            #expect(!(try await anna.get("/werkomgeving/api-tokens")).text.contains(secret), "the secret is shown once")
            let bearer = [("Authorization", "Bearer \(secret)")]
            func get(_ target: String) async throws -> RawHTTPClient.Response { try await client.send(target, headers: bearer) }
            func put(_ target: String, _ body: [String: Any]) async throws -> RawHTTPClient.Response {
                try await client.send(
                    target, method: "PUT", headers: bearer + [("Content-Type", "application/json")], body: Array(try JSONSerialization.data(withJSONObject: body)))
            }

            let documents = try await get("/api/v1/documenten")
            #expect(documents.status == 200 && documents.headers["api-version"] == "1.0.0" && documents.headers["set-cookie"] == nil)
            let list = try #require(try Self.object(documents)["documenten"] as? [[String: Any]])
            #expect(Set(list.compactMap { $0["id"] as? String }).isSuperset(of: ["begroting-2019", "jaarverslag-2019"]))
            #expect(list.first { $0["id"] as? String == "begroting-2019" }?["soort"] as? String == "begroting")
            #expect(try await get("/api/v1/documenten/").status == 404, "no trailing slash")

            let pages = try #require(try Self.object(try await get("/api/v1/documenten/begroting-2019/paginas"))["paginas"] as? [[String: Any]])
            let goal = try #require(pages.first { $0["id"] as? String == "7.2.2" })
            #expect(goal["status"] as? String == "goedgekeurd" && goal["versie"] as? Int == 1, "an imported version counts as approved")
            #expect(goal["adres"] as? String == "/begroting-2019/doel/7-2-2-fysieke-veiligheid/")
            #expect(goal["bestand"] as? String == WorkspaceServerTests.goal)

            let page = try Self.object(try await get("/api/v1/documenten/begroting-2019/paginas/7.2.2"))
            let original = try String(contentsOf: workspace.project.appendingPathComponent(WorkspaceServerTests.goal), encoding: .utf8)
            #expect(page["tekst"] as? String == original)
            #expect((page["secties"] as? [[String: Any]])?.first?["kop"] as? String == "Beschrijving doel")

            // Saving: checked by building, the conflict rule, and the werkomgeving's rights.
            let changed = WorkspaceServerTests.edited(original, adding: "Via de API geschreven.")
            let saved = try await put("/api/v1/documenten/begroting-2019/paginas/7.2.2", ["basisversie": 1, "tekst": changed])
            let savedVersion = try Self.object(saved)["versie"] as? Int
            #expect(saved.status == 200 && savedVersion == 2)
            #expect((try Self.object(saved)["opgeslagenOp"] as? String)?.hasSuffix("Z") == true)
            #expect(try await anna.get("/werkomgeving/voorbeeld/begroting-2019/doel/7-2-2-fysieke-veiligheid/").text.contains("Via de API geschreven."))
            let conflict = try await put("/api/v1/documenten/begroting-2019/paginas/7.2.2", ["basisversie": 1, "tekst": changed + "\nNog een regel.\n"])
            #expect(conflict.status == 409 && conflict.headers["content-type"] == "application/problem+json")
            let broken = try await put("/api/v1/documenten/begroting-2019/paginas/7.2.2", ["basisversie": 2, "tekst": changed.replacingOccurrences(of: "ref: \"7.2\"", with: "ref: \"9.9\"")])
            #expect(broken.status == 422)
            let problems = try #require(try Self.object(broken)["problemen"] as? [[String: Any]])
            #expect(problems.contains { ($0["regel"] as? Int) != nil && ($0["melding"] as? String)?.contains("9.9") == true })
            let outside = try await put("/api/v1/documenten/begroting-2019/paginas/7.1.1", ["basisversie": 1, "tekst": "gekaapt"])
            #expect(outside.status == 404)
            #expect(try await put("/api/v1/documenten/begroting-2019/paginas/7.2.2", ["tekst": "zonder basis"]).status == 400)
            let versions = try #require(try Self.object(try await get("/api/v1/documenten/begroting-2019/paginas/7.2.2/versies"))["versies"] as? [[String: Any]])
            #expect(versions.compactMap { $0["versie"] as? Int } == [2, 1])
            #expect(try Self.object(try await get("/api/v1/documenten/begroting-2019/paginas/7.2.2/versies/1"))["tekst"] as? String == original)

            // Figures as the public site publishes them: indicators (a value withheld there is null
            // here too) and the financial tables.
            let indicator = try Self.object(try await get("/api/v1/indicatoren/bbv-winkeldiefstallen"))
            let values = try #require(indicator["waarden"] as? [[String: Any]])
            let published = try String(contentsOf: workspace.location.publicSite.appendingPathComponent("indicatoren/bbv-winkeldiefstallen.csv"), encoding: .utf8)
            #expect(values.count == published.split(separator: "\n").count - 1)
            #expect(values.contains { $0["waarde"] is NSNull } && values.contains { $0["waarde"] is Double })
            #expect(indicator["titel"] as? String != nil && indicator["eenheid"] as? String == "per 1.000 inwoners")
            #expect(try await get("/api/v1/indicatoren/bestaat-niet").status == 404)
            let tables = try #require(try Self.object(try await get("/api/v1/documenten/jaarverslag-2019/financiele-tabellen"))["tabellen"] as? [[String: Any]])
            let programme = try #require(tables.first { $0["id"] as? String == "programma-7" })
            let columns = try #require(programme["kolommen"] as? [String])
            let rows = try #require(programme["rijen"] as? [[String: Any]])
            #expect(!columns.isEmpty && rows.allSatisfy { ($0["bedragen"] as? [Any])?.count == columns.count })

            // Revoked: the token no longer works; another account's token cannot be revoked.
            let tokens = try #require(try Self.object(try await get("/api/v1/api-tokens"))["tokens"] as? [[String: Any]])
            let id = try #require(tokens.first?["id"] as? Int)
            #expect(try await client.send("/api/v1/api-tokens/\(id + 1000)", method: "DELETE", headers: bearer).status == 404)
            let revoked = try await client.send("/api/v1/api-tokens/\(id)", method: "DELETE", headers: bearer)
            #expect(revoked.status == 204 && revoked.headers["api-version"] == "1.0.0")
            #expect(try await get("/api/v1/documenten").status == 401)

            let audit = try await ZichtApp.openStore(workspace.location).allAuditEntries()
            #expect(audit.contains { $0.action == "api-token.create" && $0.actor == "anna" })
            #expect(audit.contains { $0.action == "api-token.revoke" && $0.actor == "anna" })
            #expect(audit.contains { $0.action == "save" && $0.result == .denied && $0.detail == "api" })
        }
    }

    /// A token made in the werkomgeving by the logged-in `browser`.
    static func token(_ browser: Browser) async throws -> [(String, String)] {
        _ = try await browser.get("/werkomgeving/api-tokens")
        let made = try await browser.post("/werkomgeving/api-tokens", [("naam", "test"), ("dagen", "1")])
        let secret = try #require(made.text.firstMatch(of: /<p class="sleutel"><code>(zicht_[A-Za-z0-9_-]+)<\/code>/).map { String($0.1) })
        return [("Authorization", "Bearer \(secret)")]
    }

    @Test func exportsAndPublicationsForTheRedacteurAccountsAndAuditForTheBeheerderOnly() async throws {
        try await RunningWorkspace.with(accounts: WorkspaceServerTests.accounts) { workspace, passwords in
            let client = RawHTTPClient(port: workspace.port, timeout: .seconds(300))
            let red = Browser(port: workspace.port)
            try await red.logIn("red", password: try #require(passwords["red"]), newPassword: "red kiest een lang wachtwoord")
            let redToken = try await Self.token(red)
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            let annaToken = try await Self.token(anna)
            let beheer = Browser(port: workspace.port)
            try await beheer.logIn("beheer", password: try #require(passwords["beheer"]), newPassword: "beheer kiest een lang wachtwoord")
            let beheerToken = try await Self.token(beheer)

            let made = try await client.send("/api/v1/exports", method: "POST", headers: redToken)
            #expect(made.status == 201 && made.headers["location"] == "/api/v1/exports/1")
            #expect(try Self.object(made)["nummer"] as? Int == 1)
            #expect((try Self.object(try await client.send("/api/v1/exports", headers: redToken))["exports"] as? [Any])?.count == 1)
            let published = try await client.send(
                "/api/v1/publicaties", method: "POST", headers: redToken + [("Content-Type", "application/json")], body: Array(#"{"export": 1}"#.utf8))
            let publishedExport = try Self.object(published)["export"] as? Int
            #expect(published.status == 201 && publishedExport == 1, "\(published.text.prefix(400))")
            let footer = try await client.send("/begroting-2019/doel/7-2-2-fysieke-veiligheid/").text
            #expect(footer.contains("met de export van"))
            #expect(try await client.send("/api/v1/publicaties", method: "POST", headers: redToken, body: Array("x".utf8)).status == 400)

            // The auteur has none of these; each refusal is audited like the werkomgeving's.
            for (target, method) in [("/api/v1/exports", "GET"), ("/api/v1/exports", "POST"), ("/api/v1/exports/1", "GET"), ("/api/v1/publicaties", "GET"),
                                     ("/api/v1/gebruikers", "GET"), ("/api/v1/auditregels", "GET")] {
                #expect(try await client.send(target, method: method, headers: annaToken).status == 404, "\(method) \(target)")
            }
            #expect(try await client.send("/api/v1/gebruikers", headers: redToken).status == 404)

            let users = try #require(try Self.object(try await client.send("/api/v1/gebruikers", headers: beheerToken))["gebruikers"] as? [[String: Any]])
            #expect(Set(users.compactMap { $0["gebruikersnaam"] as? String }) == ["beheer", "anna", "red"])
            #expect(users.allSatisfy { $0["wachtwoord"] == nil && $0["passwordHash"] == nil })
            let audit = try Self.object(try await client.send("/api/v1/auditregels?vanaf=2&aantal=5", headers: beheerToken))
            let lines = try #require(audit["regels"] as? [[String: Any]])
            #expect(lines.count == 5 && lines.first?["volgnummer"] as? Int == 2 && audit["ketenOngeschonden"] as? Bool == true)
            #expect(lines.allSatisfy { ($0["tijd"] as? String)?.hasSuffix("Z") == true })
            let bad = try await client.send("/api/v1/auditregels?aantal=0", headers: beheerToken)
            #expect(bad.status == 400 && bad.headers["content-type"] == "application/problem+json")

            let denied = try await ZichtApp.openStore(workspace.location).allAuditEntries().filter { $0.actor == "anna" && $0.result == .denied }
            #expect(denied.count == 6 && denied.allSatisfy { $0.detail == "api" })
        }
    }
}

/// Every operation of the OpenAPI document, called with a token of every role: never a server
/// error, and an object or action a role has no right to answers 404, whatever the route.
@Suite(.serialized)
struct WorkspaceAPIEveryRouteTests {
    static let accounts: [(String, Set<Role>, Set<PageRef>)] = [
        ("beheer", [.beheerder], []), ("red", [.redacteur], []), ("anna", [.auteur], [PageRef(document: "begroting-2019", id: "7.2")]),
        ("ana", [.analist], []), ("lees", [.lezer], []),
    ]

    /// Who may use an operation (the others get 404); nil: every role.
    static let allowed: [String: Set<String>?] = [
        "listDocumenten": nil, "getDocument": nil, "listPaginas": nil, "getPagina": nil, "listVersies": nil, "getVersie": nil,
        "savePagina": ["red", "anna"], "listExports": ["red"], "createExport": ["red"], "getExport": ["red"],
        "listPublicaties": ["red"], "createPublicatie": ["red"], "listGebruikers": ["beheer"], "listAuditregels": ["beheer"],
        "listApiTokens": nil, "revokeApiToken": nil, "getOpenapi": nil,
        "listIndicatoren": nil, "getIndicator": nil, "listFinancieleTabellen": nil,
    ]

    @Test func everyOperationWithEveryRole() async throws {
        try await RunningWorkspace.with(accounts: Self.accounts) { workspace, _ in
            let client = RawHTTPClient(port: workspace.port, timeout: .seconds(300))
            let served = try await client.send("/api/v1/openapi.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(served.body)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var tokens: [String: [(String, String)]] = [:]
            for (username, _, _) in Self.accounts {
                let secret = try await ZichtApp.createAPIToken(workspace.location, username: username, name: "walk", days: 1)
                tokens[username] = [("Authorization", "Bearer \(secret)")]
            }
            let text = try String(contentsOf: workspace.project.appendingPathComponent(WorkspaceServerTests.goal), encoding: .utf8)
            var operations = 0
            for (template, item) in paths.sorted(by: { $0.key < $1.key }) {
                let target = "/api/v1" + template
                    .replacingOccurrences(of: "{documentId}", with: "begroting-2019").replacingOccurrences(of: "{paginaId}", with: "7.2.2")
                    .replacingOccurrences(of: "{versie}", with: "1").replacingOccurrences(of: "{exportNummer}", with: "1")
                    .replacingOccurrences(of: "{indicatorId}", with: "bbv-winkeldiefstallen").replacingOccurrences(of: "{tokenId}", with: "999")
                for (method, operation) in item.sorted(by: { $0.key < $1.key }) {
                    guard let operation = operation as? [String: Any], let id = operation["operationId"] as? String else { continue }
                    let known = try #require(Self.allowed[id], "no expectation for \(id)")
                    operations += 1
                    for (username, _, _) in Self.accounts {
                        var body: [UInt8] = []
                        var headers = try #require(tokens[username])
                        if method == "put" {
                            body = Array(try JSONSerialization.data(withJSONObject: ["basisversie": 1, "tekst": text]))
                            headers.append(("Content-Type", "application/json"))
                        } else if id == "createPublicatie" {
                            body = Array(#"{"export": 1}"#.utf8)
                            headers.append(("Content-Type", "application/json"))
                        }
                        let answer = try await client.send(target, method: method.uppercased(), headers: headers, body: body)
                        let what = "\(method.uppercased()) \(target) as \(username): \(answer.status) \(answer.text.prefix(200))"
                        #expect(answer.status < 500, "\(what)")
                        #expect(answer.headers["api-version"] == "1.0.0", "\(what)")
                        let may = known.map { $0.contains(username) } ?? true
                        if !may {
                            #expect(answer.status == 404, "\(what)")
                        } else if id != "revokeApiToken" {  // (token 999 does not exist: 404 for everyone)
                            #expect((200..<300).contains(answer.status) || (id == "savePagina" && answer.status == 409), "\(what)")
                        }
                    }
                }
            }
            #expect(operations == Self.allowed.count)
        }
    }
}

extension RawHTTPClient {
    /// The request on a thread of its own: the server under test runs on this process's few
    /// cooperative threads, and a blocking call on one of them (two tests at once) starves it.
    func send(_ target: String, method: String = "GET", headers: [(String, String)] = [], body: [UInt8] = []) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try self.request(target, method: method, headers: headers, body: body) }) }
        }
    }
}
