import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// The headers every response of the public site carries, errors and redirects included
/// (``SecurityHeadersHandler`` adds them).
///
/// The policy fits what Zicht's pages need and nothing more: the site's own style sheets and its one
/// search script (`assets/zoeken.js`, which fetches `zoekindex.json`), images and SVG from the site
/// itself, no inline script or style, no external requests (DESIGN.md: "No external requests"),
/// no frames, no plug-ins.
enum SecurityHeaders {
    static let contentSecurityPolicy = policy(frameAncestors: "'none'")

    /// The policy of the one kind of response the werkomgeving shows in a frame of its own pages
    /// (the preview beside the editor), which says so with `X-Frame-Options: SAMEORIGIN`.
    static let framedPolicy = policy(frameAncestors: "'self'")

    private static func policy(frameAncestors: String) -> String {
        [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "frame-src 'self'",
        "base-uri 'none'",
        "frame-ancestors \(frameAncestors)",
        ].joined(separator: "; ")
    }

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
        let frameOptions = HTTPField.Name("X-Frame-Options")!
        let isFramed = headers[frameOptions] == "SAMEORIGIN"
        for (name, value) in fields {
            // A response that chose its own caching (the werkomgeving's pages: no-store) keeps it.
            if name == .cacheControl && headers[name] != nil { continue }
            if isFramed && name == frameOptions { continue }
            headers[name] = isFramed && name == .contentSecurityPolicy ? framedPolicy : value
        }
    }
}

/// Puts ``SecurityHeaders`` on the head of every response the server writes.
///
/// It sits in the channel pipeline, after the HTTP/1 codec, so it also covers the bare `400` that
/// Hummingbird answers when the HTTP parser cannot read a request line (a raw control character or
/// space in the path), which never reaches ``SiteResponder``.
final class SecurityHeadersHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part {
            SecurityHeaders.apply(to: &head.headerFields)
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }
}
