import Foundation
import Testing
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtTestSupport

/// Counts below the disclosure threshold never reach public output: HTML, SVG or JSON.
/// The incidents are generated for this test (placed at buurt centres), not real ones.
struct DisclosureTests {
    @Test func smallBuurtCountsAreWithheldEverywhere() throws {
        var files = TemporaryProject.minimalFiles
        files["zicht.yaml"]! += "\nboundaries:\n  - {file: data/buurten.geojson, year: 2014}\n"
        files["content/7/7.2/7.2.4.md"] = """
            ---
            id: "7.2.4"
            kind: doel
            title: Verkeersveiligheid
            parent: "7.2"
            kaarten:
              - {table: incidents, measure: Aantal_1, filter: {Type: "1.1.1"}, counts: true, title: Woninginbraken, unit: aantal, decimals: 0, classes: 2}
            ---
            ## Beschrijving doel
            Tekst.
            """
        let project = try TemporaryProject(files: files)
        defer { project.remove() }
        try project.write(try Data(contentsOf: RealData.url("zwolle-buurten-2014.geojson")), to: "data/buurten.geojson")

        // 7 incidents in Binnenstad-Zuid, 6 in Binnenstad-Noord, 2 in Noordereiland, 4 in Het Noorden.
        let counts = ["BU01931000": 7, "BU01931010": 6, "BU01931020": 2, "BU01931100": 4]
        var lines = ["id,date,type,buurt"]
        var number = 0
        for (code, count) in counts.sorted(by: { $0.key < $1.key }) {
            for _ in 0..<count {
                number += 1
                lines.append("\(number),2019-05-01,1.1.1,\(code)")
            }
        }
        try project.write(lines.joined(separator: "\n") + "\n", to: "incidenten.csv")
        let imported = try ZichtApp.importIncidents(project: project.root, file: project.root.appendingPathComponent("incidenten.csv"))
        #expect(imported.assigned == 19 && imported.outsideLines.isEmpty)

        let site = project.root.appendingPathComponent("site")
        try ZichtApp.build(project: project.root, output: site)

        // The maps of a goal are on a page of their own; the goal page only names them.
        let page = try String(contentsOf: site.appendingPathComponent("pagina/kaarten-7-2-4/index.html"), encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("doel/7-2-4-verkeersveiligheid/index.json"))) as! [String: Any]
        let values = try #require(((json["maps"] as? [[String: Any]])?.first?["values"]) as? [[String: Any]])
        let byCode = Dictionary(uniqueKeysWithValues: values.map { ($0["region"] as! String, $0) })
        #expect(byCode["BU01931000"]?["value"] as? Double == 7)
        #expect(byCode["BU01931010"]?["value"] as? Double == 6)
        for code in ["BU01931020", "BU01931100"] {
            #expect(byCode[code]?["value"] == nil, "\(code): a small count is not published")
            #expect(byCode[code]?["display"] as? String == "< 5")
        }
        // Scan every file of the site: no published number below the threshold for these maps.
        let enumerator = FileManager.default.enumerator(atPath: site.path)!
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".json") else { continue }
            let text = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let maps = object["maps"] as? [[String: Any]]
            else { continue }
            for map in maps {
                for value in map["values"] as? [[String: Any]] ?? [] {
                    if let number = value["value"] as? Double { #expect(number >= 5, "\(path): \(number)") }
                }
            }
        }
        // In the page: the names of the small buurten go with "< 5", in the table and the map titles.
        #expect(page.contains("Noordereiland: &lt; 5"))
        #expect(page.contains("Het Noorden: &lt; 5"))
        #expect(!page.contains("Noordereiland: 2"))
        #expect(!page.contains("Het Noorden: 4"))
    }
}
