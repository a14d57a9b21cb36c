/// One incident type of a simulated city: a police SoortMisdrijf code (so that the output reads
/// with ``IncidentReader``'s default rules), its yearly volume and where and when it happens.
public struct SimulatedType: Sendable, Hashable, Codable {
    /// The police SoortMisdrijf code, for example "1.1.1".
    public var code: String
    /// The police title, for example "Diefstal/inbraak woning".
    public var name: String
    /// The CBS 83648NED category it is calibrated on, for example "3 Gewelds- en seksuele misdrijven".
    public var cbsCategory: String
    /// The number of incidents in the calibration year.
    public var calibrationVolume: Int
    /// The yearly change factor: the volume in year *y* is
    /// `round(calibrationVolume × annualFactor^(y − calibrationYear))`.
    public var annualFactor: Double
    public var profile: ActivityProfile

    public init(code: String, name: String, cbsCategory: String, calibrationVolume: Int, annualFactor: Double, profile: ActivityProfile) {
        precondition(calibrationVolume >= 0 && annualFactor > 0, "volume ≥ 0 and a positive yearly factor")
        self.code = code
        self.name = name
        self.cbsCategory = cbsCategory
        self.calibrationVolume = calibrationVolume
        self.annualFactor = annualFactor
        self.profile = profile
    }

    /// The number of incidents of this type in `year` (before any camera effect).
    public func volume(in year: Int, calibrationYear: Int) -> Int {
        var factor = 1.0
        let steps = year - calibrationYear
        for _ in 0..<abs(steps) { factor *= annualFactor }
        if steps < 0 { factor = 1 / factor }
        return Int((Double(calibrationVolume) * factor).rounded())
    }
}
