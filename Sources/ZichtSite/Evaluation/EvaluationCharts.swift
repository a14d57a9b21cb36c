import Foundation
import ZichtAnalysis

/// SVG charts of an evaluation: monthly counts with the start marked, and the event-study
/// coefficients with their intervals. Both carry a title and a description for screen readers;
/// the page shows the same numbers in a table.
enum EvaluationCharts {
    static let colors = ["#0072b2", "#d55e00", "#009e73"]
    static let dashes = ["", "6 4", "2 3"]

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Monthly counts of several series; a vertical line marks the first month after the start.
    /// Values of −1 are counts below `threshold`: drawn at half the threshold inside a grey band, so
    /// that small counts cannot be read from the chart.
    static func monthly(id: String, title: String, summary: String, months: [Int], series: [(name: String, values: [Int])], startIndex: Int, threshold: Int) -> String {
        let width = 640.0, height = 300.0, left = 48.0, right = 150.0, top = 16.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxValue = Double(max(series.flatMap(\.values).max() ?? 1, threshold, 1))
        let step = LineChart.niceStep(maxValue / 4)
        let yMax = (maxValue / step).rounded(.up) * step
        func x(_ index: Double) -> Double { left + plotWidth * index / Double(max(months.count - 1, 1)) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / yMax) }
        var svg = HTMLWriter(capacity: 8192)
        svg.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(Int(width)) \(Int(height))", "class": "chart", "role": "img",
            "aria-labelledby": "\(id)-title \(id)-desc", "focusable": "false",
        ])
        svg.element("title", ["id": "\(id)-title"], text: title)
        svg.element("desc", ["id": "\(id)-desc"], text: summary)
        var tick = 0.0
        while tick <= yMax + step / 2 {
            svg.selfClosing("line", ["x1": f(left), "x2": f(left + plotWidth), "y1": f(y(tick)), "y2": f(y(tick)), "class": "grid"])
            svg.element("text", ["x": f(left - 8), "y": f(y(tick) + 4), "text-anchor": "end", "class": "axis"], text: DutchNumber.format(tick, decimals: 0))
            tick += step
        }
        svg.selfClosing("rect", ["x": f(left), "y": f(y(Double(threshold))), "width": f(plotWidth), "height": f(y(0) - y(Double(threshold))), "fill": "#e6e6e6"])
        for (index, month) in months.enumerated() where month % 12 == 0 || index == 0 {
            svg.element("text", ["x": f(x(Double(index))), "y": f(height - bottom + 20), "text-anchor": "middle", "class": "axis"], text: String(month / 12))
        }
        let startX = x(Double(startIndex) - 0.5)
        svg.selfClosing("line", ["x1": f(startX), "x2": f(startX), "y1": f(top), "y2": f(top + plotHeight), "stroke": "#1a1a1a", "stroke-width": "1.5", "stroke-dasharray": "4 3"])
        svg.element("text", ["x": f(startX + 4), "y": f(top + 12), "class": "legend"], text: "start")
        for (number, line) in series.enumerated() {
            let points = line.values.enumerated().map { "\(f(x(Double($0.offset)))),\(f(y($0.element < 0 ? Double(threshold) / 2 : Double($0.element))))" }.joined(separator: " ")
            svg.selfClosing("polyline", [
                "points": points, "fill": "none", "stroke": colors[number % 3], "stroke-width": "2",
                "stroke-dasharray": dashes[number % 3].isEmpty ? nil : dashes[number % 3],
            ])
            let legendY = top + 18 + Double(number) * 22
            svg.selfClosing("line", [
                "x1": f(width - right + 10), "x2": f(width - right + 34), "y1": f(legendY - 4), "y2": f(legendY - 4), "stroke": colors[number % 3],
                "stroke-width": "2.5", "stroke-dasharray": dashes[number % 3].isEmpty ? nil : dashes[number % 3],
            ])
            svg.element("text", ["x": f(width - right + 40), "y": f(legendY), "class": "legend"], text: line.name)
        }
        svg.close("svg")
        return svg.output
    }

    /// Event-study coefficients as rate ratios on a log scale, with 95 % intervals; the reference
    /// month (−1) is 1 by definition.
    static func eventStudy(id: String, title: String, summary: String, points: [(relative: Int, ratio: Double, low: Double, high: Double)]) -> String {
        let width = 640.0, height = 280.0, left = 56.0, right = 16.0, top = 16.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let logs = points.flatMap { [log($0.low), log($0.high)] }.filter(\.isFinite)
        let span = max(abs(logs.min() ?? -0.5), abs(logs.max() ?? 0.5), log(1.5))
        let first = points.map(\.relative).min() ?? -1, last = points.map(\.relative).max() ?? 1
        func x(_ relative: Int) -> Double { left + plotWidth * Double(relative - first) / Double(max(last - first, 1)) }
        func y(_ ratio: Double) -> Double { top + plotHeight * (1 - (log(ratio) + span) / (2 * span)) }
        var svg = HTMLWriter(capacity: 8192)
        svg.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(Int(width)) \(Int(height))", "class": "chart", "role": "img",
            "aria-labelledby": "\(id)-title \(id)-desc", "focusable": "false",
        ])
        svg.element("title", ["id": "\(id)-title"], text: title)
        svg.element("desc", ["id": "\(id)-desc"], text: summary)
        // Gridlines at ratios at least 24 units apart on the chart, so that their labels never overlap.
        let candidates = span > log(3) ? [0.1, 0.25, 0.5, 1, 2, 4, 10] : [0.5, 0.75, 1, 1.5, 2]
        var lastY = -Double.infinity
        for ratio in candidates.reversed() where abs(log(ratio)) <= span {
            guard y(ratio) - lastY >= 24 || ratio == 1 else { continue }
            lastY = y(ratio)
            svg.selfClosing("line", ["x1": f(left), "x2": f(left + plotWidth), "y1": f(y(ratio)), "y2": f(y(ratio)), "class": ratio == 1 ? "axis-line" : "grid", "stroke": ratio == 1 ? "#1a1a1a" : nil])
            svg.element("text", ["x": f(left - 8), "y": f(y(ratio) + 4), "text-anchor": "end", "class": "axis"], text: DutchNumber.format(ratio, decimals: 2))
        }
        for relative in stride(from: first, through: last, by: 1) where relative % 6 == 0 {
            svg.element("text", ["x": f(x(relative)), "y": f(height - bottom + 20), "text-anchor": "middle", "class": "axis"], text: String(relative))
        }
        svg.selfClosing("line", ["x1": f(x(0) - plotWidth / Double(2 * max(last - first, 1))), "x2": f(x(0) - plotWidth / Double(2 * max(last - first, 1))), "y1": f(top), "y2": f(top + plotHeight), "stroke": "#1a1a1a", "stroke-dasharray": "4 3"])
        for point in points {
            let low = max(point.low, exp(-span)), high = min(point.high, exp(span))
            svg.selfClosing("line", ["x1": f(x(point.relative)), "x2": f(x(point.relative)), "y1": f(y(low)), "y2": f(y(high)), "stroke": colors[point.relative < 0 ? 0 : 1], "stroke-width": "1.5"])
            svg.selfClosing("circle", ["cx": f(x(point.relative)), "cy": f(y(min(max(point.ratio, exp(-span)), exp(span)))), "r": "3", "fill": colors[point.relative < 0 ? 0 : 1]])
        }
        svg.close("svg")
        return svg.output
    }
}
