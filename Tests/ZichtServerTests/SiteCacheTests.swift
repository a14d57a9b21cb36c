import Foundation
import HTTPTypes
import NIOCore
import Testing
import ZichtTestSupport

@testable import ZichtServer

/// The in-memory cache of a build's small files: alone, and through the server.
struct SiteCacheTests {
    static func entry(_ count: Int) -> SiteCache.Entry {
        SiteCache.Entry(headers: [.contentLength: String(count)], body: ByteBuffer(repeating: UInt8(ascii: "x"), count: count))
    }

    static func path(_ raw: String) throws -> SitePath {
        try SitePath(raw: raw)
    }

    /// Two folders standing for two builds.
    static func withTwoBuilds(_ body: (SiteFolder.Build, SiteFolder.Build) throws -> Void) throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        var builds: [SiteFolder.Build] = []
        for name in ["a", "b"] {
            let folder = work.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            builds.append(try #require(SiteFolder(path: folder.path).currentBuild()))
        }
        try body(builds[0], builds[1])
    }

    @Test func aNewBuildEmptiesTheCacheAndOldBytesAreNotStoredInIt() throws {
        try Self.withTwoBuilds { old, new in
            #expect(old != new)
            let cache = SiteCache()
            let index = try Self.path("/")
            #expect(cache.entry(for: index, in: old) == nil)
            cache.store(Self.entry(10), for: index, in: old)
            #expect(cache.entry(for: index, in: old)?.body.readableBytes == 10)
            // The folder's path now names the new build: nothing of the old one is served.
            #expect(cache.entry(for: index, in: new) == nil)
            #expect(cache.usage.entries == 0 && cache.usage.bytes == 0)
            // A request that read the old build before the swap finishes late: its bytes are not kept.
            cache.store(Self.entry(10), for: index, in: old)
            #expect(cache.entry(for: index, in: new) == nil)
            cache.store(Self.entry(20), for: index, in: new)
            #expect(cache.entry(for: index, in: new)?.body.readableBytes == 20)
        }
    }

    @Test func memoryIsBounded() throws {
        try Self.withTwoBuilds { build, _ in
            let limits = SiteCache.Limits(maxFileSize: 1_000, maxBytes: 5_000, maxEntries: 8)
            let bySize = SiteCache(limits: limits)
            _ = bySize.entry(for: try Self.path("/"), in: build)
            bySize.store(Self.entry(1_001), for: try Self.path("/groot.json"), in: build)
            #expect(bySize.entry(for: try Self.path("/groot.json"), in: build) == nil, "a file over maxFileSize is never kept")
            for number in 0..<100 {
                bySize.store(Self.entry(900), for: try Self.path("/pagina-\(number).html"), in: build)
                #expect(bySize.usage.bytes <= limits.maxBytes)
            }
            #expect(bySize.usage.entries == 4, "4 × (900 bytes + the key) fit in 5,000 bytes")
            // What is kept stays kept: the first files are still there.
            #expect(bySize.entry(for: try Self.path("/pagina-0.html"), in: build)?.body.readableBytes == 900)

            let byCount = SiteCache(limits: limits)
            _ = byCount.entry(for: try Self.path("/"), in: build)
            for number in 0..<100 {
                byCount.store(Self.entry(0), for: try Self.path("/leeg-\(number).txt"), in: build)
                #expect(byCount.usage.entries <= limits.maxEntries)
            }
            #expect(byCount.usage.entries == limits.maxEntries)
        }
    }

    /// Each publication is visible at the very next request, also when the two versions have the
    /// same length and the file system reuses a deleted build's inode number for a later one.
    @Test func aSwappedFolderIsServedAtOnce() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-cache-swap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        var sources: [URL] = []
        for letter in ["a", "b"] {
            let folder = work.appendingPathComponent("versie-\(letter)")
            try HandWrittenSite.write(
                ["index.html": Array("<p>versie \(letter)</p>".utf8), "assets/zicht.css": Array("/* \(letter) */".utf8)], into: folder)
            sources.append(folder)
        }
        let site = work.appendingPathComponent("site")
        try SiteSwapTests.install(sources[0], as: site)
        try await RunningServer.with(folder: site) { client in
            for swap in 0..<20 {
                let letter = swap % 2 == 0 ? "a" : "b"
                for _ in 0..<3 {  // the first read fills the cache, the others are answered from it
                    let page = try await client.fetch("/")
                    #expect(page.status == 200 && page.text == "<p>versie \(letter)</p>", "swap \(swap)")
                    #expect(page.headers["content-type"] == "text/html; charset=utf-8")
                    #expect(page.contentLength == page.body.count)
                    #expect(try await client.fetch("/assets/zicht.css").text == "/* \(letter) */", "swap \(swap)")
                }
                let head = try await client.fetch("/", method: "HEAD")
                #expect(head.status == 200 && head.body.isEmpty && head.contentLength == "<p>versie \(letter)</p>".utf8.count)
                try SiteSwapTests.install(sources[(swap + 1) % 2], as: site)
            }
        }
    }

    /// Files the cache cannot keep (too large, or the cache is full) are served from disk, whole,
    /// with the same headers; the site's 404 page and redirects are unchanged.
    @Test func filesTheCacheCannotKeepAreServedWhole() async throws {
        var files: [String: [UInt8]] = [
            "404.html": Array("<title>Pagina niet gevonden</title>".utf8),
            "middel.json": Array(repeating: UInt8(ascii: "m"), count: 5_000),
            "groot.csv": Array(repeating: UInt8(ascii: "g"), count: 3 * 1024 * 1024 + 5),
            "doel/index.html": Array("<title>Doel</title>".utf8),
        ]
        for number in 0..<12 { files["pagina-\(number).html"] = Array("pagina \(number)".utf8) }
        let site = try HandWrittenSite(files)
        defer { site.remove() }
        let limits = SiteCache.Limits(maxFileSize: 1_000, maxBytes: 4_000, maxEntries: 3)
        try await RunningServer.with(folder: site.root, cacheLimits: limits) { client in
            for _ in 0..<2 {
                for (name, bytes) in files where name != "404.html" && name != "doel/index.html" {
                    let response = try await client.fetch("/" + name)
                    #expect(response.status == 200, "\(name)")
                    #expect(response.body == bytes, "\(name)")
                    #expect(response.contentLength == bytes.count, "\(name)")
                    #expect(response.headers["content-type"] == FileContentType.forFile(named: name), "\(name)")
                    #expect(response.headers["cache-control"] == "no-cache", "\(name)")
                }
                let missing = try await client.fetch("/bestaat-niet.html")
                #expect(missing.status == 404 && missing.text.contains("Pagina niet gevonden"))
                let folder = try await client.fetch("/doel")
                #expect(folder.status == 301 && folder.headers["location"] == "/doel/")
            }
        }
    }
}
