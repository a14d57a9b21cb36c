import Foundation
import Testing
import ZichtCore

@Suite struct CivilDateTests {
    /// Day numbers checked against Foundation's Gregorian calendar (an independent implementation)
    /// for every day from 1899 to 2101.
    @Test func dayNumbersAgreeWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: 1899, month: 1, day: 1))!
        let startNumber = Int(start.timeIntervalSince1970 / 86_400)
        for offset in stride(from: 0, to: 74_000, by: 1) {
            let date = start.addingTimeInterval(Double(offset) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let civil = CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)
            #expect(civil.dayNumber == startNumber + offset)
            #expect(CivilDate(day: startNumber + offset) == civil)
            // Foundation: Sunday = 1 … Saturday = 7.
            #expect(civil.isoWeekday == (parts.weekday! + 5) % 7 + 1)
            if civil.dayNumber != startNumber + offset { break }
        }
    }

    @Test func knownDates() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CivilDate(year: 2018, month: 6, day: 1).dayNumber == 17_683)  // 48 years, 12 leap days: 48·365 + 12 + 151
        #expect(CivilDate(year: 2018, month: 6, day: 1).isoWeekday == 5)  // a Friday
        #expect(CivilDate(iso: "2019-02-29") == nil)
        #expect(CivilDate(iso: "2020-02-29") == CivilDate(year: 2020, month: 2, day: 29))
        #expect(CivilDate(iso: "2020-2-9") == nil)
        #expect(CivilDate(year: 2018, month: 6, day: 1).description == "2018-06-01")
    }
}
