#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built site folder, read so that one request sees one build and one file.
///
/// A rebuild replaces the whole folder at once (`AtomicDirectory` exchanges it with the new build and
/// deletes the old one); files inside a build are never changed in place. A request therefore opens
/// the folder once and finds everything relative to that descriptor (`openat`): the file, a folder's
/// `index.html`, the `404.html` all come from the same build, even if a swap happens meanwhile.
/// If a name is missing and the folder at `path` is no longer the one opened, the build was swapped
/// (and may be being deleted): the lookup starts again in the new build.
///
/// Every component is opened with `O_NOFOLLOW` (a built site holds no symbolic links, so none can
/// lead out of it), names starting with `.` are never served, and only regular files are.
struct SiteFolder: Sendable {
    /// The site folder's path, as `zicht build` writes it.
    let path: String

    /// What a request path names in the current build.
    enum Resolution: Sendable {
        /// A regular file, opened.
        case file(OpenFile)
        /// A folder asked for without the final `/`.
        case folder
        /// Nothing; with the build's own `404.html` when it has one.
        case missing(notFoundPage: OpenFile?)

        /// The file whose bytes answer the request: the file found, or the 404 page.
        var servedFile: OpenFile? {
            switch self {
            case .file(let file): file
            case .missing(let page): page
            case .folder: nil
            }
        }
    }

    /// One build of the site folder: the folder's device, inode and change time.
    ///
    /// A swap puts another folder (another inode) at ``SiteFolder/path``. The change time guards
    /// against a file system that gives a deleted build's inode number to a later one: a folder
    /// made, filled and renamed since has a later change time (a rename sets it too).
    struct Build: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
        var changedSeconds: Int
        var changedNanoseconds: Int

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            #if canImport(Darwin)
            let changed = info.st_ctimespec
            #else
            let changed = info.st_ctim
            #endif
            changedSeconds = Int(changed.tv_sec)
            changedNanoseconds = Int(changed.tv_nsec)
        }
    }

    /// The build at ``path`` now (one `stat`), or `nil` when there is none.
    func currentBuild() -> Build? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return Build(info)
    }

    /// Looks `sitePath` up in the current build (blocking: call it on a thread pool).
    /// - Throws: ``SiteFolderError`` for errors other than "not there" (too many open files, I/O).
    func resolve(_ sitePath: SitePath) throws(SiteFolderError) -> Resolution {
        try lookUp(sitePath).resolution
    }

    /// Looks `sitePath` up in the current build, and says which build answered (`nil` when there
    /// was none), so that what was read can be kept for that build only (blocking: call it on a
    /// thread pool).
    /// - Throws: ``SiteFolderError`` for errors other than "not there" (too many open files, I/O).
    func lookUp(_ sitePath: SitePath) throws(SiteFolderError) -> (resolution: Resolution, build: Build?) {
        let attempts = 3
        for attempt in 1...attempts {
            let root = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard root >= 0 else {
                if Self.meansMissing(errno) && attempt < attempts { continue }  // between two renames
                if Self.meansMissing(errno) { return (.missing(notFoundPage: nil), nil) }
                throw SiteFolderError(.openFailed, name: path, errno: errno)
            }
            defer { close(root) }
            var info = stat()
            let build = fstat(root, &info) == 0 ? Build(info) : nil
            let resolution = try resolve(sitePath, in: root)
            guard case .missing = resolution else { return (resolution, build) }
            if attempt < attempts && isReplaced(since: build) { continue }
            guard case .file(let page) = try entry("404.html", in: root) else { return (.missing(notFoundPage: nil), build) }
            return (.missing(notFoundPage: page), build)
        }
        return (.missing(notFoundPage: nil), nil)
    }

    private func resolve(_ sitePath: SitePath, in root: CInt) throws(SiteFolderError) -> Resolution {
        var folders: [CInt] = []
        defer { folders.forEach { close($0) } }
        var folder = root
        for (index, segment) in sitePath.segments.enumerated() {
            switch try entry(segment, in: folder) {
            case .missing:
                return .missing(notFoundPage: nil)
            case .file(let file):
                let isLast = index == sitePath.segments.count - 1
                return isLast && !sitePath.endsWithSlash ? .file(file) : .missing(notFoundPage: nil)
            case .folder(let descriptor):
                folders.append(descriptor)
                folder = descriptor
            }
        }
        if !sitePath.segments.isEmpty && !sitePath.endsWithSlash { return .folder }
        guard case .file(let index) = try entry("index.html", in: folder) else { return .missing(notFoundPage: nil) }
        return .file(index)
    }

    private enum Entry {
        case file(OpenFile)
        case folder(CInt)
        case missing
    }

    /// Opens `name` in `folder`: a regular file, a folder (its descriptor, owned by the caller), or missing.
    private func entry(_ name: String, in folder: CInt) throws(SiteFolderError) -> Entry {
        if name.hasPrefix(".") { return .missing }
        let descriptor = openat(folder, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            if Self.meansMissing(errno) { return .missing }
            throw SiteFolderError(.openFailed, name: name, errno: errno)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = errno
            close(descriptor)
            throw SiteFolderError(.openFailed, name: name, errno: error)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .file(OpenFile(descriptor: descriptor, name: name, size: Int(info.st_size)))
        case S_IFDIR:
            return .folder(descriptor)
        default:
            close(descriptor)
            return .missing
        }
    }

    /// Whether `path` now names another build than `build` (a rebuild swapped it), or none.
    private func isReplaced(since build: Build?) -> Bool {
        build == nil || currentBuild() != build
    }

    /// Errors that mean "no such file here" to a visitor: absent, not a folder, a symbolic link
    /// (`O_NOFOLLOW`), not readable, a name too long.
    private static func meansMissing(_ error: CInt) -> Bool {
        [ENOENT, ENOTDIR, ELOOP, EACCES, ENAMETOOLONG, ENXIO].contains(error)
    }
}
