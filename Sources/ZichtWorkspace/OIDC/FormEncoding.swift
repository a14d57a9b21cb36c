import Foundation

/// `application/x-www-form-urlencoded` as the authorization request, the token request and the
/// callback use it. Encoding escapes everything but RFC 3986's unreserved characters (so a `+` in a
/// client id stays a `+` and a space becomes `%20`); decoding also reads `+` as a space, as HTML
/// forms and many providers write it.
package enum FormEncoding {
    package static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { component($0.0) + "=" + component($0.1) }.joined(separator: "&")
    }

    package static func component(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "-._~")
        allowed.formUnion(CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// The parameters of a query. A name given twice is left out altogether: a callback with two
    /// states or two codes is not ours to choose between, so it is as if it had none.
    package static func decode(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        var repeated: Set<String> = []
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = unescape(parts[0]) else { continue }
            if result[name] != nil { repeated.insert(name) }
            result[name] = parts.count > 1 ? unescape(parts[1]) ?? "" : ""
        }
        for name in repeated { result[name] = nil }
        return result
    }

    private static func unescape(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
