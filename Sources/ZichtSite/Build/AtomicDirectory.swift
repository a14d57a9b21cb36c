import CZichtShims
import Foundation

/// Builds a folder's new contents beside it and swaps it in at once, so that readers (a web server, a
/// browser) see either the old site or the new one, never a mix, and a failed build leaves the old one.
public enum AtomicDirectory {
    /// Creates an empty staging folder next to `destination` (same file system, so a rename can swap it).
    public static func makeStaging(for destination: URL) throws -> URL {
        let parent = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).zicht-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        return staging
    }

    /// Replaces `destination` by `staging`. On Linux the two are exchanged with one `renameat2`
    /// call (RENAME_EXCHANGE), so there is no moment without a site; elsewhere, or on file systems
    /// without that call, the old folder is moved aside first.
    public static func commit(_ staging: URL, to destination: URL) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: destination.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: destination.path])
        }
        guard exists else {
            try fileManager.moveItem(at: staging, to: destination)
            return
        }
        let exchanged = zicht_exchange_paths(staging.path, destination.path) == 0
        if exchanged {
            try? fileManager.removeItem(at: staging)  // now holds the old site
            return
        }
        let old = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + ".old")
        try fileManager.moveItem(at: destination, to: old)
        do {
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            try? fileManager.moveItem(at: old, to: destination)
            throw error
        }
        try? fileManager.removeItem(at: old)
    }

    /// Removes a staging folder after a failed build.
    public static func discard(_ staging: URL) {
        try? FileManager.default.removeItem(at: staging)
    }
}
