import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtStats

/// The terminal reports of `zicht near-repeat` and `zicht hotspots` (ZichtApp/Reports): English
/// labels, CSV through `CSVText`, JSON through `Codable`.
struct TerminalReportTests {
    /// Five events (x, y in metres; t in days), as in KnoxTests.
    static let x: [Double] = [0, 50, 0, 500, 50]
    static let y: [Double] = [0, 0, 150, 500, 50]
    static let t: [Double] = [0, 3, 10, 1, 20]

    @Test func knoxBandLabels() throws {
        let table = try KnoxTest.analyse(
            x: Self.x, y: Self.y, t: Self.t,
            parameters: KnoxParameters(spaceBreaks: [0, 1, 100, 200, 300], timeBreaks: [0, 7, 14, 21], permutations: 9))
        #expect(table.spaceBands.labels(.honest) == ["0 to under 1 m", "1 to under 100 m", "100 to under 200 m", "200 to under 300 m", "300 m or more"])
        #expect(table.timeBands.labels(.honest) == ["0 to under 7 days", "7 to under 14 days", "14 to under 21 days", "21 days or more"])
        // As in the Calculator's output file (shared/data/peers/chicago_be_month1_NRC-output.csv).
        #expect(table.spaceBands.labels(.calculator) == ["Same location", "1 to 100", "101 to 200", "201 to 300", "More than 300"])
        #expect(table.timeBands.labels(.calculator) == ["0 to 7", "8 to 14", "15 to 21", "More than 21"])
        #expect(table.spaceBands.map(\.notation) == ["[0, 1)", "[1, 100)", "[100, 200)", "[200, 300)", "[300, ∞)"])

        let closed = try KnoxTest.analyse(
            x: Self.x, y: Self.y, t: Self.t,
            parameters: KnoxParameters(spaceBreaks: [0, 200], timeBreaks: [0, 0.5, 7], intervals: .closed, permutations: 9))
        #expect(closed.spaceBands.labels(.honest) == ["0 to 200 m", "over 200 m"])
        #expect(closed.timeBands.labels(.honest) == ["0 to 0.5 days", "over 0.5 to 7 days", "over 7 days"])
        #expect(closed.timeBands.map(\.notation) == ["[0, 0.5]", "(0.5, 7]", "(7, ∞)"])
        let sameDay = try KnoxTest.analyse(
            x: Self.x, y: Self.y, t: Self.t,
            parameters: KnoxParameters(spaceBreaks: [0, 200], timeBreaks: [0, 0, 7], intervals: .closed, permutations: 9))
        #expect(sameDay.timeBands.labels(.honest) == ["0 days", "over 0 to 7 days", "over 7 days"])
        // A band's own test of membership agrees with its notation.
        #expect(closed.timeBands[0].contains(0.5) && !closed.timeBands[1].contains(0.5) && closed.timeBands[1].contains(7))
        #expect(table.timeBands[1].contains(7) && !table.timeBands[0].contains(7) && table.timeBands[3].contains(21))
    }

    @Test func knoxCSVHasOneLinePerCell() throws {
        let table = try KnoxTest.analyse(
            x: Self.x, y: Self.y, t: Self.t,
            parameters: KnoxParameters(spaceBreaks: [0, 100, 200], timeBreaks: [0, 7, 14], permutations: 9))
        let lines = table.csv().split(separator: "\n")
        #expect(lines.first == "space_from,space_to,time_from,time_to,observed,expected_mean,expected_median,knox_ratio,p_value")
        #expect(lines.count == 10)
        #expect(lines[1].hasPrefix("0,100,0,7,1,"))
        #expect(lines[9].hasPrefix("200,,14,,1,"))
    }

    @Test func knoxTextIsEnglish() throws {
        let table = try KnoxTest.analyse(
            x: Self.x, y: Self.y, t: Self.t,
            parameters: KnoxParameters(spaceBreaks: [0, 100, 200], timeBreaks: [0, 7, 14], permutations: 9))
        let text = table.text()
        #expect(text.hasPrefix("Knox test for near repeats: 5 events, 10 pairs"))
        #expect(text.contains("Observed pairs") && text.contains("p-value") && text.contains("Legend"))
        for dutch in ["paren", "Waargenomen", "dagen", " van ", " de "] {
            #expect(!text.contains(dutch), "Dutch in the terminal report: \(dutch)")
        }
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(table.report())) as? [String: Any]
        #expect((json?["cells"] as? [Any])?.count == 9)
    }

    @Test func hotSpotOutputs() throws {
        // 3 points in the south-west cell, 1 in the north-east one; cell size 10 m from 0 to 29 m.
        let x: [Double] = [0, 1, 9.99, 29, 15, 15, 15]
        let y: [Double] = [0, 2, 9.99, 29, 15, 15, 16]
        let report = try HotSpotAnalysis.analyse(x: x, y: y, options: HotSpotOptions(cellSize: 10, bandwidth: 15, permutations: 99))
        let csv = report.csv().split(separator: "\n")
        #expect(csv.first == "row,col,value,density,gi_z,gi_p,significant,gi_p_adjusted,poisson_p")
        #expect(csv.count == 10)
        #expect(csv[1].hasPrefix("0,0,3,"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let grid = try #require(json["grid"] as? [String: Any])
        #expect(grid["rows"] as? Int == 3 && grid["row_0"] as? String == "south")
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells.count == 9 && cells[0]["value"] as? Int == 3)
        #expect(Set(cells[0].keys) == ["row", "col", "value", "density", "gi_z", "gi_p", "gi_p_adjusted", "significant", "poisson_p"])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["points"] as? Int == 7 && summary["cells"] as? Int == 9)
        #expect(report.table().contains("3 rows × 3 columns = 9"))
    }
}
