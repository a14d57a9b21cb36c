import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Serves a built site folder over HTTP on a local address.
///
/// Files are read from the folder on every request, so a rebuild that swaps the folder
/// (see `AtomicDirectory`) is visible at the next browser reload. Nothing is cached by the browser
/// (`Cache-Control: no-cache`), and unknown paths get the site's own `404.html`.
public struct SiteServer: Sendable {
    public var siteFolder: URL
    public var host: String
    public var port: Int

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
        let router = Router()
        router.add(middleware: NotFoundPageMiddleware(notFoundPage: siteFolder.appendingPathComponent("404.html")))
        router.add(middleware: FileMiddleware(
            siteFolder.path, cacheControl: .init([(MediaType(type: .any), [.noCache])]),
            searchForIndexHtml: true, logger: logger))
        let host = self.host
        let app = Application(
            router: router,
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

/// Answers 404 with the site's own "not found" page instead of an empty body.
struct NotFoundPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let notFoundPage: URL

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let data = FileManager.default.contents(atPath: notFoundPage.path) else { throw error }
            return Response(
                status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
