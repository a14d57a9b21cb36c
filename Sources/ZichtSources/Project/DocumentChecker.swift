import ZichtCore

/// Checks that a set of nodes forms one well-formed document tree.
enum DocumentChecker {
    /// Every problem with the tree: duplicate ids, not exactly one document, missing parents, cycles,
    /// and references (`ref:` links and kaders) to ids that do not exist.
    /// - Parameter linksIn: the source files whose `ref:` links are checked; nil checks every page's.
    ///   (After an edit that kept every id, only the edited pages' links can have broken.)
    static func check(_ nodes: [Node], linksIn files: Set<String>? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var byID: [String: Node] = [:]
        for node in nodes {
            if let first = byID[node.id] {
                diagnostics.append(Diagnostic(
                    file: node.sourceFile, line: node.line(of: "id"), message: "duplicate id '\(node.id)'; it is also used in \(first.sourceFile)",
                    hint: "every page needs its own id"))
            } else {
                byID[node.id] = node
            }
        }
        // One document page per document: in a cycle, per document key (the portal has none).
        var documentsByKey: [String: [Node]] = [:]
        var keys: [String] = []
        for node in nodes {
            let key = node.documentKey ?? ""
            if documentsByKey[key] == nil { keys.append(key) }
            documentsByKey[key, default: []] += node.kind == .document ? [node] : []
        }
        for key in keys {
            let documents = documentsByKey[key]!
            if documents.isEmpty {
                diagnostics.append(Diagnostic(
                    file: key.isEmpty ? "content" : nodes.first { $0.documentKey == key }?.sourceFile ?? "content",
                    message: key.isEmpty ? "no page of kind 'document' found" : "no page of kind 'document' found for '\(key)'",
                    hint: "the home page of a document (usually its index.md) needs 'kind: document'"))
            }
            for extra in documents.dropFirst() {
                diagnostics.append(Diagnostic(
                    file: extra.sourceFile, line: extra.line(of: "id"),
                    message: "a second page of kind 'document'; the first is \(documents[0].sourceFile)",
                    hint: key.isEmpty ? "a project holds one document; use another kind for this page" : "a document has one home page; use another kind for this page"))
            }
        }
        for node in nodes {
            guard let parentID = node.parentID else { continue }
            if byID[parentID] == nil {
                diagnostics.append(Diagnostic(
                    file: node.sourceFile, line: node.line(of: "parent"), message: "parent '\(parentID)' of '\(node.id)' does not exist",
                    hint: nearest(parentID, in: byID.keys).map { "did you mean '\($0)'?" }))
            }
        }
        diagnostics.append(contentsOf: cycles(in: nodes, byID: byID))
        for node in nodes where files?.contains(node.sourceFile) ?? true {
            for link in (node.preamble + node.sections.flatMap(\.blocks)).referencedLinks where link.destination.hasPrefix("ref:") {
                let target = String(link.destination.dropFirst(4))
                if byID[target] == nil {
                    diagnostics.append(Diagnostic(
                        file: node.sourceFile, line: link.line, column: link.column,
                        message: "reference to '\(target)', but no page has that id",
                        hint: nearest(target, in: byID.keys).map { "did you mean 'ref:\($0)'?" }))
                }
            }
            for (index, kader) in node.kaders.enumerated() {
                if case .reference(let target) = kader.target, byID[target] == nil {
                    diagnostics.append(Diagnostic(
                        file: node.sourceFile, line: node.line(of: "kaders.\(index)"),
                        message: "kader '\(kader.title)' refers to '\(target)', but no page has that id",
                        hint: nearest(target, in: byID.keys).map { "did you mean '\($0)'?" }))
                }
            }
        }
        return diagnostics
    }

    private static func cycles(in nodes: [Node], byID: [String: Node]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        for node in nodes where node.parentID != nil {
            var seen: [String] = [node.id]
            var current = node.parentID.flatMap { byID[$0] }
            while let next = current {
                if let start = seen.firstIndex(of: next.id) {
                    let cycle = Array(seen[start...])
                    if reported.insert(cycle.sorted().joined(separator: ",")).inserted {
                        diagnostics.append(Diagnostic(
                            file: next.sourceFile, line: next.line(of: "parent"),
                            message: "parents form a cycle: \((cycle + [next.id]).joined(separator: " → "))",
                            hint: "every chain of parents must end at the document"))
                    }
                    break
                }
                seen.append(next.id)
                current = next.parentID.flatMap { byID[$0] }
            }
        }
        return diagnostics
    }

    private static func nearest(_ id: String, in candidates: some Sequence<String>) -> String? {
        let best = candidates.min { editDistance($0, id) < editDistance($1, id) }
        guard let best, editDistance(best, id) <= max(2, id.count / 3) else { return nil }
        return best
    }
}
