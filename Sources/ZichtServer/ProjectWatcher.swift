import Foundation
import ServiceLifecycle

/// Watches a site project's files and calls `rebuild` after they change.
///
/// Polls modification times once a second: simple, portable, and cheap for the few thousand files of
/// a site project; an editor saving several files at once causes one rebuild.
public struct ProjectWatcher: Service {
    public var folders: [URL]
    public var interval: Duration
    public var rebuild: @Sendable () -> Void

    public init(folders: [URL], interval: Duration = .seconds(1), rebuild: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.interval = interval
        self.rebuild = rebuild
    }

    /// A fingerprint of the watched files: every path with its modification time and size.
    public static func fingerprint(_ folders: [URL]) -> [String: String] {
        var result: [String: String] = [:]
        let fileManager = FileManager.default
        for folder in folders {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { continue }
            let paths: [String]
            if isDirectory.boolValue {
                paths = (fileManager.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).map {
                    folder.appendingPathComponent($0).path
                }
            } else {
                paths = [folder.path]
            }
            for path in paths {
                guard let attributes = try? fileManager.attributesOfItem(atPath: path) else { continue }
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result[path] = "\(modified)/\(attributes[.size] ?? 0)"
            }
        }
        return result
    }

    /// Polls until the service group shuts down (SIGINT/SIGTERM) or the task is cancelled.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var last = Self.fingerprint(folders)
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                let current = Self.fingerprint(folders)
                if current != last {
                    last = current
                    rebuild()
                }
            }
        }
    }
}
