import Testing
import ZichtStats

/// The simplex solver on problems with known optima (textbook examples and small tables), and on
/// the cases that break naive simplex codes: degeneracy, redundant equalities, infeasibility,
/// unboundedness, negative right-hand sides. Tests/peers/check_disclosure.py compares it with
/// scipy.optimize.linprog on random problems.
struct LinearProgramTests {
    private func optimum(_ outcome: LinearProgram.Outcome) -> Double? {
        if case .optimal(let value) = outcome { return value }
        return nil
    }

    /// Chvátal (1983), ch. 2: maximise 5x1 + 4x2 + 3x3 subject to 2x1+3x2+x3 ≤ 5, 4x1+x2+2x3 ≤ 11,
    /// 3x1+4x2+2x3 ≤ 8; the optimum is 13 at (2, 0, 1).
    @Test func chvatalExample() throws {
        var lp = LinearProgram(variableCount: 3)
        lp.add([0: 2, 1: 3, 2: 1], .lessOrEqual, 5)
        lp.add([0: 4, 1: 1, 2: 2], .lessOrEqual, 11)
        lp.add([0: 3, 1: 4, 2: 2], .lessOrEqual, 8)
        let solver = try lp.solver()
        #expect(abs(try #require(optimum(solver.maximize([0: 5, 1: 4, 2: 3]))) - 13) < 1e-9)
        #expect(abs(try #require(optimum(solver.minimize([0: 5, 1: 4, 2: 3])))) < 1e-9)
    }

    /// Needs phase 1: ≥ and = rows. minimise x1 + x2 with x1 + 2x2 ≥ 4, 3x1 + x2 ≥ 6, x1 − x2 = 0
    /// gives x1 = x2 = 1.5 (the second row binds: 4 · 1.5 = 6), value 3.
    @Test func phaseOneWithEqualities() throws {
        var lp = LinearProgram(variableCount: 2)
        lp.add([0: 1, 1: 2], .greaterOrEqual, 4)
        lp.add([0: 3, 1: 1], .greaterOrEqual, 6)
        lp.add([0: 1, 1: -1], .equal, 0)
        let solver = try lp.solver()
        #expect(abs(try #require(optimum(solver.minimize([0: 1, 1: 1]))) - 3) < 1e-9)
    }

    @Test func negativeRightHandSide() throws {
        // −x0 ≤ −3, i.e. x0 ≥ 3; x0 ≤ 10.
        var lp = LinearProgram(variableCount: 1)
        lp.add([0: -1], .lessOrEqual, -3)
        lp.add([0: 1], .lessOrEqual, 10)
        let solver = try lp.solver()
        #expect(optimum(solver.minimize([0: 1])) == 3)
        #expect(optimum(solver.maximize([0: 1])) == 10)
    }

    @Test func infeasibleAndUnbounded() throws {
        var contradiction = LinearProgram(variableCount: 2)
        contradiction.add([0: 1, 1: 1], .equal, 3)
        contradiction.add([0: 1], .greaterOrEqual, 4)
        #expect(throws: LinearProgram.Failure.infeasible) { try contradiction.solver() }

        var open = LinearProgram(variableCount: 2)
        open.add([0: 1, 1: -1], .equal, 1)
        let solver = try open.solver()
        #expect(solver.maximize([0: 1]) == .unbounded)
        #expect(optimum(solver.minimize([0: 1])) == 1)
    }

    /// A 3 × 3 table with all margins published and redundant (row sums = column sums = grand
    /// total): the redundant equality must be dropped after phase 1, and cell bounds are the
    /// Fréchet bounds max(0, r + c − n) ... min(r, c) for a two-way table with one free... here with
    /// the other cells free: the bounds of cell (0, 0) given margins rows (3, 5, 7), columns (4, 6, 5).
    @Test func twoWayTableFrechetBounds() throws {
        var lp = LinearProgram(variableCount: 9)
        let rows = [3.0, 5, 7], columns = [4.0, 6, 5]
        for r in 0..<3 { lp.add(Dictionary(uniqueKeysWithValues: (0..<3).map { (r * 3 + $0, 1.0) }), .equal, rows[r]) }
        for c in 0..<3 { lp.add(Dictionary(uniqueKeysWithValues: (0..<3).map { ($0 * 3 + c, 1.0) }), .equal, columns[c]) }
        lp.add(Dictionary(uniqueKeysWithValues: (0..<9).map { ($0, 1.0) }), .equal, 15)
        let solver = try lp.solver()
        // Fréchet: max(0, 3 + 4 − 15) = 0 ... min(3, 4) = 3; cell (2, 1): max(0, 7 + 6 − 15) = 0 ... 6.
        #expect(optimum(solver.minimize([0: 1])).map { abs($0) < 1e-9 } == true)
        #expect(optimum(solver.maximize([0: 1])).map { abs($0 - 3) < 1e-9 } == true)
        #expect(optimum(solver.maximize([7: 1])).map { abs($0 - 6) < 1e-9 } == true)
        // With rows (1, 1, 13) and columns (1, 1, 13): cell (2, 2) is at least 11.
        var tight = LinearProgram(variableCount: 9)
        for r in 0..<3 { tight.add(Dictionary(uniqueKeysWithValues: (0..<3).map { (r * 3 + $0, 1.0) }), .equal, [1.0, 1, 13][r]) }
        for c in 0..<3 { tight.add(Dictionary(uniqueKeysWithValues: (0..<3).map { ($0 * 3 + c, 1.0) }), .equal, [1.0, 1, 13][c]) }
        #expect(optimum(try tight.solver().minimize([8: 1])).map { abs($0 - 11) < 1e-9 } == true)
    }

    /// A degenerate problem on which the textbook largest-coefficient rule cycles (Beale 1955);
    /// Bland's rule must end at the optimum −1/20 (minimisation form).
    @Test func bealeCyclingExample() throws {
        var lp = LinearProgram(variableCount: 4)
        lp.add([0: 0.25, 1: -60, 2: -1.0 / 25, 3: 9], .lessOrEqual, 0)
        lp.add([0: 0.5, 1: -90, 2: -1.0 / 50, 3: 3], .lessOrEqual, 0)
        lp.add([2: 1], .lessOrEqual, 1)
        let value = try #require(optimum(try lp.solver().minimize([0: -0.75, 1: 150, 2: -1.0 / 50, 3: 6])))
        #expect(abs(value + 0.05) < 1e-9)
    }
}
