import Foundation
import Testing
import ZichtAnalysis
import ZichtCore
import ZichtSources
import ZichtTestSupport

/// The financial tables: columns per kind of document, V/N signs, totals that add up on the real
/// Iv3 data of Zwolle and on generated data, and the variance rule.
struct FinancialStatementsTests {
    static func entry(_ programma: String, _ taakveld: String, _ side: MoneySide, _ version: BudgetVersion, _ year: Int, _ euros: Int) -> MoneyEntry {
        MoneyEntry(programma: programma, taakveld: taakveld, side: side, column: BudgetColumn(version, year), cents: euros * 100, file: "f.csv", line: 1)
    }

    static func data(_ entries: [MoneyEntry]) -> MoneyData { MoneyData(entries: entries, sources: [.init(file: "f.csv")]) }

    @Test func aJaarverslagComparesRealisationWithTheAmendedBudget() throws {
        let data = Self.data([
            Self.entry("7", "1.2", .lasten, .begrotingPrimitief, 2019, 1_000), Self.entry("7", "1.2", .lasten, .begrotingNaWijziging, 2019, 1_200),
            Self.entry("7", "1.2", .lasten, .realisatie, 2019, 1_500), Self.entry("7", "1.2", .baten, .begrotingNaWijziging, 2019, 100),
            Self.entry("7", "1.2", .baten, .realisatie, 2019, 160), Self.entry("7", "1.2", .baten, .begrotingPrimitief, 2019, 100),
        ])
        let statements = try #require(FinancialStatements.compute(kind: .jaarverslag, year: 2019, programmas: ["7"], data: data))
        let table = try #require(statements.programmas["7"])
        #expect(table.kind == .programmaRealisation)
        #expect(table.columns == [BudgetColumn(.begrotingPrimitief, 2019), BudgetColumn(.begrotingNaWijziging, 2019), BudgetColumn(.realisatie, 2019)])
        #expect(table.varianceBase == BudgetColumn(.begrotingNaWijziging, 2019))
        // Lasten 300 above budget: nadelig, negative. Baten 60 above budget: voordelig, positive.
        #expect(table.row(.lasten)?.variance == -30_000)
        #expect(table.row(.baten)?.variance == 6_000)
        #expect(table.row(.saldo)?.variance == -24_000)
        #expect(table.row(.saldo)?.amounts == [-90_000, -110_000, -134_000])
        #expect(statements.variances.map(\.side) == [.lasten, .baten])
        #expect(statements.variances.map(\.isFavourable) == [false, true])
        #expect(statements.variances[0].budget == 120_000 && statements.variances[0].realised == 150_000)
    }

    @Test func lessLastenAndLessBatenThanBudgetedAreFavourableAndUnfavourable() throws {
        let data = Self.data([
            Self.entry("1", "0.1", .lasten, .begrotingNaWijziging, 2019, 500), Self.entry("1", "0.1", .lasten, .realisatie, 2019, 400),
            Self.entry("1", "0.1", .baten, .begrotingNaWijziging, 2019, 500), Self.entry("1", "0.1", .baten, .realisatie, 2019, 450),
        ])
        let table = try #require(FinancialStatements.compute(kind: .jaarverslag, year: 2019, programmas: ["1"], data: data)?.programmas["1"])
        #expect(table.row(.lasten)?.variance == 10_000)
        #expect(table.row(.baten)?.variance == -5_000)
        #expect(table.missingColumns == [BudgetColumn(.begrotingPrimitief, 2019)])
    }

    @Test func aBegrotingShowsItsSixColumns() throws {
        let versions: [(BudgetVersion, Int)] = [(.realisatie, 2017), (.begrotingNaWijziging, 2018), (.begrotingPrimitief, 2019), (.raming, 2020), (.raming, 2021), (.raming, 2022)]
        let data = Self.data(versions.enumerated().map { Self.entry("7", "1.1", .lasten, $1.0, $1.1, 100 + $0) } + [Self.entry("7", "1.1", .lasten, .realisatie, 2019, 5)])
        let table = try #require(FinancialStatements.compute(kind: .begroting, year: 2019, programmas: ["7"], data: data)?.programmas["7"])
        #expect(table.kind == .programmaBudget)
        #expect(table.columns == versions.map { BudgetColumn($0.0, $0.1) })
        #expect(table.row(.lasten)?.amounts == [10_000, 10_100, 10_200, 10_300, 10_400, 10_500])
        #expect(table.varianceBase == nil && table.row(.lasten)?.variance == nil)
        #expect(FinancialStatements.compute(kind: .berap, year: 2019, programmas: ["7"], data: data) == nil)
    }

    @Test func theVarianceRuleNeedsBothThresholdsOrEither() {
        let both = VarianceRule(amountCents: 250_000_00, percentage: 10)
        #expect(both.needsExplanation(variance: -300_000_00, budget: 2_000_000_00))
        #expect(!both.needsExplanation(variance: -300_000_00, budget: 5_000_000_00))
        #expect(!both.needsExplanation(variance: 200_000_00, budget: 1_000_000_00))
        let either = VarianceRule(amountCents: 250_000_00, percentage: 10, requiresBoth: false)
        #expect(either.needsExplanation(variance: -300_000_00, budget: 5_000_000_00))
        #expect(either.needsExplanation(variance: 200_000_00, budget: 1_000_000_00))
        #expect(!either.needsExplanation(variance: 1_000_00, budget: 1_000_000_00))
        #expect(VarianceRule(percentage: 10).needsExplanation(variance: 1, budget: 0))
        #expect(!VarianceRule(amountCents: 0).needsExplanation(variance: 0, budget: 0))
        // Exactly the threshold is not above it.
        #expect(!VarianceRule(amountCents: 250_000_00).needsExplanation(variance: 250_000_00, budget: 1))
    }

    @Test func unexplainedVariancesLeaveOutWhatTheTextExplains() throws {
        let data = Self.data([
            Self.entry("7", "1.2", .lasten, .begrotingNaWijziging, 2019, 1_000_000), Self.entry("7", "1.2", .lasten, .realisatie, 2019, 1_400_000),
            Self.entry("7", "1.2", .baten, .begrotingNaWijziging, 2019, 1_000_000), Self.entry("7", "1.2", .baten, .realisatie, 2019, 500_000),
        ])
        let statements = try #require(FinancialStatements.compute(kind: .jaarverslag, year: 2019, programmas: ["7"], data: data))
        let rule = VarianceRule(amountCents: 250_000_00, percentage: 10)
        #expect(statements.unexplained(rule: rule, explained: [:]).map(\.side) == [.lasten, .baten])
        #expect(statements.unexplained(rule: rule, explained: ["7": [.baten]]).map(\.side) == [.lasten])
        #expect(statements.unexplained(rule: rule, explained: ["7": [.lasten, .baten]]).isEmpty)
    }

    /// Sums of the programma tables equal the overview's totals, and so do the taakveld rows.
    static func checkTotals(_ statements: FinancialStatements, _ comment: Comment) {
        let columns = statements.overview.columns.count
        for line in FinancialLine.allCases {
            let total = statements.overview.row(line)
            var sum = [Int](repeating: 0, count: columns)
            var variance = 0
            for table in statements.programmas.values {
                let row = table.row(line)
                for index in 0..<columns { sum[index] += row?.amounts[index] ?? 0 }
                variance += row?.variance ?? 0
            }
            #expect(total?.amounts == sum, comment)
            #expect(statements.taakvelden.row(line)?.amounts == sum, comment)
            var taakveldSum = [Int](repeating: 0, count: columns)
            for row in statements.taakvelden.rows where row.line == line && !row.isTotal {
                for index in 0..<columns { taakveldSum[index] += row.amounts[index] }
            }
            #expect(taakveldSum == sum, comment)
            if statements.overview.varianceBase != nil { #expect(total?.variance == variance, comment) }
        }
    }

    @Test func theRealIv3TablesOfZwolleAddUpToTheOverview() throws {
        var data = MoneyData(entries: [], sources: [])
        for (name, column) in [
            ("iv3-45063NED-2023-begroting-taakveld-gemeenten.csv", BudgetColumn(.begrotingPrimitief, 2023)),
            ("iv3-45063NED-2023-jaarrekening-taakveld-gemeenten.csv", BudgetColumn(.realisatie, 2023)),
        ] {
            let table = try Iv3TaakveldReader.read(Data(contentsOf: RealData.url(name)), file: name)
            data = data.merged(with: try Iv3TaakveldReader.entries(table, gemeente: "Zwolle", column: column))
        }
        let programmas = (0...8).map(String.init)
        let statements = try #require(FinancialStatements.compute(kind: .jaarverslag, year: 2023, programmas: programmas, data: data))
        Self.checkTotals(statements, "Iv3 2023 Zwolle")
        let realised = BudgetColumn(.realisatie, 2023)
        #expect(statements.overview.amount(.lasten, column: realised) == 911_811 * 1000 * 100)
        #expect(statements.overview.amount(.baten, column: realised) == 911_820 * 1000 * 100)
        #expect(statements.overview.amount(.lasten, column: BudgetColumn(.begrotingPrimitief, 2023)) == 701_918 * 1000 * 100)
        // Veiligheid (chapter 1): 11 141 + 5 904 thousand euros realised.
        #expect(statements.programmas["1"]?.amount(.lasten, column: realised) == 17_045 * 1000 * 100)
        #expect(statements.taakvelden.amount(.lasten, group: "1.2", column: realised) == 5_904 * 1000 * 100)
        // No amended budget in Iv3: the variance is against the primitive budget, and that column is named as missing.
        #expect(statements.overview.varianceBase == BudgetColumn(.begrotingPrimitief, 2023))
        #expect(statements.overview.missingColumns == [BudgetColumn(.begrotingNaWijziging, 2023)])
        #expect(statements.programmas["1"]?.row(.lasten)?.variance == (10_404 + 5_798 - 17_045) * 1000 * 100)
    }

    /// Generated data (labelled as such): random programma's, taakvelden, columns and amounts from a
    /// seeded generator; the tables add up whatever the data.
    @Test(arguments: 0..<25)
    func generatedTablesAddUpToTheOverview(seed: Int) throws {
        var random = SplitMix64(seed: 20_190_000 + UInt64(seed))
        let programmas = (1...random.between(1...6)).map { "P\($0)" }
        let taakvelden = Taakvelden.edition2023.map(\.code)
        let versions = BudgetVersion.allCases
        var entries: [MoneyEntry] = []
        var keys: Set<MoneyEntry.Key> = []
        for _ in 0..<random.between(1...300) {
            let entry = MoneyEntry(
                programma: random.pick(programmas + ["elders"]), taakveld: random.pick(taakvelden), side: random.chance(50) ? .lasten : .baten,
                column: BudgetColumn(random.pick(versions), random.between(2016...2023)), cents: random.between(-1_000_000...9_000_000_000),
                file: "gegenereerd.csv", line: entries.count + 2)
            if keys.insert(entry.key).inserted { entries.append(entry) }
        }
        let data = MoneyData(entries: entries, sources: [.init(file: "gegenereerd.csv")])
        for kind in [DocumentKind.jaarverslag, .begroting] {
            let statements = try #require(FinancialStatements.compute(kind: kind, year: 2020, programmas: programmas, data: data))
            Self.checkTotals(statements, "generated, seed \(seed), \(kind)")
            // Entries of a programma without a page ("elders") are in no table.
            #expect(statements.programmas["elders"] == nil)
        }
    }
}
