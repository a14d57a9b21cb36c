import Foundation
import ZichtCore
import ZichtStats

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
            lines.append(CSVText.line(fields))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A readable report for the terminal: the observed counts, mean expected counts, Knox ratios and
    /// p-values as four tables with spatial bands as rows and temporal bands as columns, and a legend.
    public func text(labels style: KnoxLabelStyle = .honest) -> String {
        let rowLabels = spaceBands.labels(style), columnLabels = timeBands.labels(style)
        let p = parameters
        var out: [String] = []
        let limit = KnoxBand.plain(p.spaceBreaks.last!)
        out.append("Knox test for near repeats: \(eventCount) events, \(pairCount) pairs, "
            + "\(closePairCount) pairs within \(limit) m")
        out.append("Distance: \(p.metric == .euclidean ? "straight line (Euclidean)" : "Manhattan (|Δx| + |Δy|)"); "
            + "bands: \(p.intervals == .halfOpen ? "half-open [a, b)" : "closed (a, b]"); "
            + "\(p.permutations) permutations of the times, seed \(p.seed)")
        if style == .calculator {
            out.append("Labels as the Near Repeat Calculator writes them: \"a to b\" means from a − 1 to under b.")
        }

        func section(_ title: String, _ value: (KnoxCell) -> String) {
            out.append("")
            out.append(title)
            let header = ["distance \\ time"] + columnLabels
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
        section("Observed pairs") { String($0.observed) }
        section("Expected pairs (mean over the permutations)") { Self.fixed($0.expectedMean, digits: 1) }
        section("Knox ratio (observed / expected); * = p < 0.05") { cell in
            (cell.knoxRatio.map { Self.fixed($0, digits: 2) } ?? "–") + (cell.pValue < 0.05 ? "*" : " ")
        }
        section("p-value") { Self.fixed($0.pValue, digits: 3) }

        let smallest = String(format: "%.3g", 1 / Double(p.permutations + 1))
        out.append("")
        out.append("Legend")
        out.append("- Every pair of events counts once: in the row of their distance and the column of their time apart.")
        out.append("- Expected: the mean number of pairs in that cell when the times are shuffled over the events")
        out.append("  (\(p.permutations) times), so that the time no longer depends on the place.")
        out.append("- Knox ratio: observed divided by expected. 1.5 means 50% more pairs than by chance;")
        out.append("  – when no pairs are expected.")
        out.append("- p-value: the share of permutations with at least as many pairs as observed, (k + 1) / (P + 1);")
        out.append("  the smallest possible value here is \(smallest). With many cells tested at once, at p < 0.05")
        out.append("  about one cell in twenty is 'significant' by chance.")
        out.append("- The last row and column hold all pairs beyond the last distance and time break.")
        return out.joined(separator: "\n") + "\n"
    }

    /// The cells and parameters as an `Encodable` value for a JSON file (snake_case keys).
    public func report(labels style: KnoxLabelStyle = .honest) -> KnoxReport {
        let spaceLabels = spaceBands.labels(style), timeLabels = timeBands.labels(style)
        func band(_ band: KnoxBand, _ label: String) -> KnoxReport.Band {
            KnoxReport.Band(lower: band.lower, upper: Nullable(band.upper), label: label, notation: band.notation)
        }
        return KnoxReport(
            method: "knox", parameters: parameters, labelStyle: style, events: eventCount, pairs: pairCount,
            closePairs: closePairCount,
            spaceBands: spaceBands.map { band($0, spaceLabels[$0.index]) },
            timeBands: timeBands.map { band($0, timeLabels[$0.index]) },
            cells: cells.map { cell in
                let space = spaceBands[cell.space], time = timeBands[cell.time]
                return KnoxReport.Cell(
                    spaceFrom: space.lower, spaceTo: Nullable(space.upper), timeFrom: time.lower, timeTo: Nullable(time.upper),
                    spaceLabel: spaceLabels[cell.space], timeLabel: timeLabels[cell.time], observed: cell.observed,
                    expectedMean: cell.expectedMean, expectedMedian: cell.expectedMedian,
                    expectedSD: cell.expectedStandardDeviation, expectedExact: cell.exactExpected,
                    knoxRatio: Nullable(cell.knoxRatio), medianRatio: Nullable(cell.medianRatio), exceedances: cell.exceedances,
                    pValue: cell.pValue)
            })
    }

    /// Full precision with a decimal point (Swift's shortest representation that reads back exactly).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Fixed decimals with a decimal point.
    static func fixed(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}

/// A Knox table as written to JSON: the parameters, the bands and one object per cell.
public struct KnoxReport: Encodable, Sendable {
    public struct Band: Encodable, Sendable {
        public var lower: Double
        /// null for the band beyond the last break.
        public var upper: Nullable<Double>
        public var label: String
        public var notation: String

        enum CodingKeys: String, CodingKey { case lower, upper, label, notation }
    }

    public struct Cell: Encodable, Sendable {
        public var spaceFrom: Double
        public var spaceTo: Nullable<Double>
        public var timeFrom: Double
        public var timeTo: Nullable<Double>
        public var spaceLabel: String
        public var timeLabel: String
        public var observed: Int
        public var expectedMean: Double
        public var expectedMedian: Double
        public var expectedSD: Double
        public var expectedExact: Double
        public var knoxRatio: Nullable<Double>
        public var medianRatio: Nullable<Double>
        public var exceedances: Int
        public var pValue: Double

        enum CodingKeys: String, CodingKey {
            case spaceFrom = "space_from", spaceTo = "space_to", timeFrom = "time_from", timeTo = "time_to"
            case spaceLabel = "space_label", timeLabel = "time_label", observed
            case expectedMean = "expected_mean", expectedMedian = "expected_median", expectedSD = "expected_sd"
            case expectedExact = "expected_exact", knoxRatio = "knox_ratio", medianRatio = "median_ratio"
            case exceedances, pValue = "p_value"
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
