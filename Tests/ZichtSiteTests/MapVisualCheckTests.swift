// THROWAWAY: visual check of the choropleth map; not to be committed.
import Foundation
import Testing
import ZichtSite
import ZichtStats

struct MapVisualCheckTests {
    @Test func writeZwolleMap() throws {
        let real = URL(fileURLWithPath: "/work/shared/data/real")
        let geo = try JSONSerialization.jsonObject(with: Data(contentsOf: real.appendingPathComponent("zwolle-buurten-2014.geojson"))) as! [String: Any]
        let features = geo["features"] as! [[String: Any]]
        // CSV
        let csv = try String(contentsOf: real.appendingPathComponent("zwolle-buurtgegevens-2014-bvb-zebra.csv"), encoding: .utf8)
        var lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        func column(_ name: String) -> [String: Double] {
            let gi = header.firstIndex(of: "GEOITEM")!, ci = header.firstIndex(of: name)!
            var result: [String: Double] = [:]
            for line in lines {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                if let v = Double(cells[ci]) { result["BU0193" + cells[gi] + "0"] = v }
            }
            return result
        }
        var rings: [(code: String, name: String, rings: [[[Double]]])] = []
        for feature in features {
            let props = feature["properties"] as! [String: Any]
            let geometry = feature["geometry"] as! [String: Any]
            var all: [[[Double]]] = []
            if geometry["type"] as! String == "Polygon" {
                all = (geometry["coordinates"] as! [[[Double]]])
            } else {
                for polygon in geometry["coordinates"] as! [[[[Double]]]] { all += polygon }
            }
            rings.append((props["STATCODE"] as! String, props["BU_NAAM"] as! String, all))
        }
        let points = rings.flatMap { $0.rings.flatMap { $0 } }
        let minLon = points.map { $0[0] }.min()!, maxLon = points.map { $0[0] }.max()!
        let minLat = points.map { $0[1] }.min()!, maxLat = points.map { $0[1] }.max()!
        let k = cos((minLat + maxLat) / 2 * .pi / 180)
        let width = 400.0
        let scale = width / ((maxLon - minLon) * k)
        let height = (maxLat - minLat) * scale
        func path(_ rs: [[[Double]]]) -> String {
            rs.map { ring in
                "M" + ring.map { String(format: "%.1f %.1f", ($0[0] - minLon) * k * scale, (maxLat - $0[1]) * scale) }.joined(separator: "L") + "Z"
            }.joined()
        }
        var body = ""
        for (id, variable, title, unit, method) in [
            ("veiligheid", "b_vhrbrt", "Rapportcijfer veiligheid in de buurt, Zwolle 2014", "", "jenks"),
            ("onveilig", "b_vhonv", "Voelt zich weleens onveilig in de eigen buurt, Zwolle 2014", "procent van de bewoners", "quantiles"),
        ] {
            let values = column(variable)
            let areas = rings.map { ChoroplethMap.Area(code: $0.code, name: $0.name, path: path($0.rings), value: values[$0.code]) }
            let present = areas.compactMap(\.value)
            let breaks = method == "jenks" ? try Classification.jenks(values: present, classes: 5) : try Classification.quantiles(values: present, classes: 5)
            let map = ChoroplethMap(id: id, title: title, unit: unit, areas: areas, breaks: breaks, classLabelDecimals: 1,
                                    frame: .init(width: width, height: height), areaNoun: .buurt)
            body += "<h2>\(title)</h2>" + map.html()
        }
        let page = """
            <!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Kaartcontrole</title><link rel="stylesheet" href="zicht.css"><style>:root{--primary:#00529b;--accent:#00529b}</style></head>
            <body><div class="layout"><main>\(body)</main></div></body></html>
            """
        try page.write(toFile: "/tmp/map-check/index.html", atomically: true, encoding: .utf8)
    }
}
