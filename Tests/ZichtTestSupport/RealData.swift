import Foundation

/// The team's real CBS / police files in `../shared/data/real` (beside the repository).
public enum RealData {
    public static var folder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/real")
    }

    /// The URL of a real file; records a clear failure reason when the shared folder is missing.
    public static func url(_ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Missing(path: url.path)
        }
        return url
    }

    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "real data file not found at \(path); the tests need ../shared/data/real beside the repository" }
    }
}
