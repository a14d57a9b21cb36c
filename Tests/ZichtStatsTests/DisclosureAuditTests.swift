import Testing
import ZichtStats

/// The audit's intervals on small tables whose answers are known by hand, and secondary
/// suppression closing the leaks it finds.
struct DisclosureAuditTests {
    private func figure(_ name: String, _ cells: [Int], _ value: Int, threshold: Int = 5, withholdable: Bool = true) -> DisclosureFigure {
        DisclosureFigure(table: "t", cell: name, cells: cells, state: DisclosureFigure.state(of: value, threshold: threshold), value: value, isWithholdable: withholdable)
    }

    /// One "< 5" cell and a published total: total minus the other cells gives it exactly.
    @Test func oneSuppressedCellAndItsTotalLeak() throws {
        let audit = DisclosureAudit(threshold: 5, figures: [
            figure("a", [0], 3), figure("b", [1], 12), figure("c", [2], 8), figure("total", [0, 1, 2], 23),
        ])
        let leaks = try audit.leaks()
        #expect(leaks == [DisclosureAudit.Leak(figure: 0, interval: FeasibleInterval(lower: 3, upper: 3))])
    }

    /// Two "< 5" cells with a published total: only their sum (2) is known, so each lies in 0...2:
    /// narrower than 0...4, a leak by the protection rule.
    @Test func twoSmallCellsWithASmallSumStillLeak() throws {
        let audit = DisclosureAudit(threshold: 5, figures: [
            figure("a", [0], 1), figure("b", [1], 1), figure("c", [2], 9), figure("total", [0, 1, 2], 11),
        ])
        let intervals = try audit.intervals()
        #expect(intervals[0] == FeasibleInterval(lower: 0, upper: 2))
        #expect(intervals[1] == FeasibleInterval(lower: 0, upper: 2))
    }

    /// Secondary suppression withholds a published cell that gives room: c (9) lets a range up to
    /// 4 (a + c = 10 with c ≥ 5) and down to 0; the audit then passes.
    @Test func secondarySuppressionClosesTheLeak() throws {
        var audit = DisclosureAudit(threshold: 5, figures: [
            figure("a", [0], 1), figure("b", [1], 1), figure("c", [2], 9), figure("d", [3], 30), figure("total", [0, 1, 2, 3], 41, withholdable: false),
        ])
        let remaining = try audit.suppressSecondarily()
        #expect(remaining.isEmpty)
        #expect(audit.figures[2].state == .secondary, "c (9) is the smallest cell that gives room 4 − 2 = 2 (needs ≥ 7)")
        #expect(audit.figures[3].state == .published(30))
        #expect(try audit.leaks().isEmpty)
    }

    /// A secondary cell is known to be at least 5: with a + s = 7, a is at most 2.
    @Test func secondaryLabelIsKnowledge() throws {
        let audit = DisclosureAudit(threshold: 5, figures: [
            DisclosureFigure(table: "t", cell: "a", cells: [0], state: .belowThreshold, value: 2),
            DisclosureFigure(table: "t", cell: "s", cells: [1], state: .secondary, value: 5),
            figure("total", [0, 1], 7),
        ])
        #expect(try audit.intervals()[0] == FeasibleInterval(lower: 0, upper: 2))
    }

    /// A two-way table (2 × 3) with margins: a cross of four suppressions protects a cell, a single
    /// suppressed row does not; the hierarchy is resolved across rows and columns.
    @Test func twoWayTable() throws {
        // cells: row 0 = (2, 7, 9), row 1 = (6, 8, 10); row totals 18, 24; column totals 8, 15, 19.
        let values = [2, 7, 9, 6, 8, 10]
        var figures = values.indices.map { figure("cell \($0)", [$0], values[$0]) }
        figures.append(figure("row 0", [0, 1, 2], 18))
        figures.append(figure("row 1", [3, 4, 5], 24))
        for column in 0..<3 { figures.append(figure("column \(column)", [column, column + 3], values[column] + values[column + 3])) }
        var audit = DisclosureAudit(threshold: 5, figures: figures)
        #expect(try audit.leaks().map(\.figure) == [0])
        let remaining = try audit.suppressSecondarily()
        #expect(remaining.isEmpty)
        let withheld = audit.figures.indices.filter { audit.figures[$0].isWithheld }
        #expect(withheld.count >= 3, "a cell in a two-way table with all margins needs more than one other suppression: \(withheld)")
        #expect(try audit.leaks().isEmpty)
    }

    /// When nothing may be withheld, the leak is reported, not hidden.
    @Test func unclosableLeakIsReported() throws {
        var audit = DisclosureAudit(threshold: 5, figures: [
            figure("a", [0], 3), figure("b", [1], 12, withholdable: false), figure("total", [0, 1], 15, withholdable: false),
        ])
        let remaining = try audit.suppressSecondarily()
        #expect(remaining == [DisclosureAudit.Leak(figure: 0, interval: FeasibleInterval(lower: 3, upper: 3))])
    }

    /// Cells that only ever occur together are merged; the answer does not change.
    @Test func mergedCellsGiveTheSameIntervals() throws {
        // Years 2018 (cells 0–2, only in wijk sums) and 2019 (cells 3–5, published per buurt).
        let audit = DisclosureAudit(threshold: 5, figures: [
            figure("wijk 2018", [0, 1, 2], 20), figure("wijk 2019", [3, 4, 5], 16),
            figure("buurt A 2019", [3], 2), figure("buurt B 2019", [4], 6), figure("buurt C 2019", [5], 8),
            figure("wijk 2018+2019", [0, 1, 2, 3, 4, 5], 36),
        ])
        #expect(try audit.intervals()[2] == FeasibleInterval(lower: 2, upper: 2))
    }
}
