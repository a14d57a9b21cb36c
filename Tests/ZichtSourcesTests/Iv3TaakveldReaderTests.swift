import Foundation
import Testing
import ZichtCore
import ZichtSources
import ZichtTestSupport

/// The CBS Iv3 files per taakveld (45063NED 2023), read in full and checked against the values in
/// the data README (computed there from the files, independently of Zicht).
struct Iv3TaakveldReaderTests {
    static let realisation = "iv3-45063NED-2023-jaarrekening-taakveld-gemeenten.csv"
    static let budget = "iv3-45063NED-2023-begroting-taakveld-gemeenten.csv"

    static func table(_ name: String, known: Set<String>? = nil) throws -> Iv3TaakveldReader.Table {
        try Iv3TaakveldReader.read(Data(contentsOf: RealData.url(name)), file: name, knownGemeenten: known)
    }

    /// The gemeenten of 1 January 2023 and 2024 by CBS 37230ned (its columns for the end of 2022 and 2023).
    static func gemeentenOf2023() throws -> Set<String> {
        let text = try String(contentsOf: RealData.url("cbs-37230ned-bevolking-eind-jaar-2002-2024-gemeenten.csv"), encoding: .utf8)
        var names: Set<String> = []
        var columns: [Int] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\u{FEFF}\r")) }
            if fields.first == "Regio's" {
                columns = ["2022", "2023"].compactMap { fields.firstIndex(of: $0) }
                continue
            }
            guard columns.count == 2, fields.count > columns[1], fields[0] != "Nederland", !fields[0].hasSuffix("(PV)") else { continue }
            if columns.contains(where: { !fields[$0].isEmpty }) { names.insert(fields[0]) }
        }
        return names
    }

    @Test func zwolle2023AmountsAndTotals() throws {
        let realised = try Self.table(Self.realisation)
        let zwolle = try #require(realised.gemeenten["Zwolle"])
        #expect(zwolle["1.1"]?.lasten == 11_141)
        #expect(zwolle["1.2"]?.lasten == 5_904)
        #expect(zwolle["1.2"]?.baten == 187)
        #expect(zwolle.count == 71)
        #expect(zwolle.values.compactMap(\.lasten).reduce(0, +) == 911_811)
        #expect(zwolle.values.compactMap(\.baten).reduce(0, +) == 911_820)
        let budgeted = try Self.table(Self.budget)
        #expect(budgeted.gemeenten["Zwolle"]?["1.1"]?.lasten == 10_404)
        #expect(budgeted.gemeenten["Zwolle"]?.values.compactMap(\.lasten).reduce(0, +) == 701_918)
    }

    @Test func entriesOfOneGemeenteAreInEurosPerChapter() throws {
        let realised = try Self.table(Self.realisation)
        let data = try Iv3TaakveldReader.entries(realised, gemeente: "Zwolle", column: BudgetColumn(.realisatie, 2023))
        let safety = data.entries.filter { $0.taakveld == "1.1" && $0.side == .lasten }
        #expect(safety.map(\.cents) == [11_141 * 1000 * 100])
        #expect(safety.map(\.programma) == ["1"])
        #expect(data.entries.filter { $0.side == .lasten }.reduce(0) { $0 + $1.cents } == 911_811 * 1000 * 100)
        #expect(data.sources.first?.publisher == "CBS" && data.sources.first?.unitInEuros == 1000)
    }

    /// Every gemeente name in both files is a gemeente of 2023 by CBS's own list (or the national total).
    @Test func everyNameIsAKnownGemeenteAndEveryTaakveldAKnownCode() throws {
        let known = try Self.gemeentenOf2023()
        #expect(known.count >= 342)
        for name in [Self.realisation, Self.budget] {
            let table = try Self.table(name, known: known)
            #expect(table.gemeenten.count == 343, "\(name)")
            #expect(table.gemeenten["Nederland"] != nil)
            let codes = Set(table.gemeenten.values.flatMap(\.keys))
            #expect(codes == Set(Taakvelden.edition2023.map(\.code)), "\(name)")
        }
    }

    @Test func unknownNamesAndTaakveldenAreReportedWithTheirLine() throws {
        let text = """
            Gemeenten;Taakveld;L1.1 Salarissen en sociale lasten;Baten;Lasten;Provincie
            Zwolle;1.1 Crisisbeheersing en brandweer;51.0;0.0;11141.0;Overijssel
            Zwol;1.2 Openbare orde en veiligheid;1.0;187.0;5904.0;Overijssel
            Zwolle;1.9 Iets anders;1.0;1.0;1.0;Overijssel
            Zwolle;2.1 Parkeren;1.0;1.0;1.0;Overijssel
            Zwolle;2.2 Parkeren;1.0;1.0;12,5;Overijssel
            Zwolle;1.1 Crisisbeheersing en brandweer;51.0;0.0;11141.0;Overijssel

            """
        let error = try #require(throws: MoneyFileError.self) {
            try Iv3TaakveldReader.read(Data(text.utf8), file: "iv3.csv", knownGemeenten: ["Zwolle", "Zwartewaterland"])
        }
        #expect(error.problems.map(\.code) == [.unknownGemeente, .unknownTaakveld, .unknownTaakveld, .notAnAmount, .duplicateRow])
        #expect(error.problems.map(\.line) == [3, 4, 5, 6, 7])
        #expect(error.problems[0].field == "Gemeenten")
        #expect(error.problems[0].hint == "did you mean 'Zwolle'?")
        #expect(error.problems[2].hint?.contains("does not fit") == true)
        #expect(error.problems[3].field == "Lasten")
    }

    @Test func aGemeenteThatIsNotInTheFileIsAnError() throws {
        let table = try Iv3TaakveldReader.read(Data("Gemeenten;Taakveld;Baten;Lasten\nZwolle;1.1 Crisisbeheersing en brandweer;0;1\n".utf8), file: "iv3.csv")
        let error = try #require(throws: MoneyFileError.self) {
            try Iv3TaakveldReader.entries(table, gemeente: "Zwole", column: BudgetColumn(.realisatie, 2023))
        }
        #expect(error.problems.first?.code == .unknownGemeente)
        #expect(error.problems.first?.hint == "did you mean 'Zwolle'?")
    }
}
