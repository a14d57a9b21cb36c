import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtStore
import ZichtTestSupport

/// Scans the whole built demo site for small counts (below the disclosure threshold of 5) at wijk or
/// buurt level: in incident tables of the HTML, in the CSV download, and in the rates of the map of
/// simulated violence per 1,000 inhabitants (a rate from a count below 5 is withheld).
struct DemoSiteLeakTests {
    @Test func noSmallCountAnywhereInTheDemoSite() throws {
        let copy = try BuiltDemo.project()
        let site = try BuiltDemo.site()

        var scannedCells = 0
        let cellPattern = /<td class="align-right">([^<]*)</
        let enumerator = FileManager.default.enumerator(atPath: site.path)!
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".html") else { continue }
            let text = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            // Every table whose caption speaks of incidents: each whole-number cell is 5 or more.
            for table in text.split(separator: "<table").dropFirst() {
                guard let caption = table.firstMatch(of: /<caption>([^<]*)<\/caption>/)?.1, caption.contains("ncidenten") else { continue }
                let body = table.prefix { _ in true }.split(separator: "</table>").first ?? table
                for match in body.matches(of: cellPattern) {
                    let value = String(match.1)
                    guard let number = Int(value.replacingOccurrences(of: ".", with: "")) else { continue }
                    scannedCells += 1
                    #expect(number >= 5, "\(path): '\(caption)' shows \(number)")
                }
            }
        }
        #expect(scannedCells > 500, "the scan found the incident tables (\(scannedCells) cells)")

        let csv = try String(contentsOf: site.appendingPathComponent("wijken/incidenten-per-wijk-en-buurt.csv"), encoding: .utf8)
        for row in csv.split(separator: "\n").dropFirst() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            let count = fields[fields.count - 3]
            if let number = Int(count) { #expect(number >= 5, "CSV: \(row)") } else { #expect(count == "< 5" || count == "afgeschermd", "CSV: \(row)") }
        }

        // The map per 1,000 inhabitants: an area with a rate has at least 5 incidents of the map's
        // types in the map's year, counted from the snapshot.
        let snapshot = try Snapshot(url: ZichtApp.snapshotURL(of: copy))
        let types: Set<String> = ["1.4.4", "1.4.5", "2.2.1"]
        var counts: [String: Int] = [:]
        for item in try snapshot.incidentCounts(tableID: "incidents") where types.contains(item.type) && item.year == 2019 {
            counts[item.area, default: 0] += item.count
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.json"))) as! [String: Any]
        let maps = try #require(json["maps"] as? [[String: Any]])
        let rateMap = try #require(maps.first { ($0["title"] as? String)?.contains("per 1.000 inwoners") == true })
        var withheld = 0
        for value in rateMap["values"] as? [[String: Any]] ?? [] {
            let region = value["region"] as! String
            if value["value"] != nil {
                #expect((counts[region] ?? 0) >= 5, "\(region) has a rate from \(counts[region] ?? 0) incidents")
            } else if (counts[region] ?? 0) < 5 {
                withheld += 1
            }
        }
        #expect(withheld > 0, "some buurten have fewer than 5 incidents and are withheld")
    }
}
