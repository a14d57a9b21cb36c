import Foundation
import Testing
@testable import ZichtServer
import ZichtTestSupport

/// A `SiteServer` running in this process on 127.0.0.1 (a free port) for the duration of a test.
enum RunningServer {
    /// Starts a server for `folder`, runs `body` with a client for it, and stops the server.
    static func with<T>(
        folder: URL, cacheLimits: SiteCache.Limits = .standard, _ body: (RawHTTPClient) async throws -> T
    ) async throws -> T {
        let (addresses, continuation) = AsyncStream.makeStream(of: String.self)
        var site = SiteServer(siteFolder: folder, port: 0)
        site.cacheLimits = cacheLimits
        let server = Task { [site] in
            try await site.run { url in continuation.yield(url) }
        }
        defer { server.cancel() }
        var iterator = addresses.makeAsyncIterator()
        let url = try #require(await iterator.next())
        let port = try #require(url.firstMatch(of: /:(\d+)\/$/).flatMap { UInt16($0.1) })
        // A generous receive timeout: when the whole suite runs, other tests (site builds, bcrypt)
        // can keep both cores busy for seconds; a slow answer is not a torn one.
        let result = try await body(RawHTTPClient(port: port, timeout: .seconds(120)))
        server.cancel()
        _ = await server.result
        return result
    }
}

/// A built site written by hand: relative path → bytes, in a fresh temporary folder.
struct HandWrittenSite {
    let root: URL

    init(_ files: [String: [UInt8]]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-site-\(UUID().uuidString)")
        try Self.write(files, into: root)
    }

    static func write(_ files: [String: [UInt8]], into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, bytes) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

extension RawHTTPClient {
    /// `request(_:method:)` on a thread of its own, so that waiting for the server never blocks
    /// one of the few threads the server's own tasks run on.
    func fetch(_ target: String, method: String = "GET") async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try request(target, method: method) })
            }
        }
    }
}
