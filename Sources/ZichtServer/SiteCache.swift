import HTTPTypes
import NIOCore
import Synchronization

/// The small files of the current build, kept in memory, so that serving one costs one `stat` of the
/// site folder instead of opening its path component by component on a thread pool.
///
/// **Validity.** Every entry belongs to one build (``SiteFolder/Build``: the folder's device, inode
/// and change time). A lookup is given the build `stat` finds at the folder's path now; when that is
/// not the build the entries were read from, they are all dropped, so a swap (see `AtomicDirectory`)
/// is visible at the very next request. An entry is stored only under the build whose descriptor its
/// bytes were read through, and only while that build is still the current one, so a request that
/// began before a swap cannot put old bytes into the new build's cache. Files inside a build are
/// never changed in place, which is what makes the folder's identity enough.
///
/// **Memory.** At most ``Limits/maxEntries`` entries holding at most ``Limits/maxBytes`` bytes
/// (bodies plus the paths that key them); a file larger than ``Limits/maxFileSize`` is never kept.
/// When the cache is full, further files are served from disk as before until the next build: no
/// eviction, so a crawler cannot make the cache churn. Only files that exist are kept (no misses,
/// no redirects), so hostile paths cannot fill it.
final class SiteCache: Sendable {
    /// How much the cache may hold.
    struct Limits: Sendable {
        /// The largest file kept, in bytes.
        var maxFileSize: Int
        /// The most bytes kept in all (bodies and keys).
        var maxBytes: Int
        /// The most files kept.
        var maxEntries: Int

        /// 1 MiB a file, 64 MiB and 10,000 files in all: a whole Zicht site (the demo is 2 MB in
        /// 147 files) with room to spare.
        static let standard = Limits(maxFileSize: 1 << 20, maxBytes: 64 << 20, maxEntries: 10_000)
    }

    /// A file ready to be answered: its headers (type and length) and its bytes.
    struct Entry: Sendable {
        let headers: HTTPFields
        let body: ByteBuffer
    }

    private struct State {
        var build: SiteFolder.Build?
        var entries: [SitePath: Entry] = [:]
        var bytes = 0
    }

    let limits: Limits
    private let state = Mutex(State())

    init(limits: Limits = .standard) {
        self.limits = limits
    }

    /// The entry for `path` in `build`, the build at the site folder's path now. A build other than
    /// the cached one empties the cache.
    func entry(for path: SitePath, in build: SiteFolder.Build) -> Entry? {
        state.withLock { state in
            guard state.build == build else {
                state = State(build: build)
                return nil
            }
            return state.entries[path]
        }
    }

    /// Keeps `entry` for `path` if it was read from `build`, that build is still the cached one, and
    /// the limits allow it.
    func store(_ entry: Entry, for path: SitePath, in build: SiteFolder.Build) {
        let size = entry.body.readableBytes
        guard size <= limits.maxFileSize else { return }
        let cost = size + Self.keyCost(path)
        state.withLock { state in
            guard state.build == build, state.entries[path] == nil,
                state.entries.count < limits.maxEntries, state.bytes + cost <= limits.maxBytes
            else { return }
            state.entries[path] = entry
            state.bytes += cost
        }
    }

    /// How many files and bytes the cache holds (for tests and diagnostics).
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }

    /// What a key costs besides the body: its segments and a fixed allowance for the dictionary slot,
    /// the headers and the strings' storage.
    private static func keyCost(_ path: SitePath) -> Int {
        256 + path.segments.reduce(0) { $0 + $1.utf8.count + 16 }
    }
}
