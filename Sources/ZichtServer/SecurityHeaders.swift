import HTTPTypes

/// The headers every response of the public site carries, errors and redirects included.
///
/// The policy fits what Zicht's pages need and nothing more: the site's own style sheets and its one
/// search script (`assets/zoeken.js`, which fetches `zoekindex.json`), images and SVG from the site
/// itself, no inline script or style, no external requests (DESIGN.md: "No external requests"),
/// no frames, no plug-ins.
enum SecurityHeaders {
    static let contentSecurityPolicy = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    static let fields: [(HTTPField.Name, String)] = [
        (.xContentTypeOptions, "nosniff"),
        (.contentSecurityPolicy, contentSecurityPolicy),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
        (.cacheControl, "no-cache"),
    ]

    /// Sets every field of ``fields`` in `headers`, replacing what was there.
    static func apply(to headers: inout HTTPFields) {
        for (name, value) in fields {
            headers[name] = value
        }
    }
}
