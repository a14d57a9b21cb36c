import ZichtCore

/// A linear programme over non-negative variables: minimise or maximise `c·x` subject to rows
/// `a·x (≤ | = | ≥) b` and `x ≥ 0`, solved by the two-phase simplex method on a dense tableau with
/// Bland's rule (smallest index enters and leaves), which cannot cycle.
///
/// Written for disclosure auditing (``DisclosureAudit``): small problems, integer data, many
/// objectives over one feasible region. ``Solver`` therefore runs phase 1 once and starts every
/// objective from the same feasible basis. Arithmetic is `Double` with a tolerance of 1e-9 on
/// pivots and reduced costs; the audit rounds bounds outward to whole numbers, so the small
/// rounding errors of a few hundred pivots cannot change a result.
///
/// Method: Dantzig's simplex method, phase 1 on artificial variables (Chvátal, *Linear Programming*,
/// 1983, ch. 8), Bland's anti-cycling rule (Bland 1977, *Math. Oper. Res.* 2:103–107).
///
/// ```swift
/// var lp = LinearProgram(variableCount: 2)
/// lp.add([0: 1, 1: 1], .equal, 7)          // x0 + x1 = 7
/// lp.add([1: 1], .greaterOrEqual, 5)       // x1 ≥ 5
/// let solver = try lp.solver()
/// solver.maximize([0: 1])                  // .optimal(2)
/// ```
public struct LinearProgram: Sendable {
    public enum Relation: Sendable, Hashable {
        case lessOrEqual, equal, greaterOrEqual
    }

    public struct Row: Sendable, Hashable {
        /// Coefficients by variable index; absent variables have coefficient 0.
        public var coefficients: [Int: Double]
        public var relation: Relation
        public var bound: Double
    }

    public enum Outcome: Sendable, Equatable {
        case optimal(Double)
        case unbounded
    }

    public enum Failure: DiagnosticConvertible, Sendable, Equatable {
        /// No `x ≥ 0` satisfies every row.
        case infeasible

        public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: "the linear programme has no solution: no x ≥ 0 satisfies every row")] }
    }

    public let variableCount: Int
    public private(set) var rows: [Row] = []

    public init(variableCount: Int) {
        precondition(variableCount >= 0)
        self.variableCount = variableCount
    }

    /// Adds the row `Σ coefficients[j]·x_j relation bound`.
    public mutating func add(_ coefficients: [Int: Double], _ relation: Relation, _ bound: Double) {
        precondition(coefficients.keys.allSatisfy { (0..<variableCount).contains($0) }, "a row names a variable that does not exist")
        rows.append(Row(coefficients: coefficients, relation: relation, bound: bound))
    }

    /// Runs phase 1: finds a feasible basis, or throws ``Failure/infeasible``.
    public func solver() throws -> Solver {
        try Solver(self)
    }

    /// A feasible basis of a ``LinearProgram``, from which any objective can be optimised.
    public struct Solver: Sendable {
        /// The tableau after phase 1, without artificial columns: `rowCount` rows of
        /// `columnCount + 1` numbers (the last is the right-hand side).
        private var tableau: [Double]
        private var basis: [Int]
        private let rowCount: Int
        /// Structural variables, then slack and surplus variables.
        private let columnCount: Int
        private let variableCount: Int
        static let epsilon = 1e-9

        init(_ program: LinearProgram) throws {
            variableCount = program.variableCount
            // Normalise to non-negative right-hand sides.
            var rows = program.rows
            for index in rows.indices where rows[index].bound < 0 {
                rows[index].bound = -rows[index].bound
                rows[index].coefficients = rows[index].coefficients.mapValues { -$0 }
                switch rows[index].relation {
                case .lessOrEqual: rows[index].relation = .greaterOrEqual
                case .greaterOrEqual: rows[index].relation = .lessOrEqual
                case .equal: break
                }
            }
            let slackCount = rows.filter { $0.relation != .equal }.count
            let artificialCount = rows.filter { $0.relation != .lessOrEqual }.count
            let structural = program.variableCount + slackCount
            let width = structural + artificialCount + 1
            var table = [Double](repeating: 0, count: rows.count * width)
            var basis = [Int](repeating: 0, count: rows.count)
            var slack = program.variableCount, artificial = structural
            for (r, row) in rows.enumerated() {
                for (column, value) in row.coefficients { table[r * width + column] += value }
                table[r * width + width - 1] = row.bound
                switch row.relation {
                case .lessOrEqual:
                    table[r * width + slack] = 1
                    basis[r] = slack
                    slack += 1
                case .greaterOrEqual:
                    table[r * width + slack] = -1
                    slack += 1
                    table[r * width + artificial] = 1
                    basis[r] = artificial
                    artificial += 1
                case .equal:
                    table[r * width + artificial] = 1
                    basis[r] = artificial
                    artificial += 1
                }
            }
            // Phase 1: minimise the sum of the artificial variables.
            var phase1 = [Double](repeating: 0, count: width)
            for column in structural..<(width - 1) { phase1[column] = 1 }
            var work = Tableau(values: table, basis: basis, rowCount: rows.count, width: width)
            let cost = work.optimise(costs: phase1, allowedColumns: width - 1)
            guard case .optimal(let infeasibility) = cost, infeasibility <= 1e-7 else { throw Failure.infeasible }
            // Drive artificial variables out of the basis; a row where none can leave is redundant.
            var keep: [Int] = []
            for r in 0..<work.rowCount {
                if work.basis[r] >= structural {
                    if let column = (0..<structural).first(where: { abs(work.values[r * width + $0]) > Self.epsilon }) {
                        work.pivot(row: r, column: column)
                        keep.append(r)
                    }
                } else {
                    keep.append(r)
                }
            }
            let newWidth = structural + 1
            var reduced = [Double](repeating: 0, count: keep.count * newWidth)
            for (newRow, r) in keep.enumerated() {
                for column in 0..<structural { reduced[newRow * newWidth + column] = work.values[r * width + column] }
                reduced[newRow * newWidth + structural] = work.values[r * width + width - 1]
            }
            tableau = reduced
            self.basis = keep.map { work.basis[$0] }
            rowCount = keep.count
            columnCount = structural
        }

        /// The smallest value of `Σ objective[j]·x_j` over the feasible region.
        public func minimize(_ objective: [Int: Double]) -> Outcome {
            var costs = [Double](repeating: 0, count: columnCount + 1)
            for (column, value) in objective {
                precondition((0..<variableCount).contains(column), "the objective names a variable that does not exist")
                costs[column] = value
            }
            var work = Tableau(values: tableau, basis: basis, rowCount: rowCount, width: columnCount + 1)
            return work.optimise(costs: costs, allowedColumns: columnCount)
        }

        /// The largest value of `Σ objective[j]·x_j` over the feasible region.
        public func maximize(_ objective: [Int: Double]) -> Outcome {
            switch minimize(objective.mapValues { -$0 }) {
            case .optimal(let value): .optimal(-value)
            case .unbounded: .unbounded
            }
        }
    }

    /// A simplex tableau with its basis; the objective row is kept apart.
    struct Tableau {
        var values: [Double]
        var basis: [Int]
        let rowCount: Int
        let width: Int

        /// Pivots on (row, column): the column becomes basic in the row.
        mutating func pivot(row: Int, column: Int) {
            let width = width, rowCount = rowCount
            values.withUnsafeMutableBufferPointer { table in
                let pivot = table[row * width + column]
                // The tableaux of sum tables are sparse: update only the pivot row's non-zero columns.
                var nonZero: [Int] = []
                for c in 0..<width where table[row * width + c] != 0 {
                    table[row * width + c] /= pivot
                    nonZero.append(c)
                }
                for r in 0..<rowCount where r != row {
                    let factor = table[r * width + column]
                    if factor == 0 { continue }
                    for c in nonZero { table[r * width + c] -= factor * table[row * width + c] }
                }
            }
            basis[row] = column
        }

        /// Minimises `costs·x` over the columns `0..<allowedColumns` from the current (feasible)
        /// basis, with Bland's rule.
        mutating func optimise(costs: [Double], allowedColumns: Int) -> Outcome {
            let epsilon = Solver.epsilon
            // Reduced costs: c_j − c_B · column j.
            var reduced = [Double](repeating: 0, count: width)
            for c in 0..<width { reduced[c] = c < width - 1 ? costs[c] : 0 }
            for r in 0..<rowCount {
                let cost = costs[basis[r]]
                if cost == 0 { continue }
                for c in 0..<width { reduced[c] -= cost * values[r * width + c] }
            }
            while true {
                guard let entering = (0..<allowedColumns).first(where: { reduced[$0] < -epsilon }) else {
                    return .optimal(-reduced[width - 1])
                }
                var leaving: Int?
                var best = Double.infinity
                for r in 0..<rowCount {
                    let a = values[r * width + entering]
                    guard a > epsilon else { continue }
                    let ratio = values[r * width + width - 1] / a
                    if ratio < best - epsilon || (abs(ratio - best) <= epsilon && leaving.map { basis[r] < basis[$0] } == true) {
                        best = ratio
                        leaving = r
                    }
                }
                guard let row = leaving else { return .unbounded }
                pivot(row: row, column: entering)
                let factor = reduced[entering]
                values.withUnsafeBufferPointer { table in
                    for c in 0..<width where table[row * width + c] != 0 { reduced[c] -= factor * table[row * width + c] }
                }
            }
        }
    }
}
