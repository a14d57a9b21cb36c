/// A regular grid of square cells over a study area, in metres (RD New or any projected system).
///
/// Cells are numbered row by row: `index = row · columns + column`. Row 0 is the southern row
/// (the smallest y) and column 0 the western column (the smallest x), so `row` grows northwards;
/// a map drawn with y pointing down must flip the rows. Cell `(row, column)` covers
/// `[originX + column·cellSize, originX + (column + 1)·cellSize) × [originY + row·cellSize, …)`,
/// and its centre is half a cell further.
///
/// Values per cell (counts, densities, z-scores) are flat `[Double]` arrays in this order, so a
/// lattice `row, col, value` and the output of every routine in this folder line up.
public struct CellGrid: Sendable, Hashable, Codable {
    /// The western edge of column 0.
    public let originX: Double
    /// The southern edge of row 0.
    public let originY: Double
    /// The side of a cell.
    public let cellSize: Double
    public let rows: Int
    public let columns: Int

    /// A grid with the given origin (south-west corner), cell size and shape.
    ///
    /// - Throws: ``HotSpotError`` when the cell size is not a finite number above 0, the origin is not
    ///   finite, there are fewer than 1 row or column, or more than ``HotSpotError/maximumCells`` cells.
    public init(originX: Double, originY: Double, cellSize: Double, rows: Int, columns: Int) throws(HotSpotError) {
        guard cellSize.isFinite, cellSize > 0 else { throw .invalidCellSize(cellSize) }
        guard originX.isFinite else { throw .nonFinite("The grid origin x", index: 0) }
        guard originY.isFinite else { throw .nonFinite("The grid origin y", index: 0) }
        guard rows >= 1, columns >= 1 else { throw .invalidGrid(rows: rows, columns: columns) }
        let (cells, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, cells <= HotSpotError.maximumCells else { throw .gridTooLarge(rows: rows, columns: columns) }
        self.originX = originX
        self.originY = originY
        self.cellSize = cellSize
        self.rows = rows
        self.columns = columns
    }

    /// The number of cells.
    public var count: Int { rows * columns }

    /// The area of one cell (cellSize²).
    public var cellArea: Double { cellSize * cellSize }

    /// The flat index of a cell.
    @inline(__always)
    public func index(row: Int, column: Int) -> Int { row * columns + column }

    /// The row of a flat index.
    @inline(__always)
    public func row(of index: Int) -> Int { index / columns }

    /// The column of a flat index.
    @inline(__always)
    public func column(of index: Int) -> Int { index % columns }

    /// The x coordinate of the centres of a column.
    @inline(__always)
    public func centreX(column: Int) -> Double { originX + (Double(column) + 0.5) * cellSize }

    /// The y coordinate of the centres of a row.
    @inline(__always)
    public func centreY(row: Int) -> Double { originY + (Double(row) + 0.5) * cellSize }

    /// The cell that contains a point, or nil when the point lies outside the grid.
    public func cell(x: Double, y: Double) -> Int? {
        let column = ((x - originX) / cellSize).rounded(.down)
        let row = ((y - originY) / cellSize).rounded(.down)
        guard column >= 0, row >= 0, column < Double(columns), row < Double(rows) else { return nil }
        return index(row: Int(row), column: Int(column))
    }

    /// The number of points in every cell; points outside the grid are left out.
    ///
    /// - Throws: ``HotSpotError`` when `x` and `y` differ in length.
    public func counts(x: [Double], y: [Double]) throws(HotSpotError) -> [Double] {
        guard x.count == y.count else { throw .lengthMismatch("The y coordinates", expected: x.count, found: y.count) }
        var counts = [Double](repeating: 0, count: count)
        for position in x.indices {
            if let cell = cell(x: x[position], y: y[position]) { counts[cell] += 1 }
        }
        return counts
    }
}

extension CellGrid {
    /// The divisor of the default cell size: the shorter side of the points' bounding box / 150.
    public static let defaultCellDivisor = 150.0

    /// The default cell size: the shorter side of the points' bounding box divided by 150.
    ///
    /// A rule of thumb of crime-mapping practice ("the shorter side of the minimum bounding
    /// rectangle / 150"; we have not found its first source, so treat it as a convention; ArcGIS's
    /// Kernel Density divides by 250 instead). Cell size hardly changes how well a KDE hot-spot map predicts (Chainey 2013,
    /// "Examining the influence of cell size and bandwidth size on kernel density estimation crime
    /// hotspot maps", *Geomatica* 67(1); Hart & Zandbergen 2014, *Policing* 37(2), 305–323), so the
    /// rule only has to give a grid fine enough for the bandwidth: about 150 cells across the
    /// narrow side of a city. When all points lie on one line (the shorter side is 0) the longer side
    /// is used; nil when all points coincide or there are none.
    public static func defaultCellSize(x: [Double], y: [Double]) -> Double? {
        guard let box = boundingBox(x: x, y: y) else { return nil }
        let width = box.maxX - box.minX
        let height = box.maxY - box.minY
        let side = min(width, height) > 0 ? min(width, height) : max(width, height)
        return side > 0 ? side / defaultCellDivisor : nil
    }

    /// The grid that covers all points, with its origin at the points' south-west corner.
    ///
    /// `columns = ⌊(maxX − minX) / cellSize⌋ + 1` (and the same for rows), so the eastern- and
    /// northernmost points fall inside the last column and row.
    ///
    /// - Parameters:
    ///   - cellSize: the side of a cell in metres; nil for ``defaultCellSize(x:y:)``.
    /// - Throws: ``HotSpotError`` when there are no points, a coordinate is not finite, the
    ///   lengths differ, no default cell size exists, or the grid would be too large.
    public static func covering(x: [Double], y: [Double], cellSize: Double? = nil) throws(HotSpotError) -> CellGrid {
        guard x.count == y.count else { throw .lengthMismatch("The y coordinates", expected: x.count, found: y.count) }
        guard !x.isEmpty else { throw .noPoints }
        if let bad = x.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("The x coordinate of point", index: bad) }
        if let bad = y.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("The y coordinate of point", index: bad) }
        guard let size = cellSize ?? defaultCellSize(x: x, y: y) else { throw .degenerateExtent }
        guard size.isFinite, size > 0 else { throw .invalidCellSize(size) }
        let box = boundingBox(x: x, y: y)!
        let columns = ((box.maxX - box.minX) / size).rounded(.down) + 1
        let rows = ((box.maxY - box.minY) / size).rounded(.down) + 1
        guard columns * rows <= Double(HotSpotError.maximumCells) else {
            throw .gridTooLarge(rows: Int(min(rows, 1e15)), columns: Int(min(columns, 1e15)))
        }
        return try CellGrid(originX: box.minX, originY: box.minY, cellSize: size, rows: Int(rows), columns: Int(columns))
    }

    static func boundingBox(x: [Double], y: [Double]) -> (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        guard !x.isEmpty, x.count == y.count else { return nil }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for position in x.indices {
            minX = min(minX, x[position])
            maxX = max(maxX, x[position])
            minY = min(minY, y[position])
            maxY = max(maxY, y[position])
        }
        guard minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { return nil }
        return (minX, minY, maxX, maxY)
    }
}
