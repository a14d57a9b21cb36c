import Testing
import ZichtSim
import ZichtTestSupport

struct InhabitantEstimateTests {
    /// Hand calculation: 3 men and 4 women are 42.857142…% and 57.142857…%; printed to four
    /// decimals, 42.8571 and 57.1429. No N below 7 fits (N = 1…6 give shares in steps of at least
    /// 16.7 %, none within 0.00005 of 42.8571), so the answer is 7.
    @Test func sevenPeople() {
        #expect(InhabitantEstimate.smallestPopulation(percentages: [42.8571, 57.1429]) == 7)
    }

    /// Hand calculation: 50 % and 50 % fit N = 2 already (1 of 2).
    @Test func halfAndHalf() {
        #expect(InhabitantEstimate.smallestPopulation(percentages: [50, 50]) == 2)
    }

    /// A share that fits no denominator up to the limit gives nil.
    @Test func noFit() {
        #expect(InhabitantEstimate.smallestPopulation(percentages: [33.3334], decimals: 4, limit: 100) == nil)
    }

    /// The recovered counts agree with a column they were not computed from: `bsvrwpdmn`, women per
    /// 1 000 men (codebook zwolle-zebra-variabelen.csv), must equal (N − m)/m × 1000 with
    /// m = round(bspman × N / 100), to the four decimals printed, for every buurt with men.
    @Test func zwolleCountsMatchWomenPerThousandMen() throws {
        let table = try ZwolleAreas.rows(of: ZwolleAreas.populationFile)
        let people = try ZwolleAreas.inhabitants()
        let geo = try #require(table.header.firstIndex(of: "GEOITEM"))
        let men = try #require(table.header.firstIndex(of: "bspman"))
        let ratio = try #require(table.header.firstIndex(of: "bsvrwpdmn"))
        var checked = 0
        for row in table.rows {
            guard let n = people["BU0193\(row.fields[geo])0"], let share = Double(row.fields[men]), let published = Double(row.fields[ratio]) else { continue }
            let m = (share * Double(n) / 100).rounded()
            guard m > 0 else { continue }
            #expect(abs((Double(n) - m) / m * 1000 - published) < 0.00051, "buurt \(row.fields[geo]): N = \(n)")
            checked += 1
        }
        #expect(checked == 76)  // 78 buurten, two (201, 225) without figures
    }

    /// The buurt counts add up to Zwolle's population: CBS 70072ned gives 123 861 inhabitants on
    /// 1 January 2015 (the file's Zwolle row; README of ../shared/data/real). The Zebra table is for
    /// 1 January 2014, a year earlier, and two buurten (201, 225) have no figures, so the sum must be
    /// a little lower: within 2 % below.
    @Test func zwolleTotalIsPlausible() throws {
        let total = try ZwolleAreas.inhabitants().values.reduce(0, +)
        #expect(total == 123_215)
        #expect(total < 123_861 && Double(total) > 0.98 * 123_861)
    }
}
