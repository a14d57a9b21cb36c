import Testing
import ZichtAnalysis
import ZichtCore
import ZichtGeo
import ZichtStats
import ZichtStore

/// The evaluation on generated incidents: a row of 100 m squares, T (target) beside B (buffer
/// side) and controls C1…C4 further away. Counts per month are written out in each test.
struct InterventionEvaluatorTests {
    static func square(_ code: String, _ column: Int) -> Area {
        let x = Double(column) * 100
        return Area(code: code, name: code, parentCode: "W", geometry: MultiPolygon(Polygon(exterior: [
            Point(x: x, y: 0), Point(x: x + 100, y: 0), Point(x: x + 100, y: 100), Point(x: x, y: 100), Point(x: x, y: 0),
        ])))
    }

    static let areas = [square("T", 0), square("B", 1), square("C1", 3), square("C2", 4), square("C3", 5), square("C4", 6)]

    /// `perMonth(area, monthIndex)` incidents of type 1.4.5 at the centre of each area, on the 10th.
    static func incidents(months: Range<Int>, _ perMonth: (String, Int) -> Int) -> [Snapshot.StoredIncident] {
        var result: [Snapshot.StoredIncident] = []
        for (column, area) in areas.enumerated() {
            for month in months {
                let day = CivilDate(year: month / 12, month: month % 12 + 1, day: 10).dayNumber
                for _ in 0..<perMonth(area.code, month) {
                    let x = [0, 1, 3, 4, 5, 6][column] * 100 + 50
                    result.append(Snapshot.StoredIncident(day: day, minute: nil, type: "1.4.5", x: Double(x), y: 50, area: area.code))
                }
            }
        }
        return result
    }

    static let start = CivilDate(year: 2018, month: 6, day: 1)
    static let months = (2016 * 12 + 5)..<(2019 * 12 + 11)  // June 2016 … November 2019

    func intervention(before: Int = 24, after: Int = 18, control: Intervention.Control = .buurten(["C1", "C2", "C3", "C4"]), buffer: Double = 60) -> Intervention {
        Intervention(
            id: "t", name: "Test", kind: .cameratoezicht, start: Self.start, target: .buurten(["T"]), bufferWidth: buffer, control: control,
            types: ["1.4.5"], monthsBefore: before, monthsAfter: after, sourceFile: "interventions/t.yaml")
    }

    @Test func handCountedTwoByTwo() throws {
        // T: 10 a month before, 6 after; B: 4 before and after; every control: 5 before, 5 after.
        let incidents = Self.incidents(months: Self.months) { area, month in
            let after = month >= Self.start.monthIndex
            switch area {
            case "T": return after ? 6 : 10
            case "B": return 4
            default: return 5
            }
        }
        let result = try InterventionEvaluator(areas: Self.areas, incidents: incidents, placeboRuns: 10).evaluate(intervention())
        // Target: 24 × 10 = 240 before, 18 × 6 = 108 after; control: 4 × 5 × 24 = 480, 4 × 5 × 18 = 360.
        #expect(result.total(result.monthlyTarget, after: false) == 240 && result.total(result.monthlyTarget, after: true) == 108)
        #expect(result.total(result.monthlyControl, after: false) == 480 && result.total(result.monthlyControl, after: true) == 360)
        // B's incidents lie at its centre, 50 m from T: inside the 60 m buffer.
        #expect(result.total(result.monthlyBuffer, after: false) == 96)
        // RES = (a·d)/(b·c) with target 240 → 108 and control 480 → 360: 240·360 / (108·480) = 1.6667;
        // the rate ratio is its inverse, 0.6.
        let res = try #require(result.relativeEffectSize)
        #expect(abs(res.value - 240.0 * 360 / (108 * 480)) < 1e-12)
        // The Poisson DiD with area and month effects on this exact pattern gives the same ratio 0.6.
        let poisson = try #require(result.poisson)
        #expect(abs(poisson.rateRatio - 0.6) < 1e-8)
    }

    @Test func badInputIsExplained() throws {
        let incidents = Self.incidents(months: Self.months) { _, _ in 3 }
        let evaluator = InterventionEvaluator(areas: Self.areas, incidents: incidents, placeboRuns: 5)
        // A before window that starts before the incidents.
        #expect {
            try evaluator.evaluate(intervention(before: 30))
        } throws: { ($0 as? EvaluationProblem)?.message.contains("the before window of 30 months starts in 2015-12, but the incidents start in 2016-06") == true }
        // An after window past the incidents.
        #expect {
            try evaluator.evaluate(intervention(after: 24))
        } throws: { ($0 as? EvaluationProblem)?.hint == "shorten 'after' to at most 18 months, or import newer incidents" }
        // Target and control overlapping.
        #expect {
            try evaluator.evaluate(intervention(control: .buurten(["C1", "T"])))
        } throws: { ($0 as? EvaluationProblem)?.message.contains("the buurten T are both target and control") == true }
        // A control buurt inside the buffer.
        #expect {
            try evaluator.evaluate(intervention(control: .buurten(["B", "C1"])))
        } throws: { ($0 as? EvaluationProblem)?.message.contains("lie (partly) within the 60 m buffer") == true }
        // A start before the data.
        var early = intervention()
        early.start = CivilDate(year: 2016, month: 1, day: 1)
        #expect {
            try evaluator.evaluate(early)
        } throws: { ($0 as? EvaluationProblem)?.message.contains("lies before or in the first month of the incidents") == true }
        // A target without incidents.
        let none = Self.incidents(months: Self.months) { area, _ in area == "T" ? 0 : 3 }
        #expect {
            try InterventionEvaluator(areas: Self.areas, incidents: none).evaluate(intervention())
        } throws: { ($0 as? EvaluationProblem)?.message.contains("no incidents of types 1.4.5 in the target area") == true }
    }

    @Test func zeroCellsLeaveRESUndefinedAndSaySo() throws {
        // Nothing in the target after the start: RES divides by zero.
        let incidents = Self.incidents(months: Self.months) { area, month in
            area == "T" ? (month >= Self.start.monthIndex ? 0 : 2) : 3
        }
        let result = try InterventionEvaluator(areas: Self.areas, incidents: incidents, placeboRuns: 5).evaluate(intervention())
        #expect(result.relativeEffectSize == nil)
        let reason = try #require(result.notApplied.first { $0.method == .relativeEffectSize }?.reason)
        guard case .failed(let error) = reason else {
            Issue.record("expected the RES error, found \(reason)")
            return
        }
        #expect(error.code == .zeroCount)
    }
}
