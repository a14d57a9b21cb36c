import Foundation
import Testing
import ZichtAnalysis
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtStore
import ZichtTestSupport

/// Wijk pages on the real Zwolle buurt boundaries, with a generated area table (figures and
/// inhabitants made up for this test) and generated incidents placed by buurt code.
struct NeighbourhoodPagesTests {
    /// Wijk WK019310 has three buurten: Binnenstad-Zuid, Binnenstad-Noord and Noordereiland.
    static let table = """
        code;veilig;inwoners
        BU01931000;6.0;1000
        BU01931010;7.0;3000
        BU01931020;8.0;6000
        BU01931100;5.0;2000
        BU01931110;.;500
        """

    func makeProject() throws -> TemporaryProject {
        var files = TemporaryProject.minimalFiles
        files["zicht.yaml"]! += """

            disclosureThreshold: 5
            boundaries:
              - {file: data/buurten.geojson, year: 2014}
            data:
              - {file: data/buurtcijfers.csv, format: areas, table: proef-buurten, areaColumn: code, year: 2018, measures: [veilig, inwoners], publisher: Gemeente Proefstad}
            incidents:
              - {file: data/incidenten.csv, title: Proefincidenten, simulated: true}
            neighbourhoods:
              population: {table: proef-buurten, measures: [inwoners]}
              wijkNames: {WK019310: Binnenstad}
              figures:
                - {table: proef-buurten, measure: veilig, title: Rapportcijfer veiligheid, unit: "1–10", decimals: 1}

            """
        let project = try TemporaryProject(files: files)
        try project.write(try Data(contentsOf: RealData.url("zwolle-buurten-2014.geojson")), to: "data/buurten.geojson")
        try project.write(Self.table + "\n", to: "data/buurtcijfers.csv")
        // 2019: 7 in Binnenstad-Zuid, 6 in Binnenstad-Noord, 2 in Noordereiland, 4 in Het Noorden; 2018: 1 in Binnenstad-Zuid.
        var lines = ["id,date,type,buurt"]
        var number = 0
        for (code, count, year) in [("BU01931000", 7, 2019), ("BU01931010", 6, 2019), ("BU01931020", 2, 2019), ("BU01931100", 4, 2019), ("BU01931000", 1, 2018)] {
            for _ in 0..<count {
                number += 1
                lines.append("\(number),\(year)-05-01,1.1.1,\(code)")
            }
        }
        try project.write(lines.joined(separator: "\n") + "\n", to: "data/incidenten.csv")
        return project
    }

    @Test func wijkPagesCombineBuurtFiguresWithInhabitantWeights() throws {
        let project = try makeProject()
        defer { project.remove() }
        let site = project.root.appendingPathComponent("site")
        try ZichtApp.build(project: project.root, output: site)

        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("document.json"))) as! [String: Any]
        let nodes = try #require(document["pages"] as? [[String: Any]])
        let wijken = nodes.filter { $0["kind"] as? String == "wijk" }
        #expect(wijken.count == 16, "the Zwolle boundaries of 2014 have 16 wijken")

        let page = try String(contentsOf: site.appendingPathComponent("wijk/binnenstad/index.html"), encoding: .utf8)
        // (6.0 × 1000 + 7.0 × 3000 + 8.0 × 6000) / (1000 + 3000 + 6000) = 75000 / 10000 = 7.5
        #expect(page.contains("7,5"))
        #expect(page.contains("gewogen gemiddelde van 3 buurten"))
        #expect(page.contains("gewogen met het aantal inwoners per buurt (2018): tabel proef-buurten."))

        // Wijk 11 has nine buurten, only two with a figure and one of them without inhabitants (".")
        // among the buurten with a value: Het Noorden 5.0 (2000 inh.), Schildersbuurt unknown.
        let wijk11 = try String(contentsOf: site.appendingPathComponent("wijk/wijk-11/index.html"), encoding: .utf8)
        #expect(wijk11.contains("gewogen gemiddelde van 1 van de 9 buurten"))
        // The gemeente: Schildersbuurt has a figure ('.') unknown, so the buurten with a figure are
        // the four with inhabitants: (6000 + 21000 + 48000 + 5.0 × 2000) / 12000 = 85000 / 12000 = 7.083…
        let overview = try String(contentsOf: site.appendingPathComponent("pagina/veiligheid-in-de-wijken/index.html"), encoding: .utf8)
        #expect(overview.contains("Hele gemeente"))
        #expect(overview.contains("7,1<span class=\"note\"> (gewogen gemiddelde van 4 van de 78 buurten"))
    }

    @Test func smallCountsAndTheirRatesAreWithheldInEveryOutput() throws {
        let project = try makeProject()
        defer { project.remove() }
        let site = project.root.appendingPathComponent("site")
        try ZichtApp.build(project: project.root, output: site)

        let page = try String(contentsOf: site.appendingPathComponent("wijk/binnenstad/index.html"), encoding: .utf8)
        // Wijk total 2019: 7 + 6 + 2 = 15 in 10,000 inhabitants → 1.5 per 1,000; 2018: 1 → withheld.
        #expect(page.contains("<td class=\"align-right\">15</td>"))
        #expect(page.contains("<td class=\"align-right\">1,5</td>"))
        #expect(page.contains("gesimuleerd"))
        // Noordereiland: 2 → "< 5" and no rate.
        #expect(page.contains("<th scope=\"row\">Noordereiland</th><td class=\"align-right\">&lt; 5</td><td class=\"align-right\">—</td>"))
        // Secondary suppression: the wijk total 15 minus 7 and 6 would give Noordereiland's 2.
        // Withholding Binnenstad-Noord (6) is not enough: a withheld count is at least 5, so
        // Noordereiland would be at most 15 − 7 − 5 = 3. Withholding Binnenstad-Zuid (7) leaves
        // Noordereiland anywhere in 0 ... 4 (15 − 6 − Zuid, Zuid from 5 to 9).
        #expect(page.contains("<th scope=\"row\">Binnenstad-Zuid</th><td class=\"align-right\">afgeschermd</td><td class=\"align-right\">—</td>"))
        #expect(page.contains("<th scope=\"row\">Binnenstad-Noord</th><td class=\"align-right\">6</td><td class=\"align-right\">2,0</td>"))

        // The CSV download: every count is ≥ 5 or "< 5", and a withheld count has no rate.
        let csv = try String(contentsOf: site.appendingPathComponent("wijken/incidenten-per-wijk-en-buurt.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count > 16)
        for row in rows {
            let count = row[5], rate = row[6]
            if count == "< 5" || count == "afgeschermd" {
                #expect(rate.isEmpty, "\(row)")
            } else {
                #expect((Int(count) ?? 0) >= 5, "\(row)")
            }
            #expect(row[7] == "ja", "labelled as simulated")
        }
        #expect(rows.contains { $0[1] == "BU01931020" && $0[5] == "< 5" })

        // Scan the whole site: no file shows Noordereiland or Het Noorden next to their true counts.
        let enumerator = FileManager.default.enumerator(atPath: site.path)!
        while let path = enumerator.nextObject() as? String {
            guard [".html", ".json", ".csv", ".svg"].contains(where: path.hasSuffix) else { continue }
            let text = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            for (name, count) in [("Noordereiland", 2), ("Het Noorden", 4)] {
                for pattern in ["\(name)</th><td class=\"align-right\">\(count)<", "\(name),2019,1.1.1,\(count),", "\(name): \(count)"] {
                    #expect(!text.contains(pattern), "\(path) shows \(name) with \(count)")
                }
            }
        }
    }
}

struct AreaTableCodesTests {
    /// A code that matches no buurt of the boundaries stops the import, and nothing of the table is
    /// stored.
    @Test func unknownAreaCodesAreRefusedAndNothingIsImported() throws {
        var files = TemporaryProject.minimalFiles
        files["zicht.yaml"]! += """

            boundaries:
              - {file: data/buurten.geojson, year: 2014}
            data:
              - {file: data/buurtcijfers.csv, format: areas, table: proef, areaColumn: code, year: 2018, measures: [veilig]}

            """
        let project = try TemporaryProject(files: files)
        defer { project.remove() }
        try project.write(try Data(contentsOf: RealData.url("zwolle-buurten-2014.geojson")), to: "data/buurten.geojson")
        try project.write("code;veilig\nBU01931000;6.0\nBU01939990;7.0\n", to: "data/buurtcijfers.csv")
        #expect {
            try ZichtApp.build(project: project.root, output: project.root.appendingPathComponent("site"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("data/buurtcijfers.csv") && text.contains("1 area code in column 'code' is not in the boundaries: BU01939990")
        }
        let snapshot = try Snapshot(url: ZichtApp.snapshotURL(of: project.root))
        #expect(try snapshot.sources().allSatisfy { $0.provenance.tableID != "proef" })
    }
}
