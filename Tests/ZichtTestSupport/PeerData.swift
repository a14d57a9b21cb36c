import Foundation

/// Reference data with a peer's published output in `../shared/data/peers` (beside the repository):
/// for example the Chicago burglaries of the NearRepeat R package with the Near Repeat Calculator's table.
public enum PeerData {
    static let shared = SharedDataFolder(name: "peers", contents: "peer reference file")
    public static var folder: URL { shared.folder }
    public static func url(_ name: String) throws -> URL { try shared.url(name) }
}
