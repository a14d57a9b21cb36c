import Foundation
import ZichtCore

/// Which variances the text of a programma page explains.
///
/// An author explains a variance in a section `## Toelichting op de verschillen` with one list item
/// per line of the table, starting with the line's name and a colon:
///
/// ```markdown
/// ## Toelichting op de verschillen
///
/// - Lasten: de inhuur voor de nieuwe brandweerkazerne viel € 310.000 hoger uit dan begroot.
/// - Baten: de rijksbijdrage voor de veiligheidsregio was hoger.
/// ```
///
/// The heading and the line names are compared without regard to case; `**Lasten**:` counts too.
public enum VarianceExplanations {
    /// The heading of the section that explains variances.
    public static let heading = "Toelichting op de verschillen"

    /// The sides of the table explained on `node`, each with the line of the section's heading.
    public static func explained(on node: ZichtCore.Node) -> [MoneySide: Int] {
        var result: [MoneySide: Int] = [:]
        for section in node.sections where section.title.trimmingCharacters(in: .whitespaces).lowercased() == heading.lowercased() {
            for item in listItems(section.blocks) {
                let text = item.trimmingCharacters(in: .whitespaces).lowercased()
                for side in MoneySide.allCases {
                    let name = side.rawValue
                    guard text.hasPrefix(name) else { continue }
                    let rest = text.dropFirst(name.count).drop { $0 == " " }
                    if rest.first == ":", !rest.dropFirst().trimmingCharacters(in: .whitespaces).isEmpty {
                        result[side] = result[side] ?? section.line
                    }
                }
            }
        }
        return result
    }

    /// The line of the explanation section on `node`, when it has one.
    public static func sectionLine(on node: ZichtCore.Node) -> Int? {
        node.sections.first { $0.title.trimmingCharacters(in: .whitespaces).lowercased() == heading.lowercased() }?.line
    }

    /// The plain text of each top-level list item's first paragraph.
    private static func listItems(_ blocks: [MarkdownBlock]) -> [String] {
        var items: [String] = []
        for block in blocks {
            if case .list(_, _, let list) = block {
                for item in list {
                    if case .paragraph(let inline)? = item.first { items.append(inline.plainText) }
                }
            }
        }
        return items
    }
}
