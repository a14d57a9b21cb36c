/// The `Content-Type` of a site file, from its extension.
///
/// Text types say `charset=utf-8` (Zicht writes every text file as UTF-8); an extension not in the
/// table is `application/octet-stream`, so that a browser never guesses (the server also sends
/// `X-Content-Type-Options: nosniff`).
enum FileContentType {
    static let unknown = "application/octet-stream"

    /// The content type for a file name, by its last extension, ignoring case.
    static func forFile(named name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return unknown }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? unknown
    }

    private static let utf8 = "; charset=utf-8"

    static let byExtension: [String: String] = [
        "html": "text/html" + utf8,
        "htm": "text/html" + utf8,
        "css": "text/css" + utf8,
        "js": "text/javascript" + utf8,
        "mjs": "text/javascript" + utf8,
        "json": "application/json" + utf8,
        "geojson": "application/geo+json" + utf8,
        "webmanifest": "application/manifest+json" + utf8,
        "csv": "text/csv" + utf8,
        "txt": "text/plain" + utf8,
        "md": "text/markdown" + utf8,
        "xml": "application/xml" + utf8,
        "svg": "image/svg+xml" + utf8,
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/vnd.microsoft.icon",
        "pdf": "application/pdf",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "zip": "application/zip",
    ]
}
