import Foundation

/// A folder of the team's shared data beside the repository (`../shared/data/<name>`).
public struct SharedDataFolder: Sendable {
    /// The folder's name under `shared/data`, e.g. "real".
    public var name: String
    /// What the folder holds, for the error when it is missing.
    public var contents: String

    public var folder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/\(name)")
    }

    /// The URL of a file in the folder; throws a clear reason when it is missing.
    public func url(_ file: String) throws -> URL {
        let url = folder.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Missing(description: "\(contents) not found at \(url.path); the tests need ../shared/data/\(name) beside the repository")
        }
        return url
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }
}

/// The team's real CBS / police files in `../shared/data/real` (beside the repository).
public enum RealData {
    static let shared = SharedDataFolder(name: "real", contents: "real data file")
    public static var folder: URL { shared.folder }
    public static func url(_ name: String) throws -> URL { try shared.url(name) }
}
