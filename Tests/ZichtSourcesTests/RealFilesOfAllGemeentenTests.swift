import Foundation
import Testing
import ZichtSources

/// The files of all gemeenten and Zwolle's buurten added to shared/data/real (83648NED 2010–2020,
/// Iv3 2023, cijfersoverzwolle 2015–2020), read with the StatLine reader and checked against the
/// values listed in the data README (computed there from the files, independently of Zicht).
struct RealFilesOfAllGemeentenTests {
    /// Sums column `name` over the rows whose key columns have the given values.
    static func sum(_ file: String, column name: String, where keys: [String: String] = [:]) throws -> (sum: Double, rows: Int) {
        let url = try StatLineCSVReaderTests.realFile(file)
        let reader = try StatLineCSVReader(url: url, displayName: file)
        let column = try reader.requireColumn(named: name)
        let keyColumns = try keys.map { (try reader.requireColumn(named: $0.key), $0.value) }
        var total = 0.0
        var rows = 0
        try reader.forEachRow { row in
            guard keyColumns.allSatisfy({ row.key($0.0, equals: $0.1) }) else { return }
            if let number = try row.value(column).number {
                total += number
                rows += 1
            }
        }
        return (total, rows)
    }

    @Test func crimeTotals2010To2020ByGemeenteName() throws {
        let file = "cbs-83648NED-2010-2020-totaal-gemeenten.csv"
        let expected: [(region: String, year: String, count: Double, per1000: Double)] = [
            ("Zwolle", "2010", 9_720, 81.6), ("Zwolle", "2015", 7_485, 60.4), ("Zwolle", "2018", 6_275, 49.8),
            ("Zwolle", "2019", 6_470, 50.8), ("Zwolle", "2020", 6_560, 50.9),
            ("Nederland", "2015", 978_945, 57.9), ("Nederland", "2019", 820_505, 47.5),
        ]
        for item in expected {
            let keys = ["RegioS": item.region, "Perioden": item.year]
            #expect(try Self.sum(file, column: "TotaalGeregistreerdeMisdrijven_1", where: keys) == (item.count, 1), "\(item)")
            #expect(try Self.sum(file, column: "GeregistreerdeMisdrijvenPer1000Inw_3", where: keys) == (item.per1000, 1), "\(item)")
        }
        // The rate uses the population of 1 January of the same year (37230ned, end of the year before).
        // 6 470 / 127 497 × 1000 = 50.746: CBS publishes 50.8.
        let rate: Double = 6_470.0 / 127_497 * 1000
        #expect(abs(rate - 50.8) < 0.06)
    }

    @Test func iv3TaakveldAmountsOfZwolle2023() throws {
        let realisation = "iv3-45063NED-2023-jaarrekening-taakveld-gemeenten.csv"
        let budget = "iv3-45063NED-2023-begroting-taakveld-gemeenten.csv"
        func amount(_ file: String, _ taakveld: String, _ column: String) throws -> Double {
            try Self.sum(file, column: column, where: ["Gemeenten": "Zwolle", "Taakveld": taakveld]).sum
        }
        #expect(try amount(realisation, "1.1 Crisisbeheersing en brandweer", "Lasten") == 11_141)
        #expect(try amount(realisation, "1.2 Openbare orde en veiligheid", "Lasten") == 5_904)
        #expect(try amount(realisation, "1.2 Openbare orde en veiligheid", "Baten") == 187)
        #expect(try amount(budget, "1.1 Crisisbeheersing en brandweer", "Lasten") == 10_404)
        #expect(try amount(budget, "1.2 Openbare orde en veiligheid", "Lasten") == 5_798)
        #expect(try amount(budget, "1.2 Openbare orde en veiligheid", "Baten") == 158)
        // All taakvelden including 0.10 and 0.11: the realisation nearly balances, the budget exactly.
        let zwolle = ["Gemeenten": "Zwolle"]
        #expect(try Self.sum(realisation, column: "Lasten", where: zwolle) == (911_811, 71))
        #expect(try Self.sum(realisation, column: "Baten", where: zwolle).sum == 911_820)
        #expect(try Self.sum(budget, column: "Lasten", where: zwolle).sum == 701_918)
        #expect(try Self.sum(budget, column: "Baten", where: zwolle).sum == 701_918)
        let inhabitants = try Self.sum(realisation, column: "Inwonertal", where: zwolle)
        #expect(inhabitants.sum / Double(inhabitants.rows) == 132_411)
        // Safety (1.1 + 1.2) per inhabitant: EUR 128.7.
        let perInhabitant: Double = (11_141.0 + 5_904) * 1000 / 132_411
        #expect((perInhabitant * 10).rounded() == 1287)
    }

    @Test func inhabitantsPerBuurtOfZwolleFromCijfersOverZwolle() throws {
        let column = "inwoners op 1 januari [personen] (1)"
        let totals: [Int: Double] = [2015: 123_856, 2016: 124_893, 2017: 125_525, 2018: 126_100, 2019: 127_488, 2020: 128_833]
        let binnenstadZuid: [Int: Double] = [2015: 2_046, 2017: 2_175, 2019: 2_296, 2020: 2_323]
        for (year, total) in totals {
            let file = "zwolle-cijfersoverzwolle-buurten-\(year).csv"
            let all = try Self.sum(file, column: column)
            #expect(all.sum == total, "\(year)")
            #expect(all.rows == 79, "\(year): 78 buurten and 'Onbekend'")
            if let expected = binnenstadZuid[year] {
                #expect(try Self.sum(file, column: column, where: ["Buurt_naam": "Binnenstad-Zuid"]) == (expected, 1), "\(year)")
            }
        }
    }
}
