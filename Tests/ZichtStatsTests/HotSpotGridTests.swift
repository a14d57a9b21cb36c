import Testing
import ZichtStats

/// The cell grid that hot-spot analyses run on.
struct HotSpotGridTests {
    /// Points spanning 0…3000 m east and 0…1500 m north: the shorter side is 1500 m, so the default
    /// cell is 1500/150 = 10 m; ⌊3000/10⌋ + 1 = 301 columns and ⌊1500/10⌋ + 1 = 151 rows, so the
    /// easternmost and northernmost points fall inside the last column and row.
    @Test func coveringGridUsesTheShorterSideOver150() throws {
        let x: [Double] = [155_000, 158_000, 156_000]
        let y: [Double] = [463_000, 463_500, 464_500]
        #expect(CellGrid.defaultCellSize(x: x, y: y) == 10)
        let grid = try CellGrid.covering(x: x, y: y)
        #expect(grid.cellSize == 10)
        #expect(grid.columns == 301 && grid.rows == 151)
        #expect(grid.originX == 155_000 && grid.originY == 463_000)
        #expect(grid.cell(x: 158_000, y: 464_500) == grid.index(row: 150, column: 300))
        // Row 0 is the southern row.
        #expect(grid.cell(x: 155_000, y: 463_000) == 0)
        #expect(grid.row(of: grid.cell(x: 155_000, y: 464_500)!) == 150)
    }

    @Test func cellsAreHalfOpen() throws {
        let grid = try CellGrid(originX: 0, originY: 0, cellSize: 100, rows: 2, columns: 3)
        #expect(grid.cell(x: 99.999, y: 0) == 0)
        #expect(grid.cell(x: 100, y: 0) == 1)
        #expect(grid.cell(x: 0, y: 100) == 3)
        #expect(grid.cell(x: 300, y: 0) == nil)
        #expect(grid.cell(x: -0.001, y: 50) == nil)
        #expect(grid.centreX(column: 2) == 250 && grid.centreY(row: 1) == 150)
        #expect(try grid.counts(x: [10, 20, 150, 299, 400], y: [10, 20, 10, 199, 0]) == [2, 1, 0, 0, 0, 1])
    }

    @Test func defaultCellSizeForPointsOnALine() throws {
        // All on one east–west line: the shorter side is 0, so the longer side (600 m) / 150 = 4 m.
        #expect(CellGrid.defaultCellSize(x: [0, 600, 300], y: [7, 7, 7]) == 4)
        #expect(CellGrid.defaultCellSize(x: [5, 5], y: [7, 7]) == nil)
        #expect(throws: HotSpotError.self) { try CellGrid.covering(x: [5, 5], y: [7, 7]) }
        // With a cell size given, even a single point gets a (1 × 1) grid.
        let single = try CellGrid.covering(x: [5], y: [7], cellSize: 50)
        #expect(single.rows == 1 && single.columns == 1)
    }

    @Test func refusesBadGrids() throws {
        #expect(throws: HotSpotError.self) { try CellGrid(originX: 0, originY: 0, cellSize: 0, rows: 1, columns: 1) }
        #expect(throws: HotSpotError.self) { try CellGrid(originX: 0, originY: 0, cellSize: 1, rows: 0, columns: 1) }
        #expect(throws: HotSpotError.self) { try CellGrid(originX: .nan, originY: 0, cellSize: 1, rows: 1, columns: 1) }
        #expect(throws: HotSpotError.self) { try CellGrid(originX: 0, originY: 0, cellSize: 1, rows: 100_000, columns: 100_000) }
        #expect(throws: HotSpotError.self) { try CellGrid.covering(x: [], y: []) }
        #expect(throws: HotSpotError.self) { try CellGrid.covering(x: [0, 1], y: [0]) }
        #expect(throws: HotSpotError.self) { try CellGrid.covering(x: [0, 1_000_000], y: [0, 1_000_000], cellSize: 0.01) }
        let error = try #require(throws: HotSpotError.self) { try CellGrid(originX: 0, originY: 0, cellSize: -3, rows: 1, columns: 1) }
        #expect(error.description.contains("-3.0"))
    }
}
