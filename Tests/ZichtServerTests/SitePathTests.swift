import Testing
@testable import ZichtServer

struct SitePathTests {
    @Test(arguments: [
        ("/", [String](), true),
        ("/doel/7-2-1-sociale-veiligheid/", ["doel", "7-2-1-sociale-veiligheid"], true),
        ("/assets/zicht.css", ["assets", "zicht.css"], false),
        ("/wijken", ["wijken"], false),
        ("/caf%C3%A9/", ["café"], true),
        ("/a%20b.json", ["a b.json"], false),
        ("//assets//zicht.css", ["assets", "zicht.css"], false),
        ("/...", ["..."], false),
        ("/.well-known/x", [".well-known", "x"], false),
    ])
    func acceptsSitePaths(raw: String, segments: [String], endsWithSlash: Bool) throws {
        let path = try SitePath(raw: raw)
        #expect(path.segments == segments)
        #expect(path.endsWithSlash == endsWithSlash)
    }

    @Test(arguments: [
        ("/zoekindex.json%00.html", SitePath.Rejection.controlCharacter),
        ("/a%0Ab", .controlCharacter),
        ("/a%0d%0aSet-Cookie:x", .controlCharacter),
        ("/a%7F", .controlCharacter),
        ("/a\u{01}b", .controlCharacter),
        ("/a\tb", .controlCharacter),
        ("/..%2Fzicht.yaml", .encodedSeparator),
        ("/doel%2findex.html", .encodedSeparator),
        ("/doel%5Cindex.html", .encodedSeparator),
        ("/doel%5cindex.html", .encodedSeparator),
        ("/doel\\index.html", .backslash),
        ("/..\\zicht.yaml", .backslash),
        ("/../zicht.yaml", .dotSegment),
        ("/doel/../../zicht.yaml", .dotSegment),
        ("/doel/..", .dotSegment),
        ("/%2e%2e/zicht.yaml", .dotSegment),
        ("/.%2E/zicht.yaml", .dotSegment),
        ("/./index.html", .dotSegment),
        ("/a%2", .badEncoding),
        ("/a%zz", .badEncoding),
        ("/a%", .badEncoding),
        ("/%C3%28", .badEncoding),
        ("doel/", .notAbsolute),
        ("*", .notAbsolute),
        ("", .notAbsolute),
    ])
    func refusesHostilePaths(raw: String, rejection: SitePath.Rejection) {
        #expect(throws: rejection) { try SitePath(raw: raw) }
    }

    @Test func folderLocationIsEncodedAndStaysOnTheSite() throws {
        #expect(try SitePath(raw: "/wijken").folderLocation == "/wijken/")
        #expect(try SitePath(raw: "/caf%C3%A9").folderLocation == "/caf%C3%A9/")
        #expect(try SitePath(raw: "/a%20b%3F").folderLocation == "/a%20b%3F/")
        // A path that starts with `//` must not become a redirect to another host.
        #expect(try SitePath(raw: "//evil.example/x").folderLocation == "/evil.example/x/")
    }

    /// Decoding and encoding again give the same segments (any text without `/`, `\` or controls).
    @Test func encodingRoundTrips() throws {
        let names = ["a", "café", "a b", "x?y#z", "100%", "ü-ß-€", "name.json", "~user", "a+b=c"]
        for name in names {
            let path = try SitePath(raw: "/" + SitePath.percentEncode(name) + "/")
            #expect(path.segments == [name])
            #expect(try SitePath(raw: path.folderLocation) == path)
        }
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("zicht.css", "text/css; charset=utf-8"),
        ("zoeken.js", "text/javascript; charset=utf-8"),
        ("zoekindex.json", "application/json; charset=utf-8"),
        ("incidenten.csv", "text/csv; charset=utf-8"),
        ("kaart.svg", "image/svg+xml; charset=utf-8"),
        ("wijken.geojson", "application/geo+json; charset=utf-8"),
        ("logo.PNG", "image/png"),
        ("foto.jpeg", "image/jpeg"),
        ("font.woff2", "font/woff2"),
        ("archief.tar.gz", "application/octet-stream"),
        ("zicht.yaml", "application/octet-stream"),
        ("LICENSE", "application/octet-stream"),
        (".htaccess", "application/octet-stream"),
        ("index.html.bak", "application/octet-stream"),
    ])
    func contentTypeFollowsTheExtension(name: String, type: String) {
        #expect(FileContentType.forFile(named: name) == type)
    }
}
