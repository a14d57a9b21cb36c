import Foundation

/// The ground truth of a simulated city: everything an analysis should find, written as JSON next
/// to the incidents (`FILE.truth.json`).
public struct SimulationTruth: Sendable, Hashable, Codable {
    public struct YearCount: Sendable, Hashable, Codable {
        public var year: Int
        public var count: Int
    }

    public struct TypeTruth: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var cbsCategory: String
        public var calibrationVolume: Int
        public var annualFactor: Double
        /// The fixed yearly totals before the camera effect.
        public var plannedCounts: [YearCount]
        /// The incidents written, per year (after the camera effect).
        public var generatedCounts: [YearCount]
    }

    public struct Effect: Sendable, Hashable, Codable {
        public var type: String
        /// The factor on the expected count (0.8 = −20 %).
        public var multiplier: Double
    }

    public struct Camera: Sendable, Hashable, Codable {
        public var zoneAreaCodes: [String]
        public var bufferAreaCodes: [String]
        public var bufferDistanceMetres: Double
        /// The first day with the effect, YYYY-MM-DD.
        public var startDate: String
        public var effects: [Effect]
        public var bufferEffects: [Effect]
        public var method: String
    }

    public struct NearRepeat: Sendable, Hashable, Codable {
        public var type: String
        /// q: the probability that an incident is a near repeat.
        public var repeatShare: Double
        /// q / (1 − q): expected repeats per non-repeat incident.
        public var repeatsPerOriginal: Double
        public var radiusMetres: Double
        public var maxLagDays: Int
        /// The number of incidents written that are near repeats.
        public var repeatCount: Int
        public var method: String
    }

    public struct Calibration: Sendable, Hashable, Codable {
        public var source: String
        public var year: Int
        public var total: Int
    }

    /// Always "gesimuleerd".
    public var label: String
    /// A Dutch sentence for readers of the file.
    public var note: String
    public var generator: String
    public var seed: UInt64
    public var firstYear: Int
    public var lastYear: Int
    public var calibration: Calibration
    public var areaCount: Int
    public var inhabitants: Int
    public var centreAreaCodes: [String]
    /// The gamma shape k of the cell noise, or nil for none.
    public var overdispersionShape: Double?
    public var types: [TypeTruth]
    public var camera: Camera?
    public var nearRepeat: NearRepeat?
    public var incidentCount: Int

    /// The JSON text: sorted keys, indented, ending in a newline (byte-identical for equal truths).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}

extension CitySimulation {
    /// The truth of a run; `incidents` are the generated ones (nil for the counts-only mode).
    func truth(seed: UInt64, camera: CameraSettings?, incidents: [SimulatedIncident]?) -> SimulationTruth {
        var generated: [String: [Int: Int]] = [:]
        for incident in incidents ?? [] { generated[incident.type, default: [:]][incident.year, default: 0] += 1 }
        let types = settings.types.map { type in
            SimulationTruth.TypeTruth(
                code: type.code, name: type.name, cbsCategory: type.cbsCategory, calibrationVolume: type.calibrationVolume,
                annualFactor: type.annualFactor,
                plannedCounts: settings.years.map { .init(year: $0, count: type.volume(in: $0, calibrationYear: settings.calibrationYear)) },
                generatedCounts: incidents == nil ? [] : settings.years.map { .init(year: $0, count: generated[type.code]?[$0] ?? 0) })
        }
        let cameraTruth = camera.map { camera in
            SimulationTruth.Camera(
                zoneAreaCodes: zoneAreaCodes, bufferAreaCodes: bufferAreaCodes, bufferDistanceMetres: camera.bufferDistance,
                startDate: camera.start.firstDayText,
                effects: camera.effects.sorted { $0.key < $1.key }.map { .init(type: $0.key, multiplier: $0.value) },
                bufferEffects: camera.bufferEffects.sorted { $0.key < $1.key }.map { .init(type: $0.key, multiplier: $0.value) },
                method: "Vanaf de startdatum wordt elk incident van een genoemd type in de zone (of de bufferring) met kans 1 − factor weggelaten (factor < 1) of met kans factor − 1 verdubbeld (factor > 1): het verwachte aantal wordt precies met de factor vermenigvuldigd.")
        }
        let nearRepeatTruth = settings.nearRepeat.map { nearRepeat in
            SimulationTruth.NearRepeat(
                type: nearRepeat.typeCode, repeatShare: nearRepeat.repeatShare,
                repeatsPerOriginal: nearRepeat.repeatShare / (1 - nearRepeat.repeatShare), radiusMetres: nearRepeat.radius,
                maxLagDays: nearRepeat.maxLagDays, repeatCount: incidents?.filter { $0.nearRepeatOf != nil }.count ?? 0,
                method: "Elk incident is met kans q een herhaling: het krijgt een ouder (een eerder incident van hetzelfde type, geen herhaling), valt 1 tot \(nearRepeat.maxLagDays) dagen later (uniform) en ligt uniform verdeeld binnen \(Int(nearRepeat.radius)) m van de ouder.")
        }
        return SimulationTruth(
            label: "gesimuleerd",
            note: "Gesimuleerde incidenten (ZichtSim) op de echte buurtgrenzen; geen echte politiegegevens. Jaartotalen gekalibreerd op CBS 83648NED, Zwolle 2015.",
            generator: "ZichtSim 1", seed: seed, firstYear: settings.years.lowerBound, lastYear: settings.years.upperBound,
            calibration: .init(source: ZwolleCalibration.source, year: settings.calibrationYear,
                               total: settings.types.reduce(0) { $0 + $1.calibrationVolume }),
            areaCount: areas.count, inhabitants: areas.reduce(0) { $0 + $1.inhabitants }, centreAreaCodes: centreAreaCodes,
            overdispersionShape: settings.overdispersionShape, types: types, camera: cameraTruth, nearRepeat: nearRepeatTruth,
            incidentCount: incidents?.count ?? 0)
    }

    /// The ground truth of ``monthlyCounts(seed:cameraEffect:types:)`` for the same arguments
    /// (without generated counts).
    public func truth(seed: UInt64, cameraEffect: Double? = nil) -> SimulationTruth {
        truth(seed: seed, camera: camera(overridingZoneEffect: cameraEffect), incidents: nil)
    }
}
