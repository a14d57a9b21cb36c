/// Fits RD coordinates into an SVG viewBox: scaled to a given width with the aspect ratio kept,
/// y flipped (SVG's y grows downwards, RD's northwards), and written as SVG path data with a
/// limited number of decimals.
///
/// ```swift
/// let projection = MapProjection(bounds: box, width: 600, padding: 4)
/// svg += "<svg viewBox=\"\(projection.viewBox)\">"
/// svg += "<path d=\"\(projection.pathData(buurt.geometry))\"/>"
/// ```
public struct MapProjection: Sendable, Hashable {
    /// The RD box that is fitted.
    public let bounds: BoundingBox
    /// The viewBox width and height, in SVG user units.
    public let width: Double
    public let height: Double
    /// Blank space on every side, in SVG user units.
    public let padding: Double
    /// SVG units per metre.
    public let scale: Double
    /// Decimals written in path data.
    public let decimals: Int

    /// - Parameters:
    ///   - bounds: the RD box to show (for example the box around all buurten).
    ///   - width: the viewBox width; the height follows from the box's aspect ratio.
    ///   - padding: space kept free on every side, inside `width`.
    ///   - decimals: decimals in path data (0…6); 1 is plenty for a map a few hundred units wide.
    public init(bounds: BoundingBox, width: Double, padding: Double = 0, decimals: Int = 1) {
        precondition(width > 2 * padding, "width must exceed twice the padding")
        self.bounds = bounds
        self.width = width
        self.padding = padding
        self.decimals = min(max(decimals, 0), 6)
        let inner = width - 2 * padding
        if bounds.width > 0 {
            scale = inner / bounds.width
        } else if bounds.height > 0 {
            scale = inner / bounds.height  // a vertical line: make it as tall as the width
        } else {
            scale = 1
        }
        height = bounds.height * scale + 2 * padding
    }

    /// The `viewBox` attribute value: `0 0 width height`.
    public var viewBox: String {
        "0 0 \(SVGNumber.format(width, decimals: decimals)) \(SVGNumber.format(height, decimals: decimals))"
    }

    /// The SVG position of an RD point.
    public func project(_ point: Point) -> Point {
        Point(x: padding + (point.x - bounds.minX) * scale, y: padding + (bounds.maxY - point.y) * scale)
    }

    /// Path data for a polygon: `M x y L x y … Z` per ring. Points that round to the same position
    /// as the previous one are left out; rings that round to fewer than 3 positions are dropped.
    public func pathData(_ polygon: Polygon) -> String {
        var text = ""
        appendPath(polygon, to: &text)
        return text
    }

    /// Path data for every part of a multipolygon, in one string (draw with `fill-rule="evenodd"`).
    public func pathData(_ geometry: MultiPolygon) -> String {
        var text = ""
        for polygon in geometry.polygons { appendPath(polygon, to: &text) }
        return text
    }

    private func appendPath(_ polygon: Polygon, to text: inout String) {
        let factor = SVGNumber.factor(decimals)
        for ring in polygon.rings {
            // Round to the written grid first, so that repeated points can be skipped exactly.
            var rounded: [(Int64, Int64)] = []
            rounded.reserveCapacity(ring.count)
            for point in ring {
                let projected = project(point)
                let cell = (SVGNumber.scaled(projected.x, factor), SVGNumber.scaled(projected.y, factor))
                if rounded.last.map({ $0 != cell }) ?? true { rounded.append(cell) }
            }
            if rounded.count > 1, rounded.first! == rounded.last! { rounded.removeLast() }
            guard rounded.count >= 3 else { continue }
            for (index, cell) in rounded.enumerated() {
                if !text.isEmpty { text += " " }
                text += index == 0 ? "M" : "L"
                text += SVGNumber.format(scaled: cell.0, decimals: decimals)
                text += " "
                text += SVGNumber.format(scaled: cell.1, decimals: decimals)
            }
            text += " Z"
        }
    }
}

/// Short decimal text for SVG numbers: at most `decimals` decimals, no trailing zeros, no "-0".
enum SVGNumber {
    static func factor(_ decimals: Int) -> Double {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        return factor
    }

    /// `value` × 10^decimals, rounded half away from zero.
    @inline(__always)
    static func scaled(_ value: Double, _ factor: Double) -> Int64 {
        Int64((value * factor).rounded())
    }

    static func format(_ value: Double, decimals: Int) -> String {
        format(scaled: scaled(value, factor(decimals)), decimals: decimals)
    }

    /// The text of `scaled` / 10^decimals.
    static func format(scaled: Int64, decimals: Int) -> String {
        let negative = scaled < 0
        var digits = String(scaled.magnitude)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            var fraction = digits.suffix(decimals)
            while fraction.last == "0" { fraction = fraction.dropLast() }
            let whole = digits.dropLast(decimals)
            digits = fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
        }
        return negative && digits != "0" ? "-" + digits : digits
    }
}
