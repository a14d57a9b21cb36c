import Foundation
import ZichtCore
#if canImport(Glibc)
import Glibc
#endif

/// Opens files that users name, refusing anything but a regular file before reading a byte.
///
/// `open(2)` of a FIFO blocks until another process writes to it, and reading a device may never
/// end; `Data(contentsOf:)` and `FileHandle(forReadingFrom:)` do both. Every reader of user files
/// opens them here instead: with `O_NONBLOCK`, so that opening a FIFO returns at once, then `fstat`
/// on the open descriptor (not the path, which could change in between) must say "regular file".
public enum InputFile {
    /// Why a file could not be opened, in plain words (no system error codes).
    public struct Refusal: DiagnosticConvertible, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { reason }
        public var diagnostics: [Diagnostic] { [Diagnostic(file: path, message: reason)] }
    }

    /// Opens `path` for reading and returns its descriptor, positioned at the start; the caller closes it.
    /// - Throws: ``Refusal`` when the path does not exist, cannot be read, or is not a regular file.
    public static func open(_ path: String) throws(Refusal) -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason: String
            switch errno {
            case ENOENT, ENOTDIR: reason = "file not found"
            case EACCES, EPERM: reason = "no permission to read the file"
            case EISDIR: reason = "this is a folder, not a file"
            default: reason = "cannot open the file (\(String(cString: strerror(errno))))"
            }
            throw Refusal(path: path, reason: reason)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw Refusal(path: path, reason: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(descriptor)
            throw Refusal(path: path, reason: "this is \(describe(type)), not a regular file; Zicht only reads regular files")
        }
        // Regular files never block; clear O_NONBLOCK so that reads behave as usual.
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return descriptor
    }

    /// Reads the whole regular file at `url`.
    /// - Parameter limit: the largest size accepted, in bytes.
    /// - Throws: ``Refusal`` as ``open(_:)`` does, or when the file is larger than `limit`.
    public static func read(_ url: URL, limit: Int = Int.max) throws(Refusal) -> Data {
        let descriptor = try open(url.path)
        InputReadLog.note(url.path)
        defer { close(descriptor) }
        var status = stat()
        fstat(descriptor, &status)
        if Int(status.st_size) > limit {
            throw Refusal(path: url.path, reason: "the file is \(status.st_size) bytes; at most \(limit) bytes are accepted")
        }
        var data = Data(capacity: max(0, Int(status.st_size)))
        // A buffer the size of the file (plus one byte, to see its end in the same read), at most 1 MiB:
        // a page of a few kilobytes does not allocate and clear a megabyte (2% of a cycle build's CPU).
        let chunk = min(1 << 20, max(4096, Int(status.st_size) + 1))
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, chunk) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Refusal(path: url.path, reason: "cannot read the file (\(String(cString: strerror(errno))))")
            }
            if count == 0 { break }
            if data.count + count > limit {
                throw Refusal(path: url.path, reason: "the file is larger than the \(limit) bytes accepted")
            }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }

    /// Checks that `path` can be opened as a regular file, without reading it.
    public static func check(_ path: String) throws(Refusal) {
        close(try open(path))
    }

    private static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
