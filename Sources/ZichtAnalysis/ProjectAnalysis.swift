import Foundation
import ZichtCore
import ZichtStore

/// Everything a project's pages show that is computed from its snapshot: indicator tables, maps,
/// wijk figures, evaluations and patterns. Computed once per snapshot and settings (by ZichtEngine),
/// protected by disclosure control, then rendered by ZichtSite without further computation.
public struct ProjectAnalysis: Sendable {
    /// Computed tables by indicator id (only indicators with data).
    public var tables: [String: IndicatorTable]
    /// Every known definition by id (built-in and the project's own).
    public var definitions: [String: IndicatorDefinition]
    /// Area maps by page id, in the order of the page's `kaarten:`.
    public var maps: [String: [AreaMapData]]
    /// The wijk figures, when the project has `neighbourhoods:`.
    public var neighbourhoods: NeighbourhoodData?
    /// Evaluations of interventions, in the order of `interventions/`.
    public var evaluations: [EvaluationResult]
    /// Near repeats, hot spots and prevention by goal id.
    public var patterns: [String: PatternResult]
    /// The financial tables, when the project has `money:`.
    /// The financial statements per document, by document key ("" in a project of one document).
    public var finances: [String: FinancialStatements] = [:]

    public init(
        tables: [String: IndicatorTable] = [:], definitions: [String: IndicatorDefinition] = [:], maps: [String: [AreaMapData]] = [:],
        neighbourhoods: NeighbourhoodData? = nil, evaluations: [EvaluationResult] = [], patterns: [String: PatternResult] = [:]
    ) {
        self.tables = tables
        self.definitions = definitions
        self.maps = maps
        self.neighbourhoods = neighbourhoods
        self.evaluations = evaluations
        self.patterns = patterns
    }
}

/// One intervention's evaluation with what a reader must know about its data.
public struct EvaluationResult: Sendable, Codable {
    public var evaluation: InterventionEvaluation
    /// Whether the incidents are simulated.
    public var isSimulated: Bool
    /// The true rate ratio in the target area when the incidents are simulated with a known effect.
    public var simulatedTruth: Double?
    public var sources: [Provenance]

    public init(evaluation: InterventionEvaluation, isSimulated: Bool, simulatedTruth: Double?, sources: [Provenance]) {
        self.evaluation = evaluation
        self.isSimulated = isSimulated
        self.simulatedTruth = simulatedTruth
        self.sources = sources
    }
}

/// Near repeats, hot spots and the prevention list of one goal, with their sources.
public struct PatternResult: Sendable, Codable {
    public var patterns: IncidentPatterns
    public var isSimulated: Bool
    public var sources: [Provenance]

    public init(patterns: IncidentPatterns, isSimulated: Bool, sources: [Provenance]) {
        self.patterns = patterns
        self.isSimulated = isSimulated
        self.sources = sources
    }
}
