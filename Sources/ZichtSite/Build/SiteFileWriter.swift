import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Writes the files of a site under a root folder, from all cores.
///
/// The root is a staging folder that nobody else writes into (``AtomicDirectory``), so the order in
/// which files appear in it does not matter: only the swap of the whole folder makes them visible.
package enum SiteFileWriter {
    /// Writes every file of `files` (by path relative to `root`, such as `doel/7-2-1-x/index.html`)
    /// under `root`, creating the folders the paths need.
    ///
    /// First every folder is made, one level of depth at a time (a folder's parent exists before it),
    /// then the files are written in contiguous chunks of the sorted paths, side by side. On ext4 a
    /// file creation waits mostly on its own folder's lock and the journal, so two cores write a site
    /// of thousands of small files in about half the time of one (see BENCHMARKS.md).
    /// - Throws: ``SiteWriteError`` for a folder or file that could not be written (a full disk, no
    ///   permission); the other chunks then stop early. What was written stays, for the caller to
    ///   discard with the staging folder.
    package static func writeAll(_ files: [String: Data], under root: URL) throws {
        let base = root.path
        try makeFolders(for: files.keys, under: base)
        let entries = files.sorted { $0.key < $1.key }
        let failure = FirstFailure()
        let chunkCount = min(entries.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard chunkCount > 0 else { return }
        let chunkSize = (entries.count + chunkCount - 1) / chunkCount
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            // With the size rounded up, the last chunks can be short or empty (9 files in 8 chunks of 2).
            for index in min(entries.count, chunk * chunkSize)..<min(entries.count, (chunk + 1) * chunkSize) {
                if failure.hasFailed { return }
                do {
                    try writeWithoutSync(entries[index].value, to: base + "/" + entries[index].key)
                } catch {
                    failure.record(error, at: index)
                    return
                }
            }
        }
        try failure.rethrow()
    }

    /// Makes every folder that a path of `paths` lies in, under `base`, level by level.
    private static func makeFolders(for paths: Dictionary<String, Data>.Keys, under base: String) throws {
        var folders: Set<Substring> = []
        for path in paths {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !folders.insert(folder).inserted { break }  // its ancestors are in already
            }
        }
        var levels: [[String]] = []
        for folder in folders {
            let depth = folder.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
            while levels.count <= depth { levels.append([]) }
            levels[depth].append(base + "/" + folder)
        }
        for level in levels {
            let failure = FirstFailure()
            DispatchQueue.concurrentPerform(iterations: level.count) { index in
                if failure.hasFailed { return }
                if mkdir(level[index], 0o755) != 0 && errno != EEXIST {
                    failure.record(SiteWriteError(path: level[index], code: errno), at: index)
                }
            }
            try failure.rethrow()
        }
    }

    /// Writes a file with plain POSIX calls. Foundation's `Data.write(to:)` calls `fsync` for every
    /// file, which took half of a 2,000-page build on ext4 (see BENCHMARKS.md); the site is written
    /// into a staging folder that is swapped in only when complete, so a crash mid-build loses nothing.
    package static func writeWithoutSync(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SiteWriteError(path: path, code: errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SiteWriteError(path: path, code: errno)
                }
                offset += written
            }
        }
    }
}

/// The error of the lowest-numbered item that failed among work done side by side, and a flag that
/// tells the other workers to stop.
private final class FirstFailure: Sendable {
    private let failed = Atomic<Bool>(false)
    private let first = Mutex<(index: Int, error: any Error)?>(nil)

    var hasFailed: Bool { failed.load(ordering: .relaxed) }

    func record(_ error: any Error, at index: Int) {
        first.withLock { first in
            if first == nil || index < first!.index { first = (index, error) }
        }
        failed.store(true, ordering: .relaxed)
    }

    func rethrow() throws {
        if let error = first.withLock({ $0?.error }) { throw error }
    }
}
