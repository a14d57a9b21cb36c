import Foundation

/// The content hash (SHA-256, hex) of an import, computed on a thread of its own while the rows are
/// parsed and stored: see ``Snapshot/importTable(_:hash:produce:)``.
///
/// ```swift
/// let hash = ContentHash { isCancelled in try sha256(of: url, stopWhen: isCancelled) }
/// defer { hash.cancel(); _ = try? hash.wait() }
/// try snapshot.importTable(provenance, hash: hash) { sink in … }
/// ```
///
/// `@unchecked Sendable`: the mutable state (`outcome`, `cancelled`) is only touched with
/// `condition` locked.
public final class ContentHash: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<String, any Error>?
    private var cancelled = false

    /// Starts `compute` on a new thread. `compute` is given a function that tells whether the hash is
    /// still wanted; it should ask now and then (per chunk read) and stop, throwing, when it is not.
    public init(_ compute: @escaping @Sendable (_ isCancelled: () -> Bool) throws -> String) {
        let thread = Thread { [self] in
            let result = Result { try compute { self.isCancelled } }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "zicht content hash"
        thread.start()
    }

    /// A hash that is known already.
    public init(known: String) {
        outcome = .success(known)
    }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Tells the computation that its result is no longer needed.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.unlock()
    }

    /// The result if the computation has finished, without waiting.
    public var finished: Result<String, any Error>? {
        condition.lock()
        defer { condition.unlock() }
        return outcome
    }

    /// Waits for the computation and returns the hash.
    /// - Throws: what the computation threw.
    public func wait() throws -> String {
        condition.lock()
        while outcome == nil { condition.wait() }
        let result = outcome!
        condition.unlock()
        return try result.get()
    }
}
