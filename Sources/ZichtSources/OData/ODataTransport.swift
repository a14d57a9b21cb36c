import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends GET requests with a time limit per attempt and retries, and reads the reply as JSON.
///
/// Owns one ephemeral `URLSession` (no cache, no cookies: the same URL may answer differently
/// from one attempt to the next), invalidated when the last client that shares it goes away.
final class ODataTransport: Sendable {
    private let session: URLSession

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Fetches `url` and parses the reply, retrying as `configuration.retry` allows.
    /// - Returns: the JSON and the number of attempts it took.
    /// - Throws: ``ODataError`` with the attempt count, or `CancellationError`.
    func fetchJSON(_ url: URL, configuration: ODataClient.Configuration) async throws -> (ODataJSON, Int) {
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            do {
                return (try await attemptOnce(url, configuration: configuration), attempt)
            } catch let error as ODataError {
                guard error.isRetryable, attempt < policy.maxAttempts else {
                    throw error.with(attempts: attempt, resumeURL: nil)
                }
                try await Task.sleep(for: policy.delay(retry: attempt, retryAfter: error.retryAfter, random: .random(in: 0...1)))
            }
        }
    }

    /// One attempt: send, wait at most `configuration.timeout`, check status and length, parse.
    private func attemptOnce(_ url: URL, configuration: ODataClient.Configuration) async throws -> ODataJSON {
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        // The session's own limit counts whole seconds (0.15 s times out at once on Linux) and
        // restarts at every byte; the deadline below is the real limit, this one only a backstop.
        request.timeoutInterval = configuration.timeout.odataSeconds.rounded(.up) + 1
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")

        let loaded: (Data, URLResponse)?
        do {
            loaded = try await session.odataData(for: request, deadline: configuration.timeout)
        } catch let failure as TransferFailure {
            if Task.isCancelled { throw CancellationError() }
            throw Self.odataError(failure, url: url, timeout: configuration.timeout)
        }
        guard let (data, response) = loaded else {
            throw ODataError(kind: .timeout, url: url, detail: "no complete reply within \(Self.format(configuration.timeout))")
        }
        guard let http = response as? HTTPURLResponse else {
            throw ODataError(kind: .transport, url: url, detail: "the reply is not an HTTP response")
        }
        let bytes = [UInt8](data)
        guard (200...299).contains(http.statusCode) else {
            var error = ODataError(kind: .httpStatus, url: url, status: http.statusCode, detail: "")
            if let json = try? ODataJSONParser.parse(bytes), let message = ODataPages.serverMessage(json) {
                error.detail = message
            }
            error.retryAfter = http.value(forHTTPHeaderField: "Retry-After").flatMap { ODataRetryPolicy.parseRetryAfter($0) }
            throw error
        }
        // A body shorter than its Content-Length was cut off. (With Content-Encoding the length
        // counts compressed bytes, so only a plain body can be checked this way.)
        let expected = http.expectedContentLength
        if expected > 0, Int64(bytes.count) < expected, http.value(forHTTPHeaderField: "Content-Encoding") == nil {
            throw ODataError(
                kind: .truncatedBody, url: url, byteOffset: bytes.count,
                detail: "received \(bytes.count) of \(expected) bytes")
        }
        do {
            return try ODataJSONParser.parse(bytes)
        } catch {
            if error.isEndOfInput {
                throw ODataError(
                    kind: .truncatedBody, url: url, byteOffset: error.offset,
                    detail: "the reply ends at byte \(error.offset) where \(error.expected) was expected")
            }
            throw ODataError(
                kind: .invalidJSON, url: url, byteOffset: error.offset,
                detail: "expected \(error.expected), found \(error.found)")
        }
    }

    /// Maps a URLSession failure to an OData error kind.
    private static func odataError(_ failure: TransferFailure, url: URL, timeout: Duration) -> ODataError {
        if failure.isCutOff {
            let received = failure.receivedBytes
            let detail = received.map { "the connection closed after \($0) of \(failure.expectedBytes) bytes" }
                ?? "the connection closed before the reply was complete"
            return ODataError(kind: .truncatedBody, url: url, byteOffset: received, detail: detail)
        }
        switch failure.code {
        case .timedOut?:
            return ODataError(kind: .timeout, url: url, detail: "no complete reply within \(format(timeout))")
        case .cannotConnectToHost?:
            return ODataError(kind: .noNetwork, url: url, detail: "could not connect")
        case .cannotFindHost?, .dnsLookupFailed?:
            return ODataError(kind: .noNetwork, url: url, detail: "host name not found")
        case .notConnectedToInternet?, .internationalRoamingOff?, .dataNotAllowed?, .callIsActive?:
            return ODataError(kind: .noNetwork, url: url, detail: "not connected to a network")
        case let code?:
            let message = failure.message.isEmpty ? "" : ": \(failure.message)"
            return ODataError(kind: .transport, url: url, detail: "URL loading error \(code.rawValue)\(message)")
        case nil:
            return ODataError(kind: .transport, url: url, detail: "\(failure.error)")
        }
    }

    /// "0.25 s", "60 s".
    private static func format(_ duration: Duration) -> String {
        let seconds = duration.odataSeconds
        return seconds.rounded() == seconds ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}

extension URLSession {
    /// `data(for:)` built on a data task, with a deadline: returns nil when no complete reply came
    /// within `limit`, and cancels the transfer then. Cancelling the Swift task cancels the transfer
    /// on every platform.
    ///
    /// The deadline is a dispatch timer and the reply arrives on the session's own queue; which of
    /// the two came first is decided there, under a lock. Neither needs a thread of Swift's
    /// cooperative pool, so a reply that arrived in time counts as in time even when every thread
    /// of that pool is busy (a server under load, a test run with long synchronous tests).
    func odataData(for request: URLRequest, deadline limit: Duration) async throws -> (Data, URLResponse)? {
        let handle = DataTaskHandle()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, URLResponse)?, any Error>) in
                let outcome = FirstOutcome(continuation)
                let task = dataTask(with: request) { data, response, error in
                    if let error {
                        outcome.resume(with: .failure(TransferFailure(error: error, expectedBytes: handle.expectedBytes())))
                    } else if let response {
                        outcome.resume(with: .success((data ?? Data(), response)))
                    } else {
                        outcome.resume(with: .failure(TransferFailure(error: URLError(.badServerResponse), expectedBytes: -1)))
                    }
                    handle.stopTimer()
                }
                handle.start(task, deadline: limit) {
                    if outcome.resume(with: .success(nil)) { handle.cancel() }
                }
            }
        } onCancel: {
            handle.cancel()
        }
    }
}

/// Resumes a continuation with whichever outcome comes first; later ones are dropped.
private final class FirstOutcome<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation = Mutex(continuation)
    }

    /// Resumes with `result` when nothing came before; returns whether it did.
    @discardableResult
    func resume(with result: Result<T, any Error>) -> Bool {
        guard let continuation = continuation.withLock({ stored in
            defer { stored = nil }
            return stored
        }) else { return false }
        continuation.resume(with: result)
        return true
    }
}

/// A failed transfer, with what is known of the reply at that moment.
struct TransferFailure: Error {
    var error: any Error
    /// `Content-Length` of the reply when its head had arrived (> 0), else 0 or -1.
    var expectedBytes: Int64

    /// The URL loading error code. On Linux the session reports `NSError`s in `NSURLErrorDomain`,
    /// which do not cast to `URLError`.
    var code: URLError.Code? {
        if let error = error as? URLError { return error.code }
        let error = error as NSError
        return error.domain == NSURLErrorDomain ? URLError.Code(rawValue: error.code) : nil
    }

    /// The transport's own words, e.g. curl's "transfer closed with 381 bytes remaining to read".
    var message: String {
        (error as NSError).userInfo[NSLocalizedDescriptionKey] as? String ?? ""
    }

    /// Whether the reply had begun and then stopped: the connection closed mid-body.
    var isCutOff: Bool {
        code == .networkConnectionLost
            || (code == .unknown && (expectedBytes > 0 || message.hasPrefix("transfer closed")))
    }

    /// Bytes received before the cut, when the transport said how many were missing.
    var receivedBytes: Int? {
        guard expectedBytes > 0, let range = message.range(of: "with "),
            let end = message.range(of: " bytes remaining", range: range.upperBound..<message.endIndex),
            let remaining = Int64(message[range.upperBound..<end.lowerBound])
        else { return nil }
        return Int(expectedBytes - remaining)
    }
}

/// The data task of one request, so that a cancellation that comes before or after the task
/// starts cancels it.
private final class DataTaskHandle: Sendable {
    private struct State: ~Copyable {
        var task: URLSessionDataTask?
        var cancelled = false
    }

    private let state = Mutex(State())
    /// The deadline. Dispatch sources may be used from any thread.
    nonisolated(unsafe) private let timer = DispatchSource.makeTimerSource(queue: .global())

    /// Starts the deadline timer, which runs `onDeadline` after `limit` unless stopped, then
    /// resumes the task, and cancels it at once when the Swift task was cancelled meanwhile.
    func start(_ task: URLSessionDataTask, deadline limit: Duration, onDeadline: @escaping @Sendable () -> Void) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        timer.schedule(deadline: .now() + limit.odataSeconds)
        timer.setEventHandler(handler: onDeadline)
        timer.resume()
        task.resume()
        if cancelled { cancel() }
    }

    /// Stops the deadline timer once the transfer has ended.
    func stopTimer() {
        timer.cancel()
    }

    /// The announced body length, once the reply head has arrived; else 0 or -1.
    func expectedBytes() -> Int64 {
        state.withLock { $0.task?.countOfBytesExpectedToReceive ?? -1 }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        timer.cancel()
        task?.cancel()
    }
}
