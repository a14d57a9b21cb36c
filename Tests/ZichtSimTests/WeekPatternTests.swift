import Testing
import ZichtSim

struct WeekPatternTests {
    /// Hand calculation: a flat pattern gives every hour weight 1, so the 16 weekend-night hours
    /// hold 16/168 of the week.
    @Test func flatWeekendNightShare() {
        let flat = WeekPattern(days: [1, 1, 1, 1, 1, 1, 1], hours: Array(repeating: 1, count: 24))
        #expect(abs(flat.weekendNightShare - 16.0 / 168) < 1e-12)
    }

    /// Hand calculation: with night life 6 the 16 night hours weigh 7 each: 112 / (152 + 112) = 0.4242…
    @Test func nightLifeBoost() {
        let boosted = WeekPattern(days: [1, 1, 1, 1, 1, 1, 1], hours: Array(repeating: 1, count: 24)).withNightlife(6)
        #expect(abs(boosted.weekendNightShare - 112.0 / 264) < 1e-12)
        // Friday 23:00 and Sunday 03:00 are night-life hours; Sunday 23:00 and Friday 21:00 are not.
        #expect(boosted.weights[4 * 24 + 23] == 7 && boosted.weights[6 * 24 + 3] == 7)
        #expect(boosted.weights[6 * 24 + 23] == 1 && boosted.weights[4 * 24 + 21] == 1)
    }
}
