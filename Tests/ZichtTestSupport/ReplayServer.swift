import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
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
/// The server answers on SwiftNIO's event-loop threads, never on Swift's cooperative pool: a test
/// that measures time limits must not see its server stall while long synchronous tests hold
/// every thread of that pool.
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
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    private init(port: Int, script: ReplayScript, channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.port = port
        self.script = script
        self.channel = channel
        self.group = group
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

    /// Starts a server on 127.0.0.1 with a port the system picks, on its own event-loop thread.
    public static func start() async throws -> ReplayServer {
        let script = ReplayScript()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(ReplayHandler(script: script))
                    }
                }
                .bind(host: "127.0.0.1", port: 0)
                .get()
            guard let port = channel.localAddress?.port, port > 0 else {
                try? await channel.close()
                throw ReplayServerError(message: "the replay server did not start")
            }
            return ReplayServer(port: port, script: script, channel: channel, group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Stops the server; replies still waiting are abandoned.
    public func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
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

/// Answers each request of one connection from the script, on the connection's event loop.
final class ReplayHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let script: ReplayScript
    private var head: HTTPRequestHead?

    init(script: ReplayScript) {
        self.script = script
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            answer(head, context: context)
        }
    }

    private func answer(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        var headers: [String: String] = [:]
        for (name, value) in head.headers {
            let name = name.lowercased()
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        let target = head.uri
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let recorded = ReplayServer.RecordedRequest(
            method: head.method.rawValue, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : nil,
            headers: headers)
        let reply = script.take(for: recorded)
            ?? .status(404, body: "replay: no reply queued for \(recorded.target)")
        let keepAlive = head.isKeepAlive
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let send: @Sendable () -> Void = {
            let (handler, context) = loopBound.value
            handler.write(reply, keepAlive: keepAlive, context: context)
        }
        if reply.delay > .zero {
            let nanoseconds = reply.delay.components.seconds * 1_000_000_000 + reply.delay.components.attoseconds / 1_000_000_000
            context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { send() }
        } else {
            send()
        }
    }

    private func write(_ reply: ReplayServer.Reply, keepAlive: Bool, context: ChannelHandlerContext) {
        var fields = HTTPHeaders()
        for (name, value) in reply.headers.sorted(by: { $0.key < $1.key }) { fields.add(name: name, value: value) }
        fields.replaceOrAdd(name: "Content-Length", value: String(reply.body.count))
        let truncated = reply.sentBytes.map { $0 < reply.body.count } ?? false
        if !keepAlive || truncated { fields.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: reply.status), headers: fields)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        let sent = truncated ? Array(reply.body.prefix(reply.sentBytes ?? 0)) : reply.body
        if !sent.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: sent)))), promise: nil)
        }
        if truncated {
            // Flush what there is, then close without the end of the message: the body stops short.
            let closing = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer())))).whenComplete { _ in
                closing.value.close(promise: nil)
            }
            return
        }
        let closing = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { closing.value.close(promise: nil) }
        }
    }
}
