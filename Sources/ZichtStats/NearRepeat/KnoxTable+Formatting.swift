import Foundation

extension KnoxTable {
    /// The CSV header of ``csv()``.
    public static let csvHeader = "space_from,space_to,time_from,time_to,observed,expected_mean,expected_median,knox_ratio,p_value"

    /// One line per cell, row by row: band bounds (metres, days; `space_to`/`time_to` empty for the
    /// band beyond the last break), observed pairs, mean and median expected, Knox ratio (empty when
    /// the mean expected is 0) and p-value. Numbers use a decimal point and full precision.
    public func csv() -> String {
        var lines = [Self.csvHeader]
        for cell in cells {
            let space = spaceBands[cell.space], time = timeBands[cell.time]
            let fields = [
                KnoxBand.plain(space.lower), space.upper.map(KnoxBand.plain) ?? "",
                KnoxBand.plain(time.lower), time.upper.map(KnoxBand.plain) ?? "",
                String(cell.observed), Self.number(cell.expectedMean), Self.number(cell.expectedMedian),
                cell.knoxRatio.map(Self.number) ?? "", Self.number(cell.pValue),
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A readable report in Dutch: the observed counts, mean expected counts, Knox ratios and
    /// p-values as four tables with spatial bands as rows and temporal bands as columns, and a legend.
    public func text(labels style: KnoxLabelStyle = .honest) -> String {
        let rowLabels = spaceBands.labels(style), columnLabels = timeBands.labels(style)
        let p = parameters
        var out: [String] = []
        let limit = KnoxBand.dutch(p.spaceBreaks.last!)
        out.append("Knox-toets op herhaling dichtbij (near repeat): \(eventCount) gebeurtenissen, \(pairCount) paren, "
            + "\(closePairCount) paren binnen \(limit) m")
        out.append("Afstand: \(p.metric == .euclidean ? "hemelsbreed (euclidisch)" : "Manhattan (|Δx| + |Δy|)"); "
            + "banden: \(p.intervals == .halfOpen ? "halfopen [a, b)" : "gesloten (a, b]"); "
            + "\(p.permutations) permutaties van de tijden, seed \(p.seed)")
        if style == .calculator {
            out.append("Labels zoals de Near Repeat Calculator ze schrijft: \"a to b\" betekent van a − 1 tot b.")
        }

        func section(_ title: String, _ value: (KnoxCell) -> String) {
            out.append("")
            out.append(title)
            let header = ["afstand \\ tijd"] + columnLabels
            let rows = spaceBands.indices.map { space in
                [rowLabels[space]] + timeBands.indices.map { value(cell(space: space, time: $0)) }
            }
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
            func line(_ fields: [String]) -> String {
                fields.enumerated().map { column, field in
                    let padding = String(repeating: " ", count: widths[column] - field.count)
                    return column == 0 ? field + padding : padding + field
                }.joined(separator: "  ")
            }
            out.append(line(header))
            for row in rows { out.append(line(row)) }
        }
        section("Waargenomen aantal paren") { String($0.observed) }
        section("Verwacht aantal paren (gemiddelde over de permutaties)") { Self.dutch($0.expectedMean, digits: 1) }
        section("Knox-ratio (waargenomen / verwacht); * = p < 0,05") { cell in
            (cell.knoxRatio.map { Self.dutch($0, digits: 2) } ?? "–") + (cell.pValue < 0.05 ? "*" : " ")
        }
        section("p-waarde") { Self.dutch($0.pValue, digits: 3) }

        let smallest = String(format: "%.3g", 1 / Double(p.permutations + 1)).replacingOccurrences(of: ".", with: ",")
        out.append("")
        out.append("Legenda")
        out.append("- Elk paar gebeurtenissen telt één keer: in de rij van hun afstand en de kolom van hun tijdsverschil.")
        out.append("- Verwacht: het gemiddelde aantal paren in die cel als de tijden willekeurig over de gebeurtenissen")
        out.append("  worden verdeeld (\(p.permutations) keer); dan hangt het tijdstip niet af van de plaats.")
        out.append("- Knox-ratio: waargenomen gedeeld door verwacht. 1,5 betekent 50% meer paren dan bij toeval;")
        out.append("  – als er geen paren verwacht worden.")
        out.append("- p-waarde: het deel van de permutaties met minstens zoveel paren als waargenomen, (k + 1) / (P + 1);")
        out.append("  de kleinste mogelijke waarde is hier \(smallest). Toets veel cellen tegelijk, dan is bij p < 0,05")
        out.append("  ongeveer één op de twintig cellen toevallig 'significant'.")
        out.append("- De laatste rij en kolom zijn alle paren voorbij de laatste afstands- en tijdsgrens.")
        return out.joined(separator: "\n") + "\n"
    }

    /// The cells and parameters as an `Encodable` value for a JSON file (snake_case keys).
    public func report(labels style: KnoxLabelStyle = .honest) -> KnoxReport {
        let spaceLabels = spaceBands.labels(style), timeLabels = timeBands.labels(style)
        func band(_ band: KnoxBand, _ label: String) -> KnoxReport.Band {
            KnoxReport.Band(lower: band.lower, upper: band.upper, label: label, notation: band.notation)
        }
        return KnoxReport(
            method: "knox", parameters: parameters, labelStyle: style, events: eventCount, pairs: pairCount,
            closePairs: closePairCount,
            spaceBands: spaceBands.map { band($0, spaceLabels[$0.index]) },
            timeBands: timeBands.map { band($0, timeLabels[$0.index]) },
            cells: cells.map { cell in
                let space = spaceBands[cell.space], time = timeBands[cell.time]
                return KnoxReport.Cell(
                    spaceFrom: space.lower, spaceTo: space.upper, timeFrom: time.lower, timeTo: time.upper,
                    spaceLabel: spaceLabels[cell.space], timeLabel: timeLabels[cell.time], observed: cell.observed,
                    expectedMean: cell.expectedMean, expectedMedian: cell.expectedMedian,
                    expectedSD: cell.expectedStandardDeviation, expectedExact: cell.exactExpected,
                    knoxRatio: cell.knoxRatio, medianRatio: cell.medianRatio, exceedances: cell.exceedances,
                    pValue: cell.pValue)
            })
    }

    /// Full precision with a decimal point (Swift's shortest representation that reads back exactly).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Fixed decimals with a decimal comma.
    static func dutch(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value).replacingOccurrences(of: ".", with: ",")
    }
}

/// A Knox table as written to JSON: the parameters, the bands and one object per cell.
public struct KnoxReport: Encodable, Sendable {
    public struct Band: Encodable, Sendable {
        public var lower: Double
        /// nil (JSON null) for the band beyond the last break.
        public var upper: Double?
        public var label: String
        public var notation: String

        enum CodingKeys: String, CodingKey { case lower, upper, label, notation }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(lower, forKey: .lower)
            try container.encode(upper, forKey: .upper)
            try container.encode(label, forKey: .label)
            try container.encode(notation, forKey: .notation)
        }
    }

    public struct Cell: Encodable, Sendable {
        public var spaceFrom: Double
        public var spaceTo: Double?
        public var timeFrom: Double
        public var timeTo: Double?
        public var spaceLabel: String
        public var timeLabel: String
        public var observed: Int
        public var expectedMean: Double
        public var expectedMedian: Double
        public var expectedSD: Double
        public var expectedExact: Double
        public var knoxRatio: Double?
        public var medianRatio: Double?
        public var exceedances: Int
        public var pValue: Double

        enum CodingKeys: String, CodingKey {
            case spaceFrom = "space_from", spaceTo = "space_to", timeFrom = "time_from", timeTo = "time_to"
            case spaceLabel = "space_label", timeLabel = "time_label", observed
            case expectedMean = "expected_mean", expectedMedian = "expected_median", expectedSD = "expected_sd"
            case expectedExact = "expected_exact", knoxRatio = "knox_ratio", medianRatio = "median_ratio"
            case exceedances, pValue = "p_value"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(spaceFrom, forKey: .spaceFrom)
            try container.encode(spaceTo, forKey: .spaceTo)
            try container.encode(timeFrom, forKey: .timeFrom)
            try container.encode(timeTo, forKey: .timeTo)
            try container.encode(spaceLabel, forKey: .spaceLabel)
            try container.encode(timeLabel, forKey: .timeLabel)
            try container.encode(observed, forKey: .observed)
            try container.encode(expectedMean, forKey: .expectedMean)
            try container.encode(expectedMedian, forKey: .expectedMedian)
            try container.encode(expectedSD, forKey: .expectedSD)
            try container.encode(expectedExact, forKey: .expectedExact)
            try container.encode(knoxRatio, forKey: .knoxRatio)
            try container.encode(medianRatio, forKey: .medianRatio)
            try container.encode(exceedances, forKey: .exceedances)
            try container.encode(pValue, forKey: .pValue)
        }
    }

    public var method: String
    public var parameters: KnoxParameters
    public var labelStyle: KnoxLabelStyle
    public var events: Int
    public var pairs: Int
    public var closePairs: Int
    public var spaceBands: [Band]
    public var timeBands: [Band]
    public var cells: [Cell]

    enum CodingKeys: String, CodingKey {
        case method, parameters, labelStyle = "label_style", events, pairs, closePairs = "close_pairs"
        case spaceBands = "space_bands", timeBands = "time_bands", cells
    }
}
