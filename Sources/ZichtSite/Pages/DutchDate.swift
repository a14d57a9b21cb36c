import Foundation
import ZichtCore

/// Dates as Dutch readers write them: "1 juli 2020 om 09:56", in Amsterdam time, never MM/DD.
public enum DutchDate {
    static let months = CivilDate.dutchMonthNames

    /// The time zone of Dutch public administration.
    public static let amsterdam: TimeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 3600)!

    /// The Gregorian calendar in Amsterdam time.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = amsterdam
        return calendar
    }()

    private static func components(_ date: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }

    /// A month index (year × 12 + month − 1) as "juni 2020".
    static func month(_ index: Int) -> String {
        "\(months[((index % 12) + 12) % 12]) \(index / 12)"
    }

    /// "1 juli 2020".
    public static func long(_ date: Date) -> String {
        let c = components(date)
        return "\(c.day!) \(months[c.month! - 1]) \(c.year!)"
    }

    /// "1 juni 2018", for a calendar date.
    public static func long(date: CivilDate) -> String {
        "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// "1 juli 2020 om 09:56".
    public static func longWithTime(_ date: Date) -> String {
        let c = components(date)
        let time = String(format: "%02d:%02d", c.hour!, c.minute!)
        return "\(c.day!) \(months[c.month! - 1]) \(c.year!) om \(time)"
    }

    /// ISO 8601 with the Amsterdam offset, for `<time datetime>` and JSON: "2020-07-01T09:56:00+02:00".
    /// "2022-06-01": the day in Amsterdam.
    public static func isoDay(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    public static func iso(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle(timeZone: amsterdam)
        style = style.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .colon)
        return date.formatted(style)
    }
}
