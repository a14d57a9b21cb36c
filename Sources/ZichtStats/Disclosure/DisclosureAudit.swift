import ZichtCore

/// Audits published figures for disclosure: for every figure shown as "< threshold" it computes the
/// smallest and largest value that every published figure together still allows, and can add
/// secondary suppressions until each such interval is the whole `0 ... threshold − 1`.
///
/// **Protection rule.** A figure withheld as "< t" is protected when the attacker's feasible
/// interval contains `[1, t − 1]`: the published figures teach nothing beyond the label itself,
/// except perhaps that the count is not 0. (Requiring `[0, t − 1]` cannot be met: a wijk total of
/// 5 or more made of two buurten below 5 tells that each has at least 1, and so does the same
/// total withheld, because a withheld total is known to be at least `t`.)
/// The attacker is assumed to know every published figure, every sum relation between them, that
/// counts are whole and non-negative, that "< t" means `0 ... t − 1`, and that a figure withheld to
/// protect another (secondary suppression) is at least `t`.
///
/// **Method.** The figures are sums of cells of one finest table. Cells that occur in exactly the
/// same figures are merged (their sum is all any figure says about them), the figures fall apart
/// into independent components (per wijk, per evaluation series), and each component is one linear
/// programme (``LinearProgram``): a published figure is an equality, "< t" is `≤ t − 1`, a
/// secondary suppression is `≥ t`, cells are `≥ 0`. Minimising and maximising each protected figure
/// gives its interval; the bounds are rounded inward to whole numbers (`⌈min⌉`, `⌊max⌋`).
///
/// **LP relaxation and integers.** For sums along one hierarchy (month ⊂ period, buurt ⊂ wijk,
/// type ⊂ total) or two crossed ones, the constraint matrix is totally unimodular, so every vertex
/// is integral and the LP bounds are the integer bounds. Three or more crossed dimensions are not
/// totally unimodular in general; the integer interval can then be narrower than the LP's, so the
/// audit can miss a leak that only integrality reveals. (τ-ARGUS and sdcTable audit with the same
/// relaxation.)
public struct DisclosureAudit: Sendable {
    public var threshold: Int
    public var figures: [DisclosureFigure]

    public init(threshold: Int, figures: [DisclosureFigure]) {
        precondition(threshold >= 1)
        self.threshold = threshold
        self.figures = figures
    }

    /// A protected figure whose feasible interval is narrower than its label.
    public struct Leak: Sendable, Hashable {
        /// The index of the figure in ``DisclosureAudit/figures``.
        public var figure: Int
        public var interval: FeasibleInterval

        public init(figure: Int, interval: FeasibleInterval) {
            self.figure = figure
            self.interval = interval
        }
    }

    /// Published figures that contradict each other (no counts fit all of them): a bug, not a leak.
    public struct Inconsistency: DiagnosticConvertible, Sendable, Hashable {
        public var figures: [Int]

        public var diagnostics: [Diagnostic] {
            [Diagnostic(
                file: "", message: "the published figures contradict each other (no counts fit them all): figures \(figures.map(String.init).joined(separator: ", "))")]
        }
    }

    /// The protection interval every "< threshold" figure must keep: `1 ... threshold − 1`.
    public var protectionInterval: FeasibleInterval { FeasibleInterval(lower: min(1, threshold - 1), upper: threshold - 1) }

    /// Whether an attacker who can narrow a "< threshold" figure to `interval` learns no more than
    /// that it is one of 1 ... threshold − 1 (or 0): the interval contains the protection interval.
    public func isProtected(_ interval: FeasibleInterval) -> Bool {
        interval.lower <= protectionInterval.lower && interval.upper >= protectionInterval.upper
    }

    /// The feasible interval of every protected ("< threshold") figure, by figure index.
    public func intervals() throws(Inconsistency) -> [Int: FeasibleInterval] {
        let audit = self
        let results = components().parallelMap { component -> Result<[(Int, FeasibleInterval)], Inconsistency> in
            do throws(Inconsistency) {
                let model = try Model(audit: audit, figures: component)
                return .success(component.filter { audit.figures[$0].state == .belowThreshold }.map { ($0, model.interval(of: $0)) })
            } catch {
                return .failure(error)
            }
        }
        var result: [Int: FeasibleInterval] = [:]
        for found in results {
            for (figure, interval) in try found.get() { result[figure] = interval }
        }
        return result
    }

    /// The protected figures whose interval is narrower than ``protectionInterval``.
    public func leaks() throws(Inconsistency) -> [Leak] {
        try intervals().filter { !isProtected($0.value) }.map { Leak(figure: $0.key, interval: $0.value) }
            .sorted { $0.figure < $1.figure }
    }

    /// Adds secondary suppressions until no protected figure leaks. Per leak it looks for one
    /// published, withholdable figure to withhold, in this order: the leak's siblings (parts of a
    /// figure that contains it), the figures that contain or overlap it, the siblings of figures
    /// already withheld, then any figure of its component. In the first two groups the candidates
    /// (the two smallest and the largest) are tried, and the smallest that protects the leak (or
    /// else widens its interval most) is taken; otherwise the smallest whose value gives the
    /// missing room, else the largest. Each addition only relaxes the constraints (an equality
    /// becomes `≥ threshold`, which the true value satisfies), so protected figures stay protected.
    /// - Returns: the leaks that could not be closed (no withholdable figure left); empty when the
    ///   figures are protected.
    @discardableResult
    public mutating func suppressSecondarily() throws(Inconsistency) -> [Leak] {
        let original = self
        // Components are independent: protect them on all cores.
        let results = components().parallelMap { component -> Result<(secondary: [Int], leaks: [Leak]), Inconsistency> in
            var local = original
            do throws(Inconsistency) {
                let leaks = try local.protect(component)
                return .success((component.filter { local.figures[$0].state == .secondary }, leaks))
            } catch {
                return .failure(error)
            }
        }
        var remaining: [Leak] = []
        for result in results {
            let (secondary, leaks) = try result.get()
            for figure in secondary { figures[figure].state = .secondary }
            remaining += leaks
        }
        return remaining.sorted { $0.figure < $1.figure }
    }

    /// Secondary suppression within one component; returns the leaks it could not close.
    private mutating func protect(_ component: [Int]) throws(Inconsistency) -> [Leak] {
        var remaining: [Leak] = []
        var model = try Model(audit: self, figures: component)
        var open = component.filter { figures[$0].state == .belowThreshold }
        while let figure = open.first {
            let interval = model.interval(of: figure)
            if isProtected(interval) {
                open.removeFirst()
                continue
            }
            guard let chosen = try secondaryCandidate(for: figure, interval: interval, in: component) else {
                remaining.append(Leak(figure: figure, interval: interval))
                open.removeFirst()
                continue
            }
            withhold(chosen, in: component)
            model = try Model(audit: self, figures: component)
        }
        return remaining
    }

    /// Withholds a figure together with every published figure of the same cells (the same number
    /// in another table or output), which would otherwise still show it.
    private mutating func withhold(_ figure: Int, in component: [Int]) {
        let cells = Set(figures[figure].cells)
        for other in component where Set(figures[other].cells) == cells {
            if case .published = figures[other].state { figures[other].state = .secondary }
        }
    }

    /// How many candidates of one group are tried in full.
    static let trials = 3

    private func secondaryCandidate(for figure: Int, interval: FeasibleInterval, in component: [Int]) throws(Inconsistency) -> Int? {
        let cells = component.map { Set(figures[$0].cells) }
        let position = Dictionary(uniqueKeysWithValues: component.enumerated().map { ($0.element, $0.offset) })
        func siblings(of target: Int) -> [Int] {
            let own = cells[position[target]!]
            let containers = component.indices.filter { $0 != position[target]! && own.isSubset(of: cells[$0]) }
            return component.indices.filter { index in
                own.isDisjoint(with: cells[index]) && containers.contains { cells[index].isSubset(of: cells[$0]) }
            }.map { component[$0] }
        }
        let own = cells[position[figure]!]
        let fixed = Set(component.filter { !figures[$0].isWithholdable }.map { Set(figures[$0].cells) })
        let available = component.filter { index in
            guard case .published = figures[index].state else { return false }
            return figures[index].isWithholdable && !fixed.contains(Set(figures[index].cells))
        }
        let isAvailable = Set(available)
        let byValue: ([Int]) -> [Int] = { pool in
            var seen = Set<Int>()
            return pool.filter { isAvailable.contains($0) && seen.insert($0).inserted }.sorted { (figures[$0].value, $0) < (figures[$1].value, $1) }
        }
        let tried = [byValue(siblings(of: figure)), byValue(available.filter { !own.isDisjoint(with: figures[$0].cells) })]
        for pool in tried where !pool.isEmpty {
            var best: (candidate: Int, width: Int)?
            // Try the smallest few and the largest: enough to find a cheap protector, and bounded work.
            for candidate in pool.count <= Self.trials ? pool : Array(pool.prefix(Self.trials - 1)) + [pool.last!] {
                var trial = self
                trial.withhold(candidate, in: component)
                let widened = try Model(audit: trial, figures: component).interval(of: figure)
                if isProtected(widened) { return candidate }
                let width = widened.upper - widened.lower
                if width > interval.upper - interval.lower && width > best?.width ?? -1 { best = (candidate, width) }
            }
            if let best { return best.candidate }
        }
        let withheld = component.filter { figures[$0].isWithheld && $0 != figure }
        let missing = max(interval.lower - protectionInterval.lower, protectionInterval.upper - interval.upper)
        for pool in tried + [byValue(withheld.flatMap { siblings(of: $0) }), byValue(available)] where !pool.isEmpty {
            return pool.first { figures[$0].value >= threshold + missing } ?? pool.last
        }
        return nil
    }

    /// Figure indices grouped into components that share no cell, in index order.
    public func components() -> [[Int]] {
        var parent = Array(figures.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var owner: [Int: Int] = [:]
        for (index, figure) in figures.enumerated() {
            for cell in figure.cells {
                if let other = owner[cell] { parent[root(index)] = root(other) } else { owner[cell] = index }
            }
        }
        var groups: [Int: [Int]] = [:]
        for index in figures.indices { groups[root(index), default: []].append(index) }
        return groups.values.filter { group in group.contains { figures[$0].isWithheld } }.sorted { $0[0] < $1[0] }
    }

    /// One component as a linear programme over merged cells.
    ///
    /// Presolve: a published figure whose merged cells are all known but one fixes that one (total
    /// minus known parts — the attacker's differencing, done exactly); repeated until nothing
    /// changes. Only the rows with unknown cells left go into the simplex, which keeps the
    /// programmes small (most published cells are known directly).
    struct Model {
        let solver: LinearProgram.Solver?
        /// Per figure of the component, its merged cells still unknown after presolve (as LP
        /// columns) and the sum of its known ones.
        let columns: [Int: [Int]]
        let known: [Int: Int]

        init(audit: DisclosureAudit, figures component: [Int]) throws(Inconsistency) {
            // Cells with the same set of figures become one variable.
            var membership: [Int: [Int]] = [:]
            for figure in component {
                for cell in Set(audit.figures[figure].cells) { membership[cell, default: []].append(figure) }
            }
            var variableOf: [[Int]: Int] = [:]
            for signature in membership.values.sorted(by: { $0.lexicographicallyPrecedes($1) }) where variableOf[signature] == nil {
                variableOf[signature] = variableOf.count
            }
            var variables: [Int: Set<Int>] = [:]
            for (signature, variable) in variableOf {
                for figure in signature { variables[figure, default: []].insert(variable) }
            }
            // Presolve by differencing.
            var fixed: [Int: Int] = [:]
            var changed = true
            while changed {
                changed = false
                for figure in component {
                    guard case .published(let value) = audit.figures[figure].state else { continue }
                    let open = variables[figure, default: []].filter { fixed[$0] == nil }
                    guard open.count == 1, let only = open.first else { continue }
                    let rest = value - variables[figure, default: []].reduce(0) { $0 + (fixed[$1] ?? 0) }
                    guard rest >= 0 else { throw Inconsistency(figures: component) }
                    fixed[only] = rest
                    changed = true
                }
            }
            var column: [Int: Int] = [:]
            for variable in variableOf.values.sorted() where fixed[variable] == nil { column[variable] = column.count }
            var columns: [Int: [Int]] = [:], known: [Int: Int] = [:]
            var program = LinearProgram(variableCount: column.count)
            for figure in component {
                let members = variables[figure, default: []]
                let constant = members.reduce(0) { $0 + (fixed[$1] ?? 0) }
                let open = members.compactMap { column[$0] }.sorted()
                columns[figure] = open
                known[figure] = constant
                let row = Dictionary(uniqueKeysWithValues: open.map { ($0, 1.0) })
                let (relation, bound): (LinearProgram.Relation, Int) = switch audit.figures[figure].state {
                case .published(let value): (.equal, value)
                case .belowThreshold: (.lessOrEqual, audit.threshold - 1)
                case .secondary: (.greaterOrEqual, audit.threshold)
                }
                if open.isEmpty {
                    let holds = switch relation {
                    case .equal: constant == bound
                    case .lessOrEqual: constant <= bound
                    case .greaterOrEqual: constant >= bound
                    }
                    guard holds else { throw Inconsistency(figures: component) }
                } else {
                    program.add(row, relation, Double(bound - constant))
                }
            }
            do {
                solver = column.isEmpty ? nil : try program.solver()
            } catch {
                throw Inconsistency(figures: component)
            }
            self.columns = columns
            self.known = known
        }

        func interval(of figure: Int) -> FeasibleInterval {
            let constant = known[figure] ?? 0
            guard let solver, let open = columns[figure], !open.isEmpty else { return FeasibleInterval(lower: constant, upper: constant) }
            let objective = Dictionary(uniqueKeysWithValues: open.map { ($0, 1.0) })
            let tolerance = 1e-6
            let low: Double = if case .optimal(let value) = solver.minimize(objective) { value } else { 0 }
            let high: Double = if case .optimal(let value) = solver.maximize(objective) { value } else { .infinity }
            let upper = high.isFinite ? constant + Int((high + tolerance).rounded(.down)) : Int.max
            return FeasibleInterval(lower: constant + max(0, Int((low - tolerance).rounded(.up))), upper: upper)
        }
    }
}
