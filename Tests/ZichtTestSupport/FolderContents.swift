import Foundation

/// Every file under a folder with its bytes, to prove that a site or a project is whole or unchanged.
public enum FolderContents {
    /// The files under `folder` (recursively), by path relative to it; folders themselves are left out.
    public static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return result }
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = try Data(contentsOf: url)
            }
        }
        return result
    }
}
