import ZichtCore
import ZichtGeo

/// One simulated incident, with what the simulation knows about it (its buurt, whether it is a near
/// repeat or a displacement copy) besides what an incident file would hold.
public struct SimulatedIncident: Sendable, Hashable {
    /// "SIM-000001", numbered in order of date, time, type and place: the prefix marks it as simulated.
    public var id: String
    public var year: Int
    public var month: Int
    public var day: Int
    /// Minutes after midnight.
    public var minuteOfDay: Int
    /// The police SoortMisdrijf code.
    public var type: String
    /// RD New, metres, rounded to centimetres.
    public var point: Point
    /// The code of the area the point lies in.
    public var areaCode: String
    /// The id of the earlier incident this one is a near repeat of.
    public var nearRepeatOf: String?
    /// Whether the camera's buffer effect added this incident (displacement).
    public var isDisplacementCopy: Bool

    public init(
        id: String, year: Int, month: Int, day: Int, minuteOfDay: Int, type: String, point: Point, areaCode: String,
        nearRepeatOf: String? = nil, isDisplacementCopy: Bool = false
    ) {
        self.id = id
        self.year = year
        self.month = month
        self.day = day
        self.minuteOfDay = minuteOfDay
        self.type = type
        self.point = point
        self.areaCode = areaCode
        self.nearRepeatOf = nearRepeatOf
        self.isDisplacementCopy = isDisplacementCopy
    }

    /// As a ZichtCore incident (RD location); `line` is its line in the written CSV (header = line 1).
    public func incident(line: Int) -> Incident {
        Incident(id: id, year: year, month: month, day: day, minuteOfDay: minuteOfDay, type: type,
                 location: .rd(x: point.x, y: point.y), line: line)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int { CivilDate(year: year, month: month, day: day).dayNumber }

    /// Monday = 0 … Sunday = 6.
    public var weekday: Int { CivilDate(year: year, month: month, day: day).weekdayIndex }
}
