import Foundation

/// A small SVG line chart, rendered at build time: one line per series over shared x labels.
///
/// The chart is decoration for sighted readers; its data table is the accessible alternative, and
/// its `<title>`/`<desc>` carry a text summary. Colours are from the Okabe–Ito palette (distinguishable
/// with the common colour-vision deficiencies), and each series also has its own marker shape and
/// dash pattern, so colour is never the only cue.
struct LineChart {
    struct Series {
        var name: String
        /// One value per x label; nil leaves a gap.
        var values: [Double?]
    }

    var id: String
    var title: String
    var summary: String
    var xLabels: [String]
    var series: [Series]

    static let colors = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]
    static let dashes = ["", "6 4", "2 3", "8 3 2 3", "", "4 2"]

    func svg() -> String {
        let width = 640.0, height = 300.0
        let left = 56.0, right = 150.0, top = 16.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let all = series.flatMap { $0.values.compactMap { $0 } }
        let maxValue = max(all.max() ?? 1, 0.000_001)
        let step = Self.niceStep(maxValue / 4)
        let yMax = (maxValue / step).rounded(.up) * step
        func x(_ index: Int) -> Double {
            xLabels.count == 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(xLabels.count - 1)
        }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / yMax) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }

        var svg = HTMLWriter(capacity: 4096)
        svg.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(Int(width)) \(Int(height))", "class": "chart",
            "role": "img", "aria-labelledby": "\(id)-title \(id)-desc", "focusable": "false",
        ])
        svg.element("title", ["id": "\(id)-title"], text: title)
        svg.element("desc", ["id": "\(id)-desc"], text: summary)
        // Grid and y axis labels.
        var tick = 0.0
        while tick <= yMax + step / 2 {
            svg.selfClosing("line", ["x1": f(left), "x2": f(left + plotWidth), "y1": f(y(tick)), "y2": f(y(tick)), "class": "grid"])
            svg.element("text", ["x": f(left - 8), "y": f(y(tick) + 4), "text-anchor": "end", "class": "axis"],
                        text: DutchNumber.format(tick, decimals: step < 1 ? 1 : 0))
            tick += step
        }
        for (index, label) in xLabels.enumerated() {
            svg.element("text", ["x": f(x(index)), "y": f(height - bottom + 20), "text-anchor": "middle", "class": "axis"], text: label)
        }
        for (number, line) in series.enumerated() {
            let color = Self.colors[number % Self.colors.count]
            var segments: [[(Double, Double)]] = [[]]
            for (index, value) in line.values.enumerated() {
                if let value { segments[segments.count - 1].append((x(index), y(value))) } else { segments.append([]) }
            }
            for segment in segments where segment.count > 1 {
                svg.selfClosing("polyline", [
                    "points": segment.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "), "fill": "none", "stroke": color,
                    "stroke-width": "2.5", "stroke-dasharray": Self.dashes[number % Self.dashes.count].isEmpty ? nil : Self.dashes[number % Self.dashes.count],
                ])
            }
            for segment in segments {
                for point in segment { marker(number, point, color, &svg) }
            }
            // Legend.
            let legendY = top + 18 + Double(number) * 22
            marker(number, (width - right + 18, legendY - 4), color, &svg)
            svg.element("text", ["x": f(width - right + 30), "y": f(legendY), "class": "legend"], text: line.name)
        }
        svg.close("svg")
        return svg.output
    }

    private func marker(_ number: Int, _ point: (Double, Double), _ color: String, _ svg: inout HTMLWriter) {
        let (px, py) = point
        switch number % 3 {
        case 0:
            svg.selfClosing("circle", ["cx": String(format: "%.1f", px), "cy": String(format: "%.1f", py), "r": "4.5", "fill": color])
        case 1:
            svg.selfClosing("rect", ["x": String(format: "%.1f", px - 4), "y": String(format: "%.1f", py - 4), "width": "8", "height": "8", "fill": color])
        default:
            let points = [(px, py - 5.5), (px + 5, py + 4), (px - 5, py + 4)].map { String(format: "%.1f,%.1f", $0.0, $0.1) }
            svg.selfClosing("polygon", ["points": points.joined(separator: " "), "fill": color])
        }
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 else { return 1 }
        let power = pow(10, floor(log10(raw)))
        for factor in [1.0, 2, 5, 10] where factor * power >= raw { return factor * power }
        return 10 * power
    }
}
