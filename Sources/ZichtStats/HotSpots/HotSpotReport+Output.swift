import Foundation

/// Text forms of a ``HotSpotReport``: CSV and JSON with one record per cell, and a short summary
/// table. Numbers use a decimal point and the shortest text that reads back as the same double;
/// undefined numbers (NaN) are empty in CSV and `null` in JSON.
extension HotSpotReport {
    /// The CSV columns, in order.
    public static let csvColumns = ["row", "col", "value", "density", "gi_z", "gi_p", "significant", "gi_p_adjusted", "poisson_p"]

    /// One line per cell, in grid order: `row,col,value,density,gi_z,gi_p,significant,gi_p_adjusted,poisson_p`.
    ///
    /// `significant` is `hot`, `cold` or `no` (after Benjamini–Hochberg at `alpha`); `poisson_p` is
    /// empty when the values are not whole counts.
    public func csv() -> String {
        var text = Self.csvColumns.joined(separator: ",") + "\n"
        text.reserveCapacity(grid.count * 96)
        for cell in 0..<grid.count {
            text += "\(grid.row(of: cell)),\(grid.column(of: cell)),"
            text += Self.number(values[cell]) + "," + Self.number(density[cell]) + ","
            text += Self.number(z[cell]) + "," + Self.number(p[cell]) + ","
            text += (classes[cell] == .none ? "no" : classes[cell].rawValue) + ","
            text += Self.number(adjustedP[cell]) + ","
            text += (poissonP.map { Self.number($0[cell]) } ?? "") + "\n"
        }
        return text
    }

    /// A JSON object: `grid`, `settings`, `summary` and `cells` (one object per cell, with the CSV's
    /// fields; `significant` is `"hot"`, `"cold"` or `null`).
    public func json() -> String {
        var text = "{\n"
        text += "  \"grid\": {\"origin_x\": \(Self.number(grid.originX)), \"origin_y\": \(Self.number(grid.originY)), "
        text += "\"cell_size\": \(Self.number(grid.cellSize)), \"rows\": \(grid.rows), \"columns\": \(grid.columns), "
        text += "\"row_0\": \"south\"},\n"
        text += "  \"settings\": {\"weights\": \"\(options.weights)\", \"bandwidth\": \(Self.number(bandwidth)), "
        text += "\"permutations\": \(options.permutations), \"seed\": \(options.seed), \"alpha\": \(Self.number(options.alpha)), "
        text += "\"alternative\": \"\(options.alternative.rawValue)\", \"draws\": \"\(options.draws.rawValue)\"},\n"
        text += "  \"summary\": {\"cells\": \(grid.count), \"points\": \(pointCount.map(String.init) ?? "null"), "
        text += "\"total\": \(Self.number(values.reduce(0, +))), \"hot\": \(hotCount), \"cold\": \(coldCount), "
        text += "\"threshold\": \(threshold.map(Self.number) ?? "null")"
        if let pai = predictionAccuracy {
            text += ", \"pai\": {\"area_share\": \(Self.number(pai.areaShare)), \"cells\": \(pai.selectedCells), "
            text += "\"hits\": \(Self.number(pai.hits)), \"test_events\": \(Self.number(pai.total)), \"hit_rate\": \(Self.number(pai.hitRate)), "
            text += "\"index\": \(Self.jsonNumber(pai.index))}"
        }
        text += "},\n"
        text += "  \"cells\": [\n"
        text.reserveCapacity(grid.count * 170)
        for cell in 0..<grid.count {
            text += "    {\"row\": \(grid.row(of: cell)), \"col\": \(grid.column(of: cell)), "
            text += "\"value\": \(Self.jsonNumber(values[cell])), \"density\": \(Self.jsonNumber(density[cell])), "
            text += "\"gi_z\": \(Self.jsonNumber(z[cell])), \"gi_p\": \(Self.jsonNumber(p[cell])), "
            text += "\"gi_p_adjusted\": \(Self.jsonNumber(adjustedP[cell])), "
            text += "\"significant\": \(classes[cell] == .none ? "null" : "\"\(classes[cell].rawValue)\""), "
            text += "\"poisson_p\": \(poissonP.map { Self.jsonNumber($0[cell]) } ?? "null")}"
            text += cell + 1 < grid.count ? ",\n" : "\n"
        }
        text += "  ]\n}\n"
        return text
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

    static func jsonNumber(_ value: Double) -> String {
        value.isFinite ? number(value) : "null"
    }

    /// Up to 4 significant digits, for the summary.
    static func short(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.4g", value)
    }
}
