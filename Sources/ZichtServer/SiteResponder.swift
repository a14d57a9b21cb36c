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
/// ones are streamed from the same descriptor. ``SecurityHeadersHandler`` adds the security headers
/// to every response, errors included.
struct SiteResponder<Context: RequestContext>: HTTPResponder {
    let folder: SiteFolder
    let threadPool: NIOThreadPool

    /// Files up to this size are read before answering; larger ones are streamed.
    static var wholeFileLimit: Int { 1 << 20 }
    /// The size of one read of a streamed file.
    static var chunkSize: Int { 256 << 10 }

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
        let folder = self.folder
        let found = try await threadPool.runIfActive { () throws(SiteFolderError) -> Found in
            let resolution = try folder.resolve(path)
            guard !isHead, let file = resolution.servedFile, file.size <= Self.wholeFileLimit else {
                return Found(resolution: resolution, contents: nil)
            }
            return Found(resolution: resolution, contents: try file.read(at: 0, count: file.size))
        }
        switch found.resolution {
        case .file(let file):
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

    /// What a lookup found, with the file's bytes when it was small enough to read at once.
    private struct Found: Sendable {
        var resolution: SiteFolder.Resolution
        var contents: ByteBuffer?
    }

    private func fileResponse(_ status: HTTPResponse.Status, _ file: OpenFile, contents: ByteBuffer?, isHead: Bool) -> Response {
        let headers: HTTPFields = [
            .contentType: FileContentType.forFile(named: file.name),
            .contentLength: String(file.size),
        ]
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
