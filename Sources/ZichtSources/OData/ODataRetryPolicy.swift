import Foundation

/// How often and how long ``ODataClient`` waits and tries again after a failure that may pass.
///
/// Retried: HTTP 5xx, HTTP 429, timeouts, refused or lost connections and cut-off replies.
/// Never retried: any other 4xx, and a complete reply that is not valid JSON or not OData.
///
/// The wait before retry *n* (1-based) is `initialDelay × multiplier^(n−1)`, capped at `maxDelay`,
/// then shortened by a random fraction of at most `jitter` so that many clients do not retry in
/// step ("exponential backoff with jitter", as in AWS's architecture blog, 2015). A `Retry-After`
/// header (seconds or an HTTP date) replaces the computed wait, capped at `maxRetryAfter`.
public struct ODataRetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 means never retry.
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var multiplier: Double
    public var maxDelay: Duration
    /// Fraction 0…1 of each wait that is randomised away (0: exact waits).
    public var jitter: Double
    /// The longest wait a `Retry-After` header can ask for.
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 4, initialDelay: Duration = .milliseconds(500), multiplier: Double = 2,
        maxDelay: Duration = .seconds(8), jitter: Double = 0.5, maxRetryAfter: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.multiplier = max(1, multiplier)
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
        self.maxRetryAfter = maxRetryAfter
    }

    /// Four attempts, waiting about 0.5, 1 and 2 seconds in between.
    public static let `default` = ODataRetryPolicy()
    /// One attempt only.
    public static let none = ODataRetryPolicy(maxAttempts: 1)

    /// The wait before retry number `retry` (1-based), before jitter.
    public func backoff(retry: Int) -> Duration {
        let factor = pow(multiplier, Double(max(0, retry - 1)))
        let seconds = min(initialDelay.odataSeconds * factor, maxDelay.odataSeconds)
        return .seconds(seconds)
    }

    /// The wait before retry number `retry`, with jitter drawn from `random` (0…1) and a
    /// `Retry-After` wait, when the server sent one, taking the place of the backoff.
    public func delay(retry: Int, retryAfter: Duration?, random: Double) -> Duration {
        if let retryAfter {
            return min(max(retryAfter, .zero), maxRetryAfter)
        }
        let base = backoff(retry: retry).odataSeconds
        return .seconds(base * (1 - jitter * min(max(random, 0), 1)))
    }

    /// Reads a `Retry-After` value: whole seconds (`"120"`) or an HTTP date
    /// (`"Wed, 21 Oct 2015 07:28:00 GMT"`, measured from `now`). Nil when unreadable.
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) { return seconds >= 0 ? .seconds(seconds) : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return .seconds(max(0, date.timeIntervalSince(now)))
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var odataSeconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
