import Foundation
import ZichtCore
import ZichtGeo
import ZichtStats
import ZichtStore

/// What an evaluation of one safety instrument found: monthly counts in target, buffer and control,
/// and every method's estimate with its interval — or why a method could not be applied.
public struct InterventionEvaluation: Sendable, Codable {
    /// A control buurt with what it was chosen on.
    public struct ControlArea: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        /// Mean monthly count in the before window.
        public var beforeMean: Double
        /// Trend in the before window: the least-squares slope per month divided by the mean.
        public var relativeTrend: Double
    }

    public var intervention: Intervention
    public var target: TargetArea
    public var controlAreas: [ControlArea]
    /// How the control areas were chosen.
    public var controlChoice: ControlChoice
    public var targetBeforeMean: Double
    public var targetRelativeTrend: Double
    /// Month indices (year × 12 + month − 1) of the whole window.
    public var months: [Int]
    public var monthlyTarget: [Int]
    public var monthlyBuffer: [Int]
    public var monthlyControl: [Int]
    /// The monthly counts as they may be published (target, buffer, control), after disclosure
    /// control over month ⊂ period (``DisclosureControl/protect(_:threshold:)``); empty until then.
    public var disclosedMonthly: [[DisclosedCount]] = []

    public var relativeEffectSize: RelativeEffectSize?
    public var overdispersion: Overdispersion?
    /// RES with its variance multiplied by the overdispersion factor.
    public var inflatedEffectSize: RelativeEffectSize?
    public var weightedDisplacementDifference: WeightedDisplacementDifference?
    public var displacementQuotient: DisplacementQuotient?
    public var displacementQuotientValue: Double?
    /// Poisson DiD with cluster-robust (CRV1) standard errors by area.
    public var poisson: CoefficientSummary?
    /// Negative binomial DiD with CRV1 standard errors.
    public var negativeBinomial: CoefficientSummary?
    /// Negative binomial DiD with model-based standard errors: with one treated area the interval
    /// that kept its 95 % coverage in the simulation study (docs/evaluation-simulation-study.md).
    public var negativeBinomialModelBased: CoefficientSummary?
    public var eventStudy: EventStudy?
    public var placeboAreas: PlaceboInference?
    public var placeboDates: PlaceboInference?
    public var minimumDetectableEffect: MinimumDetectableEffect?
    /// Methods that could not be applied, with the reason.
    public var notApplied: [NotApplied]

    public var beforeMonths: Int { intervention.monthsBefore }
    public var afterMonths: Int { intervention.monthsAfter }
    public func total(_ series: [Int], after: Bool) -> Int {
        zip(months, series).filter { ($0.0 >= intervention.startMonth) == after }.reduce(0) { $0 + $1.1 }
    }
}

/// A problem that makes an evaluation impossible, with what to change.
public struct EvaluationProblem: DiagnosticConvertible, CustomStringConvertible, Sendable {
    public var message: String
    public var hint: String?
    public var description: String { message + (hint.map { "; \($0)" } ?? "") }
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: message, hint: hint)] }
}

/// Evaluates interventions on the snapshot's incidents: builds target, buffer and control series
/// and runs every method of ZichtStats on them.
public struct InterventionEvaluator: Sendable {
    public var areas: [Area]
    public var incidents: [Snapshot.StoredIncident]
    public var placeboRuns: Int
    public var seed: UInt64

    public init(areas: [Area], incidents: [Snapshot.StoredIncident], placeboRuns: Int = 200, seed: UInt64 = 2018) {
        self.areas = areas
        self.incidents = incidents
        self.placeboRuns = placeboRuns
        self.seed = seed
    }

    static func monthIndex(day: Int) -> Int { CivilDate(day: day).monthIndex }

    /// A month index (year × 12 + month − 1) as `YYYY-MM`, for messages to the analyst.
    static func monthName(_ index: Int) -> String {
        let year = index / 12, month = index % 12 + 1
        return "\(year)-\(month < 10 ? "0" : "")\(month)"
    }

    public func evaluate(_ intervention: Intervention) throws -> InterventionEvaluation {
        let types = Set(intervention.types)
        let relevant = incidents.filter { types.contains($0.type) }
        let all = incidents.map { Self.monthIndex(day: $0.day) }
        guard let firstData = all.min(), let lastData = all.max() else {
            throw EvaluationProblem(message: "the snapshot has no incidents", hint: "import incidents first (zicht import PROJECT FILE --incidents)")
        }
        if intervention.startMonth <= firstData {
            throw EvaluationProblem(
                message: "\(intervention.sourceFile): the start \(intervention.start) lies before or in the first month of the incidents (\(Self.monthName(firstData)))",
                hint: "import incidents from before the start; a before window is needed")
        }
        if intervention.firstMonth < firstData {
            throw EvaluationProblem(
                message: "\(intervention.sourceFile): the before window of \(intervention.monthsBefore) months starts in \(Self.monthName(intervention.firstMonth)), but the incidents start in \(Self.monthName(firstData))",
                hint: "shorten 'before' to at most \(intervention.startMonth - firstData) months, or import older incidents")
        }
        if intervention.endMonth - 1 > lastData {
            throw EvaluationProblem(
                message: "\(intervention.sourceFile): the after window of \(intervention.monthsAfter) months runs to \(Self.monthName(intervention.endMonth - 1)), but the incidents end in \(Self.monthName(lastData))",
                hint: "shorten 'after' to at most \(max(0, lastData - intervention.startMonth + 1)) months, or import newer incidents")
        }
        let byCode = Dictionary(areas.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

        // Target and buffer membership.
        let inTarget: (Snapshot.StoredIncident) -> Bool
        let inBuffer: (Snapshot.StoredIncident) -> Bool
        let targetGeometry: MultiPolygon?
        let targetArea: InterventionEvaluation.TargetArea
        var targetCodes: Set<String> = []
        switch intervention.target {
        case .buurten(let codes):
            let unknown = codes.filter { byCode[$0] == nil }
            if !unknown.isEmpty {
                throw EvaluationProblem(
                    message: "\(intervention.sourceFile): target buurten not in the boundaries: \(unknown.joined(separator: ", "))",
                    hint: "use buurt codes of the project's boundary files")
            }
            targetCodes = Set(codes)
            let geometry = MultiPolygon(codes.flatMap { byCode[$0]!.geometry.polygons })
            targetGeometry = geometry
            inTarget = { $0.area.map(targetCodes.contains) ?? false }
            targetArea = .buurten(names: codes.map { byCode[$0]!.name })
        case .polygon(let ring):
            let geometry = MultiPolygon(Polygon(exterior: ring.map { Point(x: $0[0], y: $0[1]) }))
            targetGeometry = geometry
            inTarget = { incident in incident.x.map { geometry.contains(Point(x: $0, y: incident.y!)) } ?? false }
            targetArea = .polygon
        case .cameras(let points, let radius):
            let cameras = points.map { Point(x: $0[0], y: $0[1]) }
            targetGeometry = nil
            inTarget = { incident in
                guard let x = incident.x, let y = incident.y else { return false }
                return cameras.contains { $0.distance(to: Point(x: x, y: y)) <= radius }
            }
            targetArea = .cameras(count: cameras.count, radius: radius)
        }
        let width = intervention.bufferWidth
        switch intervention.target {
        case .cameras(let points, let radius):
            let cameras = points.map { Point(x: $0[0], y: $0[1]) }
            inBuffer = { incident in
                guard width > 0, let x = incident.x, let y = incident.y, !inTarget(incident) else { return false }
                return cameras.contains { $0.distance(to: Point(x: x, y: y)) <= radius + width }
            }
        default:
            let geometry = targetGeometry!
            inBuffer = { incident in
                guard width > 0, let x = incident.x, let y = incident.y, !inTarget(incident) else { return false }
                return geometry.distance(to: Point(x: x, y: y)) <= width
            }
        }

        let months = Array(intervention.firstMonth..<intervention.endMonth)
        let slot = { (month: Int) -> Int? in months.indices.contains(month - intervention.firstMonth) ? month - intervention.firstMonth : nil }
        var target = [Int](repeating: 0, count: months.count)
        var buffer = target
        var perArea: [String: [Int]] = [:]
        for incident in relevant {
            guard let index = slot(Self.monthIndex(day: incident.day)) else { continue }
            if inTarget(incident) {
                target[index] += 1
            } else if inBuffer(incident) {
                buffer[index] += 1
            } else if let area = incident.area {
                perArea[area, default: [Int](repeating: 0, count: months.count)][index] += 1
            }
        }
        let beforeCount = intervention.monthsBefore
        func level(_ series: [Int]) -> (mean: Double, trend: Double) {
            ControlSimilarity.level(series.prefix(beforeCount).map(Double.init))
        }
        let targetLevel = level(target)
        if target.reduce(0, +) == 0 {
            throw EvaluationProblem(
                message: "\(intervention.sourceFile): no incidents of types \(intervention.types.joined(separator: ", ")) in the target area in the whole window",
                hint: "check the target area and the types; an evaluation needs incidents to compare")
        }

        // Control areas: listed, or the most similar buurten away from target and buffer.
        var controls: [String]
        let choice: InterventionEvaluation.ControlChoice
        switch intervention.control {
        case .buurten(let codes):
            let unknown = codes.filter { byCode[$0] == nil }
            if !unknown.isEmpty {
                throw EvaluationProblem(
                    message: "\(intervention.sourceFile): control buurten not in the boundaries: \(unknown.joined(separator: ", "))",
                    hint: "use buurt codes of the project's boundary files")
            }
            let overlap = codes.filter { targetCodes.contains($0) }
            if !overlap.isEmpty {
                throw EvaluationProblem(
                    message: "\(intervention.sourceFile): the buurten \(overlap.joined(separator: ", ")) are both target and control",
                    hint: "a control area must lie outside the target area")
            }
            if let geometry = targetGeometry, width > 0 {
                let near = codes.filter { byCode[$0]!.geometry.distance(to: geometry) < width }
                if !near.isEmpty {
                    throw EvaluationProblem(
                        message: "\(intervention.sourceFile): the control buurten \(near.joined(separator: ", ")) lie (partly) within the \(Int(width)) m buffer",
                        hint: "choose control buurten further away, or a smaller buffer; displacement into them would bias the comparison")
                }
            }
            controls = codes
            choice = .listed
        case .automatic(let count):
            let candidates = areas.filter { area in
                guard !targetCodes.contains(area.code), let series = perArea[area.code], series.prefix(beforeCount).reduce(0, +) > 0 else { return false }
                if let geometry = targetGeometry { return area.geometry.distance(to: geometry) > width }
                return true
            }
            controls = ControlSimilarity.mostSimilar(
                target: target.prefix(beforeCount).map(Double.init),
                candidates: candidates.map { ($0.code, perArea[$0.code]!.prefix(beforeCount).map(Double.init)) }, count: count)
            choice = .mostSimilar(count: controls.count, outsideBuffer: width > 0)
        }
        guard !controls.isEmpty else {
            throw EvaluationProblem(message: "\(intervention.sourceFile): no control buurten with incidents were found", hint: "list control buurten under 'control: {buurten: [...]}'")
        }
        let controlAreas = controls.map { code -> InterventionEvaluation.ControlArea in
            let own = level(perArea[code] ?? [Int](repeating: 0, count: months.count))
            return .init(code: code, name: byCode[code]?.name ?? code, beforeMean: own.mean, relativeTrend: own.trend)
        }
        var control = [Int](repeating: 0, count: months.count)
        for code in controls { for (index, value) in (perArea[code] ?? []).enumerated() { control[index] += value } }

        var result = InterventionEvaluation(
            intervention: intervention, target: targetArea, controlAreas: controlAreas, controlChoice: choice,
            targetBeforeMean: targetLevel.mean, targetRelativeTrend: targetLevel.trend, months: months, monthlyTarget: target,
            monthlyBuffer: buffer, monthlyControl: control, notApplied: [])
        runMethods(&result, controls: controls, perArea: perArea)
        return result
    }

    private func runMethods(_ result: inout InterventionEvaluation, controls: [String], perArea: [String: [Int]]) {
        let intervention = result.intervention
        let split = intervention.monthsBefore
        func before(_ series: [Int]) -> [Double] { series.prefix(split).map(Double.init) }
        func after(_ series: [Int]) -> [Double] { series.dropFirst(split).map(Double.init) }
        func sum(_ values: [Double]) -> Double { values.reduce(0, +) }
        let (tb, ta, cb, ca) = (before(result.monthlyTarget), after(result.monthlyTarget), before(result.monthlyControl), after(result.monthlyControl))
        let lengthRatio = Double(intervention.monthsAfter) / Double(intervention.monthsBefore)

        do {
            let res = try RelativeEffectSize(treatedBefore: sum(tb), treatedAfter: sum(ta), controlBefore: sum(cb), controlAfter: sum(ca))
            result.relativeEffectSize = res
            let dispersion = try Overdispersion(treatedBefore: tb, treatedAfter: ta, controlBefore: cb, controlAfter: ca)
            result.overdispersion = dispersion
            result.inflatedEffectSize = try RelativeEffectSize(
                treatedBefore: sum(tb), treatedAfter: sum(ta), controlBefore: sum(cb), controlAfter: sum(ca), dispersion: dispersion.applied)
        } catch {
            result.notApplied.append(InterventionEvaluation.NotApplied(.relativeEffectSize, .init(error)))
        }
        do {
            let bufferBefore = sum(before(result.monthlyBuffer)), bufferAfter = sum(after(result.monthlyBuffer))
            // Counts per before-window length (after counts divided by the length ratio inside, so their
            // variance is divided by its square); the buffer shares the control area.
            result.weightedDisplacementDifference = try WeightedDisplacementDifference.sharedControl(
                treatedBefore: sum(tb), treatedAfter: sum(ta), controlBefore: sum(cb), controlAfter: sum(ca),
                bufferBefore: bufferBefore, bufferAfter: bufferAfter, beforeLength: 1, afterLength: lengthRatio)
            if intervention.bufferWidth > 0 {
                let quotient = try DisplacementQuotient(
                    responseBefore: sum(tb), responseAfter: sum(ta) / lengthRatio, bufferBefore: bufferBefore,
                    bufferAfter: bufferAfter / lengthRatio, controlBefore: sum(cb), controlAfter: sum(ca) / lengthRatio)
                result.displacementQuotient = quotient
                result.displacementQuotientValue = try quotient.quotient()
            }
        } catch {
            result.notApplied.append(InterventionEvaluation.NotApplied(.displacement, .init(error)))
        }

        do {
            result.minimumDetectableEffect = try MinimumDetectableEffect(
                beforeMonths: Double(intervention.monthsBefore), afterMonths: Double(intervention.monthsAfter),
                treatedMonthly: max(sum(tb) / Double(split), 0.01), controlMonthly: max(sum(cb) / Double(split), 0.01),
                dispersion: result.overdispersion?.applied ?? 1)
        } catch {
            result.notApplied.append(InterventionEvaluation.NotApplied(.minimumDetectableEffect, .init(error)))
        }
        // A window without incidents in the target makes the log rate ratio infinite: no model can
        // estimate it, so say so instead of reporting a meaningless number.
        if sum(tb) == 0 || sum(ta) == 0 {
            for method: InterventionEvaluation.Method in [.poisson, .negativeBinomial, .eventStudy, .placebo] {
                result.notApplied.append(InterventionEvaluation.NotApplied(method, .noTargetIncidents(afterStart: sum(ta) == 0)))
            }
            return
        }
        // The monthly panel: the target as one area, each control buurt as an area.
        var counts: [Double] = [], area: [Int] = [], period: [Int] = [], treated: [Double] = []
        let series = [result.monthlyTarget] + controls.map { perArea[$0] ?? [Int](repeating: 0, count: result.months.count) }
        for (unit, values) in series.enumerated() {
            for (t, value) in values.enumerated() {
                counts.append(Double(value))
                area.append(unit)
                period.append(t)
                treated.append(unit == 0 && t >= split ? 1 : 0)
            }
        }
        do {
            let panel = try CountPanel(counts: counts, area: area, period: period, areaCount: series.count, periodCount: result.months.count, periodValues: result.months)
            let regressor = Regressor("behandeld", treated)
            let fit = try PoissonFixedEffects.fit(panel, regressors: [regressor])
            guard fit.coefficients[0].isFinite, fit.standardErrors(.crv1)[0].isFinite else {
                result.notApplied.append(InterventionEvaluation.NotApplied(.poisson, .noFiniteEstimate))
                return
            }
            result.poisson = fit.summary(0)
            do {
                let nb = try NegativeBinomialFixedEffects.fit(panel, regressors: [regressor])
                result.negativeBinomial = nb.summary(0)
                result.negativeBinomialModelBased = nb.summary(0, covariance: .iid)
            } catch {
                result.notApplied.append(InterventionEvaluation.NotApplied(.negativeBinomial, .init(error)))
            }
            do {
                let lags = min(12, intervention.monthsAfter - 1), leads = min(12, intervention.monthsBefore)
                result.eventStudy = try EventStudy(panel: panel, treated: treated, window: (-leads)...lags)
            } catch {
                result.notApplied.append(InterventionEvaluation.NotApplied(.eventStudy, .init(error)))
            }
            let estimate = fit.coefficients[0]
            do {
                result.placeboAreas = try PlaceboInference.areas(panel: panel, treated: treated, actual: estimate, runs: placeboRuns, seed: seed)
            } catch {
                result.notApplied.append(InterventionEvaluation.NotApplied(.placeboAreas, .init(error)))
            }
            do {
                result.placeboDates = try PlaceboInference.startDates(panel: panel, treated: treated, actual: estimate, runs: placeboRuns, seed: seed)
            } catch {
                result.notApplied.append(InterventionEvaluation.NotApplied(.placeboDates, .init(error)))
            }
        } catch {
            result.notApplied.append(InterventionEvaluation.NotApplied(.poisson, .init(error)))
        }
    }
}
