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
            let document = try client.request("/api/v1/openapi.json")
            #expect(document.status == 200)
            #expect(document.headers["content-type"] == "application/json")
            #expect(document.headers["access-control-allow-origin"] == "*")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(document.body)) as? [String: Any])
            let version = try #require((object["info"] as? [String: Any])?["version"] as? String)
            #expect(document.headers["api-version"] == version)
            #expect((object["paths"] as? [String: Any])?["/documenten/{documentId}/paginas/{paginaId}"] != nil)
            #expect(document.headers["x-content-type-options"] == "nosniff")

            for (target, method, status) in [("/api/v1/documenten", "GET", 401), ("/api/v1", "GET", 401), ("/api/v1/openapi.json", "POST", 405)] {
                let answer = try client.request(target, method: method)
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
            let refused = try client.request("/api/v1/documenten")
            #expect(refused.status == 401 && refused.headers["www-authenticate"] == "Bearer" && refused.headers["content-type"] == "application/problem+json")
            #expect(try client.request("/api/v1/documenten", headers: [("Authorization", "Bearer zicht_geraden")]).status == 401)

            // The token is made in the werkomgeving and shown once.
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            _ = try await anna.get("/werkomgeving/api-tokens")
            let made = try await anna.post("/werkomgeving/api-tokens", [("naam", "script van Anna"), ("dagen", "30")])
            let secret = try #require(made.text.firstMatch(of: /<p class="sleutel"><code>(zicht_[A-Za-z0-9_-]+)<\/code>/).map { String($0.1) })
            #expect(!(try await anna.get("/werkomgeving/api-tokens")).text.contains(secret), "the secret is shown once")
            let bearer = [("Authorization", "Bearer \(secret)")]
            func get(_ target: String) throws -> RawHTTPClient.Response { try client.request(target, headers: bearer) }
            func put(_ target: String, _ body: [String: Any]) throws -> RawHTTPClient.Response {
                try client.request(
                    target, method: "PUT", headers: bearer + [("Content-Type", "application/json")], body: Array(try JSONSerialization.data(withJSONObject: body)))
            }

            let documents = try get("/api/v1/documenten")
            #expect(documents.status == 200 && documents.headers["api-version"] == "1.0.0" && documents.headers["set-cookie"] == nil)
            let list = try #require(try Self.object(documents)["documenten"] as? [[String: Any]])
            #expect(Set(list.compactMap { $0["id"] as? String }).isSuperset(of: ["begroting-2019", "jaarverslag-2019"]))
            #expect(list.first { $0["id"] as? String == "begroting-2019" }?["soort"] as? String == "begroting")
            #expect(try get("/api/v1/documenten/").status == 404, "no trailing slash")

            let pages = try #require(try Self.object(try get("/api/v1/documenten/begroting-2019/paginas"))["paginas"] as? [[String: Any]])
            let goal = try #require(pages.first { $0["id"] as? String == "7.2.2" })
            #expect(goal["status"] as? String == "goedgekeurd" && goal["versie"] as? Int == 1, "an imported version counts as approved")
            #expect(goal["adres"] as? String == "/begroting-2019/doel/7-2-2-fysieke-veiligheid/")
            #expect(goal["bestand"] as? String == WorkspaceServerTests.goal)

            let page = try Self.object(try get("/api/v1/documenten/begroting-2019/paginas/7.2.2"))
            let original = try String(contentsOf: workspace.project.appendingPathComponent(WorkspaceServerTests.goal), encoding: .utf8)
            #expect(page["tekst"] as? String == original)
            #expect((page["secties"] as? [[String: Any]])?.first?["kop"] as? String == "Beschrijving doel")

            // Saving: checked by building, the conflict rule, and the werkomgeving's rights.
            let changed = WorkspaceServerTests.edited(original, adding: "Via de API geschreven.")
            let saved = try put("/api/v1/documenten/begroting-2019/paginas/7.2.2", ["basisversie": 1, "tekst": changed])
            let savedVersion = try Self.object(saved)["versie"] as? Int
            #expect(saved.status == 200 && savedVersion == 2)
            #expect((try Self.object(saved)["opgeslagenOp"] as? String)?.hasSuffix("Z") == true)
            #expect(try await anna.get("/werkomgeving/voorbeeld/begroting-2019/doel/7-2-2-fysieke-veiligheid/").text.contains("Via de API geschreven."))
            let conflict = try put("/api/v1/documenten/begroting-2019/paginas/7.2.2", ["basisversie": 1, "tekst": changed + "\nNog een regel.\n"])
            #expect(conflict.status == 409 && conflict.headers["content-type"] == "application/problem+json")
            let broken = try put("/api/v1/documenten/begroting-2019/paginas/7.2.2", ["basisversie": 2, "tekst": changed.replacingOccurrences(of: "ref: \"7.2\"", with: "ref: \"9.9\"")])
            #expect(broken.status == 422)
            let problems = try #require(try Self.object(broken)["problemen"] as? [[String: Any]])
            #expect(problems.contains { ($0["regel"] as? Int) != nil && ($0["melding"] as? String)?.contains("9.9") == true })
            let outside = try put("/api/v1/documenten/begroting-2019/paginas/7.1.1", ["basisversie": 1, "tekst": "gekaapt"])
            #expect(outside.status == 404)
            #expect(try put("/api/v1/documenten/begroting-2019/paginas/7.2.2", ["tekst": "zonder basis"]).status == 400)
            let versions = try #require(try Self.object(try get("/api/v1/documenten/begroting-2019/paginas/7.2.2/versies"))["versies"] as? [[String: Any]])
            #expect(versions.compactMap { $0["versie"] as? Int } == [2, 1])
            #expect(try Self.object(try get("/api/v1/documenten/begroting-2019/paginas/7.2.2/versies/1"))["tekst"] as? String == original)

            // Revoked: the token no longer works; another account's token cannot be revoked.
            let tokens = try #require(try Self.object(try get("/api/v1/api-tokens"))["tokens"] as? [[String: Any]])
            let id = try #require(tokens.first?["id"] as? Int)
            #expect(try client.request("/api/v1/api-tokens/\(id + 1000)", method: "DELETE", headers: bearer).status == 404)
            let revoked = try client.request("/api/v1/api-tokens/\(id)", method: "DELETE", headers: bearer)
            #expect(revoked.status == 204 && revoked.headers["api-version"] == "1.0.0")
            #expect(try get("/api/v1/documenten").status == 401)

            let audit = try SQLiteWorkspaceStore(url: workspace.location.database).allAuditEntries()
            #expect(audit.contains { $0.action == "api-token.create" && $0.actor == "anna" })
            #expect(audit.contains { $0.action == "api-token.revoke" && $0.actor == "anna" })
            #expect(audit.contains { $0.action == "save" && $0.result == .denied && $0.detail == "api" })
        }
    }
}
