import Testing
import ZichtAnalysis
import ZichtCore
import ZichtGeo
import ZichtStats
import ZichtStore

/// Near repeats, hot spots and the prevention list on generated burglaries in one 2 km square buurt.
struct IncidentPatternsTests {
    let area = Area(code: "BU1", name: "Proefbuurt", parentCode: "WK1", geometry: MultiPolygon(Polygon(exterior: [
        Point(x: 0, y: 0), Point(x: 2000, y: 0), Point(x: 2000, y: 2000), Point(x: 0, y: 2000), Point(x: 0, y: 0),
    ])))

    /// 120 burglaries spread over 2019 on a grid, each followed 3 days later by one 50 m east of it.
    func incidents() -> [Snapshot.StoredIncident] {
        var result: [Snapshot.StoredIncident] = []
        let start = CivilDate(year: 2019, month: 1, day: 1).dayNumber
        for index in 0..<120 {
            let x = Double(100 + (index * 137) % 1800), y = Double(100 + (index * 389) % 1800)
            let day = start + (index * 3) % 358
            result.append(.init(day: day, minute: nil, type: "1.1.1", x: x, y: y, area: "BU1"))
            result.append(.init(day: day + 3, minute: nil, type: "1.1.1", x: x + 50, y: y, area: "BU1"))
        }
        return result
    }

    @Test func repeatsWithin100MetresAndAWeekAreFoundAndTurnedIntoAWarningZone() throws {
        var settings = ProjectConfig.PatternSettings(goal: "7.2.1", types: ["1.1.1"], year: 2019, spaceBreaks: [0, 1, 100, 200], timeBreaks: [0, 7, 14])
        settings.permutations = 199
        settings.recentDays = 10
        let patterns = try IncidentPatterns.analyse(settings: settings, incidents: incidents(), areas: [area], inhabitants: ["BU1": 8800])
        #expect(patterns.eventCount == 240)
        // Every generated pair lies in the 1–100 m, 0–7 day cell: 120 pairs at least.
        #expect(patterns.knox.cell(space: 1, time: 0).observed >= 120)
        let zone = try #require(patterns.riskZone)
        #expect(zone.metres == 100 && zone.days == 7)
        // The buurt has 8,800 / 2.2 = 4,000 addresses on 4 km², 1,000 per km²; each recent burglary's
        // 100 m circle (0.0314 km², about 31 addresses) lies inside it. Circles overlap where
        // burglaries are close, so the estimate is at most the sum.
        let warning = try #require(patterns.warningAreas.first)
        #expect(warning.code == "BU1")
        #expect(warning.estimatedAddresses > 25 && Double(warning.estimatedAddresses) <= Double(patterns.recentCount) * 32)
    }

    @Test func tooFewIncidentsIsExplained() {
        let settings = ProjectConfig.PatternSettings(goal: "7.2.1", types: ["1.1.1"], year: 2018)
        #expect {
            try IncidentPatterns.analyse(settings: settings, incidents: incidents(), areas: [area], inhabitants: [:])
        } throws: { "\($0)".contains("only 0 incidents of types 1.1.1 with coordinates in 2018–2018") }
    }
}
