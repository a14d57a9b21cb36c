import Foundation

/// Reference data with a peer's published output in `../shared/data/peers` (beside the repository):
/// for example the Chicago burglaries of the NearRepeat R package with the Near Repeat Calculator's table.
public enum PeerData {
    public static var folder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/peers")
    }

    /// The URL of a reference file; throws a clear reason when the shared folder is missing.
    public static func url(_ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Missing(path: url.path)
        }
        return url
    }

    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "peer reference file not found at \(path); the tests need ../shared/data/peers beside the repository" }
    }
}
