import Foundation
import Testing
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

            for (target, method, status) in [("/api/v1/documenten", "GET", 404), ("/api/v1", "GET", 404), ("/api/v1/openapi.json", "POST", 405)] {
                let answer = try client.request(target, method: method)
                #expect(answer.status == status, "\(method) \(target)")
                #expect(answer.headers["content-type"] == "application/problem+json")
                #expect(answer.headers["api-version"] == version)
                let problem = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
                #expect(problem["status"] as? Int == status && problem["title"] is String && problem["detail"] is String)
            }
        }
    }
}
