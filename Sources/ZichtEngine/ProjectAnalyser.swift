public import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import ZichtAnalysis
public import ZichtCore
import ZichtGeo
import ZichtSim
import ZichtSite
import ZichtSources
import ZichtStats
public import ZichtStore

/// Computes a project's ``ProjectAnalysis`` from its snapshot, once: indicator tables, maps, wijk
/// figures, evaluations and patterns, then disclosure control over all of them together.
public enum ProjectAnalyser {
    /// Everything the pages of `project` show from `snapshot`, protected by disclosure control.
    /// - Throws: ``DiagnosticsError`` naming the page, intervention or setting that cannot be
    ///   computed; ``DisclosureLeak`` when the published figures would reveal a protected count.
    /// - Parameter timed: called with the name and duration of each step, for profiling.
    public static func analyse(
        _ project: LoadedProject, snapshot: Snapshot, timed: ((String, Duration) -> Void)? = nil
    ) throws -> ProjectAnalysis {
        let clock = ContinuousClock()
        func step<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
            let start = clock.now
            defer { timed?(name, clock.now - start) }
            return try work()
        }
        // A warm build reads the analysis of the same inputs from the last build (see AnalysisCache).
        let cache = try step("cache key") { try AnalysisCache(project: project, snapshot: snapshot) }
        if let cache, let entry = step("cache read", { cache.load() }), let analysis = try step("cache check", { try cached(entry, project) }) {
            return analysis
        }
        let incidents = try step("incidents") {
            try IncidentData(snapshot: snapshot, needed: !project.project.interventions.isEmpty || project.config.patterns != nil)
        }
        let inhabitants = try step("inhabitants") {
            try project.config.neighbourhoods?.population.map { try NeighbourhoodProfiles.inhabitants($0, snapshot: snapshot).0 } ?? [:]
        }
        var analysis = try step("indicators") { try indicators(project, snapshot: snapshot) }
        analysis.maps = try step("maps") { try areaMaps(project, snapshot: snapshot, inhabitants: inhabitants) }
        analysis.neighbourhoods = try step("wijken") { try neighbourhoods(project, snapshot: snapshot) }
        analysis.evaluations = try step("evaluations") { try evaluations(project, incidents: incidents) }
        analysis.patterns = try step("patterns") { try patterns(project, incidents: incidents, inhabitants: inhabitants) }
        analysis.finances = try step("finance") { try ProjectFinance.statements(for: project) }
        let threshold = project.config.disclosureThreshold
        let decisions = try step("disclosure control") {
            let file = project.root.appendingPathComponent(decisionsPath)
            let stored = cache.map(\.decisions) ?? (try? Data(contentsOf: file))
            let remembered = stored.flatMap { try? JSONDecoder().decode(DisclosureDecisions.self, from: $0) }
            var outputs = disclosureOutputs(analysis)
            let (_, decisions) = try DisclosureControl.protect(&outputs, threshold: threshold, remembered: remembered)
            take(outputs, into: &analysis)
            // A cache: losing it costs one search, so a failure to write it is not an error.
            guard decisions != remembered, let data = try? JSONEncoder().encode(decisions) else { return stored }
            let temporary = file.deletingLastPathComponent().appendingPathComponent(".disclosure-decisions.json.\(getpid())")
            guard (try? data.write(to: temporary)) != nil else { return stored }
            guard rename(temporary.path, file.path) == 0 else {
                unlink(temporary.path)
                return stored
            }
            return data
        }
        if let cache {
            // The figures just passed the audit in `protect`: their key is the proof a later build reuses.
            step("cache store") {
                cache.store(.init(analysis, auditKey: DisclosureControl.auditKey(disclosureOutputs(analysis), threshold: threshold)), decisions: decisions)
            }
        }
        return analysis
    }

    /// Where disclosure control remembers its secondary suppressions (see ``DisclosureControl/protect(_:threshold:remembered:)``).
    static let decisionsPath = ".zicht/disclosure-decisions.json"

    /// The analysis of a cache entry for exactly these inputs (``AnalysisCache/load()``), when it
    /// publishes exactly the figures that passed the audit when it was stored; nil otherwise.
    static func cached(_ entry: AnalysisCache.Entry, _ project: LoadedProject) throws -> ProjectAnalysis? {
        var analysis = entry.analysis(definitions: indicatorDefinitions(for: project.project))
        // Every build audits what it publishes: here by showing that the figures are the ones the
        // audit passed when the entry was stored. Any other figures: analyse afresh.
        guard DisclosureControl.auditKey(disclosureOutputs(analysis), threshold: project.config.disclosureThreshold) == entry.auditKey else {
            return nil
        }
        analysis.finances = try ProjectFinance.statements(for: project)
        return analysis
    }

    /// The incidents of the snapshot and their sources, read once for evaluations and patterns.
    struct IncidentData {
        var all: [Snapshot.StoredIncident] = []
        var sources: [Provenance] = []
        var isSimulated: Bool { !sources.isEmpty && sources.allSatisfy(\.isSimulated) }

        init(snapshot: Snapshot, needed: Bool) throws {
            guard needed else { return }
            sources = try snapshot.sources().filter { $0.provenance.tableID == "incidents" }.map(\.provenance)
            all = try snapshot.incidents(tableIDs: ["incidents"])
        }
    }

    /// Every indicator definition a project can use: the built-in BBV set, and the project's own
    /// `indicators/*.yaml` (which may replace a built-in definition by using its id).
    package static func indicatorDefinitions(for project: SiteProject) -> [String: IndicatorDefinition] {
        var definitions = Dictionary(uniqueKeysWithValues: BBVWording.definitions.map { ($0.id, $0) })
        for definition in project.indicatorDefinitions { definitions[definition.id] = definition }
        return definitions
    }

    /// Computes every indicator used on a page; unknown ids are reported with their page.
    static func indicators(_ loaded: LoadedProject, snapshot: Snapshot) throws -> ProjectAnalysis {
        let project = loaded.project
        let definitions = indicatorDefinitions(for: project)
        var diagnostics: [Diagnostic] = []
        var used: [String] = []
        for node in project.document.nodesInOrder {
            for id in node.indicatorIDs {
                if definitions[id] == nil {
                    diagnostics.append(Diagnostic(
                        file: node.sourceFile, line: node.line(of: "indicatoren"), message: "unknown indicator '\(id)'",
                        hint: "known indicators: \(definitions.keys.sorted().joined(separator: ", "))"))
                } else if !used.contains(id) {
                    used.append(id)
                }
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        guard let gemeente = project.config.organisation.code else {
            if used.isEmpty { return ProjectAnalysis(definitions: definitions) }
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", message: "pages use indicators, but 'organisation.code' is not set",
                hint: "add the CBS gemeente code, e.g. 'code: GM0193'")])
        }
        let calculator = IndicatorCalculator(snapshot: snapshot)
        var tables: [String: IndicatorTable] = [:]
        for id in used {
            let table = try calculator.table(for: definitions[id]!, gemeente: gemeente, province: project.config.organisation.province)
            if !table.periods.isEmpty { tables[id] = table }
        }
        return ProjectAnalysis(tables: tables, definitions: definitions)
    }

    /// The maps of every page, built from the snapshot and the boundaries.
    static func areaMaps(_ project: LoadedProject, snapshot: Snapshot, inhabitants: [String: Double]) throws -> [String: [AreaMapData]] {
        let nodes = project.project.document.nodesInOrder.filter { !$0.maps.isEmpty }
        guard !nodes.isEmpty else { return [:] }
        let builder = AreaMapBuilder(boundaries: project.areas)
        var maps: [String: [AreaMapData]] = [:]
        var diagnostics: [Diagnostic] = []
        for node in nodes {
            for definition in node.maps {
                do {
                    maps[node.id, default: []].append(
                        try builder.build(
                            definition, snapshot: snapshot, disclosureThreshold: project.config.disclosureThreshold, inhabitants: inhabitants))
                } catch let problem as AreaMapBuilder.Problem {
                    diagnostics.append(Diagnostic(file: node.sourceFile, line: node.line(of: "kaarten"), message: "map '\(definition.title)': \(problem)"))
                }
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return maps
    }

    /// The figures of the wijk pages; nil without `neighbourhoods:` in zicht.yaml.
    static func neighbourhoods(_ project: LoadedProject, snapshot: Snapshot) throws -> NeighbourhoodData? {
        guard let settings = project.config.neighbourhoods else { return nil }
        guard project.areas.contains(where: { $0.parentCode != nil }) else {
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", line: settings.line, message: "'neighbourhoods' needs buurt boundaries that name their wijk",
                hint: "the boundary files need a wijk code per buurt (a property such as WK_CODE or WK_2014)")])
        }
        return try NeighbourhoodProfiles(areas: project.areas, settings: settings, disclosureThreshold: project.config.disclosureThreshold)
            .build(snapshot: snapshot)
    }

    /// Evaluates the project's interventions (`interventions/*.yaml`) on the snapshot's incidents.
    /// - Parameter only: the id of one intervention; nil evaluates all.
    /// - Throws: ``DiagnosticsError`` naming the intervention file when an evaluation is impossible.
    public static func evaluations(_ project: LoadedProject, snapshot: Snapshot, only: String? = nil) throws -> [EvaluationResult] {
        try evaluations(project, incidents: IncidentData(snapshot: snapshot, needed: true), only: only)
    }

    static func evaluations(_ project: LoadedProject, incidents: IncidentData, only: String? = nil) throws -> [EvaluationResult] {
        let interventions = project.project.interventions
        let chosen = interventions.filter { only == nil || $0.id == only }
        if let only, chosen.isEmpty {
            throw AppError("no intervention '\(only)' in interventions/; known: \(interventions.map(\.id).joined(separator: ", "))")
        }
        guard !chosen.isEmpty else { return [] }
        let evaluator = InterventionEvaluator(areas: project.areas, incidents: incidents.all)
        let simulation = incidents.isSimulated ? try simulation(of: project) : nil
        var results: [EvaluationResult] = []
        var diagnostics: [Diagnostic] = []
        for intervention in chosen {
            do {
                let evaluation = try evaluator.evaluate(intervention)
                results.append(EvaluationResult(
                    evaluation: evaluation, isSimulated: incidents.isSimulated, simulatedTruth: simulation?.truth(for: intervention),
                    sources: incidents.sources))
            } catch let problem as EvaluationProblem {
                // The evaluator names the file in its message for callers without a location.
                let prefix = intervention.sourceFile + ": "
                let message = problem.message.hasPrefix(prefix) ? String(problem.message.dropFirst(prefix.count)) : problem.message
                diagnostics.append(Diagnostic(file: intervention.sourceFile, message: message, hint: problem.hint))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return results
    }

    /// The project's simulated city, prepared once for the true effects of every evaluation.
    static func simulation(of project: LoadedProject) throws -> ProjectSimulation? {
        guard case .simulation(_, let years) = project.config.incidentSources.first(where: { $0.isSimulated })?.origin else { return nil }
        return try ProjectSimulation(project, years: years)
    }

    /// Near repeats, hot spots and the prevention list of `patterns:` in zicht.yaml, by goal id.
    static func patterns(_ project: LoadedProject, incidents: IncidentData, inhabitants: [String: Double]) throws -> [String: PatternResult] {
        guard let settings = project.config.patterns else { return [:] }
        guard project.project.document[settings.goal] != nil else {
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", line: settings.line, message: "'patterns' names goal '\(settings.goal)', which is not a page of the document",
                hint: "give the id of a goal page, e.g. \"7.2.1\"")])
        }
        let types = Set(settings.types)
        do {
            let result = try IncidentPatterns.analyse(
                settings: settings, incidents: incidents.all.filter { types.contains($0.type) }, areas: project.areas, inhabitants: inhabitants)
            return [settings.goal: PatternResult(patterns: result, isSimulated: incidents.isSimulated, sources: incidents.sources)]
        } catch let problem as PatternProblem {
            throw DiagnosticsError([Diagnostic(file: "zicht.yaml", line: settings.line, message: "patterns: \(problem.description)")])
        }
    }
}

extension ProjectAnalyser {
    /// Runs disclosure control over every protected figure the site will publish (wijk pages and
    /// their CSV, maps, evaluations) and audits the result; the pages are then written from the
    /// protected values only.
    /// - Returns: the audit's report.
    /// - Throws: ``DisclosureLeak`` naming the table and cell when a protected count could be worked
    ///   out from the published figures; the build then writes nothing.
    @discardableResult
    public static func controlDisclosure(_ analysis: inout ProjectAnalysis, threshold: Int) throws -> DisclosureReport {
        var outputs = disclosureOutputs(analysis)
        let report = try DisclosureControl.protect(&outputs, threshold: threshold)
        take(outputs, into: &analysis)
        return report
    }

    /// Puts protected figures back into the analysis they came from.
    private static func take(_ outputs: DisclosureOutputs, into analysis: inout ProjectAnalysis) {
        analysis.neighbourhoods = outputs.neighbourhoods
        analysis.maps = outputs.maps
        for index in analysis.evaluations.indices {
            if let protected = outputs.evaluations[analysis.evaluations[index].evaluation.intervention.id] {
                analysis.evaluations[index].evaluation = protected
            }
        }
    }

    /// Audits the protected figures of `analysis` as they are, without adding suppressions.
    /// - Throws: ``DisclosureLeak`` for the first leaking cell.
    @discardableResult
    public static func auditDisclosure(_ analysis: ProjectAnalysis, threshold: Int) throws -> DisclosureReport {
        try DisclosureControl.audit(disclosureOutputs(analysis), threshold: threshold)
    }

    static func disclosureOutputs(_ analysis: ProjectAnalysis) -> DisclosureOutputs {
        DisclosureOutputs(
            neighbourhoods: analysis.neighbourhoods, maps: analysis.maps,
            evaluations: Dictionary(analysis.evaluations.map { ($0.evaluation.intervention.id, $0.evaluation) }, uniquingKeysWith: { first, _ in first }))
    }
}

extension ProjectAnalyser {
    /// Every indicator used in the project, computed from its snapshot, in page order.
    public static func indicatorTables(_ project: LoadedProject, snapshot: Snapshot) throws -> [IndicatorTable] {
        let analysis = try indicators(project, snapshot: snapshot)
        var order: [String] = []
        for node in project.project.document.nodesInOrder {
            for id in node.indicatorIDs where !order.contains(id) { order.append(id) }
        }
        return order.compactMap { analysis.tables[$0] }
    }
}
