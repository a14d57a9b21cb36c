import Foundation
import ZichtStats

/// What a published cell says: a count, "< 5", or "afgeschermd".
enum Shown: Equatable {
    case count(Int)
    case below
    case secondary

    /// Reads "17", "1.234" (Dutch thousands), "< 5", "&lt; 5", "< 5 incidenten" or "afgeschermd".
    init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("< ") || text.hasPrefix("&lt; ") {
            self = .below
        } else if text == "afgeschermd" {
            self = .secondary
        } else if let number = Int(text.replacingOccurrences(of: ".", with: "")) {
            self = .count(number)
        } else {
            return nil
        }
    }

    var count: Int? { if case .count(let value) = self { value } else { nil } }

    var state: DisclosureFigure.State {
        switch self {
        case .count(let value): .published(value)
        case .below: .belowThreshold
        case .secondary: .secondary
        }
    }
}

/// The site's CSV of incidents per wijk and buurt, read as an attacker would.
struct IncidentCSV {
    struct Row {
        var wijk: String
        var buurt: String
        var name: String
        var year: Int
        var type: String
        var shown: Shown
        var rate: Double?
    }

    var rows: [Row] = []

    init(_ text: String) {
        for line in text.split(separator: "\n").dropFirst() {
            var fields: [String] = [], field = "", quoted = false
            for character in line {
                if character == "\"" { quoted.toggle() } else if character == "," && !quoted { fields.append(field); field = "" } else { field.append(character) }
            }
            fields.append(field)
            guard fields.count == 8, let year = Int(fields[3]), let shown = Shown(fields[5]) else { continue }
            rows.append(Row(wijk: fields[0], buurt: fields[1], name: fields[2], year: year, type: fields[4], shown: shown, rate: Double(fields[6])))
        }
    }

    /// Inhabitants per buurt, derived from a published count and its rate per 1,000 (the largest
    /// count gives the most precise estimate).
    var inhabitants: [String: Double] {
        var best: [String: (Int, Double)] = [:]
        for row in rows where !row.buurt.isEmpty {
            guard let count = row.shown.count, let rate = row.rate, rate > 0 else { continue }
            if count > best[row.buurt]?.0 ?? 0 { best[row.buurt] = (count, Double(count) / rate * 1000) }
        }
        return best.mapValues(\.1)
    }
}

enum Attacks {
    struct Recovered: CustomStringConvertible {
        var cell: String
        var value: Int
        var description: String { "\(cell) = \(value)" }
    }

    /// (a) Per wijk, type and year: the wijk's count minus its shown buurten gives the one hidden buurt.
    static func differenceWijkAndBuurten(csv text: String) -> (recovered: [Recovered], relationsWithHiddenBuurten: Int) {
        let csv = IncidentCSV(text)
        var wijkCounts: [String: Shown] = [:]
        var parts: [String: [IncidentCSV.Row]] = [:]
        for row in csv.rows {
            let key = "\(row.wijk)|\(row.type)|\(row.year)"
            if row.buurt.isEmpty { wijkCounts[key] = row.shown } else { parts[key, default: []].append(row) }
        }
        var recovered: [Recovered] = [], relations = 0
        for (key, buurten) in parts.sorted(by: { $0.key < $1.key }) {
            let hidden = buurten.filter { $0.shown.count == nil }
            if !hidden.isEmpty { relations += 1 }
            guard let total = wijkCounts[key]?.count, hidden.count == 1, hidden[0].shown == .below else { continue }
            recovered.append(Recovered(cell: "\(hidden[0].buurt) \(key)", value: total - buurten.compactMap(\.shown.count).reduce(0, +)))
        }
        return (recovered, relations)
    }

    /// A map's published figures by region: a rate, or how a withheld one is shown.
    static func mapRates(json: Data, titleContaining title: String) throws -> [String: MapFigure] {
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        let maps = object?["maps"] as? [[String: Any]] ?? []
        guard let map = maps.first(where: { ($0["title"] as? String)?.contains(title) == true }) else { return [:] }
        var result: [String: MapFigure] = [:]
        for value in map["values"] as? [[String: Any]] ?? [] {
            guard let region = value["region"] as? String else { continue }
            if let rate = value["value"] as? Double {
                result[region] = .rate(rate)
            } else if let display = value["display"] as? String, let shown = Shown(display) {
                result[region] = .withheld(shown)
            }
        }
        return result
    }

    enum MapFigure: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
        case rate(Double)
        case withheld(Shown)
        init(floatLiteral value: Double) { self = .rate(value) }
        init(integerLiteral value: Int) { self = .rate(Double(value)) }
    }

    /// (b) The map's rate times the buurt's inhabitants (derived from the CSV) gives the map's count;
    /// minus the shown types of the map, it gives the one hidden type.
    static func multiplyMapRates(csv text: String, rates: [String: MapFigure], types: Set<String>, year: Int) -> (recovered: [Recovered], countsDerived: Int) {
        let csv = IncidentCSV(text)
        let inhabitants = csv.inhabitants
        var recovered: [Recovered] = [], derived = 0
        for (region, figure) in rates.sorted(by: { $0.key < $1.key }) {
            guard case .rate(let rate) = figure, let people = inhabitants[region] else { continue }
            let count = Int((rate * people / 1000).rounded())
            derived += 1
            let parts = csv.rows.filter { $0.buurt == region && $0.year == year && types.contains($0.type) }
            let hidden = parts.filter { $0.shown.count == nil }
            guard hidden.count == 1, hidden[0].shown == .below else { continue }
            recovered.append(Recovered(cell: "\(region) \(hidden[0].type) \(year)", value: count - parts.compactMap(\.shown.count).reduce(0, +)))
        }
        return (recovered, derived)
    }

    /// (c) Per-cell statistics of a hot-spot grid: cell titles ("Rij 3, kolom 4"), Gi* z-values,
    /// densities. Solving Gi* for the hidden cells needs them.
    static func gridCellStatistics(_ text: String) -> Int {
        text.matches(of: /Rij \d+, kolom \d+|Gi\* z =|gi_z|"density"/).count
    }

    /// (d) Per series (target, buffer, control) and period: the period total from the summary minus
    /// the shown months gives the one hidden month.
    static func differenceMonths(html: String) -> (recovered: [Recovered], hiddenMonths: Int)? {
        guard let summary = html.firstMatch(of: /Doelgebied: (\d+) incidenten in (\d+) maanden vóór de start, (\d+) in (\d+) maanden erna\. Controlebuurten samen: (\d+) vóór en (\d+) erna\. Bufferzone: (\d+) vóór en (\d+) erna\./),
            let table = html.split(separator: "<caption>Incidenten per maand</caption>").dropFirst().first?.split(separator: "</table>").first
        else { return nil }
        let before = Int(summary.2)!
        let totals = [[Int(summary.1)!, Int(summary.3)!], [Int(summary.7)!, Int(summary.8)!], [Int(summary.5)!, Int(summary.6)!]]
        let rows = table.matches(of: /<tr><th scope="row">[^<]*<\/th><td class="align-right">([^<]*)<\/td><td class="align-right">([^<]*)<\/td><td class="align-right">([^<]*)<\/td><\/tr>/)
            .map { [Shown(String($0.1)), Shown(String($0.2)), Shown(String($0.3))] }
        var recovered: [Recovered] = [], hidden = 0
        for series in 0..<3 {
            for (period, range) in [0..<before, before..<rows.count].enumerated() where !range.isEmpty {
                let months = range.map { rows[$0][series] }
                let withheld = range.filter { rows[$0][series]?.count == nil }
                hidden += withheld.count
                guard withheld.count == 1, rows[withheld[0]][series] == .below else { continue }
                recovered.append(Recovered(cell: "series \(series), month \(withheld[0])", value: totals[series][period] - months.compactMap { $0?.count }.reduce(0, +)))
            }
        }
        return (recovered, hidden)
    }
}

/// Every published incident figure of the site's files as sums of unknown cells, for the audit's
/// linear programme: an attacker's complete view, gathered from the files, not from Zicht's model.
struct PublishedFigures {
    private(set) var figures: [DisclosureFigure] = []
    private(set) var mapFigures = 0, wijkTotals = 0, buurtTotals = 0
    private var cells: [String: Int] = [:]
    private var buurtenOfWijk: [String: [String]] = [:]
    private var wijkOfTitle: [String: String] = [:]
    private var codeOfBuurt: [String: String] = [:]
    private var types: [String] = []
    private var latest = 0
    /// Per buurt, derived from the CSV (count ÷ rate × 1,000).
    private var inhabitants: [String: Double] = [:]

    private mutating func cell(_ key: String) -> Int {
        if let index = cells[key] { return index }
        cells[key] = cells.count
        return cells.count - 1
    }

    /// Latest year: one cell per buurt and type; older years: one unknown per wijk and type (their
    /// buurten are published nowhere).
    private mutating func cells(wijk: String, type: String, year: Int) -> [Int] {
        year == latest
            ? buurtenOfWijk[wijk, default: []].map { cell("\($0)|\(type)|\(year)") }
            : [cell("\(wijk)|\(type)|\(year)")]
    }

    private mutating func add(_ name: String, _ members: [Int], _ shown: Shown) {
        figures.append(DisclosureFigure(table: "site", cell: name, cells: members, state: shown.state, value: shown.count ?? 0))
    }

    mutating func addCSV(_ text: String) {
        let csv = IncidentCSV(text)
        inhabitants = csv.inhabitants
        latest = csv.rows.filter { !$0.buurt.isEmpty }.map(\.year).max() ?? 0
        for row in csv.rows {
            if row.buurt.isEmpty {
                wijkOfTitle[row.name] = row.wijk
            } else if !buurtenOfWijk[row.wijk, default: []].contains(row.buurt) {
                buurtenOfWijk[row.wijk, default: []].append(row.buurt)
                codeOfBuurt["\(row.wijk)|\(row.name)"] = row.buurt
            }
            if !types.contains(row.type) { types.append(row.type) }
        }
        for row in csv.rows {
            let members = row.buurt.isEmpty ? cells(wijk: row.wijk, type: row.type, year: row.year) : [cell("\(row.buurt)|\(row.type)|\(row.year)")]
            add("\(row.wijk) \(row.buurt) \(row.type) \(row.year)", members, row.shown)
        }
    }

    /// The wijk page's totals per year and its totals per buurt in the newest year.
    mutating func addWijkPage(_ html: String) {
        guard let caption = html.firstMatch(of: /<caption>Incidenten in (.*?) per jaar en soort[^<]*<\/caption><thead>(.*?)<\/thead>/),
            let wijk = wijkOfTitle[String(caption.1)]
        else { return }
        let years = caption.2.matches(of: /<th scope="col" class="align-right">(\d+)<\/th>/).map { Int($0.1)! }
        if let footer = html.firstMatch(of: /<tfoot><tr><th scope="row">Totaal<\/th>(.*?)<\/tr>/) {
            let shown = footer.1.matches(of: /<td class="align-right">([^<]*)<\/td>/).compactMap { Shown(String($0.1)) }
            for (year, value) in zip(years, shown) {
                add("\(wijk) total \(year)", types.flatMap { cells(wijk: wijk, type: $0, year: year) }, value)
                wijkTotals += 1
            }
        }
        if let table = html.split(separator: "<caption>Incidenten per buurt in").dropFirst().first?.split(separator: "</table>").first {
            for row in table.matches(of: /<tr><th scope="row">([^<]*)<\/th><td class="align-right">([^<]*)<\/td>/) {
                guard let code = codeOfBuurt["\(wijk)|\(row.1)"], let shown = Shown(String(row.2)) else { continue }
                add("\(code) total \(latest)", types.map { cell("\(code)|\($0)|\(latest)") }, shown)
                buurtTotals += 1
            }
        }
    }

    /// A map of several types per buurt: a rate with a derivable population publishes its count.
    mutating func addMap(_ figures: [String: Attacks.MapFigure], types: [String], year: Int) {
        for (region, figure) in figures.sorted(by: { $0.key < $1.key }) {
            let members = types.map { cell("\(region)|\($0)|\(year)") }
            switch figure {
            case .rate(let rate):
                guard let people = inhabitants[region] else { continue }
                add("map \(region)", members, .count(Int((rate * people / 1000).rounded())))
            case .withheld(let shown):
                add("map \(region)", members, shown)
            }
            mapFigures += 1
        }
    }
}
