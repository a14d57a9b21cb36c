/// How incidents of one kind spread over the 168 hours of a week: a relative weight per weekday
/// (Monday first) and hour.
///
/// A pattern is the product of day weights and hour weights, optionally with a night-life peak:
/// the hours 22:00–05:59 of Friday and Saturday night (that is Friday 22–23, Saturday 0–5,
/// Saturday 22–23 and Sunday 0–5) multiplied by `1 + nightlife`.
public struct WeekPattern: Sendable, Hashable, Codable {
    /// 168 weights, index `weekday * 24 + hour`, Monday = 0.
    public var weights: [Double]

    public init(weights: [Double]) {
        precondition(weights.count == 168 && weights.allSatisfy { $0 >= 0 } && weights.contains { $0 > 0 },
                     "a week pattern has 168 non-negative weights, not all zero")
        self.weights = weights
    }

    /// The product pattern `days[weekday] × hours[hour]`.
    public init(days: [Double], hours: [Double]) {
        precondition(days.count == 7 && hours.count == 24, "7 day weights and 24 hour weights")
        var weights: [Double] = []
        weights.reserveCapacity(168)
        for day in days {
            for hour in hours { weights.append(day * hour) }
        }
        self.init(weights: weights)
    }

    /// The hours of Friday and Saturday night, as (weekday, hour) with Monday = 0.
    public static let weekendNightHours: [(weekday: Int, hour: Int)] =
        [(4, 22), (4, 23)] + (0...5).map { (5, $0) } + [(5, 22), (5, 23)] + (0...5).map { (6, $0) }

    /// The same pattern with the Friday- and Saturday-night hours multiplied by `1 + boost`.
    public func withNightlife(_ boost: Double) -> WeekPattern {
        guard boost != 0 else { return self }
        var copy = weights
        for (weekday, hour) in Self.weekendNightHours { copy[weekday * 24 + hour] *= 1 + boost }
        return WeekPattern(weights: copy)
    }

    /// The share of the week's weight that falls in the Friday- and Saturday-night hours.
    public var weekendNightShare: Double {
        let night = Self.weekendNightHours.reduce(0) { $0 + weights[$1.weekday * 24 + $1.hour] }
        return night / weights.reduce(0, +)
    }
}

extension WeekPattern {
    // Day weights, Monday … Sunday.
    static let flatDays: [Double] = [1, 1, 1, 1, 1, 1, 1]
    static let workDays: [Double] = [1.1, 1.1, 1.1, 1.1, 1.05, 0.8, 0.75]
    /// Thursday is koopavond, Saturday the main shopping day, Sunday a shopping Sunday now and then.
    static let shoppingDays: [Double] = [0.8, 0.9, 0.9, 1.2, 1.1, 1.7, 0.6]
    static let weekendDays: [Double] = [0.85, 0.85, 0.9, 0.95, 1.15, 1.3, 1.1]

    // Hour weights, 0 … 23.
    /// Burglary: daytime when people are at work and dark early evenings.
    static let burglaryHours: [Double] = [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 0.6, 0.6, 0.8, 1.2, 1.2,
                                          1.2, 1.2, 1.0, 1.0, 1.2, 1.6, 1.6, 1.6, 1.6, 1.4, 0.8, 0.6]
    static let dayHours: [Double] = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1.2, 1.2, 1.2, 1.2,
                                     1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 0.9, 0.9, 0.9, 0.9, 0.5, 0.5]
    static let shoppingHours: [Double] = [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.2, 0.5, 1.5, 1.5,
                                          1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 0.6, 0.6, 0.6, 0.1, 0.1, 0.1]
    static let eveningHours: [Double] = [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.3, 0.3, 0.3, 0.3, 0.6, 0.6,
                                         0.6, 0.6, 0.6, 0.9, 0.9, 0.9, 0.9, 1.3, 1.3, 1.3, 1.3, 1.3]
    static let nightHours: [Double] = [1.5, 1.5, 1.5, 1.5, 1.5, 0.8, 0.8, 0.4, 0.4, 0.4, 0.4, 0.4,
                                       0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.8, 0.8, 0.8, 0.8, 1.4, 1.4]
    static let bicycleHours: [Double] = [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.9, 0.9, 0.9, 1.2, 1.2,
                                         1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1]
}
