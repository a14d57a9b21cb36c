import ZichtStats

/// How band labels are written in the terminal reports of `zicht near-repeat`.
public enum KnoxLabelStyle: String, Sendable, Hashable, Codable, CaseIterable {
    /// Labels that say exactly what a band holds: "0 to under 100 m", "300 m or more" (half-open),
    /// "0 to 100 m", "over 100 to 200 m", "over 300 m" (closed).
    case honest
    /// The labels of Ratcliffe's Near Repeat Calculator 1.3, for comparison with its output:
    /// "Same location", "1 to 100", "101 to 200", "More than 300"; "0 to 7", "8 to 14", "More than 21".
    ///
    /// They are off by one: a band labelled "a to b" holds `[a − 1, b)` ("8 to 14" days is 7 to 13
    /// days, "101 to 200" m is 100 m up to but not including 200 m), except the first after the
    /// same-location band and the first temporal band, whose lower label is the break itself
    /// (Steenbeek's NearRepeat vignette, "NRC"; Davies' NearRepeat notebook).
    case calculator
}

extension KnoxBand {
    /// Interval notation: `[0, 100)`, `[300, ∞)`; closed: `[0, 100]`, `(100, 200]`, `(300, ∞)`.
    public var notation: String {
        let low = Self.plain(lower)
        guard let upper else { return intervals == .halfOpen ? "[\(low), ∞)" : "(\(low), ∞)" }
        switch intervals {
        case .halfOpen: return "[\(low), \(Self.plain(upper)))"
        case .closed: return "\(index == 0 ? "[" : "(")\(low), \(Self.plain(upper))]"
        }
    }

    /// The label that says what the band holds, for example "100 to under 200 m" or "21 days or more".
    public var honestLabel: String {
        let low = Self.plain(lower)
        func unit(_ value: Double) -> String { dimension == .space ? "m" : (value == 1 ? "day" : "days") }
        guard let upper else {
            return intervals == .halfOpen ? "\(low) \(unit(lower)) or more" : "over \(low) \(unit(lower))"
        }
        let high = Self.plain(upper)
        switch intervals {
        case .halfOpen: return "\(low) to under \(high) \(unit(upper))"
        case .closed:
            if index == 0 { return upper == 0 ? "\(high) \(unit(upper))" : "\(low) to \(high) \(unit(upper))" }
            return "over \(low) to \(high) \(unit(upper))"
        }
    }

    /// A number as the Calculator and CSV files write it: whole numbers without a decimal point.
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

extension Array where Element == KnoxBand {
    /// The labels of these bands (all of one dimension, in order) in `style`.
    public func labels(_ style: KnoxLabelStyle) -> [String] {
        switch style {
        case .honest:
            return map(\.honestLabel)
        case .calculator:
            let sameLocation = first.map { $0.dimension == .space && $0.upper == 1 } ?? false
            return map { band in
                guard let upper = band.upper else { return "More than \(KnoxBand.plain(band.lower))" }
                if band.index == 0 && sameLocation { return "Same location" }
                let labelledLower = band.index == 0 || (band.index == 1 && sameLocation) ? band.lower : band.lower + 1
                return "\(KnoxBand.plain(labelledLower)) to \(KnoxBand.plain(upper))"
            }
        }
    }
}
