import Foundation
import ZichtCore

/// The images of a page: `![alt](afbeeldingen/kaart.png "Bijschrift")` names a file of the project,
/// relative to the page's own file. Each is checked here — inside the project, present, of a type
/// a browser shows, no larger than ``maximumBytes`` — and read once, so that the site copies
/// exactly the bytes that were checked. The page's image sources become paths relative to the
/// project (`content/jaarverslag-2019/afbeeldingen/kaart.png`).
///
/// An image from another web site is refused: loading it would tell that site who reads the page.
public enum ContentImages {
    /// 10 MiB: a large photograph; anything bigger makes the page slow on a phone.
    public static let maximumBytes = 10 << 20

    /// What is wrong with an image file of this name and these bytes as an image of a page (in
    /// English, for a message), or nil when it may be used: a known extension, bytes of that type,
    /// not empty and not larger than ``maximumBytes``. The werkomgeving checks uploads with it, so an
    /// upload is refused for exactly what would fail the build.
    public static func problem(name: String, bytes: Data) -> String? {
        let ext = (name as NSString).pathExtension.lowercased()
        guard let type = types[ext] else {
            return "'\(name)' is not an image a browser shows: use .png, .jpg, .jpeg, .gif, .webp or .svg"
        }
        guard !bytes.isEmpty else { return "'\(name)' is empty" }
        guard bytes.count <= maximumBytes else { return "'\(name)' is \(bytes.count) bytes; at most \(maximumBytes) (10 MiB)" }
        guard type.matches(bytes) else { return "'\(name)' does not hold \(type.name) data, as its extension says" }
        return nil
    }

    /// The file types a browser shows in `<img>`, by extension, and their first bytes.
    static let types: [String: (name: String, matches: @Sendable (Data) -> Bool)] = [
        "png": ("PNG", { $0.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) }),
        "jpg": ("JPEG", { $0.starts(with: [0xFF, 0xD8, 0xFF]) }),
        "jpeg": ("JPEG", { $0.starts(with: [0xFF, 0xD8, 0xFF]) }),
        "gif": ("GIF", { $0.starts(with: Array("GIF87a".utf8)) || $0.starts(with: Array("GIF89a".utf8)) }),
        "webp": ("WebP", { $0.count >= 12 && $0.prefix(4).elementsEqual("RIFF".utf8) && $0.dropFirst(8).prefix(4).elementsEqual("WEBP".utf8) }),
        "svg": ("SVG", { data in
            guard let text = String(data: data.prefix(4096), encoding: .utf8) else { return false }
            return text.contains("<svg")
        }),
    ]

    /// `node` with its image sources resolved to project paths, and the images' bytes by that
    /// path; problems are appended to `diagnostics` with the page's file, line and column.
    static func resolve(_ node: Node, paths: ProjectPaths, into diagnostics: inout [Diagnostic]) -> (Node, [String: Data]) {
        let blocks = node.preamble + node.sections.flatMap { [MarkdownBlock.heading(level: 2, content: $0.heading, line: $0.line)] + $0.blocks }
        let found = blocks.images
        guard !found.isEmpty else { return (node, [:]) }
        let folder = (node.sourceFile as NSString).deletingLastPathComponent
        var resolved: [String: String] = [:]
        var files: [String: Data] = [:]
        for image in found where resolved[image.source] == nil {
            func report(_ message: String, hint: String? = nil) {
                diagnostics.append(Diagnostic(file: node.sourceFile, line: image.line, column: image.column, message: message, hint: hint))
            }
            let source = image.source.removingPercentEncoding ?? image.source
            if source.contains("://") || source.hasPrefix("//") || source.hasPrefix("data:") {
                report("an image must be a file of the project, found '\(source.prefix(80))'",
                       hint: "save the image in the project, e.g. next to this page in afbeeldingen/, and name it by its path; an image from another site would tell that site who reads the page")
                continue
            }
            guard let path = normalized(source.hasPrefix("/") ? String(source.dropFirst()) : folder + "/" + source),
                paths.problem(with: path) == nil
            else {
                report("the image '\(source)' is outside the project", hint: "name an image inside the project folder, relative to this page")
                continue
            }
            let ext = (path as NSString).pathExtension.lowercased()
            guard let type = types[ext] else {
                report("the image '\(source)' has the extension '.\(ext)'; expected one of \(types.keys.sorted().map { "." + $0 }.joined(separator: ", "))")
                continue
            }
            let url = paths.root.appendingPathComponent(path)
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int
            guard let size else {
                report("the image '\(source)' was not found (looked for \(path))", hint: "a path is relative to the page's own file; start it with '/' to name it from the project folder")
                continue
            }
            guard size <= maximumBytes else {
                report("the image '\(source)' has \(size) bytes; at most \(maximumBytes >> 20) MiB is allowed", hint: "make it smaller, for example 2000 pixels wide")
                continue
            }
            guard let data = try? InputFile.read(url) else {
                report("cannot read the image '\(source)'", hint: "check the file's permissions")
                continue
            }
            guard type.matches(data) else {
                report("the image '\(source)' is not a \(type.name) file, as its extension says", hint: "save it again in that format, or give it the right extension")
                continue
            }
            resolved[image.source] = path
            files[path] = data
        }
        var node = node
        let map = { (source: String) in resolved[source] ?? source }
        node.preamble = node.preamble.mappingImageSources(map)
        node.sections = node.sections.map { Section(heading: $0.heading, blocks: $0.blocks.mappingImageSources(map), line: $0.line) }
        return (node, files)
    }

    /// `path` with `.` and `..` steps removed; nil when it climbs above its start.
    static func normalized(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
