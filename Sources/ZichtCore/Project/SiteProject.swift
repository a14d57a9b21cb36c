import Foundation

/// A site project as loaded from disk: its settings, its document and where it lives.
public struct SiteProject: Sendable {
    /// The project folder.
    public var root: URL
    public var config: ProjectConfig
    public var document: Document
    /// The newest modification time of the project's input files; the "gegevens van" time until the
    /// project has a data snapshot.
    public var contentModifiedAt: Date
    /// Indicator definitions from the project's `indicators/*.yaml`.
    public var indicatorDefinitions: [IndicatorDefinition]
    /// Safety instruments to evaluate, from the project's `interventions/*.yaml`.
    public var interventions: [Intervention] = []
    /// The images the pages show, by their path in the project, as read and checked when loading.
    public var images: [String: Data] = [:]

    public init(root: URL, config: ProjectConfig, document: Document, contentModifiedAt: Date, indicatorDefinitions: [IndicatorDefinition] = []) {
        self.root = root
        self.config = config
        self.document = document
        self.contentModifiedAt = contentModifiedAt
        self.indicatorDefinitions = indicatorDefinitions
    }
}
