/// The arithmetic of a uniform grid over a rectangle: which cell holds a point, and which cells a
/// segment passes through. Shared by ``PolygonIndex`` and the self-intersection check.
struct GridGeometry: Sendable {
    let minX: Double
    let minY: Double
    let cellWidth: Double
    let cellHeight: Double
    let columns: Int
    let rows: Int
    private let inverseWidth: Double
    private let inverseHeight: Double

    /// A grid of about `cellCount` cells, as square as the box allows, over `box`.
    init(box: BoundingBox, cellCount: Int) {
        let width = max(box.width, 0)
        let height = max(box.height, 0)
        let target = Double(max(cellCount, 1))
        var columns = 1
        var rows = 1
        if width > 0 && height > 0 {
            let side = (width * height / target).squareRoot()
            columns = Int((width / side).rounded(.up))
            rows = Int((height / side).rounded(.up))
        } else if width > 0 {
            columns = Int(target)
        } else if height > 0 {
            rows = Int(target)
        }
        columns = min(max(columns, 1), 1 << 15)
        rows = min(max(rows, 1), 1 << 15)
        self.init(minX: box.minX, minY: box.minY, width: width, height: height, columns: columns, rows: rows)
    }

    init(minX: Double, minY: Double, width: Double, height: Double, columns: Int, rows: Int) {
        self.minX = minX
        self.minY = minY
        self.columns = columns
        self.rows = rows
        // A degenerate extent still gets a cell of positive size, so that every division is finite.
        cellWidth = width > 0 ? width / Double(columns) : 1
        cellHeight = height > 0 ? height / Double(rows) : 1
        inverseWidth = 1 / cellWidth
        inverseHeight = 1 / cellHeight
    }

    var cellCount: Int { columns * rows }

    /// The column of `x`, clamped to the grid.
    @inline(__always)
    func column(_ x: Double) -> Int {
        let value = (x - minX) * inverseWidth
        if !(value >= 0) { return 0 }
        return min(Int(value), columns - 1)
    }

    /// The row of `y`, clamped to the grid.
    @inline(__always)
    func row(_ y: Double) -> Int {
        let value = (y - minY) * inverseHeight
        if !(value >= 0) { return 0 }
        return min(Int(value), rows - 1)
    }

    /// The centre of a cell.
    func center(column: Int, row: Int) -> Point {
        Point(x: minX + (Double(column) + 0.5) * cellWidth, y: minY + (Double(row) + 0.5) * cellHeight)
    }

    /// Calls `body(column, row)` for every cell whose rectangle, grown by `pad` on every side,
    /// meets the segment `a`–`b`. Walks the segment row by row, so a long diagonal costs the cells
    /// it passes, not the cells of its bounding box. Conservative: it may name a cell that the
    /// segment only nearly touches, never miss one it meets.
    func forEachCell(alongSegment a: Point, _ b: Point, pad: Double, _ body: (Int, Int) -> Void) {
        let low = a.y <= b.y ? a : b
        let high = a.y <= b.y ? b : a
        let firstRow = row(low.y - pad)
        let lastRow = row(high.y + pad)
        let dy = high.y - low.y
        for r in firstRow...lastRow {
            // The part of the segment inside this row's (padded) band.
            let bandLow = max(minY + Double(r) * cellHeight - pad, low.y)
            let bandHigh = min(minY + Double(r + 1) * cellHeight + pad, high.y)
            var xa: Double
            var xb: Double
            if dy > 0 {
                let ta = max(0, min(1, (bandLow - low.y) / dy))
                let tb = max(0, min(1, (bandHigh - low.y) / dy))
                xa = low.x + (high.x - low.x) * ta
                xb = low.x + (high.x - low.x) * tb
            } else {
                xa = low.x
                xb = high.x
            }
            if xa > xb { swap(&xa, &xb) }
            let firstColumn = column(xa - pad)
            let lastColumn = column(xb + pad)
            for c in firstColumn...lastColumn { body(c, r) }
        }
    }
}
