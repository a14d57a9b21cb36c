import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The API under `/api/v1` as far as it is served now: its OpenAPI document, public and with open
/// CORS (NL GOV API Design Rules `/core/publish-openapi`), and for every other address a problem
/// (`application/problem+json`, `/core/error-handling/problem-details`). Every answer carries
/// `API-Version` (`/core/version-header`).
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
        let path = request.uri.path
        guard path == prefix + "/openapi.json" else {
            return problem(.notFound, title: "Niet gevonden", detail: "Deze API-bron bestaat niet (of nog niet): zie \(prefix)/openapi.json.")
        }
        guard request.method == .get || request.method == .head else {
            return problem(.methodNotAllowed, title: "Methode niet toegestaan", detail: "Dit document kan alleen worden opgehaald (GET).")
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .init("API-Version")!: version, .accessControlAllowOrigin: "*", .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }

    /// An error as RFC 9457 describes it.
    static func problem(_ status: HTTPResponse.Status, title: String, detail: String) -> Response {
        let body: [String: Any] = ["type": "about:blank", "status": status.code, "title": title, "detail": detail]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/problem+json", .init("API-Version")!: version, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
