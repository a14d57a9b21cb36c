import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// Answers every request for a built site: its files, a redirect for a folder asked without `/`,
/// the site's own `404.html`, and `400`/`405` for what a static site never serves.
///
/// A file's `Content-Length`, `Content-Type` and bytes all come from one open descriptor
/// (``SiteFolder``, ``OpenFile``): small files are read whole before the headers go out, larger
/// ones are streamed from the same descriptor. Small files found are kept in a ``SiteCache`` for
/// the build they were read from; a request for one of them costs a `stat` of the site folder
/// (to see that the build is still the one at its path) and no thread-pool hop.
/// ``SecurityHeadersHandler`` adds the security headers to every response, errors included.
struct SiteResponder<Context: RequestContext>: HTTPResponder {
    let folder: SiteFolder
    let threadPool: NIOThreadPool
    let cache: SiteCache

    /// Files up to this size are read before answering; larger ones are streamed.
    static var wholeFileLimit: Int { 1 << 20 }
    /// The size of one read of a streamed file.
    static var chunkSize: Int { 256 << 10 }

    init(folder: SiteFolder, threadPool: NIOThreadPool, cache: SiteCache = SiteCache()) {
        self.folder = folder
        self.threadPool = threadPool
        self.cache = cache
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        do {
            return try await answer(request)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(error)")
            return Self.text(.internalServerError, "Interne fout: dit bestand kon niet worden gelezen.")
        }
    }

    private func answer(_ request: Request) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "Deze methode wordt niet ondersteund: de site kent alleen GET en HEAD.")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let path: SitePath
        do {
            path = try SitePath(raw: request.uri.path)
        } catch {
            return Self.text(.badRequest, "Ongeldig adres: het pad bevat tekens die deze site nooit gebruikt (zoals %00, %2F, %5C, \\ of ..).")
        }
        let isHead = request.method == .head
        // A `stat` is cheap enough to make here rather than on the thread pool.
        if let build = folder.currentBuild(), let entry = cache.entry(for: path, in: build) {
            return Response(status: .ok, headers: entry.headers, body: isHead ? ResponseBody() : ResponseBody(byteBuffer: entry.body))
        }
        let folder = self.folder
        let found = try await threadPool.runIfActive { () throws(SiteFolderError) -> Found in
            let (resolution, build) = try folder.lookUp(path)
            guard !isHead, let file = resolution.servedFile, file.size <= Self.wholeFileLimit else {
                return Found(resolution: resolution, build: build, contents: nil)
            }
            return Found(resolution: resolution, build: build, contents: try file.read(at: 0, count: file.size))
        }
        switch found.resolution {
        case .file(let file):
            if let contents = found.contents, let build = found.build {
                cache.store(SiteCache.Entry(headers: Self.headers(for: file), body: contents), for: path, in: build)
            }
            return fileResponse(.ok, file, contents: found.contents, isHead: isHead)
        case .missing(notFoundPage: let page?):
            return fileResponse(.notFound, page, contents: found.contents, isHead: isHead)
        case .missing(notFoundPage: nil):
            return Self.text(.notFound, "Pagina niet gevonden.")
        case .folder:
            var location = path.folderLocation
            if let query = request.uri.query {
                location += "?" + SitePath.percentEncode(query, keeping: Set("/?%".utf8))
            }
            var response = Self.text(.movedPermanently, "Deze pagina staat op \(location)")
            response.headers[.location] = location
            return response
        }
    }

    /// What a lookup found, in which build, with the file's bytes when it was small enough to read at once.
    private struct Found: Sendable {
        var resolution: SiteFolder.Resolution
        var build: SiteFolder.Build?
        var contents: ByteBuffer?
    }

    /// The headers of a file's response: its type and length.
    private static func headers(for file: OpenFile) -> HTTPFields {
        [.contentType: FileContentType.forFile(named: file.name), .contentLength: String(file.size)]
    }

    private func fileResponse(_ status: HTTPResponse.Status, _ file: OpenFile, contents: ByteBuffer?, isHead: Bool) -> Response {
        let headers = Self.headers(for: file)
        if isHead { return Response(status: status, headers: headers, body: ResponseBody()) }
        if let contents { return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: contents)) }
        let threadPool = self.threadPool
        return Response(status: status, headers: headers, body: ResponseBody(contentLength: file.size) { writer in
            var offset = 0
            while offset < file.size {
                let start = offset
                let count = min(Self.chunkSize, file.size - offset)
                let chunk = try await threadPool.runIfActive { () throws(SiteFolderError) -> ByteBuffer in
                    try file.read(at: start, count: count)
                }
                try await writer.write(chunk)
                offset += count
            }
            try await writer.finish(nil)
        })
    }

    /// A short Dutch plain-text answer.
    private static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
