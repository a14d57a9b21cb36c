import Foundation
import ZichtCore

/// Turns a StatLine CSV file into observations: which columns are dimensions, which the region and
/// period, which measures, and which describe regions (names, the province a gemeente lies in).
///
/// CBS layout: `ID` is skipped; `RegioS`/`WijkenEnBuurten`/`Gemeenten` is the region, `Perioden` the
/// period; columns ending in `_<number>` are measures, except `Code_n`/`Naam_n` pairs, which describe
/// the region; any other column is a dimension (`SoortMisdrijf`, `GebruikVanGeweld`, …). Police portal
/// layout: labels are turned into codes ("1.2.3 Diefstal …" → SoortMisdrijf 1.2.3, "2020" → 2020JJ00);
/// the region is kept as its name, as the portal gives no codes.
public enum StatLineTableReader {
    static let regionColumns = ["RegioS", "WijkenEnBuurten", "Gemeenten", "Regio's", "Wijken en buurten", "Plaatsen"]
    static let periodColumns = ["Perioden"]

    /// The table id in a CBS download's file name, e.g. "83648NED" in "83648NED_UntypedDataSet_….csv".
    public static func tableID(fromFileName name: String) -> String? {
        guard let match = name.firstMatch(of: /(\d{5}[A-Za-z]{3})/) else { return nil }
        return String(match.output.1)
    }

    /// What one read found, besides the observations.
    public struct Summary: Sendable, Equatable {
        public var rows: Int = 0
        public var observations: Int = 0
        public var measures: [String] = []
        public var dimensions: [String] = []
    }

    /// Reads `url` and calls `observe` for every measure cell, and `region` for every region attribute.
    /// - Parameters:
    ///   - measures: import only these measure columns (all when nil); unknown names are an error.
    /// - Throws: ``StatLineCSVError`` with file, line and column.
    public static func read(
        url: URL, displayName: String, tableID: String, measures: [String]? = nil,
        observe: (Observation) throws -> Void,
        region: (_ code: String, _ name: String?, _ parent: String?) -> Void = { _, _, _ in }
    ) throws -> Summary {
        try read(
            url: url, displayName: displayName, measures: measures,
            rows: { row in
                for (index, measure) in row.measures.enumerated() {
                    try observe(Observation(
                        tableID: tableID, measure: measure, dimensions: row.dimensions, region: row.region, period: row.period,
                        value: row.values[index]))
                }
            }, region: region)
    }

    /// Reads `url` and calls `rows` once per data row with the row's region, period, dimensions and
    /// one value per measure, and `region` for every region attribute (before the first row of that
    /// region). The same checks and errors as ``read(url:displayName:tableID:measures:observe:region:)``,
    /// which is built on this; use this one to store many rows fast (the row tells which rows share
    /// their dimensions, so a consumer can look a series up once per distinct combination).
    /// - Parameters:
    ///   - measures: import only these measure columns (all when nil); unknown names are an error.
    ///   - rows: receives each row; the row is lent, and valid only during the call.
    /// - Throws: ``StatLineCSVError`` with file, line and column, or what `rows` throws.
    public static func read(
        url: URL, data: Data? = nil, displayName: String, measures: [String]? = nil,
        rows: (borrowing StatLineTableRow) throws -> Void,
        region: (_ code: String, _ name: String?, _ parent: String?) -> Void = { _, _, _ in }
    ) throws -> Summary {
        let reader = try StatLineCSVReader(url: url, data: data, displayName: displayName)
        let header = reader.header
        guard let regionColumn = header.firstIndex(where: { regionColumns.contains($0) }) else {
            throw StatLineCSVError(
                code: .unknownColumn, file: displayName, line: 1,
                expected: "one of \(regionColumns.joined(separator: ", "))", found: header.joined(separator: ", "),
                message: "no region column found", hint: "a StatLine table for Zicht needs a region dimension")
        }
        guard let periodColumn = header.firstIndex(where: { periodColumns.contains($0) }) else {
            // A region list (e.g. 82949NED: RegioS;Code_1;Naam_2): names only, no observations.
            if let code = header.firstIndex(where: { $0.hasPrefix("Code_") }), code + 1 < header.count, header[code + 1].hasPrefix("Naam_") {
                var summary = Summary()
                try reader.forEachRow { row in
                    summary.rows += 1
                    region(row.key(regionColumn), row.key(code + 1), nil)
                }
                return summary
            }
            throw StatLineCSVError(
                code: .unknownColumn, file: displayName, line: 1, expected: "a column 'Perioden'",
                found: header.joined(separator: ", "), message: "no period column 'Perioden' found")
        }
        let isPolice = reader.layout == .policeLabels
        var measureColumns: [Int] = []
        var dimensionColumns: [Int] = []
        var codeNamePairs: [(code: Int, name: Int)] = []
        for (index, name) in header.enumerated() where index != regionColumn && index != periodColumn {
            if name == "ID" { continue }
            if name.hasPrefix("Code_"), index + 1 < header.count, header[index + 1].hasPrefix("Naam_") {
                codeNamePairs.append((index, index + 1))
                continue
            }
            if name.hasPrefix("Naam_") || name.hasPrefix("SorteringNaam_") || name.hasPrefix("KoppelvariabeleRegioCode") { continue }
            let isMeasure = isPolice ? name.hasSuffix(")") : endsInNumberSuffix(name)
            if isMeasure { measureColumns.append(index) } else { dimensionColumns.append(index) }
        }
        if let measures {
            for wanted in measures where !header.contains(wanted) {
                throw StatLineCSVError(
                    code: .unknownColumn, file: displayName, line: 1, columnName: wanted,
                    expected: "one of \(measureColumns.map { header[$0] }.joined(separator: ", "))",
                    message: "measure '\(wanted)' not found", hint: "check 'measures' for this file in zicht.yaml")
            }
            measureColumns = measureColumns.filter { measures.contains(header[$0]) }
        }
        var summary = Summary(measures: measureColumns.map { header[$0] }, dimensions: dimensionColumns.map { header[$0] })
        let dimensionNames = dimensionColumns.map { isPolice ? policeDimensionName(header[$0]) : header[$0] }
        var seenRegions: Set<String> = []
        // Consecutive rows mostly repeat their region, period and dimension keys: compare bytes with
        // the previous row and reuse its strings instead of making new ones (this halves the time).
        var regionCode = ""
        var periodText = ""
        var dimensionTexts = [String](repeating: "", count: dimensionColumns.count)
        var combinations: [[String]: Int] = [:]
        // Each (region, period, dimensions) may occur once: a second row for the same cell would
        // silently replace or double the first.
        var regionIndexes: [String: Int] = [:]
        var regionIndex = 0
        var seenCells: Set<CellKey> = []
        let countColumns = Set(measureColumns.filter { isCount(header[$0]) })
        var mapped = StatLineTableRow(
            line: 0, region: "", period: Period(year: 0), dimensions: [:], dimensionsIndex: 0, measures: summary.measures,
            values: [ObservedValue](repeating: .empty, count: measureColumns.count))
        try reader.forEachRow { row in
            summary.rows += 1
            mapped.line = row.line
            if summary.rows == 1 || !row.key(regionColumn, equals: regionCode) {
                regionCode = row.key(regionColumn)
                if let known = regionIndexes[regionCode] {
                    regionIndex = known
                } else {
                    regionIndex = regionIndexes.count
                    regionIndexes[regionCode] = regionIndex
                }
            }
            if summary.rows == 1 || !row.key(periodColumn, equals: periodText) {
                periodText = row.key(periodColumn)
                guard let parsed = Period(code: periodText) else {
                    throw StatLineCSVError(
                        code: .notANumber, file: displayName, line: row.line, column: periodColumn + 1, columnName: header[periodColumn],
                        expected: "a period such as 2015JJ00, 2019MM03 or 2020", found: periodText,
                        message: "'\(periodText)' is not a StatLine period")
                }
                mapped.period = parsed
            }
            var dimensionsChanged = summary.rows == 1
            for (position, column) in dimensionColumns.enumerated() where summary.rows == 1 || !row.key(column, equals: dimensionTexts[position]) {
                let text = row.key(column)
                dimensionTexts[position] = text
                mapped.dimensions[dimensionNames[position]] = isPolice ? (PoliceCrimeLabel(text)?.code ?? text) : text
                dimensionsChanged = true
            }
            if dimensionsChanged {
                if let known = combinations[dimensionTexts] {
                    mapped.dimensionsIndex = known
                } else {
                    mapped.dimensionsIndex = combinations.count
                    combinations[dimensionTexts] = combinations.count
                }
            }
            if !codeNamePairs.isEmpty, seenRegions.insert(regionCode).inserted {
                var parent: String?
                var name: String?
                for pair in codeNamePairs {
                    let code = row.key(pair.code)
                    if code == regionCode { name = row.key(pair.name) }
                    if code.hasPrefix("PV"), regionCode.hasPrefix("GM") || regionCode.hasPrefix("WK") || regionCode.hasPrefix("BU") {
                        parent = code
                        region(code, row.key(pair.name), nil)
                    }
                }
                region(regionCode, name, parent)
            } else if isPolice, seenRegions.insert(regionCode).inserted {
                region(regionCode, regionCode, nil)
            }
            mapped.region = regionCode
            let cell = CellKey(region: Int32(truncatingIfNeeded: regionIndex), dimensions: Int32(truncatingIfNeeded: mapped.dimensionsIndex), period: Int32(truncatingIfNeeded: mapped.period.sortKey))
            // Police downloads name areas by label, and a wijk and a buurt may share one (Amsterdam's
            // "Frankendael"): there two rows with one label are two areas, not a duplicate.
            if !isPolice, !seenCells.insert(cell).inserted {
                let first = try firstLine(of: url, displayName: displayName, region: regionColumn, period: periodColumn, dimensions: dimensionColumns, matching: row)
                throw StatLineCSVError(
                    code: .duplicateRow, file: displayName, line: row.line, expected: "one row per region, period and dimensions",
                    found: "\(regionCode), \(periodText)",
                    message: "this row has the same region (\(regionCode)), period (\(periodText)) and dimensions as line \(first); each combination may occur once",
                    hint: "Remove the duplicate row; if the values differ, find out which one is right.")
            }
            for (position, column) in measureColumns.enumerated() {
                switch try row.value(column) {
                case .number(let number):
                    if number < 0, countColumns.contains(column) {
                        throw StatLineCSVError(
                            code: .notANumber, file: displayName, line: row.line, column: column + 1, columnName: header[column],
                            expected: "a count of 0 or more", found: row.string(column),
                            message: "a count cannot be negative: found \(row.string(column))")
                    }
                    mapped.values[position] = .number(number)
                case .unknown: mapped.values[position] = .unknown
                case .empty: mapped.values[position] = .empty
                }
            }
            try rows(mapped)
            summary.observations += measureColumns.count
        }
        return summary
    }

    /// One cell of a table: region, dimension combination and period, as small integers.
    struct CellKey: Hashable {
        var region: Int32
        var dimensions: Int32
        var period: Int32
    }

    /// Whether a measure counts things, so that a negative value is an error: CBS measures named
    /// `Totaal…` or `Aantal…` (e.g. `TotaalGeregistreerdeMisdrijven_1`) and police columns in
    /// "(aantal)"; not rates, percentages, balances or changes, which may be negative.
    static func isCount(_ measure: String) -> Bool {
        let lowered = measure.lowercased()
        let countLike = lowered.hasPrefix("totaal") || lowered.hasPrefix("aantal") || lowered.hasSuffix("(aantal)")
        let signed = ["saldo", "groei", "relatief", "per1000", "percentage", "mutatie", "verschil"].contains { lowered.contains($0) }
        return countLike && !signed
    }

    /// The line of the first row whose region, period and dimensions equal those of `row`: read again
    /// from the start, only to name both lines when a duplicate is found.
    static func firstLine(
        of url: URL, displayName: String, region: Int, period: Int, dimensions: [Int], matching row: borrowing StatLineRow
    ) throws -> Int {
        let keyColumns = [region, period] + dimensions
        let wanted = keyColumns.map { row.key($0) }
        var found = row.line
        let reader = try StatLineCSVReader(url: url, displayName: displayName)
        try reader.forEachRow { candidate in
            guard found == row.line, candidate.line < row.line else { return }
            if zip(keyColumns, wanted).allSatisfy({ candidate.key($0.0, equals: $0.1) }) { found = candidate.line }
        }
        return found
    }

    /// Whether `name` ends in `_` and one or more ASCII digits, as CBS's measure columns do
    /// (`TotaalGeregistreerdeMisdrijven_1`). A byte loop: a regular expression per column cost 15 µs.
    static func endsInNumberSuffix(_ name: String) -> Bool {
        let digits = name.utf8.reversed().prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        return digits > 0 && name.utf8.dropLast(digits).last == UInt8(ascii: "_")
    }

    /// "Soort misdrijf" → "SoortMisdrijf", the key name the police's OData tables use.
    static func policeDimensionName(_ label: String) -> String {
        label.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// One data row of a StatLine table, as ``StatLineTableReader/read(url:displayName:measures:rows:region:)``
/// lends it: the row's keys mapped to a region code, a period and dimensions, and one value per measure.
public struct StatLineTableRow: ~Copyable {
    /// 1-based file line on which the row starts.
    public internal(set) var line: Int
    /// The region code (NL01, GM0193, …), or the region's name where the table has no codes.
    public internal(set) var region: String
    public internal(set) var period: Period
    /// The other dimensions, e.g. ["SoortMisdrijf": "3000000"].
    public internal(set) var dimensions: [String: String]
    /// A number for the row's `dimensions`, counting from 0 in order of first appearance: two rows of
    /// one read have the same number exactly when they have the same dimensions.
    public internal(set) var dimensionsIndex: Int
    /// The measure columns read, the same for every row.
    public let measures: [String]
    /// One value per measure, in the order of ``measures``.
    public internal(set) var values: [ObservedValue]
}
