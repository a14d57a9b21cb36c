import Foundation

/// A claim's value as JSON gives it: tokens carry strings, numbers, booleans, lists and objects.
public enum ClaimValue: Sendable, Equatable, Decodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([ClaimValue])
    case object([String: ClaimValue])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ClaimValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ClaimValue].self))
        }
    }

    public var string: String? {
        if case .string(let value) = self { value } else { nil }
    }

    public var number: Double? {
        if case .number(let value) = self { value } else { nil }
    }
}

/// A signed JSON Web Token in compact form (RFC 7519 over RFC 7515), split and decoded but not yet
/// trusted: nothing in it means anything until `IDTokenVerifier` has checked the signature.
package struct JSONWebToken: Sendable {
    package struct Header: Sendable, Decodable {
        package var alg: String
        package var kid: String?
        package var typ: String?
        /// Extensions the token says must be understood (RFC 7515, section 4.1.11); we understand none.
        package var crit: [String]?
    }

    package let header: Header
    package let claims: [String: ClaimValue]
    /// `BASE64URL(header) '.' BASE64URL(payload)` as ASCII: the bytes the signature covers.
    package let signingInput: Data
    package let signature: Data

    /// - Throws: `OIDCError` `.malformedToken` when the text is not three base64url parts of a JSON
    ///   header and a JSON object (an encrypted token has five parts and is refused too).
    package init(compact: String) throws(OIDCError) {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw OIDCError(.malformedToken, "expected a signed JWT of three parts, found \(parts.count) part(s)", field: "id_token")
        }
        guard let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2])
        else {
            throw OIDCError(.malformedToken, "a part of the ID token is not base64url", field: "id_token")
        }
        let decoder = JSONDecoder()
        do {
            header = try decoder.decode(Header.self, from: headerBytes)
        } catch {
            throw OIDCError(.malformedToken, "the ID token's header is not a JSON object with alg", field: "id_token", cause: error)
        }
        do {
            claims = try decoder.decode([String: ClaimValue].self, from: payloadBytes)
        } catch {
            throw OIDCError(.malformedToken, "the ID token's payload is not a JSON object", field: "id_token", cause: error)
        }
        signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }
}
