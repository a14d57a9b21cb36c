import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The API's OpenAPI document, public and with open CORS (NL GOV API Design Rules
/// `/core/publish-openapi`), and the problems (`application/problem+json`,
/// `/core/error-handling/problem-details`) every route answers errors with. Every answer carries
/// `API-Version` (`/core/version-header`). The routes are ``WorkspaceAPI``.
enum APIDocument {
    static let prefix = "/api/v1"

    /// The bytes of `openapi.json` (``text``, made from `openapi.yaml`).
    static let json = Data(text.utf8)

    /// `info.version` of the document, the value of every `API-Version` header.
    static let version: String = {
        let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any]
        return (object?["info"] as? [String: Any])?["version"] as? String ?? "1.0.0"
    }()

    static func respond(to request: Request) -> Response {
        guard request.method == .get || request.method == .head else {
            return problem(.methodNotAllowed, title: "Methode niet toegestaan", detail: "Dit document kan alleen worden opgehaald (GET).")
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .init("API-Version")!: version, .accessControlAllowOrigin: "*", .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }

    /// An error as RFC 9457 describes it.
    static func problem(_ status: HTTPResponse.Status, title: String, detail: String, extra: [String: Any] = [:]) -> Response {
        let body = extra.merging(["type": "about:blank", "status": status.code, "title": title, "detail": detail]) { $1 }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/problem+json", .init("API-Version")!: version, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
