import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ServiceLifecycle
import Dispatch

/// Watches a site project's files and calls `rebuild` with the paths that changed.
///
/// What changed is found by comparing every file's modification time, size and inode (`stat`)
/// with the previous look: a few milliseconds for the 2,000 pages of a large document. On Linux the
/// kernel wakes the watcher when a watched folder changes (inotify), so an edit reaches the
/// incremental rebuild at once; elsewhere it looks every `interval` (50 ms by default). Changes seen
/// in one look are handed over together; an editor saving several files at once causes one rebuild.
public struct ProjectWatcher: Service {
    public var folders: [URL]
    public var interval: Duration
    /// Called with the absolute paths of files that changed, appeared or disappeared.
    public var rebuild: @Sendable ([String]) -> Void

    public init(folders: [URL], interval: Duration = .milliseconds(50), rebuild: @escaping @Sendable ([String]) -> Void) {
        self.folders = folders
        self.interval = interval
        self.rebuild = rebuild
    }

    /// What identifies a version of a file.
    public struct FileState: Hashable, Sendable {
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    /// Every regular file under the watched folders (or the watched file itself), by absolute path.
    /// Hidden entries (names starting with a dot, such as editors' swap files) are left out.
    public static func fingerprint(_ folders: [URL]) -> [String: FileState] {
        var result: [String: FileState] = [:]
        for folder in folders { walk(folder.path, into: &result, depth: 0) }
        return result
    }

    /// The paths whose state differs between two fingerprints, sorted.
    public static func changes(from old: [String: FileState], to new: [String: FileState]) -> [String] {
        var changed = Set<String>()
        for (path, state) in new where old[path] != state { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed.sorted()
    }

    private static func walk(_ path: String, into result: inout [String: FileState], depth: Int) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            result[path] = FileState(
                modifiedSeconds: Int(info.st_mtim.tv_sec), modifiedNanoseconds: Int(info.st_mtim.tv_nsec), size: Int64(info.st_size),
                inode: UInt64(info.st_ino))
        case S_IFDIR:
            // Deep enough for any content tree; guards against pathological nesting.
            guard depth < 32 else { return }
            for name in visibleEntries(of: path) { walk(path + "/" + name, into: &result, depth: depth + 1) }
        default:
            return
        }
    }

    /// The names in a folder, without hidden ones (`.`, `..`, editors' swap files).
    static func visibleEntries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names
    }

    /// Watches until the service group shuts down (SIGINT/SIGTERM) or the task is cancelled. On
    /// Linux the kernel reports changes in the watched folders at once (inotify), and the watcher
    /// then compares fingerprints; without inotify it compares them every `interval`.
    public func run() async throws {
        let loop = WatchLoop(folders: folders, interval: interval, rebuild: rebuild)
        loop.start()
        defer { loop.stop() }
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}

/// The watcher's loop, on a thread of its own: it blocks in `poll` on an inotify descriptor (or
/// sleeps), then compares fingerprints and calls `rebuild` with what changed.
final class WatchLoop: @unchecked Sendable {
    let folders: [URL]
    let interval: Duration
    let rebuild: @Sendable ([String]) -> Void
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)

    init(folders: [URL], interval: Duration, rebuild: @escaping @Sendable ([String]) -> Void) {
        self.folders = folders
        self.interval = interval
        self.rebuild = rebuild
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    func start() {
        let thread = Thread { [self] in
            run()
            done.signal()
        }
        thread.name = "zicht-watcher"
        self.thread = thread
        thread.start()
    }

    func stop() {
        lock.withLock { stopped = true }
        done.wait()
    }

    /// Watched folders by watch descriptor.
    private var watched: [Int32: String] = [:]

    private func run() {
        var last = ProjectWatcher.fingerprint(folders)
        let events = Self.openEvents()
        defer { if events >= 0 { close(events) } }
        if events >= 0 { watchFolders(events) }
        let intervalMS = Int32(max(1, interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000))
        while !isStopped {
            if events >= 0 {
                // Wake on a change, or after a second at most (to notice stop, and as a safety net).
                var request = pollfd(fd: events, events: Int16(POLLIN), revents: 0)
                if poll(&request, 1, 1000) > 0 {
                    drain(events)
                    // An editor's save is a burst of events (temporary file, rename): let it finish.
                    usleep(2_000)
                    drain(events)
                }
            } else {
                usleep(useconds_t(intervalMS) * 1000)
            }
            let current = ProjectWatcher.fingerprint(folders)
            let changed = ProjectWatcher.changes(from: last, to: current)
            if !changed.isEmpty {
                last = current
                rebuild(changed)
            }
        }
    }

    /// An inotify descriptor, or -1 where there is none (then the loop polls).
    private static func openEvents() -> Int32 {
        #if os(Linux)
        return inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        #else
        return -1
        #endif
    }

    #if os(Linux)
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)
    #endif

    /// Watches every folder under the watched paths; a watched file's folder is watched for it.
    private func watchFolders(_ events: Int32) {
        for folder in folders {
            var info = stat()
            guard stat(folder.path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                watchTree(folder.path, events, depth: 0)
            } else {
                watch(folder.deletingLastPathComponent().path, events)
            }
        }
    }

    private func watch(_ path: String, _ events: Int32) {
        #if os(Linux)
        let descriptor = inotify_add_watch(events, path, Self.mask)
        if descriptor >= 0 { watched[descriptor] = path }
        #endif
    }

    /// Watches `path` and every folder below it (not hidden ones, as the fingerprint skips them).
    private func watchTree(_ path: String, _ events: Int32, depth: Int) {
        watch(path, events)
        guard depth < 32 else { return }
        for name in ProjectWatcher.visibleEntries(of: path) {
            let child = path + "/" + name
            var info = stat()
            if stat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { watchTree(child, events, depth: depth + 1) }
        }
    }

    /// Reads every pending event; a folder that appeared is watched too (with what it holds).
    private func drain(_ events: Int32) {
        #if os(Linux)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(events, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            var offset = 0
            while offset + 16 <= count {
                let (descriptor, mask, length) = buffer.withUnsafeBytes { bytes in
                    (bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, length > 0, let folder = watched[descriptor] {
                    let name = buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                    let child = folder + "/" + String(decoding: name, as: UTF8.self)
                    if !child.hasSuffix("/"), !(child as NSString).lastPathComponent.hasPrefix(".") { watchTree(child, events, depth: 1) }
                }
                offset += 16 + length
            }
        }
        #endif
    }
}
