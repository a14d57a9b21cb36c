import Foundation
import ZichtStats

/// A map of a hot-spot grid (``HotSpotReport``), rendered at build time as SVG: every cell filled
/// by its Gi* class, with a `<title>` per cell, a legend below the map and a plain-Dutch summary as
/// its text alternative.
///
/// Colours differ in lightness as well as hue, so the classes read in grey print and with every
/// kind of colour-vision deficiency: hot spots dark red (`#a50f15`, L* ≈ 33), cold spots light blue
/// (`#92c5de`, L* ≈ 77), cells that are not significant near-white grey (`#f0f0f0`). Row 0 of the
/// grid is its southern row, so it is drawn at the bottom.
///
/// Cell values are counts at a level below the buurt, so a value below `disclosureThreshold`
/// (default 5) is shown as "< 5" in the cell titles; the summary names cells by row and column and
/// z-score, never by count.
///
/// Every cell is its own `<rect>` with a title, so the SVG grows with the grid: about 150 bytes a
/// cell (60 kB for 20 × 20 cells, 6 MB for 200 × 200). For large grids, aggregate to coarser cells
/// before drawing.
public struct HotSpotGridMap: Sendable {
    public static let hotFill = "#a50f15"
    public static let coldFill = "#92c5de"
    public static let neutralFill = "#f0f0f0"

    public let id: String
    public let title: String
    public let report: HotSpotReport
    /// What a value counts: ("melding", "meldingen").
    public let noun: (singular: String, plural: String)
    public let disclosureThreshold: Double
    /// The map's width in SVG user units; the height follows from the grid's shape.
    public let width: Double

    /// - Parameters:
    ///   - id: a prefix for the element ids inside the SVG; unique on its page.
    ///   - title: what the map shows, with the period: "Woninginbraken 2024: hot spots".
    ///   - report: the analysis to draw.
    ///   - noun: what a value counts, singular and plural.
    ///   - disclosureThreshold: counts below it are shown as "< threshold".
    ///   - width: the map's width in SVG user units.
    public init(
        id: String, title: String, report: HotSpotReport, noun: (singular: String, plural: String) = ("melding", "meldingen"),
        disclosureThreshold: Double = 5, width: Double = 400
    ) {
        precondition(width > 0, "a map needs a positive width")
        self.id = String(id.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_") ? Character(scalar) : "-"
        })
        self.title = title
        self.report = report
        self.noun = noun
        self.disclosureThreshold = disclosureThreshold
        self.width = width
    }

    var cellSide: Double { width / Double(report.grid.columns) }
    var mapHeight: Double { cellSide * Double(report.grid.rows) }
    var fontSize: Double { width / 22 }

    /// The text of a cell's value: the count, "< 5" below the threshold, or "geen waarde".
    func valueText(_ value: Double) -> String {
        guard value.isFinite else { return "geen waarde" }
        if value < disclosureThreshold && value > 0 {
            return "< \(DutchNumber.format(disclosureThreshold, decimals: 0)) \(noun.plural)"
        }
        let decimals = value.rounded() == value ? 0 : 1
        return "\(DutchNumber.format(value, decimals: decimals)) \(value == 1 ? noun.singular : noun.plural)"
    }

    func classText(_ cell: Int) -> String {
        switch report.classes[cell] {
        case .hot: "hot spot"
        case .cold: "cold spot"
        case .none: "niet significant"
        }
    }

    /// The title of one cell: "Rij 12, kolom 40: hot spot (Gi* z = 3,42); 17 meldingen".
    func cellTitle(_ cell: Int) -> String {
        let grid = report.grid
        let z = report.z[cell]
        let zText = z.isFinite ? "Gi* z = \(DutchNumber.format(z, decimals: 2))" : "Gi* z onbepaald"
        return "Rij \(grid.row(of: cell)), kolom \(grid.column(of: cell)): \(classText(cell)) (\(zText)); \(valueText(report.values[cell]))"
    }

    /// A summary for the SVG `<desc>` and the page.
    public func summary() -> String {
        let grid = report.grid
        let options = report.options
        var sentences = [title]
        sentences.append(
            "Raster van \(DutchNumber.format(Double(grid.rows), decimals: 0)) bij \(DutchNumber.format(Double(grid.columns), decimals: 0)) cellen van \(DutchNumber.format(grid.cellSize, decimals: grid.cellSize.rounded() == grid.cellSize ? 0 : 1)) meter")
        let fdr = DutchNumber.format(options.alpha * 100, decimals: options.alpha * 100 == (options.alpha * 100).rounded() ? 0 : 1)
        sentences.append(
            "\(report.hotCount) \(report.hotCount == 1 ? "cel is een hot spot" : "cellen zijn hot spots") en \(report.coldCount) "
                + "\(report.coldCount == 1 ? "cel is een cold spot" : "cellen zijn cold spots") (Getis–Ord Gi*, "
                + "\(options.permutations > 0 ? "\(DutchNumber.format(Double(options.permutations), decimals: 0)) permutaties" : "normale benadering"), "
                + "gecorrigeerd voor meervoudig toetsen met Benjamini–Hochberg bij een FDR van \(fdr) %)")
        let hottest = report.z.indices.filter { report.classes[$0] == .hot }
            .sorted { report.z[$0] > report.z[$1] || (report.z[$0] == report.z[$1] && $0 < $1) }
            .prefix(3)
        if !hottest.isEmpty {
            let listed = hottest.map {
                "rij \(grid.row(of: $0)), kolom \(grid.column(of: $0)) (z \(DutchNumber.format(report.z[$0], decimals: 1)))"
            }
            sentences.append("Hoogste z-waarden: \(listed.joined(separator: "; "))")
        }
        sentences.append("Rij 0 is de zuidelijkste rij")
        return sentences.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
    }

    /// The map as an inline `<svg>` element: the cells, then the legend below them.
    public func svg() -> String {
        let grid = report.grid
        let side = cellSide
        let font = fontSize
        let rowHeight = font * 1.6
        let legendRows: [(fill: String, label: String)] = [
            (Self.hotFill, "hot spot (\(report.hotCount))"),
            (Self.coldFill, "cold spot (\(report.coldCount))"),
            (Self.neutralFill, "niet significant (\(grid.count - report.hotCount - report.coldCount))"),
        ]
        let legendHeight = font * 2.75 + Double(legendRows.count) * rowHeight + font * 0.5
        var svg = HTMLWriter(capacity: 4096 + grid.count * 160)
        svg.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(ChoroplethMap.f(width)) \(ChoroplethMap.f(mapHeight + legendHeight))",
            "class": "map", "role": "img", "aria-labelledby": "\(id)-title \(id)-desc", "focusable": "false",
        ])
        svg.element("title", ["id": "\(id)-title"], text: "Kaart: \(title)")
        svg.element("desc", ["id": "\(id)-desc"], text: summary())
        svg.open("g", ["class": "map-cells", "stroke": "#ffffff", "stroke-width": side >= 4 ? "0.5" : "0", "shape-rendering": "crispEdges"])
        for cell in 0..<grid.count {
            let fill: String
            switch report.classes[cell] {
            case .hot: fill = Self.hotFill
            case .cold: fill = Self.coldFill
            case .none: fill = Self.neutralFill
            }
            let x = Double(grid.column(of: cell)) * side
            let y = Double(grid.rows - 1 - grid.row(of: cell)) * side
            svg.element("rect", [
                "x": ChoroplethMap.f(x), "y": ChoroplethMap.f(y), "width": ChoroplethMap.f(side), "height": ChoroplethMap.f(side),
                "fill": fill, "data-row": String(grid.row(of: cell)), "data-col": String(grid.column(of: cell)),
            ]) { svg in
                svg.element("title", text: cellTitle(cell))
            }
        }
        svg.close("g")
        svg.open("g", ["class": "map-legend", "font-size": ChoroplethMap.f(font), "font-family": "Liberation Sans, Arial, Helvetica, sans-serif", "fill": "#1a1a1a"])
        var y = mapHeight + font * 2.25
        svg.element("text", ["x": "0", "y": ChoroplethMap.f(y), "font-weight": "bold"], text: "Getis–Ord Gi*")
        y += font * 0.5
        let swatchWidth = font * 1.8, swatchHeight = font * 1.1
        for row in legendRows {
            svg.selfClosing("rect", [
                "x": "0.5", "y": ChoroplethMap.f(y + (rowHeight - swatchHeight) / 2), "width": ChoroplethMap.f(swatchWidth),
                "height": ChoroplethMap.f(swatchHeight), "fill": row.fill, "stroke": SequentialPalette.swatchOutline, "stroke-width": "1",
                "vector-effect": "non-scaling-stroke",
            ])
            svg.element("text", ["x": ChoroplethMap.f(swatchWidth + font * 0.6), "y": ChoroplethMap.f(y + rowHeight / 2 + font * 0.35)], text: row.label)
            y += rowHeight
        }
        svg.close("g")
        svg.close("svg")
        return svg.output
    }

    /// The whole block for a page: the summary and the map in a `<figure>`.
    public func html() -> String {
        var html = HTMLWriter(capacity: 8192 + report.grid.count * 160)
        html.element("p", ["class": "summary", "id": "\(id)-samenvatting"], text: summary())
        html.element("figure", ["class": "map-figure"]) { html in
            html.raw(svg())
            html.element("figcaption", text: "Kaart van de hot spots; beweeg over een cel of tik erop voor de waarden.")
        }
        return html.output
    }
}
