import Foundation

/// A folder that the generator fills with text files, creating subfolders as needed.
struct OutputFolder {
    let root: URL
    private(set) var fileCount = 0
    private var createdFolders: Set<String> = []

    /// Prepares `root`: it must not exist, or be empty, or be a folder this generator made before
    /// (it then holds `marker`, and is emptied).
    /// - Throws: ``GenerateError`` when the folder holds files the generator did not write.
    init(_ root: URL, marker: String) throws {
        self.root = root
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: root.path) {
            let contents = try fileManager.contentsOfDirectory(atPath: root.path)
            if !contents.isEmpty {
                guard contents.contains(marker) else {
                    throw GenerateError("'\(root.path)' exists and was not made by zicht-bench; choose a new or empty folder")
                }
                try fileManager.removeItem(at: root)
            }
        }
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// Writes `text` as UTF-8 to `path`, relative to the root.
    mutating func write(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !createdFolders.contains(folder) {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            createdFolders.insert(folder)
        }
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
        fileCount += 1
    }
}

/// An error for the user of zicht-bench.
struct GenerateError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

enum YAML {
    /// `text` as a double-quoted YAML scalar.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
