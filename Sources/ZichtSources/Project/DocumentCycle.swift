import ZichtCore

/// The documents of a planning-and-control cycle as one tree: a portal page above the documents,
/// every page id qualified by its document's key ("jaarverslag-2019/7.2.1"), and goal texts that a
/// jaarverslag takes from its begroting.
///
/// Authors write ids and references within a document as in a project of one document (`7.2.1`,
/// `ref:7.2`); a reference to another document names it (`ref:begroting-2019/7.2.1`). The loader
/// qualifies the first kind, so that every id in the tree is unique and every reference names its
/// document, and the usual checks (unique ids, parents, references) apply to the whole cycle.
public enum DocumentCycle {
    /// The id of the portal page, the root of a cycle. It cannot clash with a page: every page's id
    /// is qualified by its document's key.
    public static let portalID = "portaal"

    /// The prefix of a reference to a page in `origin:`.
    static let referencePrefix = "ref:"

    /// `pages` of `document` with their ids, parents and references qualified by its key; the
    /// document page hangs under the portal at `position` (its place in the cycle).
    static func qualify(_ pages: [Node], in document: ProjectConfig.DocumentInfo, position: Int) -> [Node] {
        let key = document.key
        func reference(_ destination: String) -> String {
            guard destination.hasPrefix(referencePrefix) else { return destination }
            return referencePrefix + Node.qualified(String(destination.dropFirst(referencePrefix.count)), in: key)
        }
        return pages.map { page in
            var node = page
            node.id = Node.qualified(page.id, in: key)
            node.parentID = page.parentID.map { Node.qualified($0, in: key) } ?? (page.kind == .document ? portalID : nil)
            if page.kind == .document { node.order = position + 1 }
            node.kaders = page.kaders.map { kader in
                guard case .reference(let target) = kader.target else { return kader }
                return Kader(title: kader.title, target: .reference(Node.qualified(target, in: key)))
            }
            node.origin = page.origin.map(reference)
            node.preamble = page.preamble.mappingLinkDestinations(reference)
            node.sections = page.sections.map { Section(heading: $0.heading, blocks: $0.blocks.mappingLinkDestinations(reference), line: $0.line) }
            return node
        }
    }

    /// The portal page: the root of the cycle, listing its documents.
    static func portal(_ config: ProjectConfig) -> Node {
        Node(
            id: portalID, kind: .document, title: config.portalTitle ?? "Begroting en verantwoording",
            subtitle: "Alle documenten van de planning-en-controlcyclus van \(config.organisation.name), per jaar.",
            sourceFile: SiteProjectLoader.configFileName)
    }

    /// `nodes` with every goal (or ambitie, programma, domein) whose `origin:` is a reference (`origin: ref:begroting-2019/7.2.1`)
    /// given the first section ("Beschrijving doel") and the criteria of that page, and the origin
    /// label "tekst uit Begroting 2019". The jaarverslag quotes its begroting this way, so that the
    /// label is true by construction. A reference to a page that does not exist, is not a goal or
    /// takes its own text from elsewhere, and a page that also writes the text itself, are errors.
    static func takeOrigins(_ nodes: [Node], config: ProjectConfig, into diagnostics: inout [Diagnostic]) -> [Node] {
        var byID: [String: Node] = [:]
        for node in nodes { byID[node.id] = node }
        return nodes.map { node in
            guard let origin = node.origin, origin.hasPrefix(referencePrefix) else { return node }
            let targetID = String(origin.dropFirst(referencePrefix.count))
            let line = node.line(of: "origin")
            let targetKey = targetID.split(separator: Node.documentSeparator, maxSplits: 1).first.map(String.init) ?? ""
            guard let document = config.document(key: targetKey) else {
                diagnostics.append(Diagnostic(
                    file: node.sourceFile, line: line, message: "origin refers to '\(targetID)', but the project has no document '\(targetKey)'",
                    hint: config.isCycle
                        ? "the documents are: \(config.documents.map(\.key).joined(separator: ", "))"
                        : "only a project of several documents ('documents:' in zicht.yaml) can take a text from another document"))
                return node
            }
            guard let target = byID[targetID] else {
                diagnostics.append(Diagnostic(
                    file: node.sourceFile, line: line,
                    message: "origin refers to '\(targetID)', but \(document.title) has no page '\(Node(id: targetID, kind: .doel, title: "", sourceFile: "").localID)'",
                    hint: "add the goal to \(document.title), or correct the reference"))
                return node
            }
            guard target.kind == node.kind, [.doel, .ambitie, .programma, .domein].contains(node.kind) else {
                diagnostics.append(Diagnostic(
                    file: node.sourceFile, line: line,
                    message: "origin: ref: takes the text of a page of the same kind (doel, ambitie, programma or domein); '\(targetID)' is a '\(target.kind.rawValue)' and this page a '\(node.kind.rawValue)'"))
                return node
            }
            if let further = target.origin, further.hasPrefix(referencePrefix) {
                diagnostics.append(Diagnostic(
                    file: node.sourceFile, line: line, message: "'\(targetID)' takes its own text from '\(further.dropFirst(referencePrefix.count))'",
                    hint: "refer to the page that holds the text"))
                return node
            }
            guard let description = target.sections.first else {
                diagnostics.append(Diagnostic(
                    file: node.sourceFile, line: line, message: "'\(targetID)' has no section to take as the goal's description",
                    hint: "start the goal in \(document.title) with a section such as '## Beschrijving doel'"))
                return node
            }
            if !node.criteria.isEmpty {
                diagnostics.append(Diagnostic(
                    file: node.sourceFile, line: node.line(of: "criteria"),
                    message: "the criteria come from \(document.title) ('origin: \(origin)'); this page cannot list its own",
                    hint: "remove 'criteria:' here, or change them in \(document.title)"))
            }
            if let own = node.sections.first(where: { $0.title == description.title }) {
                diagnostics.append(Diagnostic(
                    file: node.sourceFile, line: own.line,
                    message: "the section '\(description.title)' comes from \(document.title) ('origin: \(origin)'); this page cannot write its own",
                    hint: "remove this section; the text of \(document.title) is shown in its place"))
            }
            var taken = node
            taken.sections.insert(description, at: 0)
            taken.criteria = target.criteria
            takeTargets(from: target, of: document, into: &taken, origin: origin, diagnostics: &diagnostics)
            taken.origin = "tekst uit \(document.title)"
            taken.originID = targetID
            return taken
        }
    }

    /// A jaarverslag accounts for the targets its begroting set: it takes them (and, when it lists
    /// none of its own, the begroting's indicators), and it cannot set targets itself or leave out
    /// an indicator the begroting set a target for.
    private static func takeTargets(
        from source: Node, of document: ProjectConfig.DocumentInfo, into page: inout Node, origin: String,
        diagnostics: inout [Diagnostic]
    ) {
        if !page.targets.isEmpty {
            diagnostics.append(Diagnostic(
                file: page.sourceFile, line: page.line(of: "streefwaarden"),
                message: "the targets come from \(document.title) ('origin: \(origin)'); this page cannot set its own",
                hint: "remove 'streefwaarden:' here, or change them in \(document.title)"))
        }
        if page.indicatorIDs.isEmpty { page.indicatorIDs = source.indicatorIDs }
        for id in source.targets.keys.sorted() where !page.indicatorIDs.contains(id) {
            diagnostics.append(Diagnostic(
                file: page.sourceFile, line: page.line(of: "indicatoren"),
                message: "\(document.title) sets targets for the indicator '\(id)', but this page does not show it",
                hint: "add '\(id)' to 'indicatoren:', so that the page accounts for its target"))
        }
        page.targets = source.targets
        page.targetsOrigin = source.targets.isEmpty ? nil : document.title
    }

    /// The page an intervention's `goal:` names. In a cycle a goal id without a document names the
    /// goal in the newest jaarverslag that has it, else in the newest document that has it: that
    /// is where the evaluation is reported.
    static func resolveGoal(_ goal: String, ids: Set<String>, config: ProjectConfig) -> String {
        guard config.isCycle, !goal.contains(Node.documentSeparator) else { return goal }
        let preferred = config.documents.sorted {
            ($0.kind == .jaarverslag ? 0 : 1, -$0.year, -$0.kind.cycleRank) < ($1.kind == .jaarverslag ? 0 : 1, -$1.year, -$1.kind.cycleRank)
        }
        for document in preferred where ids.contains(Node.qualified(goal, in: document.key)) {
            return Node.qualified(goal, in: document.key)
        }
        return goal
    }
}
