import Foundation
import Testing
import ZichtAnalysis
import ZichtCore
import ZichtSources
import ZichtStore
import ZichtTestSupport

/// Indicator values computed from the real CBS files, checked against CBS's own published figures.
struct IndicatorCalculatorTests {
    /// Imports real files into an in-memory snapshot.
    static func snapshot(_ files: [(name: String, table: String)]) throws -> Snapshot {
        let snapshot = try Snapshot()
        for (name, table) in files {
            let url = try RealData.url(name)
            _ = try snapshot.importTable(Provenance(tableID: table, origin: name, sha256: name, retrievedAt: Date(timeIntervalSince1970: 0))) { sink in
                _ = try StatLineTableReader.read(
                    url: url, displayName: name, tableID: table, observe: { try sink.emit($0) }, region: { sink.region($0, name: $1, parent: $2) })
            }
        }
        return snapshot
    }

    static let crime2015 = (name: "cbs-83648NED-2015-gemeenten.csv", table: "83648NED")
    static let population2015 = (name: "cbs-70072ned-2015-regionale-kerncijfers.csv", table: "70072ned")

    /// A per-1.000 definition for one crime type of 83648NED, without a published-rate fallback, so
    /// every value is our own computation.
    static func crimeRate(_ key: String) -> IndicatorDefinition {
        IndicatorDefinition(
            id: "test-\(key)", title: key, unit: "per 1.000 inwoners",
            numerator: SeriesSelector(tables: ["83648NED"], measure: "TotaalGeregistreerdeMisdrijven_1", alternatives: [["SoortMisdrijf": key]]),
            denominator: BBVIndicators.population, scale: 1000, decimals: 1)
    }

    /// Every gemeente × crime-type cell of 83648NED 2015 with at least 200 registered crimes.
    ///
    /// CBS publishes counts rounded to multiples of 5 but computes its rates from the exact counts. So:
    /// (1) the indicator value — CBS's own rate where it publishes one — equals CBS's figure exactly;
    /// (2) our own division of the rounded count by the 1 January population is consistent with CBS's
    /// rate: some whole count within ±2 of the rounded one, divided by that population, rounds to the
    /// published rate. Check (2) is what shows that the denominator rule (population on 1 January of
    /// the same year) is right; with the 31 December population it fails for hundreds of cells.
    @Test func everyLargeCellMatchesCBSPublishedRate() throws {
        let snapshot = try Self.snapshot([Self.crime2015, Self.population2015])
        let url = try RealData.url(Self.crime2015.name)
        var published: [String: [String: (count: Double, rate: Double)]] = [:]
        _ = try StatLineTableReader.read(url: url, displayName: "83648NED", tableID: "83648NED", observe: { observation in
            guard observation.region.hasPrefix("GM"), let value = observation.value.number else { return }
            let type = observation.dimensions["SoortMisdrijf"]!
            var cell = published[type, default: [:]][observation.region] ?? (count: -1, rate: -1)
            if observation.measure == "TotaalGeregistreerdeMisdrijven_1" { cell.count = value } else { cell.rate = value }
            published[type, default: [:]][observation.region] = cell
        })
        var checked = 0
        var notEqual: [String] = []
        var inconsistent: [String] = []
        let calculator = IndicatorCalculator(snapshot: snapshot)
        for (type, cells) in published {
            let large = cells.filter { $0.value.count >= 200 && $0.value.rate >= 0 }
            guard !large.isEmpty else { continue }
            var withRate = Self.crimeRate(type)
            withRate.publishedRate = SeriesSelector(
                tables: ["83648NED"], measure: "GeregistreerdeMisdrijvenPer1000Inw_3", alternatives: [["SoortMisdrijf": type]])
            let shown = try calculator.table(for: withRate, regions: large.keys.sorted())
            let computed = try calculator.table(for: Self.crimeRate(type), regions: large.keys.sorted())
            for (region, cell) in large {
                checked += 1
                let year = Period(year: 2015)
                if shown.value(region: region, period: year)?.value != cell.rate { notEqual.append("\(type) \(region)") }
                let own = try #require(computed.value(region: region, period: year))
                #expect(own.method == .computed)
                let population = try #require(own.denominator)
                let fits = (Int(cell.count) - 2...Int(cell.count) + 2).contains { exact in
                    ((Double(exact) / population * 1000) * 10).rounded() / 10 == cell.rate
                }
                if !fits { inconsistent.append("\(type) \(region): \(own.value!) vs \(cell.rate)") }
            }
        }
        // The research notes counted 2,409 such cells in this file.
        #expect(checked == 2409)
        #expect(notEqual.isEmpty, "\(notEqual.prefix(10))")
        #expect(inconsistent.isEmpty, "\(inconsistent.prefix(10))")
    }

    /// Nederland, summed from all gemeenten, against CBS's own Nederland and Overijssel figures
    /// (cbs-83648NED-2015-totaal-per1000-regio.csv: NL01 57.9, PV23 44.3, GM0193 60.4).
    @Test func aggregatedRegionsMatchCBSOwnFigures() throws {
        let snapshot = try Self.snapshot([Self.crime2015, Self.population2015])
        let table = try IndicatorCalculator(snapshot: snapshot).table(for: Self.crimeRate("0000000"), gemeente: "GM0193")
        #expect(table.regions == ["GM0193", "PV23", "NL01"])
        let year = Period(year: 2015)
        let zwolle = try #require(table.value(region: "GM0193", period: year))
        #expect(zwolle.method == .computed, "the test definition has no published rate")
        // Hand calculation: 7,485 crimes / 123,861 inhabitants on 1 January × 1,000 = 60.43.
        #expect(zwolle.numerator == 7485 && zwolle.denominator == 123_861)
        #expect(((zwolle.value! * 10).rounded() / 10) == 60.4)
        let nederland = try #require(table.value(region: "NL01", period: year))
        #expect((nederland.value! * 10).rounded() / 10 == 57.9)
        #expect(nederland.denominator == 16_900_726)
        if case .aggregated(let parts) = nederland.method { #expect(parts >= 390) } else { Issue.record("NL should be aggregated") }
        let overijssel = try #require(table.value(region: "PV23", period: year))
        #expect((overijssel.value! * 10).rounded() / 10 == 44.3)
        #expect(table.regionNames["PV23"] == "Overijssel")
    }

    /// Published BBV values for Nederland (waarstaatjegemeente, via the research notes): geweld 2015 5.5,
    /// vernielingen (2.1) 2015 6.0, winkeldiefstal 2015 2.4, diefstal uit woning 2015 3.8.
    @Test func bbvNederlandMatchesPublishedValues() throws {
        let snapshot = try Self.snapshot([
            Self.crime2015, Self.population2015, (name: "cbs-83651NED-diefstallen-2010-2017-provincies.csv", table: "83651NED"),
        ])
        let calculator = IndicatorCalculator(snapshot: snapshot)
        let year = Period(year: 2015)
        let expected: [(IndicatorDefinition, Double)] = [
            (BBVIndicators.geweldsmisdrijven, 5.5), (BBVIndicators.vernielingen, 6.0),
            (BBVIndicators.winkeldiefstallen, 2.4), (BBVIndicators.diefstallenUitWoning, 3.8),
        ]
        for (definition, value) in expected {
            let table = try calculator.table(for: definition, gemeente: "GM0193")
            let nl = try #require(table.value(region: "NL01", period: year)?.value, "\(definition.id)")
            #expect((nl * 10).rounded() / 10 == value, "\(definition.id): \(nl)")
        }
        // Zwolle 2015: 805 violent crimes (6.5) and 790 vernielingen (6.4), as in the data README.
        let geweld = try calculator.table(for: BBVIndicators.geweldsmisdrijven, gemeente: "GM0193")
        #expect(geweld.value(region: "GM0193", period: year)?.numerator == 805)
        #expect(try #require(geweld.value(region: "GM0193", period: year)?.value).rounded(toPlaces: 1) == 6.5)
        let vernieling = try calculator.table(for: BBVIndicators.vernielingen, gemeente: "GM0193")
        #expect(vernieling.value(region: "GM0193", period: year)?.numerator == 790)
    }

    /// Without a population, the rate CBS published is shown and labelled; a suppressed cell stays unknown.
    @Test func publishedRateSuppressionAndMissingParts() throws {
        let snapshot = try Snapshot()
        let rate = SeriesSelector(tables: ["T"], measure: "Rate_2")
        let count = SeriesSelector(tables: ["T"], measure: "Count_1")
        let population = SeriesSelector(tables: ["P"], measure: "Pop_1")
        let year = Period(year: 2020)
        _ = try snapshot.importTable(Provenance(tableID: "T", origin: "t", sha256: "t", retrievedAt: Date())) { sink in
            func emit(_ region: String, _ measure: String, _ value: ObservedValue) throws {
                try sink.emit(Observation(tableID: "T", measure: measure, dimensions: [:], region: region, period: year, value: value))
            }
            try emit("GM0001", "Count_1", .number(460)); try emit("GM0001", "Rate_2", .number(3.6))
            try emit("GM0002", "Count_1", .unknown); try emit("GM0002", "Rate_2", .unknown)
            try emit("GM0003", "Count_1", .empty)
            sink.region("GM0001", name: "Eerste", parent: "PV01")
            sink.region("GM0002", name: "Tweede", parent: "PV01")
            sink.region("GM0004", name: "Vierde", parent: "PV02")
        }
        let definition = IndicatorDefinition(
            id: "x", title: "X", unit: "per 1.000 inwoners", numerator: count, denominator: population, publishedRate: rate, scale: 1000,
            comparisons: [.code("GM0002"), .code("GM0003"), .province, .code("PV02"), .nederland])
        let table = try IndicatorCalculator(snapshot: snapshot).table(for: definition, gemeente: "GM0001")
        #expect(table.value(region: "GM0001", period: year)?.method == .published)
        #expect(table.value(region: "GM0001", period: year)?.value == 3.6)
        #expect(table.value(region: "GM0002", period: year)?.method == .suppressed)
        #expect(table.value(region: "GM0002", period: year)?.value == nil, "unknown is never 0")
        #expect(table.value(region: "GM0003", period: year)?.value == nil)
        // PV01's parts include a suppressed gemeente: no aggregate.
        guard case .missing(let reason) = table.value(region: "PV01", period: year)?.method else {
            Issue.record("PV01 should be missing"); return
        }
        #expect(reason == .partSuppressed)
        // PV02's only gemeente is absent from the table: reported, not summed to 0.
        guard case .missing(let absent) = table.value(region: "PV02", period: year)?.method else {
            Issue.record("PV02 should be missing"); return
        }
        #expect(absent == .noData)
    }

    @Test func targetStatus() {
        let target = IndicatorTarget(value: 6.0, direction: .lower, tolerance: 0.3)
        #expect(target.status(of: 5.9) == .met)
        #expect(target.status(of: 6.0) == .met)
        #expect(target.status(of: 6.2) == .near)
        #expect(target.status(of: 6.5) == .notMet)
        #expect(IndicatorTarget(value: 7, direction: .higher).status(of: 6.9) == .notMet)
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let factor = pow(10, Double(places))
        return (self * factor).rounded() / factor
    }
}

/// The Halt indicator from a file the gemeente supplies (here a generated test file, not real figures).
struct HaltIndicatorTests {
    @Test func haltFileGivesReferralsPer10000YoungPeople() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("halt-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        // Generated test data in the documented layout (docs/indicators.md).
        try Data("RegioS;Perioden;Verwijzingen_1;Jongeren12Tot18Jaar_2\nGM0193;2019JJ00;123;9876\nGM0193;2020JJ00;.;9900\n".utf8).write(to: url)
        let snapshot = try Snapshot()
        _ = try snapshot.importTable(Provenance(tableID: "halt", origin: "halt.csv", sha256: "h", retrievedAt: Date(), publisher: "Gemeente")) { sink in
            _ = try StatLineTableReader.read(url: url, displayName: "halt.csv", tableID: "halt", observe: { try sink.emit($0) })
        }
        let table = try IndicatorCalculator(snapshot: snapshot).table(for: BBVIndicators.verwijzingenHalt, gemeente: "GM0193")
        // Hand calculation: 123 / 9,876 × 10,000 = 124.544…
        let value = try #require(table.value(region: "GM0193", period: Period(year: 2019))?.value)
        #expect(abs(value - 124.544_34) < 1e-4)
        #expect(table.value(region: "GM0193", period: Period(year: 2020))?.method == .suppressed)
    }
}
