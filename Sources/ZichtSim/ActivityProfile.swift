/// Where and when incidents of one type happen, relative to each other.
///
/// The expected share of a type's yearly incidents in buurt *b* and month *m* is proportional to
///
///     max(inhabitants_b, populationFloor) × place_b × months[m] × daysInMonth(m) / 30.44
///
/// where `place_b` is `centreFactor` in the city centre, `industrialFactor` on business estates and
/// 1 elsewhere. Within the month, the day and hour follow ``week`` (outside the centre) or
/// ``centreWeek`` (inside it), and the minute is uniform.
public struct ActivityProfile: Sendable, Hashable, Codable {
    /// Incidents per inhabitant in a city-centre buurt relative to an ordinary residential buurt.
    public var centreFactor: Double
    /// The same for business estates (buurten named "Bedrijventerrein …" or "Kantorenterrein …").
    public var industrialFactor: Double
    /// The population a buurt counts as at least (visitors, workers, passers-by): lets buurten
    /// where few people live still have incidents of types that do not need residents.
    public var populationFloor: Double
    /// Relative weight per month, January first (a seasonal pattern; normalised per year).
    public var months: [Double]
    /// The weekday × hour pattern outside the centre.
    public var week: WeekPattern
    /// The weekday × hour pattern in the centre (with a night-life peak for violence).
    public var centreWeek: WeekPattern

    public init(
        centreFactor: Double, industrialFactor: Double = 1, populationFloor: Double = 0, months: [Double],
        week: WeekPattern, centreNightlife: Double = 0
    ) {
        precondition(months.count == 12 && months.allSatisfy { $0 > 0 }, "12 positive month weights")
        precondition(centreFactor >= 0 && industrialFactor >= 0 && populationFloor >= 0, "non-negative factors")
        self.centreFactor = centreFactor
        self.industrialFactor = industrialFactor
        self.populationFloor = populationFloor
        self.months = months
        self.week = week
        self.centreWeek = week.withNightlife(centreNightlife)
    }
}

extension ActivityProfile {
    // Month weights, January … December.
    /// Dark months: burglary rises when evenings are dark.
    static let darkMonths: [Double] = [1.25, 1.1, 1.0, 0.85, 0.8, 0.75, 0.8, 0.85, 0.95, 1.1, 1.2, 1.35]
    /// Summer and the start of the academic year: bicycles, street life.
    static let summerMonths: [Double] = [0.8, 0.8, 0.9, 1.0, 1.1, 1.15, 1.15, 1.1, 1.15, 1.1, 0.95, 0.8]
    /// December shopping.
    static let decemberMonths: [Double] = [0.95, 0.85, 0.9, 0.9, 0.95, 0.95, 1.0, 1.0, 0.95, 1.0, 1.1, 1.45]
    /// New Year's Eve damage and fires.
    static let newYearMonths: [Double] = [1.4, 0.9, 0.95, 0.95, 1.0, 1.0, 0.95, 0.95, 0.95, 1.0, 1.0, 1.3]
    static let flatMonths: [Double] = Array(repeating: 1, count: 12)

    /// Residential burglary (woning, schuur): per inhabitant, a little less in the centre, dark months.
    public static let residentialBurglary = ActivityProfile(
        centreFactor: 0.7, industrialFactor: 0.1, months: darkMonths,
        week: WeekPattern(days: WeekPattern.workDays, hours: WeekPattern.burglaryHours))
    /// Bicycle theft: the centre and the station, summer and autumn.
    public static let bicycleTheft = ActivityProfile(
        centreFactor: 6, industrialFactor: 1, populationFloor: 200, months: summerMonths,
        week: WeekPattern(days: WeekPattern.flatDays, hours: WeekPattern.bicycleHours))
    /// Pickpocketing: shopping streets, shopping hours, Saturdays, December.
    public static let pickpocketing = ActivityProfile(
        centreFactor: 25, industrialFactor: 0.5, populationFloor: 50, months: decemberMonths,
        week: WeekPattern(days: WeekPattern.shoppingDays, hours: WeekPattern.shoppingHours))
    /// Shoplifting: like pickpocketing, a little less concentrated.
    public static let shoplifting = ActivityProfile(
        centreFactor: 15, industrialFactor: 0.5, populationFloor: 50, months: decemberMonths,
        week: WeekPattern(days: WeekPattern.shoppingDays, hours: WeekPattern.shoppingHours))
    /// Theft from and of vehicles: at night, a little more in the centre and on estates.
    public static let vehicleTheft = ActivityProfile(
        centreFactor: 1.5, industrialFactor: 2, populationFloor: 100, months: flatMonths,
        week: WeekPattern(days: WeekPattern.flatDays, hours: WeekPattern.nightHours))
    /// Burglary of businesses and robberies of premises: estates and the centre, at night.
    public static let businessCrime = ActivityProfile(
        centreFactor: 4, industrialFactor: 12, populationFloor: 100, months: darkMonths,
        week: WeekPattern(days: WeekPattern.weekendDays, hours: WeekPattern.nightHours))
    /// Street robbery: evenings, the centre.
    public static let streetRobbery = ActivityProfile(
        centreFactor: 5, populationFloor: 50, months: darkMonths,
        week: WeekPattern(days: WeekPattern.weekendDays, hours: WeekPattern.eveningHours), centreNightlife: 2)
    /// Assault: evenings everywhere, and the centre's Friday and Saturday nights.
    public static let assault = ActivityProfile(
        centreFactor: 6, populationFloor: 50, months: summerMonths,
        week: WeekPattern(days: WeekPattern.weekendDays, hours: WeekPattern.eveningHours), centreNightlife: 6)
    /// Threats: like assault, less tied to night life.
    public static let threat = ActivityProfile(
        centreFactor: 4, populationFloor: 50, months: flatMonths,
        week: WeekPattern(days: WeekPattern.weekendDays, hours: WeekPattern.eveningHours), centreNightlife: 3)
    /// Sexual and lethal violence, trafficking: mostly where people live, some night life.
    public static let otherViolence = ActivityProfile(
        centreFactor: 2, months: flatMonths,
        week: WeekPattern(days: WeekPattern.weekendDays, hours: WeekPattern.eveningHours), centreNightlife: 2)
    /// Criminal damage: nights, weekends, New Year; the centre's nights.
    public static let vandalism = ActivityProfile(
        centreFactor: 4, industrialFactor: 1, populationFloor: 100, months: newYearMonths,
        week: WeekPattern(days: WeekPattern.weekendDays, hours: WeekPattern.nightHours), centreNightlife: 2)
    /// Arson: like damage, less in the centre.
    public static let arson = ActivityProfile(
        centreFactor: 1.5, industrialFactor: 1.5, populationFloor: 100, months: newYearMonths,
        week: WeekPattern(days: WeekPattern.weekendDays, hours: WeekPattern.nightHours))
    /// Public-order offences: the centre's nights.
    public static let publicOrder = ActivityProfile(
        centreFactor: 8, populationFloor: 50, months: summerMonths,
        week: WeekPattern(days: WeekPattern.weekendDays, hours: WeekPattern.eveningHours), centreNightlife: 4)
    /// Drug dealing: the centre, evenings.
    public static let drugs = ActivityProfile(
        centreFactor: 5, populationFloor: 50, months: flatMonths,
        week: WeekPattern(days: WeekPattern.weekendDays, hours: WeekPattern.eveningHours), centreNightlife: 1)
    /// Traffic offences: roads everywhere, daytime.
    public static let traffic = ActivityProfile(
        centreFactor: 1.5, industrialFactor: 1.5, populationFloor: 200, months: flatMonths,
        week: WeekPattern(days: WeekPattern.flatDays, hours: WeekPattern.dayHours))
    /// Everything else: where people live, daytime, a little more in the centre.
    public static let general = ActivityProfile(
        centreFactor: 2, industrialFactor: 1.5, populationFloor: 100, months: flatMonths,
        week: WeekPattern(days: WeekPattern.workDays, hours: WeekPattern.dayHours))
}
