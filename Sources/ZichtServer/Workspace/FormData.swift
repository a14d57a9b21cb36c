import Foundation
import Hummingbird
import NIOCore

/// The fields of an `application/x-www-form-urlencoded` body (what an HTML form sends).
struct FormData: Sendable {
    private(set) var fields: [String: String] = [:]

    enum Problem: Error {
        case tooLarge
        case notAForm
        case badEncoding
        case repeated(String)
    }

    /// Reads at most `limit` bytes of the request's body and parses them.
    static func read(_ request: Request, limit: Int) async throws -> FormData {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { throw Problem.notAForm }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw Problem.tooLarge
        }
        return try parse(String(buffer: buffer))
    }

    /// Parses `name=value&…`; `+` is a space, `%XX` a byte of UTF-8. A name given twice is refused:
    /// the werkomgeving's forms never send one twice, and a second value could hide the first.
    static func parse(_ body: String) throws -> FormData {
        var form = FormData()
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else { throw Problem.badEncoding }
            guard form.fields[name] == nil else { throw Problem.repeated(name) }
            form.fields[name] = value
        }
        return form
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    subscript(_ name: String) -> String? { fields[name] }
}
