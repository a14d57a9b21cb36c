#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An HTTP/1.1 client that sends the request target exactly as given and returns the bytes exactly
/// as received, for testing a server with paths that `URL` and libcurl would normalise or refuse
/// (`/a/../b`, `\`, `%00`) and for checking a body against its `Content-Length` byte for byte.
///
/// One request per connection (`Connection: close`); the response ends when the server closes.
/// Blocking, with a receive timeout so that a test never hangs.
public struct RawHTTPClient: Sendable {
    public var port: UInt16
    public var timeout: Duration

    public init(port: UInt16, timeout: Duration = .seconds(10)) {
        self.port = port
        self.timeout = timeout
    }

    /// A response as it came over the wire.
    public struct Response: Sendable {
        public var status: Int
        /// Header fields; names in lower case, repeated fields joined with ", ".
        public var headers: [String: String]
        public var body: [UInt8]

        public var text: String { String(decoding: body, as: UTF8.self) }
        public var contentLength: Int? { headers["content-length"].flatMap { Int($0) } }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Sends `method target` to 127.0.0.1 and reads the whole response.
    /// - Throws: ``Failure`` when connecting fails, the connection times out or the response is not HTTP.
    /// - Parameters:
    ///   - headers: extra header fields, sent as given.
    ///   - body: the request body; a `Content-Length` is added when it is not empty.
    public func request(_ target: String, method: String = "GET", headers: [(String, String)] = [], body: [UInt8] = []) throws -> Response {
        #if canImport(Glibc)
        let streamType = Int32(SOCK_STREAM.rawValue)
        let noSignal = Int32(MSG_NOSIGNAL)  // a closed connection is an error here, not SIGPIPE
        #else
        let streamType = SOCK_STREAM
        let noSignal: Int32 = 0
        #endif
        let connection = socket(AF_INET, streamType, 0)
        guard connection >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(connection) }
        var limit = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect to port \(port): errno \(errno)") }
        var fields = headers.map { "\($0.0): \($0.1)\r\n" }.joined()
        if !body.isEmpty { fields += "Content-Length: \(body.count)\r\n" }
        let head = Array("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\(fields)\r\n".utf8) + body
        var sent = 0
        while sent < head.count {
            let result = head[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, noSignal) }
            guard result > 0 else { throw Failure(description: "send: errno \(errno)") }
            sent += result
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw Failure(description: "receive from \(target): errno \(errno) after \(received.count) bytes")
            }
            received += chunk[..<count]
        }
        return try Self.parse(received, target: target)
    }

    static func parse(_ bytes: [UInt8], target: String) throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.firstRange(of: separator) else {
            throw Failure(description: "no complete header in \(bytes.count) bytes from \(target)")
        }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw Failure(description: "not an HTTP status line: \(lines[0])")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return Response(status: status, headers: headers, body: Array(bytes[end.upperBound...]))
    }
}
