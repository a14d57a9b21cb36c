import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// An HTTP server on 127.0.0.1 (a free port) that answers scripted replies, for testing HTTP
/// clients in process without a network.
///
/// Replies are queued per route: `"/a/b"` matches that path with any query, `"/a/b?x=1&y=2"` only
/// that query (compared after percent-decoding, so `$filter=a%20eq%20'b'` and `$filter=a eq 'b'`
/// are the same route). A request takes the first queued reply of its exact route, else of its
/// path; so a route can answer 500 and then 200. A request with no reply left gets a 404 whose
/// body says so. Every request is recorded, in order.
///
/// ```
/// try await ReplayServer.with { server in
///     server.enqueue(.status(500), .json(#"{"value":[]}"#), for: "/ODataApi/OData/83648NED/TypedDataSet")
///     … client at server.baseURL …
///     #expect(server.requests.count == 2)
/// }
/// ```
public final class ReplayServer: Sendable {
    /// One scripted answer.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
        /// Wait this long before answering (the request is recorded at once).
        public var delay: Duration
        /// Send only this many bytes of the body, with `Content-Length` still announcing all of
        /// it, then close the connection.
        public var sentBytes: Int?

        public init(status: Int = 200, headers: [String: String] = [:], body: [UInt8] = [], delay: Duration = .zero, sentBytes: Int? = nil) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
            self.sentBytes = sentBytes
        }

        /// A JSON reply (`Content-Type: application/json;charset=utf-8`).
        public static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> Reply {
            var all = ["Content-Type": "application/json;charset=utf-8"]
            all.merge(headers) { $1 }
            return Reply(status: status, headers: all, body: Array(text.utf8))
        }

        /// A reply with this status and a plain-text body.
        public static func status(_ status: Int, body: String = "", headers: [String: String] = [:]) -> Reply {
            var all = ["Content-Type": "text/plain;charset=utf-8"]
            all.merge(headers) { $1 }
            return Reply(status: status, headers: all, body: Array(body.utf8))
        }

        /// The same reply, sent after `delay`.
        public func delayed(by delay: Duration) -> Reply {
            var copy = self
            copy.delay = delay
            return copy
        }

        /// The same reply, cut off after `bytes` bytes of the body.
        public func truncated(after bytes: Int) -> Reply {
            var copy = self
            copy.sentBytes = bytes
            return copy
        }
    }

    /// A request as the server received it.
    public struct RecordedRequest: Sendable, Hashable {
        public var method: String
        /// The path as sent (percent-encoded).
        public var path: String
        /// The query as sent (percent-encoded), without `?`; nil when there was none.
        public var query: String?
        /// Header fields, names in lower case.
        public var headers: [String: String]

        /// `path?query` as sent.
        public var target: String { query.map { "\(path)?\($0)" } ?? path }

        /// The query with percent-encoding removed.
        public var decodedQuery: String? { query.map { $0.removingPercentEncoding ?? $0 } }

        /// The decoded value of one query parameter (`"$filter"`), or nil.
        public func queryValue(_ name: String) -> String? {
            guard let query else { return nil }
            for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                if key == name {
                    let value = parts.count > 1 ? String(parts[1]) : ""
                    return value.removingPercentEncoding ?? value
                }
            }
            return nil
        }
    }

    /// The port the server listens on, on 127.0.0.1.
    public let port: Int
    private let script: ReplayScript
    private let runTask: Task<Void, any Error>

    private init(port: Int, script: ReplayScript, runTask: Task<Void, any Error>) {
        self.port = port
        self.script = script
        self.runTask = runTask
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// An absolute URL on this server for a path with an optional query: `url("/a?b=1")`.
    public func url(_ pathAndQuery: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)")!
    }

    /// Queues replies for a route (`"/path"` or `"/path?query"`), answered in order.
    public func enqueue(_ replies: Reply..., for route: String) {
        script.enqueue(replies, for: route)
    }

    /// Every request received so far, in order.
    public var requests: [RecordedRequest] { script.requests }

    /// The requests received for a path, in order.
    public func requests(to path: String) -> [RecordedRequest] {
        requests.filter { $0.path == path }
    }

    /// Starts a server on 127.0.0.1 with a port the system picks.
    public static func start() async throws -> ReplayServer {
        let script = ReplayScript()
        var logger = Logger(label: "zicht.replay")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: ReplayResponder(script: script),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let runTask = Task {
            defer { portContinuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            runTask.cancel()
            try await runTask.value
            throw ReplayServerError(message: "the replay server did not start")
        }
        return ReplayServer(port: port, script: script, runTask: runTask)
    }

    /// Stops the server; replies still waiting are abandoned.
    public func stop() async {
        runTask.cancel()
        _ = try? await runTask.value
    }

    /// Runs `body` with a fresh server, and stops the server afterwards, also when `body` throws.
    public static func with<T>(_ body: (ReplayServer) async throws -> T) async throws -> T {
        let server = try await start()
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}

public struct ReplayServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The queued replies and the recorded requests, shared by the server's connections.
final class ReplayScript: Sendable {
    private struct State {
        var queues: [String: [ReplayServer.Reply]] = [:]
        var requests: [ReplayServer.RecordedRequest] = []
    }

    private let state = Mutex(State())

    /// `/path` or `/path?decoded query`.
    static func routeKey(path: String, query: String?) -> String {
        guard let query else { return path }
        return path + "?" + (query.removingPercentEncoding ?? query)
    }

    func enqueue(_ replies: [ReplayServer.Reply], for route: String) {
        let parts = route.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let key = Self.routeKey(path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : nil)
        state.withLock { $0.queues[key, default: []] += replies }
    }

    var requests: [ReplayServer.RecordedRequest] { state.withLock { $0.requests } }

    /// Records the request and takes its reply: the exact route's first, else the path's.
    func take(for request: ReplayServer.RecordedRequest) -> ReplayServer.Reply? {
        state.withLock { state in
            state.requests.append(request)
            for key in [Self.routeKey(path: request.path, query: request.query), request.path] {
                if var queue = state.queues[key], !queue.isEmpty {
                    let reply = queue.removeFirst()
                    state.queues[key] = queue
                    return reply
                }
            }
            return nil
        }
    }
}

/// Thrown inside a body writer to close the connection mid-body.
struct ReplayTruncation: Error {}

/// Answers every request from the script.
struct ReplayResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let script: ReplayScript

    func respond(to request: Request, context: Context) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let recorded = ReplayServer.RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers)
        guard let reply = script.take(for: recorded) else {
            let text = "replay: no reply queued for \(recorded.target)"
            return Response(status: .notFound, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        if reply.delay > .zero {
            try await Task.sleep(for: reply.delay)
        }
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        let status = HTTPResponse.Status(code: reply.status)
        guard let sent = reply.sentBytes, sent < reply.body.count else {
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
        fields[.contentLength] = String(reply.body.count)
        let partial = ByteBuffer(bytes: reply.body.prefix(sent))
        return Response(
            status: status, headers: fields,
            body: ResponseBody { writer in
                try await writer.write(partial)
                throw ReplayTruncation()
            })
    }
}
