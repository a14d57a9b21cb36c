import Foundation
import Testing
import ZichtServer
import ZichtTestSupport

/// The public-site server in process, over real HTTP on 127.0.0.1, with paths sent byte for byte.
struct SiteServerTests {
    static let files: [String: [UInt8]] = [
        "index.html": Array("<!DOCTYPE html><title>Start</title>".utf8),
        "404.html": Array("<!DOCTYPE html><title>Pagina niet gevonden</title>".utf8),
        "zoekindex.json": Array(#"[{"t":"Start","p":""}]"#.utf8),
        "assets/zicht.css": Array("body { color: #111; }".utf8),
        "assets/zoeken.js": Array("(function () {})();".utf8),
        "doel/7-2-1/index.html": Array("<!DOCTYPE html><title>Doel</title>".utf8),
        "doel/7-2-1/index.json": Array("{}".utf8),
        "wijken/kaart.svg": Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8),
        "wijken/incidenten.csv": Array("wijk,aantal\n".utf8),
        "data/onbekend.xyz": [0, 1, 2, 3],
        "data/leeg.txt": [],
        ".zicht-site": Array("marker".utf8),
        "groot.json": Array(repeating: UInt8(ascii: "x"), count: 3 * 1024 * 1024 + 17),
    ]

    func withSite<T>(_ body: (RawHTTPClient, URL) async throws -> T) async throws -> T {
        let site = try HandWrittenSite(Self.files)
        defer { site.remove() }
        // Outside the site: what traversal would be after.
        try Data("secret".utf8).write(to: site.root.deletingLastPathComponent().appendingPathComponent("zicht.yaml"))
        return try await RunningServer.with(folder: site.root) { try await body($0, site.root) }
    }

    /// Every response, whatever its status, carries the same security headers.
    func expectSecurityHeaders(_ response: RawHTTPClient.Response, _ target: String) {
        #expect(response.headers["x-content-type-options"] == "nosniff", "\(target)")
        let policy = response.headers["content-security-policy"] ?? ""
        #expect(policy.contains("default-src 'none'"), "\(target): \(policy)")
        #expect(policy.contains("script-src 'self'"), "\(target): \(policy)")
        #expect(policy.contains("frame-ancestors 'none'"), "\(target): \(policy)")
        #expect(!policy.contains("unsafe"), "\(target): \(policy)")
        #expect(response.headers["referrer-policy"] == "no-referrer", "\(target)")
        #expect(response.headers["x-frame-options"] == "DENY", "\(target)")
        #expect(response.headers["cache-control"] == "no-cache", "\(target)")
        #expect(response.contentLength == response.body.count, "\(target)")
    }

    @Test func hostilePathsAreRefusedWith400() async throws {
        let hostile = [
            "/zoekindex.json%00.html", "/index.html%00", "/%00", "/a%0d%0aSet-Cookie:%20x=1",
            "/..%2Fzicht.yaml", "/..%2fzicht.yaml", "/%2e%2e%2fzicht.yaml", "/assets%2Fzicht.css",
            "/..%5Czicht.yaml", "/assets%5czicht.css", "/..\\zicht.yaml", "/assets\\zicht.css",
            "/../zicht.yaml", "/assets/../../zicht.yaml", "/%2e%2e/zicht.yaml", "/.%2e/zicht.yaml",
            "/assets/./zicht.css", "/a%zz", "/%C3%28",
        ]
        try await withSite { client, _ in
            for target in hostile {
                let response = try await client.fetch(target)
                #expect(response.status == 400, "\(target) → \(response.status)")
                #expect(response.headers["content-type"] == "text/plain; charset=utf-8", "\(target)")
                #expect(response.text.contains("Ongeldig adres"), "\(target)")
                #expect(!response.text.contains("secret"), "\(target)")
                expectSecurityHeaders(response, target)
            }
        }
    }

    /// Raw control characters and spaces never reach the site: the HTTP parser refuses the request
    /// line with an empty `400`, and that answer carries the security headers too.
    @Test func requestLinesTheParserRefusesStillCarryTheHeaders() async throws {
        try await withSite { client, _ in
            for target in ["/a\u{01}b", "/index.html\u{00}", "/a b", "/\u{7F}", "/a\tb"] {
                let response = try await client.fetch(target)
                #expect(response.status == 400, "\(target.debugDescription) → \(response.status)")
                #expect(response.body.isEmpty, "\(target.debugDescription)")
                expectSecurityHeaders(response, target.debugDescription)
            }
        }
    }

    @Test func filesHaveTheTypeOfTheirExtension() async throws {
        let expected = [
            "/": "text/html; charset=utf-8",
            "/index.html": "text/html; charset=utf-8",
            "/doel/7-2-1/": "text/html; charset=utf-8",
            "/doel/7-2-1/index.json": "application/json; charset=utf-8",
            "/zoekindex.json": "application/json; charset=utf-8",
            "/assets/zicht.css": "text/css; charset=utf-8",
            "/assets/zoeken.js": "text/javascript; charset=utf-8",
            "/wijken/kaart.svg": "image/svg+xml; charset=utf-8",
            "/wijken/incidenten.csv": "text/csv; charset=utf-8",
            "/data/onbekend.xyz": "application/octet-stream",
            "/data/leeg.txt": "text/plain; charset=utf-8",
            "/groot.json": "application/json; charset=utf-8",
        ]
        try await withSite { client, _ in
            for (target, type) in expected {
                let response = try await client.fetch(target)
                #expect(response.status == 200, "\(target)")
                #expect(response.headers["content-type"] == type, "\(target)")
                expectSecurityHeaders(response, target)
            }
            let big = try await client.fetch("/groot.json")
            #expect(big.body == Self.files["groot.json"], "a file larger than one read is streamed whole")
            let empty = try await client.fetch("/data/leeg.txt")
            #expect(empty.body.isEmpty && empty.contentLength == 0)
            // Query strings do not change which file is served.
            #expect(try await client.fetch("/zoekindex.json?v=2").body == Self.files["zoekindex.json"])
        }
    }

    @Test func missingFilesGetTheSitesOwnNotFoundPage() async throws {
        // Hidden files (the build's marker), files asked as folders, and names outside the site are
        // all simply not there.
        let missing = ["/bestaat/niet/", "/niet.html", "/.zicht-site", "/index.html/", "/assets/zicht.css/x", "/zicht.yaml"]
        try await withSite { client, _ in
            for target in missing {
                let response = try await client.fetch(target)
                #expect(response.status == 404, "\(target) → \(response.status)")
                #expect(response.text.contains("Pagina niet gevonden"), "\(target)")
                #expect(response.headers["content-type"] == "text/html; charset=utf-8", "\(target)")
                expectSecurityHeaders(response, target)
            }
        }
    }

    @Test func symbolicLinksAreNeverFollowed() async throws {
        try await withSite { client, root in
            let outside = root.deletingLastPathComponent().appendingPathComponent("zicht.yaml")
            try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link.txt"), withDestinationURL: outside)
            try FileManager.default.createSymbolicLink(
                at: root.appendingPathComponent("buiten"), withDestinationURL: root.deletingLastPathComponent())
            for target in ["/link.txt", "/buiten/zicht.yaml"] {
                let response = try await client.fetch(target)
                #expect(response.status == 404, "\(target)")
                #expect(!response.text.contains("secret"), "\(target)")
            }
        }
    }

    @Test func foldersWithoutSlashAreRedirectedWithinTheSite() async throws {
        try await withSite { client, _ in
            let response = try await client.fetch("/doel/7-2-1")
            #expect(response.status == 301)
            #expect(response.headers["location"] == "/doel/7-2-1/")
            expectSecurityHeaders(response, "/doel/7-2-1")
            let withQuery = try await client.fetch("/doel/7-2-1?q=veilig%20heid")
            #expect(withQuery.headers["location"] == "/doel/7-2-1/?q=veilig%20heid")
            let doubled = try await client.fetch("//doel//7-2-1")
            #expect(doubled.headers["location"] == "/doel/7-2-1/", "never a protocol-relative //host")
        }
    }

    @Test func onlyGetAndHeadAreAnswered() async throws {
        try await withSite { client, _ in
            let head = try await client.fetch("/zoekindex.json", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == String(Self.files["zoekindex.json"]!.count))
            #expect(head.headers["content-type"] == "application/json; charset=utf-8")
            #expect(head.body.isEmpty)
            #expect(head.headers["x-content-type-options"] == "nosniff")
            for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
                let response = try await client.fetch("/index.html", method: method)
                #expect(response.status == 405, "\(method)")
                #expect(response.headers["allow"] == "GET, HEAD", "\(method)")
                expectSecurityHeaders(response, method)
            }
        }
    }

    @Test func aMissingSiteFolderAnswers404() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-geen-site-\(UUID().uuidString)")
        try await RunningServer.with(folder: folder) { client in
            let response = try await client.fetch("/")
            #expect(response.status == 404)
            #expect(response.text.contains("Pagina niet gevonden"))
            expectSecurityHeaders(response, "/")
        }
    }
}
