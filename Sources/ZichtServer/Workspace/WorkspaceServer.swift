import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import ZichtWorkspace

/// `zicht server`: the werkomgeving under `/werkomgeving/` and the published site everywhere else,
/// from one process. The published site is served exactly as `zicht serve` serves a site (one open
/// descriptor per file, small files of the current publication in memory, the site's own 404 page);
/// the werkomgeving's pages are made per request.
/// Every response carries the security headers (``SecurityHeaders``).
public struct WorkspaceServer: Sendable {
    public struct Settings: Sendable {
        public var host: String
        public var port: Int
        /// Behind a proxy that terminates TLS: cookies get `Secure` and the `__Host-` prefix.
        public var secureCookies: Bool
        /// The address of that proxy; only its `X-Forwarded-For` is believed.
        public var trustedProxy: String?
        /// The name authenticator apps show ("Zicht Gemeente Zwolle").
        public var issuer: String
        /// Login through the organisation's identity provider (OpenID Connect), besides local accounts.
        public var oidc: OIDCSettings?

        public init(
            host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, trustedProxy: String? = nil, issuer: String = "Zicht",
            oidc: OIDCSettings? = nil
        ) {
            self.host = host
            self.port = port
            self.secureCookies = secureCookies
            self.trustedProxy = trustedProxy
            self.issuer = issuer
            self.oidc = oidc
        }
    }

    public var settings: Settings
    let store: any WorkspaceStore
    let publicSite: URL
    let workFolder: URL
    let previewFolder: URL
    let exportsFolder: URL
    let generator: String

    /// - Parameters:
    ///   - store: the workspace's storage, holding the project's files.
    ///   - publicSite: the folder of the published site.
    ///   - workFolder: where the newest version of every file is written for the preview build.
    ///   - previewFolder: where the preview is built.
    ///   - exportsFolder: where each export is written as a site project before it is published.
    public init(
        store: any WorkspaceStore, publicSite: URL, workFolder: URL, previewFolder: URL, exportsFolder: URL, generator: String, settings: Settings
    ) {
        self.store = store
        self.publicSite = publicSite
        self.workFolder = workFolder
        self.previewFolder = previewFolder
        self.exportsFolder = exportsFolder
        self.generator = generator
        self.settings = settings
    }

    /// Builds the preview, then serves until cancelled or stopped by SIGINT/SIGTERM.
    public func run(onRunning: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "zicht.server")
        logger.logLevel = .warning
        let preview = PreviewSite(store: store, workFolder: workFolder, output: previewFolder, generator: generator)
        try await preview.prepare()
        var authenticator = Authenticator(store: store, issuer: settings.issuer)
        authenticator.idleTimeout = 15 * 60
        let publisher = Publisher(store: store, exportsFolder: exportsFolder, publicSite: publicSite, generator: generator)
        // Several instances on one database: each builds what another published (checked every 2 s).
        let follower = Task { await publisher.follow(every: .seconds(2)) }
        defer { follower.cancel() }
        let oidc = settings.oidc.map { OIDCLogin(relyingParty: OIDCRelyingParty(settings: $0), pending: PendingOIDCLogins(store: store)) }
        let werkomgeving = Werkomgeving(
            store: store, authenticator: authenticator, preview: preview, publisher: publisher, oidc: oidc, settings: settings)
        let responder = WorkspaceResponder(
            werkomgeving: werkomgeving, site: SiteResponder<WorkspaceRequestContext>(folder: SiteFolder(path: publicSite.path), threadPool: .singleton))
        let host = settings.host
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(additionalChannelHandlers: [SecurityHeadersHandler()])),
            configuration: .init(address: .hostname(host, port: settings.port), serverName: "Zicht"),
            onServerRunning: { channel in
                onRunning("http://\(host):\(channel.localAddress?.port ?? 0)/")
            },
            logger: logger)
        try await app.runService()
    }
}

/// Sends `/api/v1/…` to the API, `/werkomgeving/…` to the werkomgeving and everything else to the
/// published site.
struct WorkspaceResponder: HTTPResponder {
    typealias Context = WorkspaceRequestContext
    let werkomgeving: Werkomgeving
    let site: SiteResponder<WorkspaceRequestContext>

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if path == APIDocument.prefix || path.hasPrefix(APIDocument.prefix + "/") {
            do {
                return try await WorkspaceAPI(werkomgeving: werkomgeving).respond(to: request, context: context)
            } catch {
                context.logger.error("\(request.method) \(path): \(error)")
                return APIDocument.problem(.internalServerError, title: "Interne fout", detail: "Er is niets verloren gegaan van wat al was opgeslagen; probeer het opnieuw.")
            }
        }
        if path == Werkomgeving.prefix || path.hasPrefix(Werkomgeving.prefix + "/") {
            do {
                return try await werkomgeving.respond(to: request, context: context)
            } catch {
                context.logger.error("\(request.method) \(path): \(error)")
                return Werkomgeving.text(.internalServerError, "Interne fout. Er is niets verloren gegaan van wat al was opgeslagen; probeer het opnieuw.")
            }
        }
        return try await site.respond(to: request, context: context)
    }
}
