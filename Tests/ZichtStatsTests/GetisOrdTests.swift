import Foundation
import Testing
import ZichtStats

/// Lattices shared by the Gi* tests.
enum GiStarData {
    /// The 3 × 3 lattice of the hand calculations (index = row · 3 + column):
    ///
    ///     1 0 2
    ///     0 3 1
    ///     4 0 9
    static let handGrid = try! CellGrid(originX: 0, originY: 0, cellSize: 1, rows: 3, columns: 3)
    static let handValues: [Double] = [1, 0, 2, 0, 3, 1, 4, 0, 9]

    /// The 6 × 7 lattice of `Tests/peers/check_hotspots.py --print-swift-references`
    /// (`small_lattice()`): v = (r² + 3c + rc) mod 6, plus 8 at (2, 3), 5 at (3, 3) and 4 at (2, 4).
    static let smallGrid = try! CellGrid(originX: 0, originY: 0, cellSize: 1, rows: 6, columns: 7)
    static let smallValues: [Double] = {
        var values: [Double] = []
        for row in 0..<6 {
            for column in 0..<7 {
                let value: Int = (row * row + 3 * column + row * column) % 6
                values.append(Double(value))
            }
        }
        values[2 * 7 + 3] += 8
        values[3 * 7 + 3] += 5
        values[2 * 7 + 4] += 4
        return values
    }()
}

struct GetisOrdTests {
    typealias Data = GiStarData

    // MARK: Hand calculations

    /// n = 9, Σx = 20, x̄ = 20/9, Σx² = 112, S² = 112/9 − (20/9)² = 608/81, so S = √608 / 9.
    ///
    /// Queen, cell 0 (corner): itself + cells 1, 3, 4 → Σwx = 1 + 0 + 0 + 3 = 4, W = 4;
    /// numerator 4 − 4·20/9 = −44/9; denominator S·√((9·4 − 4²)/8) = (√608/9)·√2.5;
    /// z = −44/√(608 · 2.5) = −44/√1520.
    /// Queen, cell 1 (edge): itself + 0, 2, 3, 4, 5 → Σwx = 0 + 1 + 2 + 0 + 3 + 1 = 7, W = 6;
    /// numerator 7 − 6·20/9 = −57/9; denominator (√608/9)·√((54 − 36)/8) = (√608/9)·1.5; z = −38/√608.
    /// Queen, cell 8 (corner): itself + 4, 5, 7 → Σwx = 9 + 3 + 1 + 0 = 13, W = 4; z = (13 − 80/9)/… = 37/√1520.
    /// Queen, cell 4 (centre): every cell is a neighbour, W = n, so z = 0/0: undefined.
    /// Rook, cell 8: itself + 5, 7 → Σwx = 10, W = 3; numerator 10 − 60/9 = 30/9;
    /// denominator (√608/9)·√((27 − 9)/8) = (√608/9)·1.5; z = 20/√608.
    @Test func threeByThreeByHand() throws {
        let queen = try GetisOrd.giStar(values: Data.handValues, neighbours: CellNeighbours(grid: Data.handGrid, weights: .queen))
        #expect(abs(queen[0] - (-44 / 1520.0.squareRoot())) < 1e-14)
        #expect(abs(queen[1] - (-38 / 608.0.squareRoot())) < 1e-14)
        #expect(abs(queen[8] - (37 / 1520.0.squareRoot())) < 1e-14)
        #expect(queen[4].isNaN)
        let rook = try GetisOrd.giStar(values: Data.handValues, neighbours: CellNeighbours(grid: Data.handGrid, weights: .rook))
        #expect(abs(rook[8] - 20 / 608.0.squareRoot()) < 1e-14)
    }

    @Test func neighbourCountsOnALattice() throws {
        let grid = try CellGrid(originX: 0, originY: 0, cellSize: 50, rows: 5, columns: 5)
        let queen = try CellNeighbours(grid: grid, weights: .queen)
        #expect(queen.cardinality(of: 0) == 3)  // corner
        #expect(queen.cardinality(of: 2) == 5)  // edge
        #expect(queen.cardinality(of: grid.index(row: 1, column: 1)) == 8)
        #expect(Array(queen.neighbours(of: 0)) == [1, 5, 6])
        let rook = try CellNeighbours(grid: grid, weights: .rook)
        #expect(Array(rook.neighbours(of: grid.index(row: 1, column: 1))) == [1, 5, 7, 11])
        // A band of exactly 2 cells (100 m) includes the cell 2 away (d = 100) but not (2, 1) (d = 111.8).
        let band = try CellNeighbours(grid: grid, weights: .distanceBand(100))
        let centre = grid.index(row: 2, column: 2)
        let neighbours = Set(band.neighbours(of: centre).map(Int.init))
        #expect(neighbours.contains(grid.index(row: 0, column: 2)))
        #expect(neighbours.contains(grid.index(row: 1, column: 1)))  // d = 70.7
        #expect(!neighbours.contains(grid.index(row: 0, column: 1)))
        #expect(band.cardinality(of: centre) == 12)  // 4 at 50, 4 at 70.7, 4 at 100
    }

    // MARK: esda

    // esda 2.9.0 / libpysal 4.14.1: `G_Local(v, w, transform="B", star=True, permutations=0).Zs` with
    // w = lat2W(6, 7, rook=False), lat2W(6, 7, rook=True) and DistanceBand(centres, 2.5, binary=True),
    // printed by `Tests/peers/check_hotspots.py --print-swift-references`.
    static let esdaQueen: [Double] = [
        -0.7116895043382157, -1.2254525096834143, -0.5655934660077296, -1.2254525096834143, -0.5655934660077296,
        -1.2254525096834143, -1.2360922970084798, -0.3456404514491676, -1.0048744343241711, 0.49573805426659173,
        0.12058493211890088, 1.2460442985619735, -0.25456819002878994, -0.3456404514491676, 0.314218592226517,
        0.12058493211890088, 1.9963505428573551, 2.1839271039312003, 2.7466567871527356, 0.8708911764142819,
        0.314218592226517, 0.9740776359022015, 0.12058493211890088, 1.4336208596358184, 1.0584677374881284,
        2.1839271039312003, 0.8708911764142819, 0.9740776359022015, 0.314218592226517, 0.12058493211890088,
        0.49573805426659173, -0.06699162895494422, 0.49573805426659173, 0.12058493211890088, 0.314218592226517,
        0.33711608100231305, 0.09426557766795494, -0.5655934660077296, -1.2254525096834143, -0.5655934660077296,
        0.09426557766795494, 0.33711608100231305,
    ]
    static let esdaRook: [Double] = [
        -1.4302456326309076, -0.9738909006733475, -0.7116895043382157, -2.0226964860138756, -0.1872867116679513,
        -1.4982936933436117, -1.4302456326309076, -0.44948810800308353, 0.08488147125227805, -0.8657910067732347,
        1.5108901882905477, -0.3904547677604781, 0.5602177102650346, -0.9738909006733475, -0.1872867116679513,
        0.5602177102650346, 1.273222068784169, 2.223894546809682, 2.6992307858224387, 1.0355539492777912,
        0.33711608100231305, 0.5993174773374448, 0.5602177102650346, 0.32254959075865675, 2.223894546809682,
        1.273222068784169, 0.5602177102650346, 0.5993174773374448, 0.33711608100231305, 0.08488147125227805,
        -0.15278664825410024, -0.6281228872668564, -0.6281228872668564, 0.5602177102650346, -0.1872867116679513,
        -0.23481644714835762, 0.5993174773374448, -0.7116895043382157, -0.44948810800308353, -0.1872867116679513,
        0.07491468466718089, 0.362898145592917,
    ]
    static let esdaDistance25: [Double] = [
        -0.8680325200713824, -1.2629115721684379, -0.5113597475995015, 0.4875755732925471, -0.17838130730215127,
        -0.5626833737384129, -0.476017833587532, -0.9127974729534254, -0.14915732948998303, 0.6665582920147823,
        1.599739900835476, 0.6665582920147823, 0.4933665513899446, -0.21256927452340102, 0.15459713299519792,
        0.6665582920147823, 1.1545128279759347, 0.6927076967855608, 1.1545128279759347, 1.2886793645619108,
        0.4875755732925471, -0.17838130730215127, 1.599739900835476, 1.6163179591663064, 1.6163179591663064,
        1.6163179591663064, 2.2218609733826042, 0.4875755732925471, 0.312601874299118, 0.3327355811699619,
        0.9776188282883466, 1.599739900835476, 1.599739900835476, 0.9752594620498896, 0.6627159735141299,
        0.11200419613824338, -0.5626833737384129, 0.15459713299519792, 0.6540647934412228, 0.15459713299519792,
        -0.5626833737384129, 0.11200419613824338,
    ]

    @Test(arguments: [(SpatialWeights.queen, esdaQueen), (.rook, esdaRook), (.distanceBand(2.5), esdaDistance25)])
    func zScoresMatchEsda(weights: SpatialWeights, esda: [Double]) throws {
        #expect(Data.smallValues == [
            0, 3, 0, 3, 0, 3, 0, 1, 5, 3, 1, 5, 3, 1, 4, 3, 2, 9, 4, 5, 4, 3, 3, 3, 8, 3, 3, 3, 4, 5, 0, 1, 2, 3, 4, 1, 3, 5, 1,
            3, 5, 1,
        ])  // the values the script printed
        let z = try GetisOrd.giStar(values: Data.smallValues, neighbours: CellNeighbours(grid: Data.smallGrid, weights: weights))
        #expect(z.count == esda.count)
        for cell in z.indices {
            #expect(abs(z[cell] - esda[cell]) < 1e-12, "cell \(cell): \(z[cell]) vs esda \(esda[cell])")
        }
    }

    /// A law of the closed form: z is unchanged when every value becomes a·x + b with a > 0 (the
    /// numerator gains a·…  and b·W − b·W = 0; S scales by a).
    @Test func zIsScaleInvariant() throws {
        let neighbours = try CellNeighbours(grid: Data.smallGrid, weights: .queen)
        let z = try GetisOrd.giStar(values: Data.smallValues, neighbours: neighbours)
        let scaled = try GetisOrd.giStar(values: Data.smallValues.map { $0 * 37.5 }, neighbours: neighbours)
        let shifted = try GetisOrd.giStar(values: Data.smallValues.map { $0 + 1000 }, neighbours: neighbours)
        for cell in z.indices {
            #expect(abs(z[cell] - scaled[cell]) < 1e-12)
            #expect(abs(z[cell] - shifted[cell]) < 1e-9)
        }
    }

    @Test func refusesBadInput() throws {
        let neighbours = try CellNeighbours(grid: Data.handGrid, weights: .queen)
        #expect(throws: HotSpotError.self) { try GetisOrd.giStar(values: [Double](repeating: 2, count: 9), neighbours: neighbours) }
        #expect(throws: HotSpotError.self) { try GetisOrd.giStar(values: [1, 2, 3], neighbours: neighbours) }
        #expect(throws: HotSpotError.self) {
            try GetisOrd.giStar(values: [1, 2, 3, 4, .nan, 6, 7, 8, 9], neighbours: neighbours)
        }
        #expect(throws: HotSpotError.self) { try CellNeighbours(grid: Data.handGrid, weights: .distanceBand(-1)) }
        // A band below the cell size leaves every cell alone: the permutation test refuses it.
        let alone = try CellNeighbours(grid: Data.handGrid, weights: .distanceBand(0.5))
        #expect(alone.maximumCardinality == 0)
        #expect(throws: HotSpotError.self) {
            try GetisOrd.giStarPermutationTest(values: Data.handValues, neighbours: alone, permutations: 9, seed: 1)
        }
    }
}
