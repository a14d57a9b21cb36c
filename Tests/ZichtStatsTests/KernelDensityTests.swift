import Foundation
import Testing
import ZichtStats

/// The quartic KDE, its default search radius, and the Prediction Accuracy Index.
struct KernelDensityTests {
    /// One row of three 10 m cells, centres (5, 5), (15, 5), (25, 5); search radius 10 m.
    /// A point at (5, 5): the first centre is at d = 0, so K = 3/(π·10²) = 3/(100π); the second is at
    /// d = h, where the kernel is 0. A point at (10, 5) is 5 m from the first two centres:
    /// K = 3/(100π)·(1 − 25/100)² = 3/(100π)·0.5625 each, and 15 m > h from the third.
    @Test func quarticByHand() throws {
        let grid = try CellGrid(originX: 0, originY: 0, cellSize: 10, rows: 1, columns: 3)
        let one = try KernelDensity.quartic(grid: grid, x: [5], y: [5], bandwidth: 10)
        #expect(abs(one[0] - 3 / (100 * Double.pi)) < 1e-18)
        #expect(one[1] == 0 && one[2] == 0)
        let between = try KernelDensity.quartic(grid: grid, x: [10], y: [5], bandwidth: 10)
        #expect(abs(between[0] - 3 / (100 * Double.pi) * 0.5625) < 1e-18)
        #expect(abs(between[1] - 3 / (100 * Double.pi) * 0.5625) < 1e-18)
        #expect(between[2] == 0)
        // A weight of 3 counts three times; the kernel function itself agrees.
        let weighted = try KernelDensity.quartic(grid: grid, x: [10], y: [5], weights: [3], bandwidth: 10)
        #expect(abs(weighted[0] - 3 * between[0]) < 1e-18)
        #expect(KernelDensity.quartic(distanceSquared: 25, bandwidth: 10) == between[0])
    }

    // NumPy 2.4.6 brute-force quartic KDE (`quartic_kde` in Tests/peers/check_hotspots.py,
    // `--print-swift-references`): grid origin (100, 200), 10 m cells, 4 rows × 5 columns; the five
    // weighted points below; h = 17 m. Values per m², row 0 (south) first.
    static let numpyKDE: [Double] = [
        0.002278769180631199, 0.004041769024319882, 0.004809271144185251, 0.0009401109729051945, 0.0,
        0.0007754145128536718, 0.005521386513132501, 0.011575000140623187, 0.0062246400019328515,
        7.659196412677085e-05, 2.5319657562568843e-06, 0.0009628986647115065, 0.006594939993785421,
        0.003697421681468945, 0.0010664372722090658, 0.002056589185519657, 3.10165805141469e-05,
        0.0002791492246273219, 0.0008128450769339616, 0.0053384964944535,
    ]
    static let pointsX: [Double] = [112, 131, 149.5, 100, 125]
    static let pointsY: [Double] = [205, 222, 238, 241, 215]
    static let pointWeights: [Double] = [1, 1, 2, 1, 3]

    @Test func quarticMatchesNumPy() throws {
        let grid = try CellGrid(originX: 100, originY: 200, cellSize: 10, rows: 4, columns: 5)
        let density = try KernelDensity.quartic(grid: grid, x: Self.pointsX, y: Self.pointsY, weights: Self.pointWeights, bandwidth: 17)
        for cell in density.indices {
            #expect(abs(density[cell] - Self.numpyKDE[cell]) < 1e-15, "cell \(cell): \(density[cell]) vs NumPy \(Self.numpyKDE[cell])")
        }
    }

    /// The kernel integrates to 1, so on a fine grid the cells of one point add up to about 1.
    @Test func kernelIntegratesToOne() throws {
        let grid = try CellGrid(originX: 0, originY: 0, cellSize: 1, rows: 101, columns: 101)
        let density = try KernelDensity.quartic(grid: grid, x: [50.5], y: [50.5], bandwidth: 20)
        let total = density.reduce(0, +) * grid.cellArea
        #expect(abs(total - 1) < 1e-3)
    }

    /// A lattice value is a weight at its cell centre: the same as points there.
    @Test func latticeEqualsPointsAtCentres() throws {
        let grid = try CellGrid(originX: 0, originY: 0, cellSize: 25, rows: 6, columns: 8)
        var values = [Double](repeating: 0, count: grid.count)
        values[grid.index(row: 2, column: 3)] = 4
        values[grid.index(row: 4, column: 6)] = 1
        let lattice = try KernelDensity.quartic(grid: grid, values: values, bandwidth: 80)
        let points = try KernelDensity.quartic(grid: grid, x: [87.5, 162.5], y: [62.5, 112.5], weights: [4, 1], bandwidth: 80)
        for cell in lattice.indices { #expect(abs(lattice[cell] - points[cell]) < 1e-18) }
        #expect(throws: HotSpotError.self) { try KernelDensity.quartic(grid: grid, values: [1, 2], bandwidth: 80) }
        #expect(throws: HotSpotError.self) { try KernelDensity.quartic(grid: grid, values: values, bandwidth: 0) }
    }

    // MARK: Default search radius

    /// Four points at (±1, ±1): mean centre (0, 0), every distance √2, so SD = Dₘ = √2;
    /// √(1/ln 2)·√2 = 1.699 > √2, so h = 0.9 · √2 · 4^(−1/5).
    @Test func defaultBandwidthByHand() throws {
        let h = try #require(KernelDensity.defaultBandwidth(x: [-1, 1, -1, 1], y: [-1, -1, 1, 1]))
        #expect(abs(h - 0.9 * 2.0.squareRoot() * pow(4, -0.2)) < 1e-15)
        #expect(KernelDensity.defaultBandwidth(x: [-1, 1, -1, 1], y: [-1, -1, 1, 1], minimum: 5) == 5)
        #expect(KernelDensity.defaultBandwidth(x: [3, 3], y: [4, 4]) == nil)
        #expect(KernelDensity.defaultBandwidth(x: [], y: []) == nil)
    }

    // `default_bandwidth` in Tests/peers/check_hotspots.py (NumPy), `--print-swift-references`.
    @Test func defaultBandwidthMatchesNumPy() throws {
        let weighted = try #require(KernelDensity.defaultBandwidth(x: Self.pointsX, y: Self.pointsY, weights: Self.pointWeights))
        #expect(abs(weighted - 11.72350682590474) < 1e-12)
        let unit = try #require(KernelDensity.defaultBandwidth(x: Self.pointsX, y: Self.pointsY))
        #expect(abs(unit - 14.140962029760574) < 1e-12)
    }

    // MARK: Prediction Accuracy Index

    /// 10 cells, test events 4, 1, 0, …, 0, 1, 2, 2 (N = 10). The top 10 % of the area is the
    /// hottest cell, which holds 4: PAI = (4/10)/(1/10) = 4. The top 30 % (3 cells) hold 5:
    /// PAI = 0.5/0.3 = 5/3.
    @Test func predictionAccuracyIndexByHand() throws {
        let surface: [Double] = [9, 7, 5, 0, 0, 0, 1, 0, 0, 0]
        let test: [Double] = [4, 1, 0, 0, 0, 0, 1, 2, 2, 0]
        let top10 = try PredictionAccuracyIndex.evaluate(surface: surface, testCounts: test, areaShare: 0.1)
        #expect(top10.selectedCells == 1 && top10.hits == 4 && top10.total == 10)
        #expect(abs(top10.index - 4) < 1e-12)
        let top30 = try PredictionAccuracyIndex.evaluate(surface: surface, testCounts: test, areaShare: 0.3)
        #expect(top30.selectedCells == 3 && top30.hits == 5)
        #expect(abs(top30.index - 5.0 / 3.0) < 1e-12)
        // Ties go to the lower cell index: cells 3, 4, 5 … have surface 0; the 5th cell picked is 3.
        let top50 = try PredictionAccuracyIndex.evaluate(surface: surface, testCounts: test, areaShare: 0.5)
        #expect(top50.selectedCells == 5 && top50.hits == 6)
        #expect(throws: HotSpotError.self) { try PredictionAccuracyIndex.evaluate(surface: surface, testCounts: test, areaShare: 0) }
    }

    /// Test points outside the grid count in N but cannot be hits.
    @Test func predictionAccuracyIndexFromPoints() throws {
        let grid = try CellGrid(originX: 0, originY: 0, cellSize: 100, rows: 2, columns: 2)
        let surface: [Double] = [0, 0, 0, 3]  // north-east cell hottest
        let result = try PredictionAccuracyIndex.evaluate(
            surface: surface, grid: grid, testX: [150, 160, 10, 500], testY: [150, 120, 10, 500], areaShare: 0.25)
        #expect(result.hits == 2 && result.total == 4)
        #expect(abs(result.index - 2) < 1e-12)  // (2/4)/(1/4)
    }
}
