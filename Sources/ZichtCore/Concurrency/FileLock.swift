import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock between processes, held on a lock file with `flock(2)`.
///
/// The lock is released when the holder ends, also when it is killed, so a crashed process never
/// leaves a stale lock. With `removeWhenDone` the lock file is deleted on release; a waiting process
/// then checks, after it got the lock, that the path still names the file it locked, and tries
/// again if not.
public enum FileLock {
    /// Why a lock could not be taken.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot lock \(path): \(reason)" }
    }

    /// Runs `body` while holding the lock at `path`.
    /// - Parameters:
    ///   - onWait: called once when another process has held the lock for a second.
    ///   - removeWhenDone: delete the lock file when `body` returns.
    public static func withLock<T>(
        at path: String, removeWhenDone: Bool = false, onWait: (() -> Void)? = nil, _ body: () throws -> T
    ) throws -> T {
        let started = Date()
        var told = false
        var descriptor: Int32 = -1
        while true {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                var held = stat(), named = stat()
                if !removeWhenDone
                    || (fstat(descriptor, &held) == 0 && stat(path, &named) == 0 && held.st_ino == named.st_ino && held.st_dev == named.st_dev)
                {
                    break
                }
            } else if errno != EWOULDBLOCK && errno != EINTR {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw Failure(path: path, reason: reason)
            }
            close(descriptor)
            if !told && Date().timeIntervalSince(started) >= 1 {
                onWait?()
                told = true
            }
            usleep(50_000)
        }
        defer {
            if removeWhenDone { unlink(path) }
            close(descriptor)
        }
        return try body()
    }
}
