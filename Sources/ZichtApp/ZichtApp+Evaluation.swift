import Foundation
import ZichtAnalysis
import ZichtCore
import ZichtSim
import ZichtSite
import ZichtSources
import ZichtStore

extension ZichtApp {
    /// Evaluates the project's interventions (`interventions/*.yaml`) on the snapshot's incidents.
    /// - Parameter only: the id of one intervention; nil evaluates all.
    /// - Throws: ``DiagnosticsError`` naming the intervention file when an evaluation is impossible.
    public static func evaluations(for project: SiteProject, snapshot: Snapshot, only: String? = nil) throws -> [EvaluationPageData] {
        let chosen = project.interventions.filter { only == nil || $0.id == only }
        if let only, chosen.isEmpty {
            throw AppError("no intervention '\(only)' in interventions/; known: \(project.interventions.map(\.id).joined(separator: ", "))")
        }
        guard !chosen.isEmpty else { return [] }
        let sources = try snapshot.sources().filter { $0.provenance.tableID == "incidents" }.map(\.provenance)
        let incidents = try snapshot.incidents(tableIDs: ["incidents"])
        let evaluator = InterventionEvaluator(areas: try loadAreaOutlines(project), incidents: incidents)
        let isSimulated = !sources.isEmpty && sources.allSatisfy(\.isSimulated)
        var results: [EvaluationPageData] = []
        var diagnostics: [Diagnostic] = []
        for intervention in chosen {
            do {
                let evaluation = try evaluator.evaluate(intervention)
                results.append(EvaluationPageData(
                    evaluation: evaluation, isSimulated: isSimulated,
                    simulatedTruth: isSimulated ? try simulatedTruth(for: intervention, project: project) : nil, sources: sources))
            } catch let problem as EvaluationProblem {
                diagnostics.append(Diagnostic(file: intervention.sourceFile, message: problem.message, hint: problem.hint))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return results
    }

    /// The true effect of the simulated camera zone on this intervention's target and types, when
    /// they are the simulation's zone and start and every type has the same effect; else nil.
    static func simulatedTruth(for intervention: Intervention, project: SiteProject) throws -> Double? {
        guard case .buurten(let codes) = intervention.target,
            case .simulation(_, let years) = project.config.incidentSources.first(where: { $0.isSimulated })?.origin
        else { return nil }
        let city = try simulation(project, years: years).city
        guard let camera = city.settings.camera, Set(city.zoneAreaCodes) == Set(codes),
            camera.start.year == intervention.start.year, camera.start.month == intervention.start.month, intervention.start.day == 1
        else { return nil }
        let effects = Set(intervention.types.map { camera.effects[$0] ?? 1 })
        return effects.count == 1 ? effects.first : nil
    }

    /// Adds a page per evaluated intervention under its goal.
    static func addEvaluationPages(_ project: SiteProject, snapshot: Snapshot) throws -> (SiteProject, [String: EvaluationPageData]) {
        let evaluations = try evaluations(for: project, snapshot: snapshot)
        guard !evaluations.isEmpty else { return (project, [:]) }
        var nodes = project.document.nodesInOrder
        var byID: [String: EvaluationPageData] = [:]
        for (index, data) in evaluations.enumerated() {
            let intervention = data.evaluation.intervention
            let id = EvaluationPageData.nodeID(intervention.id)
            byID[id] = data
            nodes.append(Node(
                id: id, kind: .pagina, title: "Evaluatie: \(intervention.name)\(data.isSimulated ? " (gesimuleerd)" : "")",
                subtitle: "Wat veranderde er na de start op \(DutchDate.long(date: intervention.start)), vergeleken met buurten zonder deze maatregel?",
                order: 100 + index, parentID: intervention.goal ?? project.document.root.id,
                preamble: intervention.description.map { [.paragraph([.text($0)])] } ?? [], sourceFile: intervention.sourceFile))
        }
        var extended = project
        extended.document = Document(nodes: nodes)
        return (extended, byID)
    }
}

extension ZichtApp {
    /// Near repeats, hot spots and the prevention list of `patterns:` in zicht.yaml, by goal id.
    public static func patterns(for project: SiteProject, snapshot: Snapshot) throws -> [String: PatternPageData] {
        guard let settings = project.config.patterns else { return [:] }
        guard project.document[settings.goal] != nil else {
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", line: settings.line, message: "'patterns' names goal '\(settings.goal)', which is not a page of the document",
                hint: "give the id of a goal page, e.g. \"7.2.1\"")])
        }
        let sources = try snapshot.sources().filter { $0.provenance.tableID == "incidents" }.map(\.provenance)
        let incidents = try snapshot.incidents(tableIDs: ["incidents"], types: Set(settings.types))
        let inhabitants = try project.config.neighbourhoods?.population.map { try NeighbourhoodProfiles.inhabitants($0, snapshot: snapshot).0 } ?? [:]
        do {
            let result = try IncidentPatterns.analyse(settings: settings, incidents: incidents, areas: try loadAreaOutlines(project), inhabitants: inhabitants)
            let isSimulated = !sources.isEmpty && sources.allSatisfy(\.isSimulated)
            return [settings.goal: PatternPageData(patterns: result, isSimulated: isSimulated, sources: sources)]
        } catch let problem as PatternProblem {
            throw DiagnosticsError([Diagnostic(file: "zicht.yaml", line: settings.line, message: "patterns: \(problem.description)")])
        }
    }
}

extension ZichtApp {
    /// The points and days of a project's incidents of some types in some years, from its snapshot,
    /// for `zicht nearrepeat --project` and `zicht hotspots --project`.
    public static func incidentPoints(project: URL, types: [String], years: ClosedRange<Int>) throws -> (x: [Double], y: [Double], t: [Double], simulated: Bool) {
        let loaded = try SiteProjectLoader.load(project)
        let snapshot = try prepareSnapshot(loaded)
        let chosen = try snapshot.incidents(tableIDs: ["incidents"], types: Set(types))
            .filter { $0.x != nil && years.contains(CivilDate(day: $0.day).year) }
        guard !chosen.isEmpty else {
            throw AppError("the snapshot of \(project.path) has no incidents of types \(types.joined(separator: ", ")) with coordinates in \(years.lowerBound)–\(years.upperBound)")
        }
        let simulated = try snapshot.sources().filter { $0.provenance.tableID == "incidents" }.allSatisfy(\.provenance.isSimulated)
        return (chosen.map { $0.x! }, chosen.map { $0.y! }, chosen.map { Double($0.day) + Double($0.minute ?? 0) / 1440 }, simulated)
    }
}
