import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Serves a built site folder over HTTP on a local address.
///
/// Every request checks which build the site folder holds and reads its file through one descriptor
/// (``SiteResponder``, ``SiteFolder``), or from memory for a small file of that same build
/// (``SiteCache``), so a rebuild that swaps the folder (see `AtomicDirectory`) is visible at the next
/// browser reload, and no response mixes two builds: its headers and body come from the same file.
/// Nothing is cached by the browser (`Cache-Control: no-cache`), unknown
/// paths get the site's own `404.html`, hostile paths get `400`, and every response carries the
/// security headers of ``SecurityHeaders`` (added in the channel pipeline, so that even the `400`
/// of a request line the HTTP parser refuses has them).
public struct SiteServer: Sendable {
    public var siteFolder: URL
    public var host: String
    public var port: Int
    /// How much of the site ``SiteCache`` keeps in memory.
    var cacheLimits = SiteCache.Limits.standard

    public init(siteFolder: URL, host: String = "127.0.0.1", port: Int = 8080) {
        self.siteFolder = siteFolder
        self.host = host
        self.port = port
    }

    /// Runs until the task is cancelled or the process receives SIGINT/SIGTERM.
    /// - Parameters:
    ///   - onRunning: called with the URL once the server listens.
    ///   - services: background services to run alongside (e.g. a project watcher).
    public func run(services: [any Service] = [], onRunning: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "zicht.serve")
        logger.logLevel = .warning
        let responder = SiteResponder<BasicRequestContext>(
            folder: SiteFolder(path: siteFolder.path), threadPool: .singleton, cache: SiteCache(limits: cacheLimits))
        let host = self.host
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(additionalChannelHandlers: [SecurityHeadersHandler()])),
            configuration: .init(address: .hostname(host, port: port), serverName: "Zicht"),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                onRunning("http://\(host):\(port)/")
            },
            logger: logger)
        try await app.runService()
    }
}
