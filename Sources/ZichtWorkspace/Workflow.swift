/// Where a version of a page stands on its way to publication.
public enum PageStatus: String, Codable, Sendable, CaseIterable {
    /// Being written; not yet offered for review.
    case concept
    /// Offered to the P&C team (redacteuren) for review.
    case terReview = "ter-review"
    /// Approved by a redacteur: this version may be exported and published.
    case goedgekeurd

    /// The Dutch words the werkomgeving shows.
    public var title: String {
        switch self {
        case .concept: "Concept"
        case .terReview: "Ter review"
        case .goedgekeurd: "Goedgekeurd"
        }
    }
}

/// One change of status of one version of a page, with who made it and why.
public struct StatusChange: Sendable, Equatable {
    public var path: String
    public var version: Int
    public var status: PageStatus
    public var comment: String
    public var by: String
    /// Milliseconds since 1970.
    public var at: Int64

    public init(path: String, version: Int, status: PageStatus, comment: String, by: String, at: Int64) {
        self.path = path
        self.version = version
        self.status = status
        self.comment = comment
        self.by = by
        self.at = at
    }
}

/// The steps of the review, and who may take them. A saved version starts as concept; its author (or
/// a redacteur) offers it for review; a redacteur approves it, or sends it back with a comment. Only
/// approved versions are exported: a page edited after its approval is published as approved until
/// the new version is approved too.
public enum Workflow {
    public enum Step: String, Sendable, CaseIterable {
        case submit, approve, reject

        public var title: String {
            switch self {
            case .submit: "Aanbieden voor review"
            case .approve: "Goedkeuren"
            case .reject: "Terugsturen"
            }
        }
    }

    /// The status a step leads to from `current`, or nil when the step is not possible from there.
    public static func next(from current: PageStatus, by step: Step) -> PageStatus? {
        switch (current, step) {
        case (.concept, .submit): .terReview
        case (.terReview, .approve): .goedgekeurd
        case (.terReview, .reject): .concept
        default: nil
        }
    }

    /// The right a step needs, for ``Rights``.
    public static func action(for step: Step, page: PageRef) -> Action {
        step == .submit ? .submit(page) : .review(page)
    }

    /// Whether a step must carry a comment: sending back says why.
    public static func needsComment(_ step: Step) -> Bool { step == .reject }

    /// A page's files are its Markdown files under `content/`; other files (settings, data, images)
    /// have no review of their own and are exported as they are.
    public static func isPage(_ path: String) -> Bool {
        path.hasPrefix("content/") && path.hasSuffix(".md")
    }
}

/// An export: a numbered, unchangeable list of the file versions a site is built from.
public struct Export: Sendable, Equatable {
    public var number: Int
    public var createdBy: String
    /// Milliseconds since 1970.
    public var createdAt: Int64
    /// The audit log's last line when the export was made: an anchor for `zicht audit verify`.
    public var auditAnchor: AuditChain.Anchor
    /// Path → version.
    public var files: [String: Int]

    public init(number: Int, createdBy: String, createdAt: Int64, auditAnchor: AuditChain.Anchor, files: [String: Int]) {
        self.number = number
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.auditAnchor = auditAnchor
        self.files = files
    }
}

/// A publication: the site built from an export went live.
public struct Publication: Sendable, Equatable {
    public var export: Int
    public var by: String
    public var at: Int64

    public init(export: Int, by: String, at: Int64) {
        self.export = export
        self.by = by
        self.at = at
    }
}

/// When a new export may be made: only when it would differ from the newest export. Two redacteurs
/// (or two instances) asking at the same moment therefore get one export: the store makes exports
/// one at a time, and the second request finds the first and is told its number.
public enum ExportRule {
    public static func check(_ files: [String: Int], against previous: [String: Int], previous number: Int) throws(WorkspaceError) {
        if files == previous { throw .unchangedSinceExport(number) }
    }
}
