import Foundation
import ZichtCore

/// The URL path of every page, stable from year to year because it is made from id and title only.
///
/// The document home is the site root; every other page lives at `kind/slug/` (for example
/// `doel/7-2-1-sociale-veiligheid/`). In a project of several documents the portal is the site root
/// and each document lives under its key: `jaarverslag-2019/`, `jaarverslag-2019/doel/7-2-1-sociale-veiligheid/`.
/// Paths never start with "/", so links can be made relative and the site works under any base path
/// and from disk.
public struct SitePaths: Sendable {
    private let paths: [String: String]

    public init(document: Document) {
        var paths: [String: String] = [:]
        var taken: Set<String> = [""]
        for node in document.nodesInOrder {
            let prefix = node.documentKey.map { "\($0)/" } ?? ""
            if node.kind == .document {
                paths[node.id] = prefix
                continue
            }
            var path = "\(prefix)\(node.kind.rawValue)/\(node.slug ?? SitePaths.slug(for: node))/"
            if taken.contains(path) {
                // Two unnumbered pages with the same title: the id tells them apart.
                path = "\(prefix)\(node.kind.rawValue)/\(SitePaths.shortened(SitePaths.slugify(node.localID) + "-" + SitePaths.slugify(node.title)))/"
            }
            taken.insert(path)
            paths[node.id] = path
        }
        self.paths = paths
    }

    /// The folder path of a page, e.g. "doel/7-2-1-sociale-veiligheid/" ("" for the home page).
    public func path(of id: String) -> String? { paths[id] }

    /// The slug of a page. Numbered pages get id and title: "7.2.1" + "Sociale veiligheid" gives
    /// "7-2-1-sociale-veiligheid". Other pages get their title only ("Begrippenlijst" gives
    /// "begrippenlijst"), as their ids are words chosen by the editor.
    public static func slug(for node: Node) -> String {
        let idSlug = shortened(slugify(node.localID))
        let titleSlug = shortened(slugify(node.title))
        if titleSlug.isEmpty { return idSlug }
        if !node.kind.isNumbered || titleSlug == idSlug || titleSlug.hasPrefix(idSlug + "-") { return titleSlug }
        return idSlug.isEmpty ? titleSlug : shortened("\(idSlug)-\(titleSlug)")
    }

    /// The longest slug a page gets from its id and title. File systems allow 255 bytes per name; a
    /// URL of a readable length needs far fewer.
    public static let maximumSlugLength = 80

    /// `slug` cut after its last whole word that fits in ``maximumSlugLength`` characters.
    static func shortened(_ slug: String) -> String {
        guard slug.count > maximumSlugLength else { return slug }
        let prefix = slug.prefix(maximumSlugLength + 1)
        if let hyphen = prefix.lastIndex(of: "-"), hyphen > prefix.startIndex { return String(prefix[..<hyphen]) }
        return String(slug.prefix(maximumSlugLength))
    }

    /// Lowercase ASCII letters and digits with single hyphens; diacritics are folded ("één" → "een").
    public static func slugify(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var result = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let isAlphanumeric = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isAlphanumeric {
                if pendingHyphen, !result.isEmpty { result += "-" }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar == "ß" {
                result += "ss"
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    /// A relative link from the page at `fromPath` to the page at `toPath`.
    public static func relative(from fromPath: String, to toPath: String) -> String {
        // Page paths end in "/" ("doel/x/"), so their depth is the number of slashes.
        let depth = fromPath.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
        let up = String(repeating: "../", count: depth)
        let link = up + toPath
        return link.isEmpty ? "./" : link
    }
}
