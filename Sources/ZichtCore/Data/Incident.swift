/// One registered incident: when, what, and where.
///
/// Incidents are never shown individually in public output; they are counted per area.
public struct Incident: Sendable, Hashable {
    public enum Location: Sendable, Hashable {
        /// RD New coordinates in metres (EPSG:28992).
        case rd(x: Double, y: Double)
        /// An area code given in the file (e.g. a buurt code), when no coordinates are known.
        case area(String)
    }

    public var id: String
    public var year: Int
    public var month: Int
    public var day: Int
    /// Minutes after midnight, when the file gives a time.
    public var minuteOfDay: Int?
    /// The type: a police SoortMisdrijf code ("1.1.1") or a local category.
    public var type: String
    public var location: Location
    /// The line of the incident in its file.
    public var line: Int

    public init(id: String, year: Int, month: Int, day: Int, minuteOfDay: Int? = nil, type: String, location: Location, line: Int) {
        self.id = id
        self.year = year
        self.month = month
        self.day = day
        self.minuteOfDay = minuteOfDay
        self.type = type
        self.location = location
        self.line = line
    }
}
