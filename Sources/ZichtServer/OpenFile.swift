#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// A regular file opened once, with the size its descriptor had when it was opened.
///
/// Everything a response says about the file (length, type, bytes) comes from this descriptor, never
/// from the path again: a rebuild that swaps the site folder in the meantime cannot mix two files.
/// The descriptor is closed when the last reference goes (for a streamed body, when the response
/// has been written or dropped).
final class OpenFile: Sendable {
    /// The file's name in its folder (for the content type).
    let name: String
    /// The size `fstat` reported after opening.
    let size: Int
    private let descriptor: CInt

    /// Takes ownership of `descriptor`, an open regular file of `size` bytes.
    init(descriptor: CInt, name: String, size: Int) {
        self.descriptor = descriptor
        self.name = name
        self.size = size
    }

    deinit {
        close(descriptor)
    }

    /// Reads `count` bytes at `offset` (blocking: call it on a thread pool).
    /// - Throws: ``SiteFolderError`` when the file ends early (it was changed in place) or reading fails.
    func read(at offset: Int, count: Int) throws(SiteFolderError) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        var done = 0
        while done < count {
            var result = 0
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count - done) { pointer in
                result = pread(descriptor, pointer.baseAddress, count - done, off_t(offset + done))
                return max(result, 0)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw SiteFolderError(.readFailed, name: name, errno: errno)
            }
            if result == 0 { throw SiteFolderError(.fileShrank, name: name, errno: 0) }
            done += result
        }
        return buffer
    }
}

/// A file of the site could not be read although it was found.
struct SiteFolderError: Error, CustomStringConvertible {
    enum Code: Sendable { case readFailed, fileShrank, openFailed }
    let code: Code
    let name: String
    let errno: CInt

    init(_ code: Code, name: String, errno: CInt) {
        self.code = code
        self.name = name
        self.errno = errno
    }

    var description: String {
        switch code {
        case .readFailed: "reading '\(name)' failed (errno \(errno))"
        case .fileShrank: "'\(name)' became shorter while it was read; site files must never be changed in place"
        case .openFailed: "opening '\(name)' failed (errno \(errno))"
        }
    }
}
