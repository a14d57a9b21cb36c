/// Reads inhabitants per area from a municipality's own area table (one row per area), given as
/// text fields so that ZichtSim needs no file reader.
///
/// A column with counts is used when there is one (`bstotinw`, `inwoners`, `AantalInwoners_5`,
/// `aant_inw`, case-insensitive). Otherwise the count is recovered from the percentage columns of
/// Zwolle's Zebra table (`bspman`, `bspvrw` and the age bands `bsp0_3` … `bsp85_eo`) with
/// ``InhabitantEstimate``. Cells `NA`, `.` or empty are unknown: the area is left out.
public enum PopulationTable {
    public static let countColumns = ["bstotinw", "inwoners", "aantalinwoners_5", "aant_inw"]

    /// One data row: its line in the file and its fields in header order.
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// Inhabitants per area code.
    /// - Parameters:
    ///   - codeTemplate: turns the area column's value into a code, `{}` standing for the value
    ///     ("BU0193{}0" makes 100 into BU01931000); nil uses the value as it is.
    ///   - skip: area values to leave out (Zwolle's 999 = all areas).
    ///   - file: the file's name for messages.
    /// - Throws: ``SimulationError`` naming the file, line and column when the area column or every
    ///   population column is missing, or a count is not a whole number.
    public static func inhabitants(
        header: [String], rows: [Row], areaColumn: String, codeTemplate: String?, skip: Set<String> = [], file: String
    ) throws(SimulationError) -> [String: Int] {
        let lowered = header.map { $0.lowercased() }
        guard let area = lowered.firstIndex(of: areaColumn.lowercased()) else {
            throw SimulationError(.badPopulationTable, subject: areaColumn, message: "\(file):1: no column '\(areaColumn)' with the area codes",
                                  hint: "the header has \(header.prefix(8).joined(separator: ", "))\(header.count > 8 ? ", …" : "")")
        }
        let countColumn = countColumns.lazy.compactMap { lowered.firstIndex(of: $0) }.first
        let shareColumns = lowered.indices.filter { index in
            let name = lowered[index]
            return name == "bspman" || name == "bspvrw"
                || (name.hasPrefix("bsp") && name.dropFirst(3).first?.isNumber == true && name.contains("_"))
        }
        guard countColumn != nil || !shareColumns.isEmpty else {
            throw SimulationError(.badPopulationTable, subject: file, message: "\(file):1: no column with inhabitants",
                                  hint: "give a column \(countColumns.joined(separator: ", ")) with counts, or Zwolle's percentage columns bspman, bspvrw, bsp0_3 …")
        }
        func isUnknown(_ text: String) -> Bool { text.isEmpty || text == "NA" || text == "." }
        var result: [String: Int] = [:]
        for row in rows {
            guard row.fields.count == header.count else {
                throw SimulationError(.badPopulationTable, subject: file, message: "\(file):\(row.line): expected \(header.count) fields, found \(row.fields.count)")
            }
            let value = row.fields[area].trimmingSpaces
            guard !value.isEmpty, !skip.contains(value) else { continue }
            let code = codeTemplate.map { $0.replacingOccurrences(of: "{}", with: value) } ?? value
            if let countColumn {
                let text = row.fields[countColumn].trimmingSpaces
                if isUnknown(text) { continue }
                guard let count = Int(text), count >= 0 else {
                    throw SimulationError(.badPopulationTable, subject: header[countColumn],
                                          message: "\(file):\(row.line):\(countColumn + 1): column '\(header[countColumn])': expected a whole number of inhabitants, found '\(text)'")
                }
                result[code] = count
                continue
            }
            var shares: [Double] = []
            var unknown = false
            for column in shareColumns {
                let text = row.fields[column].trimmingSpaces
                if isUnknown(text) { unknown = true; break }
                guard let share = Double(text), (0...100).contains(share) else {
                    throw SimulationError(.badPopulationTable, subject: header[column],
                                          message: "\(file):\(row.line):\(column + 1): column '\(header[column])': expected a percentage 0–100, found '\(text)'")
                }
                shares.append(share)
            }
            if unknown { continue }
            let decimals = shareColumns.map { row.fields[$0].trimmingSpaces.split(separator: ".").dropFirst().first?.count ?? 0 }.max() ?? 0
            guard let count = InhabitantEstimate.smallestPopulation(percentages: shares, decimals: max(decimals, 1), limit: 200_000) else {
                throw SimulationError(.badPopulationTable, subject: file,
                                      message: "\(file):\(row.line): the percentages of area \(value) fit no whole number of inhabitants up to 200 000")
            }
            result[code] = count
        }
        return result
    }
}

extension String {
    /// Without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
