import Foundation
import Testing
import ZichtSim
import ZichtSources
import ZichtTestSupport

/// The calibration table against the published CBS files it was made from.
struct CalibrationTests {
    /// Zwolle's 2015 counts per 83648NED key (old 7-digit keys), read from the real file.
    static func zwolle2015() throws -> [String: Int] {
        let file = "cbs-83648NED-2015-gemeenten.csv"
        let reader = try StatLineCSVReader(url: try RealData.url(file), displayName: file)
        let key = try reader.requireColumn(named: "SoortMisdrijf")
        let region = try reader.requireColumn(named: "RegioS")
        let count = try reader.requireColumn(named: "TotaalGeregistreerdeMisdrijven_1")
        var result: [String: Int] = [:]
        try reader.forEachRow { row in
            if row.key(region, equals: "GM0193"), let value = try row.value(count).number { result[row.key(key)] = Int(value) }
        }
        return result
    }

    /// Overijssel (PV23) "alle diefstallen" per old SoortDiefstal key and year, from 83651NED.
    static func overijssel() throws -> [String: [Int: Int]] {
        let file = "cbs-83651NED-diefstallen-2010-2017-provincies.csv"
        let reader = try StatLineCSVReader(url: try RealData.url(file), displayName: file)
        let violence = try reader.requireColumn(named: "GebruikVanGeweld")
        let kind = try reader.requireColumn(named: "SoortDiefstal")
        let region = try reader.requireColumn(named: "RegioS")
        let period = try reader.requireColumn(named: "Perioden")
        let count = try reader.requireColumn(named: "TotaalGeregistreerdeDiefstallen_1")
        var result: [String: [Int: Int]] = [:]
        try reader.forEachRow { row in
            guard row.key(violence, equals: "0"), row.key(region, equals: "PV23"), let value = try row.value(count).number,
                let year = Int(row.key(period).prefix(4))
            else { return }
            result[row.key(kind), default: [:]][year] = Int(value)
        }
        return result
    }

    static func volume(_ code: String) -> Int {
        ZwolleCalibration.types.first { $0.code == code }!.calibrationVolume
    }

    static func sum(_ codes: [String]) -> Int { codes.reduce(0) { $0 + volume($1) } }

    /// The headline figures hold exactly: total 7 485, category 3 (violence) 805, 2.1 vernieling 790,
    /// category 2 920, category 1 4 690 and its 1.1 diefstal 4 085, categories 4, 5, 6 and 7 + 9.
    @Test func headlineTotalsMatchCBS() throws {
        let cbs = try Self.zwolle2015()
        #expect(cbs["0000000"] == 7_485)
        #expect(Self.sum(ZwolleCalibration.types.map(\.code)) == cbs["0000000"])
        #expect(Self.sum(ZwolleCalibration.violenceCodes) == cbs["3000000"])
        #expect(Self.volume("2.2.1") == cbs["2010000"])
        #expect(Self.sum(["2.2.1", "1.6.1", "3.6.4"]) == cbs["2000000"])
        let diefstal = ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.4.6", "1.4.7", "2.5.1", "2.5.2"]
        #expect(Self.sum(diefstal) + 971 == cbs["1010000"])
        #expect(Self.sum(diefstal + ["1.6.2"]) == cbs["1000000"])
        #expect(Self.volume("3.1.1") == cbs["4000000"])
        #expect(Self.volume("3.5.5") == cbs["5000000"])
        #expect(Self.volume("3.1.3") == cbs["6000000"])
        #expect(Self.volume("3.7.3") == cbs["7000000"]! + cbs["9000000"]!)
    }

    /// Violence sub-types: CBS's sub-counts (3.1 415, 3.2 275, 3.3 75, 3.4 30, 3.5 + 3.6 10, 3.7 5)
    /// sum to 810 because every cell is rounded to 5; scaled to 805 each simulated volume lies within
    /// 1 of count × 805 / 810 (largest-remainder rounding).
    @Test func violenceSplitFollowsSubCategories() throws {
        let cbs = try Self.zwolle2015()
        let parts: [(String, Int)] = [
            ("1.4.5", cbs["3010000"]!), ("1.4.4", cbs["3020000"]!), ("1.4.1", cbs["3030000"]!), ("1.4.2", cbs["3040000"]!),
            ("1.6.3", cbs["3050000"]! + cbs["3060000"]!), ("3.1.2", cbs["3070000"]!),
        ]
        let subtotal = parts.reduce(0) { $0 + $1.1 }
        #expect(subtotal == 810)
        for (code, count) in parts {
            #expect(abs(Double(Self.volume(code)) - Double(count) * 805 / Double(subtotal)) < 1, "\(code)")
        }
    }

    /// Diefstal sub-types: 4 085 × Overijssel's 2015 share of the type's keys among the 27 190 of all
    /// keys, within 1 (largest remainder); the yearly factor is √(2017 / 2015) within rounding.
    @Test func theftSplitFollowsOverijssel() throws {
        let pv = try Self.overijssel()
        let buckets: [(String, [String])] = [
            ("1.1.1", ["14"]), ("1.1.2", ["15"]), ("1.2.1", ["07", "08"]), ("1.2.2", ["03", "04"]), ("1.2.3", ["01", "02"]),
            ("1.2.4", ["12"]), ("1.4.6", ["11"]), ("1.4.7", ["23"]), ("2.5.1", ["17", "18", "19", "20", "21", "22"]),
            ("2.5.2", ["16"]), ("1.6.2", ["05", "06", "09", "10", "24"]),
        ]
        func total(_ keys: [String], _ year: Int) -> Int { keys.reduce(0) { $0 + pv[$1]![year]! } }
        let all = buckets.reduce(0) { $0 + total($1.1, 2015) }
        #expect(all == 27_190)
        for (code, keys) in buckets {
            let share = 4_085 * Double(total(keys, 2015)) / Double(all)
            let simulated = Self.volume(code) - (code == "1.6.2" ? 605 : 0)
            #expect(abs(Double(simulated) - share) < 1, "\(code)")
            let factor = (Double(total(keys, 2017)) / Double(total(keys, 2015))).squareRoot()
            let type = ZwolleCalibration.types.first { $0.code == code }!
            #expect(abs(type.annualFactor - factor) <= 0.00005 + 1e-12, "\(code): \(factor)")
        }
    }

    /// The yearly volume (hand calculation): 442 × 0.8806² = 342.75… → 343 in 2017;
    /// 442 / 0.8806 = 501.93… → 502 in 2014.
    @Test func volumeOverYears() {
        let burglary = ZwolleCalibration.types[0]
        #expect(burglary.volume(in: 2015, calibrationYear: 2015) == 442)
        #expect(burglary.volume(in: 2017, calibrationYear: 2015) == 343)
        #expect(burglary.volume(in: 2014, calibrationYear: 2015) == 502)
    }
}
