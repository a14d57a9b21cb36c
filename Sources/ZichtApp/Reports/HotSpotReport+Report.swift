import Foundation
import ZichtCore
import ZichtStats

/// Terminal forms of a ``HotSpotReport`` for `zicht hotspots`: CSV and JSON with one record per cell,
/// and a short summary table. Numbers use a decimal point and the shortest text that reads back as the same double;
/// undefined numbers (NaN) are empty in CSV and `null` in JSON.
extension HotSpotReport {
    /// The CSV columns, in order.
    public static let csvColumns = ["row", "col", "value", "density", "gi_z", "gi_p", "significant", "gi_p_adjusted", "poisson_p"]

    /// One line per cell, in grid order: `row,col,value,density,gi_z,gi_p,significant,gi_p_adjusted,poisson_p`.
    ///
    /// `significant` is `hot`, `cold` or `no` (after Benjamini–Hochberg at `alpha`); `poisson_p` is
    /// empty when the values are not whole counts.
    public func csv() -> String {
        var text = CSVText.line(Self.csvColumns) + "\n"
        text.reserveCapacity(grid.count * 96)
        for cell in 0..<grid.count {
            text += CSVText.line([
                String(grid.row(of: cell)), String(grid.column(of: cell)), Self.number(values[cell]), Self.number(density[cell]),
                Self.number(z[cell]), Self.number(p[cell]), classes[cell] == .none ? "no" : classes[cell].rawValue,
                Self.number(adjustedP[cell]), poissonP.map { Self.number($0[cell]) } ?? "",
            ]) + "\n"
        }
        return text
    }

    /// A JSON object: `grid`, `settings`, `summary` and `cells` (one object per cell, with the CSV's
    /// fields; `significant` is `"hot"`, `"cold"` or `null`; undefined numbers are `null`).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(HotSpotJSON(self)), as: UTF8.self) + "\n"
    }

    /// A summary (cells, hot and cold spots, the Benjamini–Hochberg threshold, settings) and the
    /// `top` cells with the highest Gi* z-scores.
    public func table(top: Int = 10) -> String {
        var lines: [String] = []
        let total = values.reduce(0, +)
        lines.append("cells          \(grid.rows) rows × \(grid.columns) columns = \(grid.count), cell size \(Self.short(grid.cellSize))")
        if let pointCount { lines.append("points         \(pointCount)") }
        lines.append("total value    \(Self.short(total)) (mean \(Self.short(total / Double(grid.count))) per cell)")
        lines.append("KDE            quartic, search radius \(Self.short(bandwidth))")
        let test = options.permutations > 0
            ? "\(options.permutations) conditional permutations (\(options.draws.rawValue) draws, seed \(options.seed)), \(options.alternative.rawValue) p"
            : "normal approximation, \(options.alternative.rawValue) p"
        lines.append("Gi*            \(options.weights) weights + the cell itself; \(test)")
        let thresholdText = threshold.map { "p ≤ \(Self.short($0))" } ?? "no cell significant"
        lines.append("BH (FDR \(Self.short(options.alpha)))  \(hotCount) hot spot\(hotCount == 1 ? "" : "s"), \(coldCount) cold spot\(coldCount == 1 ? "" : "s"); threshold \(thresholdText)")
        if let poissonP {
            let bonferroni = options.alpha / Double(grid.count)
            let flagged = poissonP.reduce(0) { $0 + ($1 <= bonferroni ? 1 : 0) }
            lines.append("Poisson        \(flagged) cell\(flagged == 1 ? "" : "s") with P(X ≥ count) ≤ α/cells = \(Self.short(bonferroni)) (Bonferroni)")
        }
        if let pai = predictionAccuracy {
            lines.append("PAI            \(Self.short(pai.index)): the top \(pai.selectedCells) cells (\(Self.short(100 * pai.areaShare)) % of the area) "
                + "hold \(Self.short(pai.hits)) of \(Self.short(pai.total)) test events (\(Self.short(100 * pai.hitRate)) %)")
        }
        if options.permutations > 0, Double(options.permutations + 1) * options.alpha < Double(grid.count) {
            let needed = Int((Double(grid.count) / (Double(options.permutations + 1) * options.alpha)).rounded(.up))
            lines.append("note           the smallest p is 1/(P + 1) = \(Self.short(1 / Double(options.permutations + 1))); BH over \(grid.count) cells calls no cell "
                + "significant unless at least \(needed) cells reach that floor; --permutations \(Int((Double(grid.count) / options.alpha).rounded(.up))) removes this limit")
        }
        let order = (0..<grid.count).filter { !z[$0].isNaN }.sorted { z[$0] > z[$1] || (z[$0] == z[$1] && $0 < $1) }
        let shown = order.prefix(max(0, top))
        if !shown.isEmpty {
            lines.append("")
            let header = ["row", "col", "value", "density", "gi_z", "gi_p", "p_adjusted", "significant"]
            let body = shown.map { cell in
                [String(grid.row(of: cell)), String(grid.column(of: cell)), Self.short(values[cell]), String(format: "%.2f", density[cell]),
                 String(format: "%.3f", z[cell]), Self.short(p[cell]), Self.short(adjustedP[cell]),
                 classes[cell] == .none ? "no" : classes[cell].rawValue]
            }
            let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
            for cells in [header] + body {
                lines.append(cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The shortest round-trip text of a double; empty for NaN.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// Up to 4 significant digits, for the summary.
    static func short(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.4g", value)
    }
}

/// The JSON form of a ``HotSpotReport`` (snake_case keys; `null` for undefined numbers).
struct HotSpotJSON: Encodable {
    struct Grid: Encodable {
        var originX: Double, originY: Double, cellSize: Double, rows: Int, columns: Int, row0 = "south"
        enum CodingKeys: String, CodingKey {
            case originX = "origin_x", originY = "origin_y", cellSize = "cell_size", rows, columns, row0 = "row_0"
        }
    }
    struct Settings: Encodable {
        var weights: String, bandwidth: Double, permutations: Int, seed: UInt64, alpha: Double, alternative: String, draws: String
    }
    struct PAI: Encodable {
        var areaShare: Double, cells: Int, hits: Double, testEvents: Double, hitRate: Double, index: Nullable<Double>
        enum CodingKeys: String, CodingKey {
            case areaShare = "area_share", cells, hits, testEvents = "test_events", hitRate = "hit_rate", index
        }
    }
    struct Summary: Encodable {
        var cells: Int, points: Nullable<Int>, total: Double, hot: Int, cold: Int, threshold: Nullable<Double>, pai: PAI?
    }
    struct Cell: Encodable {
        var row: Int, col: Int, value: Nullable<Double>, density: Nullable<Double>, giZ: Nullable<Double>, giP: Nullable<Double>
        var giPAdjusted: Nullable<Double>, significant: Nullable<String>, poissonP: Nullable<Double>
        enum CodingKeys: String, CodingKey {
            case row, col, value, density, giZ = "gi_z", giP = "gi_p", giPAdjusted = "gi_p_adjusted", significant, poissonP = "poisson_p"
        }
    }

    var grid: Grid
    var settings: Settings
    var summary: Summary
    var cells: [Cell]

    init(_ report: HotSpotReport) {
        let grid = report.grid, options = report.options
        self.grid = Grid(originX: grid.originX, originY: grid.originY, cellSize: grid.cellSize, rows: grid.rows, columns: grid.columns)
        settings = Settings(
            weights: "\(options.weights)", bandwidth: report.bandwidth, permutations: options.permutations, seed: options.seed,
            alpha: options.alpha, alternative: options.alternative.rawValue, draws: options.draws.rawValue)
        summary = Summary(
            cells: grid.count, points: Nullable(report.pointCount), total: report.values.reduce(0, +), hot: report.hotCount,
            cold: report.coldCount, threshold: Nullable(report.threshold),
            pai: report.predictionAccuracy.map { pai in
                PAI(areaShare: pai.areaShare, cells: pai.selectedCells, hits: pai.hits, testEvents: pai.total, hitRate: pai.hitRate,
                    index: .finite(pai.index))
            })
        cells = (0..<grid.count).map { cell in
            Cell(
                row: grid.row(of: cell), col: grid.column(of: cell), value: .finite(report.values[cell]), density: .finite(report.density[cell]),
                giZ: .finite(report.z[cell]), giP: .finite(report.p[cell]), giPAdjusted: .finite(report.adjustedP[cell]),
                significant: Nullable(report.classes[cell] == .none ? nil : report.classes[cell].rawValue),
                poissonP: .finite(report.poissonP?[cell]))
        }
    }
}
