import ZichtCore
/// Everything that defines a simulated city apart from its areas and the seed.
///
/// ```swift
/// var settings = SimulationSettings.zwolle
/// settings.years = 2016...2019
/// let city = try CitySimulation(areas: buurten, settings: settings)
/// let result = city.run(seed: 42)
/// ```
public struct SimulationSettings: Sendable, Hashable {
    /// The years simulated (whole calendar years).
    public var years: ClosedRange<Int>
    /// The year the types' ``SimulatedType/calibrationVolume`` refers to.
    public var calibrationYear: Int
    public var types: [SimulatedType]
    /// The shape k of the gamma noise on every type × buurt × month cell (mean 1, variance 1/k);
    /// nil for none. See ``CitySimulation`` for the model.
    public var overdispersionShape: Double?
    /// Near-repeat clustering of one type (residential burglary), or nil for none.
    public var nearRepeat: NearRepeatSettings?
    /// A camera zone with a known effect, or nil for none.
    public var camera: CameraSettings?
    /// The codes of the city-centre areas; nil finds them by name (see ``CityCentre``).
    public var centreAreaCodes: [String]?

    public init(
        years: ClosedRange<Int>, calibrationYear: Int, types: [SimulatedType], overdispersionShape: Double? = 5,
        nearRepeat: NearRepeatSettings? = .residentialBurglary, camera: CameraSettings? = .juneTwentyEighteen,
        centreAreaCodes: [String]? = nil
    ) {
        self.years = years
        self.calibrationYear = calibrationYear
        self.types = types
        self.overdispersionShape = overdispersionShape
        self.nearRepeat = nearRepeat
        self.camera = camera
        self.centreAreaCodes = centreAreaCodes
    }

    /// Zwolle 2014–2019, calibrated on CBS 2015 (``ZwolleCalibration``), with near-repeat burglary
    /// and the June 2018 camera zone in the city centre.
    public static let zwolle = SimulationSettings(
        years: 2014...2019, calibrationYear: ZwolleCalibration.year, types: ZwolleCalibration.types)
}

/// Near-repeat clustering: a share of one type's incidents are repeats placed close to an earlier
/// incident of the same type, shortly after it.
///
/// Each incident is a repeat with probability ``repeatShare``. A repeat takes a parent uniformly
/// among the year's other (non-repeat) incidents of the type that are at least `lag` days before
/// the year's end, with `lag` uniform on 1…``maxLagDays`` days; it happens `lag` days after its
/// parent (hour drawn from the type's weekday × hour pattern) at a point uniform in the disc of
/// radius ``radius`` around the parent (r = R√U, θ = 2πU), kept only if it lies in one of the
/// areas. The expected number of repeats per non-repeat incident is q / (1 − q).
public struct NearRepeatSettings: Sendable, Hashable, Codable {
    public var typeCode: String
    /// The probability q that an incident is a near repeat.
    public var repeatShare: Double
    /// The radius of the disc around the parent, metres.
    public var radius: Double
    /// The longest lag in days (lags are uniform on 1…maxLagDays).
    public var maxLagDays: Int

    public init(typeCode: String, repeatShare: Double, radius: Double, maxLagDays: Int) {
        precondition((0..<1).contains(repeatShare) && radius > 0 && maxLagDays >= 1, "0 ≤ q < 1, radius > 0, lag ≥ 1 day")
        self.typeCode = typeCode
        self.repeatShare = repeatShare
        self.radius = radius
        self.maxLagDays = maxLagDays
    }

    /// Residential burglary (1.1.1): 12 % repeats within 200 m and 1–21 days.
    public static let residentialBurglary = NearRepeatSettings(typeCode: "1.1.1", repeatShare: 0.12, radius: 200, maxLagDays: 21)
}

/// A first month, as year and month.
public struct YearMonth: Sendable, Hashable, Comparable, Codable {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "month 1–12")
        self.year = year
        self.month = month
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// "YYYY-MM-01", the first day.
    public var firstDayText: String { zeroPadded(year, 4) + "-" + zeroPadded(month, 2) + "-01" }
}

/// A camera zone: from the first day of ``start`` on, the expected number of incidents of each type
/// in ``effects`` inside the zone is multiplied by its factor, and in the buffer ring (areas within
/// ``bufferDistance`` of the zone, outside it) by its factor in ``bufferEffects``.
///
/// A factor below 1 removes each incident independently with probability 1 − factor (binomial
/// thinning); a factor above 1 adds to each incident ⌊factor − 1⌋ copies plus one more with
/// probability frac(factor − 1), placed anew in the same area and month. Either way the expected
/// count is multiplied by exactly the factor.
public struct CameraSettings: Sendable, Hashable {
    /// The zone's area codes; nil means the city centre.
    public var zoneAreaCodes: [String]?
    public var start: YearMonth
    /// Multiplicative effect per type code inside the zone.
    public var effects: [String: Double]
    /// The buffer ring's width in metres (0 for no ring).
    public var bufferDistance: Double
    /// Multiplicative effect per type code in the buffer ring (displacement when above 1).
    public var bufferEffects: [String: Double]

    public init(zoneAreaCodes: [String]? = nil, start: YearMonth, effects: [String: Double], bufferDistance: Double = 0, bufferEffects: [String: Double] = [:]) {
        precondition(effects.values.allSatisfy { $0 >= 0 } && bufferEffects.values.allSatisfy { $0 >= 0 } && bufferDistance >= 0,
                     "effects are non-negative factors")
        self.zoneAreaCodes = zoneAreaCodes
        self.start = start
        self.effects = effects
        self.bufferDistance = bufferDistance
        self.bufferEffects = bufferEffects
    }

    /// The camera zone of the Zwolle simulation: the city centre from 1 June 2018; violence (CBS
    /// category 3) and criminal damage −20 % inside, +5 % (displacement) in a 250 m ring.
    public static let juneTwentyEighteen: CameraSettings = {
        let codes = ZwolleCalibration.violenceCodes + ZwolleCalibration.vandalismCodes
        return CameraSettings(
            start: YearMonth(year: 2018, month: 6),
            effects: Dictionary(uniqueKeysWithValues: codes.map { ($0, 0.8) }),
            bufferDistance: 250,
            bufferEffects: Dictionary(uniqueKeysWithValues: codes.map { ($0, 1.05) }))
    }()

    /// The same zone with every zone effect set to `multiplier` (1 = no effect); the buffer is kept.
    public func withZoneEffect(_ multiplier: Double) -> CameraSettings {
        var copy = self
        copy.effects = effects.mapValues { _ in multiplier }
        return copy
    }
}

extension SimulationSettings {
    /// The same settings with every type's calibration volume multiplied by `factor` and rounded,
    /// for a municipality other than the calibration's (scale by its inhabitants relative to
    /// Zwolle's, ``ZwolleCalibration/inhabitants2014``).
    public func scaled(by factor: Double) -> SimulationSettings {
        precondition(factor > 0, "a positive scale")
        var copy = self
        copy.types = types.map { type in
            var scaled = type
            scaled.calibrationVolume = Int((Double(type.calibrationVolume) * factor).rounded())
            return scaled
        }
        return copy
    }
}
