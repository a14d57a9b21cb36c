extension SimulationResult {
    /// A plain-text summary for people (Dutch): the label, incidents per type per year, the camera
    /// zone and the near repeats.
    public var summaryLines: [String] {
        let years = truth.firstYear...truth.lastYear
        var lines = ["Gesimuleerde incidenten (ZichtSim, seed \(truth.seed)): gesimuleerd, geen echte politiegegevens.",
                     "Gekalibreerd op \(truth.calibration.source); \(truth.calibration.year): \(truth.calibration.total) misdrijven.",
                     ""]
        let nameWidth = min(40, truth.types.map { $0.code.count + 1 + $0.name.count }.max() ?? 10)
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let cut = text.count > width ? String(text.prefix(width - 1)) + "…" : text
            let fill = String(repeating: " ", count: max(0, width - cut.count))
            return left ? cut + fill : fill + cut
        }
        lines.append(pad("soort (gesimuleerd)", nameWidth, left: true) + years.map { pad(String($0), 7) }.joined())
        var totals = [Int](repeating: 0, count: years.count)
        for type in truth.types {
            let counts = years.map { year in type.generatedCounts.first { $0.year == year }?.count ?? 0 }
            for (index, count) in counts.enumerated() { totals[index] += count }
            lines.append(pad("\(type.code) \(type.name)", nameWidth, left: true) + counts.map { pad(String($0), 7) }.joined())
        }
        lines.append(pad("totaal", nameWidth, left: true) + totals.map { pad(String($0), 7) }.joined())
        if let camera = truth.camera {
            let effects = camera.effects.map { "\($0.type) ×\($0.multiplier)" }.joined(separator: ", ")
            lines.append("")
            lines.append("Cameragebied vanaf \(camera.startDate): \(camera.zoneAreaCodes.joined(separator: ", ")); effect \(effects).")
            if !camera.bufferAreaCodes.isEmpty {
                let buffer = camera.bufferEffects.map { "\($0.type) ×\($0.multiplier)" }.joined(separator: ", ")
                lines.append("Bufferring (\(Int(camera.bufferDistanceMetres)) m, \(camera.bufferAreaCodes.count) buurten): \(buffer).")
            }
        }
        if let nearRepeat = truth.nearRepeat {
            lines.append("Near repeats \(nearRepeat.type): \(nearRepeat.repeatCount) herhalingen (kans \(nearRepeat.repeatShare), binnen \(Int(nearRepeat.radiusMetres)) m en \(nearRepeat.maxLagDays) dagen).")
        }
        return lines
    }
}
