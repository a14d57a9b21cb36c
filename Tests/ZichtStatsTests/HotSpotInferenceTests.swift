import Foundation
import Testing
import ZichtCore
import ZichtStats

/// The Gi* permutation test, Benjamini–Hochberg and the Poisson cell test.
struct HotSpotInferenceTests {
    // MARK: Permutation p-values against the exact conditional distribution

    /// A 4 × 4 lattice with an outlier (25) so that a null that wrongly let a cell draw itself, or
    /// drew with replacement, would be visibly off.
    static let outlierGrid = try! CellGrid(originX: 0, originY: 0, cellSize: 1, rows: 4, columns: 4)
    static let outlierValues: [Double] = [0, 1, 0, 2, 1, 25, 3, 0, 0, 2, 1, 1, 4, 0, 0, 6]

    /// The exact conditional-permutation distribution of one cell, by enumerating every c-subset of
    /// the other n − 1 cells (the null draws neighbour values without replacement from them):
    /// P(S ≥ observed), P(S < observed), P(S ≤ observed) for S the sum of a random c-subset.
    static func exactTails(values: [Double], cell: Int, neighbours: [Int]) -> (atLeast: Double, below: Double, atMost: Double) {
        let others = values.indices.filter { $0 != cell }.map { values[$0] }
        let observed = neighbours.reduce(0.0) { $0 + values[$1] }
        let c = neighbours.count
        var atLeast = 0, below = 0, atMost = 0, total = 0
        func visit(_ start: Int, _ chosen: Int, _ sum: Double) {
            if chosen == c {
                total += 1
                if sum >= observed { atLeast += 1 } else { below += 1 }
                if sum <= observed { atMost += 1 }
                return
            }
            guard others.count - start >= c - chosen else { return }
            for next in start..<others.count { visit(next + 1, chosen + 1, sum + others[next]) }
        }
        visit(0, 0, 0)
        return (Double(atLeast) / Double(total), Double(below) / Double(total), Double(atMost) / Double(total))
    }

    static func withinMonteCarlo(_ p: Double, _ exact: Double, permutations: Int) -> Bool {
        let sd = (max(exact, 1e-6) * (1 - exact) / Double(permutations)).squareRoot()
        return abs(p - exact) <= 5 * sd + 2 / Double(permutations)
    }

    @Test(arguments: [(PermutationDraws.shared, 200_000), (.independent, 40_000)])
    func pValuesMatchTheExactConditionalDistribution(draws: PermutationDraws, permutations: Int) throws {
        let values = Self.outlierValues
        let neighbours = try CellNeighbours(grid: Self.outlierGrid, weights: .queen)
        let directed = try GetisOrd.giStarPermutationTest(values: values, neighbours: neighbours, permutations: permutations, seed: 3, draws: draws)
        let greater = try GetisOrd.giStarPermutationTest(
            values: values, neighbours: neighbours, permutations: permutations, seed: 4, alternative: .greater, draws: draws)
        let lesser = try GetisOrd.giStarPermutationTest(
            values: values, neighbours: neighbours, permutations: permutations, seed: 5, alternative: .lesser, draws: draws)
        for cell in values.indices {
            let exact = Self.exactTails(values: values, cell: cell, neighbours: neighbours.neighbours(of: cell).map(Int.init))
            let expectedDirected = min(exact.atLeast, exact.below)
            #expect(Self.withinMonteCarlo(directed.p[cell], expectedDirected, permutations: permutations),
                    "cell \(cell) directed: \(directed.p[cell]) vs exact \(expectedDirected)")
            #expect(Self.withinMonteCarlo(greater.p[cell], exact.atLeast, permutations: permutations),
                    "cell \(cell) greater: \(greater.p[cell]) vs exact \(exact.atLeast)")
            #expect(Self.withinMonteCarlo(lesser.p[cell], exact.atMost, permutations: permutations),
                    "cell \(cell) lesser: \(lesser.p[cell]) vs exact \(exact.atMost)")
            if abs(exact.atLeast - exact.below) > 0.05 {
                #expect(directed.isUpperTail[cell] == (exact.atLeast < exact.below), "cell \(cell): tail")
            }
        }
    }

    // esda 2.9.0: `G_Local(v, lat2W(6, 7, rook=False), transform="B", star=True, permutations=99_999,
    // n_jobs=1, seed=12345).p_sim` on GiStarData.smallValues (float32 in esda), printed by
    // `Tests/peers/check_hotspots.py --print-swift-references`.
    static let esdaPSim: [Double] = [
        0.4612500071525574, 0.06622999906539917, 0.47494998574256897, 0.06601999700069427, 0.4756399989128113,
        0.06578999757766724, 0.2239300012588501, 0.48754000663757324, 0.06332000344991684, 0.33423998951911926,
        0.3592100143432617, 0.19022999703884125, 0.3699899911880493, 0.4887399971485138, 0.4745599925518036,
        0.4774399995803833, 0.01940000057220459, 0.08675000071525574, 0.006010000128298998, 0.30566999316215515,
        0.4777100086212158, 0.18002000451087952, 0.47822999954223633, 0.08970999717712402, 0.39833998680114746,
        0.01940999925136566, 0.21390999853610992, 0.1814199984073639, 0.47720998525619507, 0.4014500081539154,
        0.18705999851226807, 0.4318599998950958, 0.28373000025749207, 0.47824999690055847, 0.4778900146484375,
        0.20528000593185425, 0.49167999625205994, 0.1145699992775917, 0.14704999327659607, 0.23752999305725098,
        0.3430100083351135, 0.2067199945449829,
    ]

    /// Different random draws, so the p-values agree within the Monte Carlo error of both runs.
    @Test func pValuesAgreeWithEsdaWithinMonteCarloError() throws {
        let permutations = 99_999
        let neighbours = try CellNeighbours(grid: GiStarData.smallGrid, weights: .queen)
        let ours = try GetisOrd.giStarPermutationTest(values: GiStarData.smallValues, neighbours: neighbours, permutations: permutations, seed: 1)
        for cell in ours.p.indices {
            let mean = (ours.p[cell] + Self.esdaPSim[cell]) / 2
            let sd = (2 * mean * (1 - mean) / Double(permutations)).squareRoot()
            #expect(abs(ours.p[cell] - Self.esdaPSim[cell]) <= 5 * sd + 2 / Double(permutations),
                    "cell \(cell): \(ours.p[cell]) vs esda \(Self.esdaPSim[cell])")
        }
    }

    @Test(arguments: PermutationDraws.allCases)
    func resultsDependOnTheSeedOnlyNotOnChunking(draws: PermutationDraws) throws {
        let grid = try CellGrid(originX: 0, originY: 0, cellSize: 1, rows: 30, columns: 40)
        var random = SplitMix64(seed: 99)
        let values = (0..<grid.count).map { _ in Double(random.below(7)) }
        let neighbours = try CellNeighbours(grid: grid, weights: .distanceBand(1.5))
        let permutations = draws == .shared ? 999 : 99
        let reference = try GetisOrd.giStarPermutationTest(values: values, neighbours: neighbours, permutations: permutations, seed: 42, draws: draws, chunks: 1)
        for chunks in [2, 3, 8, 1000, 5000] {
            let other = try GetisOrd.giStarPermutationTest(values: values, neighbours: neighbours, permutations: permutations, seed: 42, draws: draws, chunks: chunks)
            #expect(other == reference, "\(chunks) chunks")
        }
        let otherSeed = try GetisOrd.giStarPermutationTest(values: values, neighbours: neighbours, permutations: permutations, seed: 43, draws: draws)
        #expect(otherSeed.p != reference.p)
        // A pseudo p-value lies in [1/(P + 1), 1]; a directed one at most about ½.
        #expect(reference.p.allSatisfy { $0 >= 1 / Double(permutations + 1) && $0 <= 0.5 + 1 / Double(permutations + 1) })
    }

    // MARK: Benjamini–Hochberg against statsmodels

    static let bhInput: [Double] = [0.001, 0.0005, 0.04, 0.03, 0.5, 0.012, 0.012, 0.2, 0.0201, 0.9, 0.045, 1.0, 0.0001, 0.03, 0.07]

    // statsmodels 0.15.0: `multipletests(bhInput, alpha, method="fdr_bh")[0:2]`, printed by
    // `Tests/peers/check_hotspots.py --print-swift-references`.
    static let bhAdjusted: [Double] = [
        0.005, 0.0037500000000000003, 0.06666666666666667, 0.05625, 0.5769230769230769, 0.036000000000000004,
        0.036000000000000004, 0.25, 0.050249999999999996, 0.9642857142857143, 0.0675, 1.0, 0.0015, 0.05625,
        0.09545454545454547,
    ]
    static let bhReject05 = [true, true, false, false, false, true, true, false, false, false, false, false, true, false, false]
    static let bhReject10 = [true, true, true, true, false, true, true, false, true, false, true, false, true, true, true]

    @Test func benjaminiHochbergMatchesStatsmodels() throws {
        let at05 = try FalseDiscoveryRate.benjaminiHochberg(Self.bhInput, alpha: 0.05)
        #expect(at05.rejected == Self.bhReject05)
        #expect(at05.threshold == 0.012)
        #expect(at05.rejectedCount == 5)
        for index in Self.bhInput.indices { #expect(abs(at05.adjusted[index] - Self.bhAdjusted[index]) < 1e-15) }
        let at10 = try FalseDiscoveryRate.benjaminiHochberg(Self.bhInput, alpha: 0.1)
        #expect(at10.rejected == Self.bhReject10)
        #expect(at10.threshold == 0.07)
        #expect(try FalseDiscoveryRate.benjaminiHochberg([], alpha: 0.05).threshold == nil)
        #expect(throws: HotSpotError.self) { try FalseDiscoveryRate.benjaminiHochberg([0.1, 1.2], alpha: 0.05) }
        #expect(throws: HotSpotError.self) { try FalseDiscoveryRate.benjaminiHochberg([0.1], alpha: 0) }
    }

    /// Written out: m = 4, p = 0.01, 0.04, 0.03, 0.2 at α = 0.05. Sorted 0.01, 0.03, 0.04, 0.2 against
    /// k/4 · 0.05 = 0.0125, 0.025, 0.0375, 0.05: only rank 1 passes (0.03 > 0.025, 0.04 > 0.0375), so
    /// only 0.01 is rejected. Adjusted: 0.2·4/4 = 0.2; min(0.2, 0.04·4/3) = 0.05333…; min(…, 0.03·4/2) = 0.05333…
    /// (0.06 is larger); min(…, 0.01·4) = 0.04.
    @Test func benjaminiHochbergByHand() throws {
        let result = try FalseDiscoveryRate.benjaminiHochberg([0.01, 0.04, 0.03, 0.2], alpha: 0.05)
        #expect(result.rejected == [true, false, false, false])
        #expect(abs(result.adjusted[0] - 0.04) < 1e-15)
        #expect(abs(result.adjusted[1] - 0.16 / 3) < 1e-15)
        #expect(abs(result.adjusted[2] - 0.16 / 3) < 1e-15)
        #expect(abs(result.adjusted[3] - 0.2) < 1e-15)
    }

    // MARK: Poisson cell test against SciPy

    // SciPy 1.17.1: `scipy.stats.poisson.sf(k - 1, mu)`, printed by
    // `Tests/peers/check_hotspots.py --print-swift-references`.
    static let poissonCases: [(k: Int, mean: Double, sf: Double)] = [
        (0, 2.5, 1.0), (1, 2.5, 0.9179150013761012), (3, 2.5, 0.45618688411667035), (7, 2.5, 0.014187311990913347),
        (15, 2.5, 6.915313866992873e-08), (40, 2.5, 8.861329213939991e-34), (2, 0.05, 0.001209104274250291),
        (5, 0.05, 2.4979513360065075e-09), (100, 100.0, 0.5132987982791487), (101, 100.0, 0.47343780147000153),
        (130, 100.0, 0.0022820930543169544), (70, 100.0, 0.9993391168698427), (1000, 812.5, 1.1802873645727583e-10),
        (12, 0.001, 2.085749507966251e-45), (250, 3.7, 0.0),
    ]

    @Test func poissonUpperTailMatchesScipy() {
        for reference in Self.poissonCases {
            let p = PoissonCellTest.upperTail(atLeast: reference.k, mean: reference.mean)
            let tolerance = reference.sf == 0 ? 1e-300 : 1e-11 * reference.sf
            #expect(abs(p - reference.sf) <= tolerance, "k \(reference.k), mean \(reference.mean): \(p) vs SciPy \(reference.sf)")
        }
    }

    /// By hand: with λ = mean count 1 (counts 0, 0, 1, 3 over 4 cells): P(X ≥ 0) = 1,
    /// P(X ≥ 1) = 1 − e⁻¹, P(X ≥ 3) = 1 − e⁻¹(1 + 1 + ½) = 1 − 2.5/e.
    @Test func poissonCellTestByHand() throws {
        let p = try PoissonCellTest.pValues(counts: [0, 0, 1, 3])
        #expect(p[0] == 1)
        #expect(abs(p[2] - (1 - exp(-1.0))) < 1e-15)
        #expect(abs(p[3] - (1 - 2.5 / M_E)) < 1e-15)
        #expect(throws: HotSpotError.self) { try PoissonCellTest.pValues(counts: [1, 2.5]) }
        #expect(throws: HotSpotError.self) { try PoissonCellTest.pValues(counts: [1, 2], expected: [1, 0]) }
        let weighted = try PoissonCellTest.pValues(counts: [2, 2], expected: [0.5, 4])
        #expect(abs(weighted[0] - (1 - exp(-0.5) * 1.5)) < 1e-15)
        #expect(abs(weighted[1] - (1 - exp(-4.0) * 5)) < 1e-15)
    }

    // MARK: The pipeline

    /// A 25 × 25 lattice, mostly 0–2 events per cell, with a planted block of 12 events per cell:
    /// the block's centre is a hot spot and no cell far from it is. (Cold spots may appear: with
    /// 99,999 permutations a run of empty cells, which random 0–2 values do produce, is significant.)
    @Test func plantedHotSpotIsFound() throws {
        let grid = try CellGrid(originX: 0, originY: 0, cellSize: 100, rows: 25, columns: 25)
        var random = SplitMix64(seed: 5)
        var values = (0..<grid.count).map { _ in Double(random.below(3)) }
        for row in 10...12 { for column in 14...16 { values[grid.index(row: row, column: column)] = 12 } }
        let options = HotSpotOptions(permutations: 99_999, seed: 8, alpha: 0.05)
        let report = try HotSpotAnalysis.analyse(grid: grid, values: values, options: options)
        #expect(report.classes[grid.index(row: 11, column: 15)] == .hot)
        for cell in 0..<grid.count where report.classes[cell] == .cold { #expect(report.z[cell] < 0) }
        for cell in 0..<grid.count where report.classes[cell] == .hot {
            let row = grid.row(of: cell), column = grid.column(of: cell)
            #expect((8...14).contains(row) && (12...18).contains(column), "hot cell (\(row), \(column)) is far from the block")
            #expect(report.z[cell] > 0)
            #expect(report.adjustedP[cell] <= 0.05)
        }
        #expect(report.poissonP != nil)
        // The densest cell of the smoothed surface is inside the block.
        let densest = report.density.indices.max { report.density[$0] < report.density[$1] }!
        #expect((10...12).contains(grid.row(of: densest)) && (14...16).contains(grid.column(of: densest)))
    }

    /// With no permutations the p-value is esda's `p_norm`, Φ(−|z|): z = 1.959963984540054 gives 0.025.
    @Test func normalApproximation() throws {
        let report = try HotSpotAnalysis.analyse(grid: GiStarData.smallGrid, values: GiStarData.smallValues, options: HotSpotOptions(permutations: 0))
        let z = GetisOrdTests.esdaQueen
        for cell in z.indices {
            #expect(abs(report.p[cell] - 0.5 * erfc(abs(z[cell]) / 2.0.squareRoot())) < 1e-12)
        }
        #expect(report.poissonP != nil)
        let halfNormal = 0.5 * erfc(1.959963984540054 / 2.0.squareRoot())
        #expect(abs(halfNormal - 0.025) < 1e-12)
    }

    @Test func pointsAreCountedAndReported() throws {
        // 3 points in the south-west cell, 1 in the north-east one; cell size 10 m from 0 to 29 m.
        let x: [Double] = [0, 1, 9.99, 29, 15, 15, 15]
        let y: [Double] = [0, 2, 9.99, 29, 15, 15, 16]
        let report = try HotSpotAnalysis.analyse(x: x, y: y, options: HotSpotOptions(cellSize: 10, bandwidth: 15, permutations: 99))
        #expect(report.grid.rows == 3 && report.grid.columns == 3)
        #expect(report.values == [3, 0, 0, 0, 3, 0, 0, 0, 1])
        #expect(report.pointCount == 7)
        #expect(throws: HotSpotError.self) {
            try HotSpotAnalysis.analyse(x: x, y: y, options: HotSpotOptions(cellSize: 10, alpha: 1.5))
        }
    }
}
