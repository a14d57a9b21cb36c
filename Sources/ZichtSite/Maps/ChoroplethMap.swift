import Foundation
import ZichtStats

/// A choropleth map of areas (wijken, buurten), rendered at build time as SVG, with a text summary
/// and a data table as its accessible alternative.
///
/// Each area is filled with the blue of its class (``SequentialPalette``); areas without a figure
/// are hatched grey and get the legend entry "geen gegevens". The legend sits below the map, so the
/// map keeps its full width on a 320 px screen; its text is 1/22 of the map width, at least 12 px
/// when the map is drawn 273 px wide (a 320 px screen less the page margins and a 15 px scrollbar).
///
/// Classes are applied to values *as shown*: values and class bounds are first rounded to
/// `classLabelDecimals` (as ``DutchNumber/format(_:decimals:)`` rounds), so an area shown as "5,9"
/// is always in the class labelled "4,0 – 5,9". Bounds that coincide after rounding merge their
/// classes. Values outside the bounds fall in the first or last class, whose label then widens.
///
/// ```swift
/// let breaks = try Classification.jenks(values: areas.compactMap(\.value), classes: 5)
/// let map = ChoroplethMap(id: "veiligheid-buurt", title: "Rapportcijfer veiligheid in de buurt, 2014",
///                         unit: "", areas: areas, breaks: breaks, classLabelDecimals: 1,
///                         frame: .init(width: 400, height: 460), areaNoun: .buurt)
/// html.raw(map.html())
/// ```
public struct ChoroplethMap: Sendable {
    /// One area of the map.
    public struct Area: Sendable, Equatable {
        /// The CBS code, such as `BU01931000`; written as `data-code` on the area's path.
        public var code: String
        public var name: String
        /// SVG path data, already projected into the map's ``Frame`` (x right, y down). Holes are
        /// filled even-odd, so rings may wind either way.
        public var path: String
        /// The figure; nil when there is none (the area is then hatched: unknown is never 0).
        public var value: Double?
        /// Text shown instead of the formatted value, for example "< 5" for a count that may not be
        /// published. The value, when present, still decides the class.
        public var displayText: String?

        public init(code: String, name: String, path: String, value: Double?, displayText: String? = nil) {
            self.code = code
            self.name = name
            self.path = path
            self.value = value
            self.displayText = displayText
        }
    }

    /// The box that the area paths were projected into, in SVG user units, origin top left.
    public struct Frame: Sendable, Equatable {
        public var width: Double
        public var height: Double
        public init(width: Double, height: Double) {
            precondition(width > 0 && height > 0, "a map frame needs a positive width and height")
            self.width = width
            self.height = height
        }
    }

    /// The word for the areas in the summary and table, singular and plural.
    public struct AreaNoun: Sendable, Equatable {
        public var singular: String
        public var plural: String
        public init(singular: String, plural: String) {
            self.singular = singular
            self.plural = plural
        }
        public static let buurt = AreaNoun(singular: "buurt", plural: "buurten")
        public static let wijk = AreaNoun(singular: "wijk", plural: "wijken")
        public static let gebied = AreaNoun(singular: "gebied", plural: "gebieden")

        func counted(_ count: Int) -> String { "\(count) \(count == 1 ? singular : plural)" }
    }

    /// A class as the map shows it.
    public struct MapClass: Sendable, Equatable {
        /// The bounds as shown (rounded to `classLabelDecimals`), both included.
        public var lower: Double
        public var upper: Double
        public var color: String
        /// "4,0 – 5,9", for the legend.
        public var label: String
        /// "4,0 tot en met 5,9", for text that is read aloud (summary and table).
        public var spokenLabel: String
        /// How many areas fall in this class.
        public var areaCount: Int
    }

    public let id: String
    public let title: String
    public let unit: String
    public let areas: [Area]
    public let classLabelDecimals: Int
    public let frame: Frame
    public let areaNoun: AreaNoun
    /// The classes, lowest first, after rounding the bounds.
    public let classes: [MapClass]
    /// The class index of each area, in the order of `areas`; nil for areas without a value.
    public let classIndices: [Int?]

    /// - Parameters:
    ///   - id: a prefix for the element ids inside the SVG; unique on its page. Characters other than
    ///     ASCII letters, digits, `-` and `_` are replaced by `-`.
    ///   - title: what the map shows, with the period: "Misdrijven per 1.000 inwoners, 2023".
    ///   - unit: written after each value and as the legend heading: "per 1.000 inwoners". May be
    ///     empty when the title says it all (a rapportcijfer).
    ///   - areas: the areas, drawn and listed in this order.
    ///   - breaks: the class bounds, for example from ``Classification/jenks(values:classes:)``.
    ///   - classLabelDecimals: decimals of values and class bounds, 0 or more.
    ///   - frame: the box the area paths were projected into.
    ///   - areaNoun: "buurt"/"buurten" or another word for the areas.
    /// - Precondition: after rounding, at most ``SequentialPalette/maximumClassCount`` classes.
    public init(id: String, title: String, unit: String, areas: [Area], breaks: ClassBreaks,
                classLabelDecimals: Int = 1, frame: Frame, areaNoun: AreaNoun = .gebied) {
        precondition(classLabelDecimals >= 0, "decimals cannot be negative")
        self.id = String(id.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_") ? Character(scalar) : "-"
        })
        self.title = title
        self.unit = unit
        self.areas = areas
        self.classLabelDecimals = classLabelDecimals
        self.frame = frame
        self.areaNoun = areaNoun

        // Work in whole units of the last shown decimal, so comparisons are exact.
        let scale = pow(10, Double(classLabelDecimals))
        func shown(_ value: Double) -> Double { (value * scale).rounded() }
        var uppers: [Double] = []
        for bound in breaks.upperBounds {
            let rounded = shown(bound)
            if let last = uppers.last, rounded <= last { continue }
            uppers.append(rounded)
        }
        precondition(uppers.count <= SequentialPalette.maximumClassCount,
                     "a map shows at most \(SequentialPalette.maximumClassCount) classes, got \(uppers.count)")
        let shownValues = areas.map { $0.value.flatMap { $0.isFinite ? shown($0) : nil } }
        classIndices = shownValues.map { value in
            value.map { value in uppers.firstIndex { value <= $0 } ?? uppers.count - 1 }
        }
        let present = shownValues.compactMap { $0 }
        let lowest = min(shown(breaks.minimum), present.min() ?? .infinity)
        let highest = max(uppers[uppers.count - 1], present.max() ?? -.infinity)
        let colors = SequentialPalette.blues(classes: uppers.count)
        var counts = [Int](repeating: 0, count: uppers.count)
        for case let index? in classIndices { counts[index] += 1 }
        classes = uppers.indices.map { index in
            let lower = (index == 0 ? lowest : uppers[index - 1] + 1) / scale
            let upper = (index == uppers.count - 1 ? highest : uppers[index]) / scale
            let lowerText = DutchNumber.format(lower, decimals: classLabelDecimals)
            let upperText = DutchNumber.format(upper, decimals: classLabelDecimals)
            let same = lowerText == upperText
            return MapClass(
                lower: lower, upper: upper, color: colors[index],
                label: same ? lowerText : "\(lowerText) – \(upperText)",
                spokenLabel: same ? lowerText : "\(lowerText) tot en met \(upperText)",
                areaCount: counts[index])
        }
    }

    /// The value of an area as shown: "6,5 per 1.000 inwoners", its display text, or "geen gegevens".
    public func valueText(of area: Area) -> String {
        if area.displayText == nil, let value = area.value, value.isFinite, !unit.isEmpty {
            return "\(DutchNumber.format(value, decimals: classLabelDecimals)) \(unit)"
        }
        return numberText(of: area)
    }

    /// The value without its unit: "6,5", the display text, or "geen gegevens".
    func numberText(of area: Area) -> String {
        if let text = area.displayText { return text }
        guard let value = area.value, value.isFinite else { return "geen gegevens" }
        return DutchNumber.format(value, decimals: classLabelDecimals)
    }

    var hasAreasWithoutValue: Bool { classIndices.contains(nil) }

    // MARK: SVG

    var fontSize: Double { frame.width / 22 }

    /// The map as an inline `<svg>` element: areas, then the legend below them.
    public func svg() -> String {
        let font = fontSize
        let legend = legendLayout()
        let height = frame.height + legend.height
        let hatch = "\(id)-geen-gegevens"
        var svg = HTMLWriter(capacity: areas.reduce(4096) { $0 + $1.path.utf8.count + 128 })
        svg.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(Self.f(frame.width)) \(Self.f(height))", "class": "map",
            "role": "img", "aria-labelledby": "\(id)-title \(id)-desc", "focusable": "false",
        ])
        svg.element("title", ["id": "\(id)-title"], text: "Kaart: \(title)")
        svg.element("desc", ["id": "\(id)-desc"], text: summary())
        if hasAreasWithoutValue {
            let step = Self.f(max(frame.width / 80, 3))
            svg.element("defs") { svg in
                svg.element("pattern", [
                    "id": hatch, "patternUnits": "userSpaceOnUse", "width": step, "height": step, "patternTransform": "rotate(45)",
                ]) { svg in
                    svg.selfClosing("rect", ["width": step, "height": step, "fill": SequentialPalette.noDataFill])
                    svg.selfClosing("line", ["x1": "0", "y1": "0", "x2": "0", "y2": step, "stroke": SequentialPalette.noDataHatch, "stroke-width": Self.f(max(frame.width / 320, 1))])
                }
            }
        }
        // Even-odd filling cuts out holes (enclaves) whatever the winding of their rings.
        svg.open("g", [
            "class": "map-areas", "stroke": SequentialPalette.border, "stroke-width": "1", "stroke-linejoin": "round", "fill-rule": "evenodd",
        ])
        for (area, classIndex) in zip(areas, classIndices) {
            let fill = classIndex.map { classes[$0].color } ?? "url(#\(hatch))"
            svg.element("path", ["d": area.path, "fill": fill, "vector-effect": "non-scaling-stroke", "data-code": area.code]) { svg in
                svg.element("title", text: "\(area.name): \(valueText(of: area))")
            }
        }
        svg.close("g")
        // Legend below the map.
        svg.open("g", ["class": "map-legend", "font-size": Self.f(font), "font-family": "Liberation Sans, Arial, Helvetica, sans-serif", "fill": "#1a1a1a"])
        var y = frame.height + font
        for line in legend.headingLines {
            y += font * 1.25
            svg.element("text", ["x": "0", "y": Self.f(y), "font-weight": "bold"], text: line)
        }
        y += font * 0.5
        let swatchWidth = font * 1.8, swatchHeight = font * 1.1, rowHeight = font * 1.6
        var rows = classes.map { (fill: $0.color, label: $0.label) }
        if hasAreasWithoutValue { rows.append((fill: "url(#\(hatch))", label: "geen gegevens")) }
        for row in rows {
            svg.selfClosing("rect", [
                "x": "0.5", "y": Self.f(y + (rowHeight - swatchHeight) / 2), "width": Self.f(swatchWidth), "height": Self.f(swatchHeight),
                "fill": row.fill, "stroke": SequentialPalette.swatchOutline, "stroke-width": "1", "vector-effect": "non-scaling-stroke",
            ])
            svg.element("text", ["x": Self.f(swatchWidth + font * 0.6), "y": Self.f(y + rowHeight / 2 + font * 0.35)], text: row.label)
            y += rowHeight
        }
        svg.close("g")
        svg.close("svg")
        return svg.output
    }

    /// The legend heading (the unit, or "Legenda"), wrapped to the map width, and the legend height.
    func legendLayout() -> (headingLines: [String], height: Double) {
        let heading = unit.isEmpty ? "Legenda" : unit.prefix(1).uppercased() + unit.dropFirst()
        // Liberation Sans bold averages under 0.6 em a character; wrap on that, conservatively.
        let charactersPerLine = max(8, Int(frame.width / (fontSize * 0.6)))
        let lines = Self.wrap(heading, width: charactersPerLine)
        let rows = classes.count + (hasAreasWithoutValue ? 1 : 0)
        let height = fontSize + Double(lines.count) * fontSize * 1.25 + fontSize * 0.5 + Double(rows) * fontSize * 1.6 + fontSize * 0.5
        return (lines, height)
    }

    /// Greedy word wrap; a word longer than a line gets a line of its own.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// A coordinate with at most two decimals and no trailing zeros.
    static func f(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
