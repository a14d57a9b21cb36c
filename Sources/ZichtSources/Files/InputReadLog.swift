import Foundation

/// Counts how often each file is read, for the tests that check that a build reads every input
/// once. Off unless a test records; then every whole-file read (``InputFile/read(_:limit:)``), every
/// pass of a StatLine reader over a file and every hashing pass notes its path.
package enum InputReadLog {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var recordings: [UUID: (root: String, counts: [String: Int])] = [:]

    /// Runs `body` and returns how often it (and anything running meanwhile) read each file under
    /// `root`, by path relative to `root`.
    package static func record<T>(under root: URL, _ body: () throws -> T) rethrows -> (result: T, reads: [String: Int]) {
        let id = UUID()
        let prefix = root.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        lock.withLock { recordings[id] = (prefix, [:]) }
        defer { _ = lock.withLock { recordings.removeValue(forKey: id) } }
        let result = try body()
        return (result, lock.withLock { recordings[id]?.counts ?? [:] })
    }

    /// Notes one read of `path`.
    package static func note(_ path: String) {
        lock.withLock {
            guard !recordings.isEmpty else { return }
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            for (id, recording) in recordings where resolved.hasPrefix(recording.root) {
                recordings[id]!.counts[String(resolved.dropFirst(recording.root.count)), default: 0] += 1
            }
        }
    }
}
