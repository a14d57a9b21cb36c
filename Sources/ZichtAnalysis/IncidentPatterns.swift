import Foundation
import ZichtCore
import ZichtGeo
import ZichtStats
import ZichtStore

/// Near repeats, hot spots and a prevention list for one kind of incident (residential burglary in
/// the example), computed from the snapshot's incidents for a goal page.
public struct IncidentPatterns: Sendable, Codable {
    /// A buurt inside the zone of raised risk around recent incidents.
    public struct WarningArea: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        /// Estimated addresses inside the zone within this buurt.
        public var estimatedAddresses: Int
        /// The last day of raised risk for this buurt.
        public var until: CivilDate
    }

    /// The reach of raised risk around an incident (see ``riskZone(_:alpha:)``).
    public struct RiskZone: Sendable, Hashable, Codable {
        public var metres: Double
        public var days: Double
    }

    /// A buurt holding the centres of hot-spot cells.
    public struct HotSpotBuurt: Sendable, Hashable, Codable {
        public var name: String
        public var cells: Int
    }

    public var settings: ProjectConfig.PatternSettings
    public var firstDay: CivilDate
    public var lastDay: CivilDate
    public var eventCount: Int
    public var knox: KnoxTable
    /// The spatial and temporal reach of raised risk: the largest band edges, starting from the
    /// nearest bands, in which every cell has a Knox ratio above 1 with p < 0.05; nil when none.
    public var riskZone: RiskZone?
    public var hotSpots: HotSpotReport
    /// Buurten holding the centres of hot-spot cells, the most cells first, with the number of cells.
    public var hotSpotBuurten: [HotSpotBuurt]
    public var recentFrom: CivilDate
    public var recentCount: Int
    public var warningAreas: [WarningArea]

    /// The zone of raised risk read from a Knox table: grow the distance band by band (and the time
    /// band by band) from the nearest ones while every cell inside is significantly raised.
    public static func riskZone(_ table: KnoxTable, alpha: Double = 0.05) -> (metres: Double, days: Double)? {
        func raised(_ space: Int, _ time: Int) -> Bool {
            let cell = table.cell(space: space, time: time)
            return (cell.knoxRatio ?? 0) > 1 && cell.pValue < alpha
        }
        let finiteSpace = table.spaceBands.filter { $0.upper != nil }.count
        let finiteTime = table.timeBands.filter { $0.upper != nil }.count
        // Bands without any pair (often "same location") carry no evidence either way: start at the
        // nearest band that has pairs.
        guard let first = (0..<finiteSpace).first(where: { s in table.timeBands.indices.contains { table.cell(space: s, time: $0).observed > 0 || table.cell(space: s, time: $0).exactExpected > 0 } }),
            finiteTime > 0
        else { return nil }
        // The zone starts at the nearest band; a nearest band without significant excess (few pairs)
        // may be crossed when the next one is raised, as the risk does not skip distances.
        var start = first
        while start < finiteSpace, !raised(start, 0) { start += 1; if start > first + 1 { return nil } }
        guard start < finiteSpace else { return nil }
        var spaceReach = start, timeReach = 0
        while spaceReach + 1 < finiteSpace, (0...timeReach).allSatisfy({ raised(spaceReach + 1, $0) }) { spaceReach += 1 }
        while timeReach + 1 < finiteTime, (start...spaceReach).allSatisfy({ raised($0, timeReach + 1) }) { timeReach += 1 }
        return (table.spaceBands[spaceReach].upper!, table.timeBands[timeReach].upper!)
    }
}

/// A problem that keeps the analysis from running, with what to change.
public struct PatternProblem: DiagnosticConvertible, CustomStringConvertible, Sendable {
    public var description: String
    /// Without a file: the settings' caller knows where `patterns:` is written.
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
}

extension IncidentPatterns {
    /// Runs the analyses on the incidents of the settings' types in the chosen year.
    /// - Parameters:
    ///   - inhabitants: per buurt, for the estimated number of addresses in the warning zone.
    public static func analyse(
        settings: ProjectConfig.PatternSettings, incidents: [Snapshot.StoredIncident], areas: [Area], inhabitants: [String: Double]
    ) throws -> IncidentPatterns {
        let types = Set(settings.types)
        let inYear = incidents.filter { types.contains($0.type) && $0.x != nil && (settings.firstYear...settings.year).contains(CivilDate(day: $0.day).year) }
        guard inYear.count >= 3 else {
            throw PatternProblem(description: "only \(inYear.count) incidents of types \(settings.types.joined(separator: ", ")) with coordinates in \(settings.firstYear)–\(settings.year); the analyses need at least 3")
        }
        let x = inYear.map { $0.x! }, y = inYear.map { $0.y! }
        let t = inYear.map { Double($0.day) + Double($0.minute ?? 720) / 1440 }
        let parameters = KnoxParameters(
            spaceBreaks: settings.spaceBreaks, timeBreaks: settings.timeBreaks, metric: .euclidean, intervals: .halfOpen,
            permutations: settings.permutations, seed: settings.seed)
        let knox: KnoxTable
        do {
            knox = try KnoxTest.analyse(x: x, y: y, t: t.map { $0.rounded(.down) }, parameters: parameters)
        } catch {
            throw PatternProblem(description: "near-repeat analysis: \(error)")
        }
        var options = HotSpotOptions()
        options.cellSize = settings.cellSize
        options.permutations = settings.permutations
        options.seed = settings.seed
        // Prevention looks for places with more than chance, not fewer: a one-sided test for hot spots.
        options.alternative = .greater
        let hotSpots: HotSpotReport
        do {
            hotSpots = try HotSpotAnalysis.analyse(x: x, y: y, options: options)
        } catch {
            throw PatternProblem(description: "hot-spot analysis: \(error)")
        }
        let zone = riskZone(knox)
        let lastDay = inYear.map(\.day).max()!
        let recentStart = lastDay - settings.recentDays + 1
        let recent = inYear.filter { $0.day >= recentStart }
        var warning: [String: (addresses: Double, until: Int)] = [:]
        if let zone {
            // Addresses are estimated on a 25 m grid over each zone: a grid point inside a buurt
            // stands for 625 m² of that buurt, with the buurt's address density.
            let byCode = Dictionary(areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let index = PolygonIndex(areas.map(\.geometry))
            var covered: [String: Set<Int64>] = [:]
            var until: [String: Int] = [:]
            let step = 25.0
            for incident in recent {
                let cx = incident.x!, cy = incident.y!
                let reach = Int((zone.metres / step).rounded(.up))
                for i in -reach...reach {
                    for j in -reach...reach {
                        let px = (cx / step).rounded() * step + Double(i) * step, py = (cy / step).rounded() * step + Double(j) * step
                        guard (px - cx) * (px - cx) + (py - cy) * (py - cy) <= zone.metres * zone.metres,
                            let found = index.polygon(containing: Point(x: px, y: py))
                        else { continue }
                        let code = areas[found].code
                        covered[code, default: []].insert(Int64(px / step) << 32 | Int64(Int32(truncatingIfNeeded: Int(py / step))))
                        until[code] = max(until[code] ?? 0, incident.day + Int(zone.days) - 1)
                    }
                }
            }
            for (code, points) in covered {
                guard let area = byCode[code], let people = inhabitants[code], area.geometry.area > 0 else { continue }
                let density = people / settings.inhabitantsPerAddress / area.geometry.area
                warning[code] = (Double(points.count) * step * step * density, until[code]!)
            }
        }
        let names = Dictionary(areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let areaIndex = PolygonIndex(areas.map(\.geometry))
        var hotCells: [String: Int] = [:]
        for cell in hotSpots.classes.indices where hotSpots.classes[cell] == .hot {
            let grid = hotSpots.grid
            let centre = Point(x: grid.centreX(column: grid.column(of: cell)), y: grid.centreY(row: grid.row(of: cell)))
            if let found = areaIndex.polygon(containing: centre) { hotCells[areas[found].name, default: 0] += 1 }
        }
        let hotSpotBuurten = hotCells.map { HotSpotBuurt(name: $0.key, cells: $0.value) }.sorted { $0.cells != $1.cells ? $0.cells > $1.cells : $0.name < $1.name }
        let warningAreas = warning.map { code, value in
            WarningArea(code: code, name: names[code] ?? code, estimatedAddresses: Int(value.addresses.rounded()), until: CivilDate(day: value.until))
        }.filter { $0.estimatedAddresses > 0 }.sorted { $0.estimatedAddresses != $1.estimatedAddresses ? $0.estimatedAddresses > $1.estimatedAddresses : $0.code < $1.code }
        return IncidentPatterns(
            settings: settings, firstDay: CivilDate(day: inYear.map(\.day).min()!), lastDay: CivilDate(day: lastDay), eventCount: inYear.count,
            knox: knox, riskZone: zone.map { RiskZone(metres: $0.metres, days: $0.days) }, hotSpots: hotSpots, hotSpotBuurten: hotSpotBuurten, recentFrom: CivilDate(day: recentStart), recentCount: recent.count,
            warningAreas: warningAreas)
    }
}
