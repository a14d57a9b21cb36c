import Foundation
import ZichtCore

/// Reads the CBS Iv3 files per gemeente and taakveld (table 45063NED as aggregated per taakveld:
/// `Gemeenten;Taakveld;…;Baten;Lasten;…`, amounts in thousands of euros).
///
/// Every row's taakveld must be a known Iv3 taakveld (``Taakvelden``) whose name its label starts
/// with (CBS cuts long labels short and ends them in `..`); every gemeente name must be a known one
/// when a list is given. Problems are reported with line and field, never skipped.
public enum Iv3TaakveldReader {
    /// The amounts of one gemeente and taakveld, in thousands of euros; nil when the cell is empty.
    public struct Amounts: Sendable, Hashable {
        public var lasten: Double?
        public var baten: Double?
        public var line: Int
    }

    /// The whole file: amounts by gemeente name, then taakveld code.
    public struct Table: Sendable {
        public var file: String
        public var gemeenten: [String: [String: Amounts]]
    }

    /// The CBS table id of these files.
    public static let tableID = "45063NED"

    /// The row that holds the national totals, which is not a gemeente.
    public static let nationalTotal = "Nederland"

    /// Reads every row of `data`.
    /// - Parameter knownGemeenten: names of the gemeenten that existed (for example from CBS's list
    ///   of the year); a row with another name is a problem. Names are compared without a CBS suffix
    ///   such as " (gemeente)" or " (L.)". Nil: any name is accepted.
    /// - Throws: ``MoneyFileError`` listing unknown taakvelden, labels that do not fit their code,
    ///   unknown gemeenten, duplicate rows and amounts that are not numbers; ``StatLineCSVError``
    ///   when the file is not CSV or lacks a column.
    public static func read(_ data: Data, file: String, knownGemeenten: Set<String>? = nil) throws -> Table {
        let reader = try StatLineCSVReader(url: URL(fileURLWithPath: "/" + file), data: data, displayName: file)
        let gemeenteColumn = try reader.requireColumn(named: "Gemeenten")
        let taakveldColumn = try reader.requireColumn(named: "Taakveld")
        let lastenColumn = try reader.requireColumn(named: "Lasten")
        let batenColumn = try reader.requireColumn(named: "Baten")
        let known = knownGemeenten.map { Set($0.map(baseName)) }
        var problems = MoneyProblems(file: file)
        var gemeenten: [String: [String: Amounts]] = [:]
        var reportedNames: Set<String> = []
        try reader.forEachRow { row in
            let line = row.line
            let gemeente = row.string(gemeenteColumn)
            if let known, gemeente != nationalTotal, !known.contains(baseName(gemeente)), reportedNames.insert(gemeente).inserted {
                problems.field(.unknownGemeente, line: line, "Gemeenten", expected: "the name of a gemeente", found: gemeente,
                               hint: suggestion(gemeente, among: known))
            }
            let label = row.string(taakveldColumn)
            let code = String(label.prefix { $0 != " " })
            guard let taakveld = Taakvelden.edition2023.first(where: { $0.code == code }) ?? Taakvelden.named(code) else {
                problems.field(.unknownTaakveld, line: line, "Taakveld", expected: "an Iv3 taakveld such as '1.2 Openbare orde en veiligheid'",
                               found: label)
                return
            }
            if !fits(label: label, taakveld) {
                problems.field(.unknownTaakveld, line: line, "Taakveld", expected: "'\(code) \(taakveld.name)'", found: label,
                               hint: "the label does not fit the taakveld's code: check which taakveld is meant")
            }
            var amounts = Amounts(line: line)
            do {
                amounts.lasten = try row.value(lastenColumn).number
                amounts.baten = try row.value(batenColumn).number
            } catch {
                let located = error as? StatLineCSVError
                problems.add(.notAnAmount, line: located?.line ?? line, field: located?.columnName, expected: located?.expected,
                             found: located?.found, located?.message ?? "\(error)", hint: located?.hint)
                return
            }
            // Thousands of euros: a billion of them (10¹² euros) is far beyond any gemeente, and
            // larger values would not fit the cents of a money entry.
            for (name, value) in [("Lasten", amounts.lasten), ("Baten", amounts.baten)] {
                if let value, value.magnitude >= 1e9 {
                    problems.field(.notAnAmount, line: line, name, expected: "thousands of euros below 1,000,000,000", found: "\(value)")
                    return
                }
            }
            if let first = gemeenten[gemeente]?[code] {
                problems.add(.duplicateRow, line: line, field: "Taakveld", expected: "each gemeente and taakveld once", found: "the same as line \(first.line)",
                             "duplicate row: \(gemeente), taakveld \(code) is also on line \(first.line)")
                return
            }
            gemeenten[gemeente, default: [:]][code] = amounts
        }
        try problems.check()
        return Table(file: file, gemeenten: gemeenten)
    }

    /// One gemeente's amounts as money entries of `column`, each assigned to the programma whose id is
    /// its taakveld's chapter ("1" for 1.2), converted from thousands of euros to cents.
    /// - Throws: ``MoneyFileError`` (`.unknownGemeente`) when the file has no rows for `gemeente`.
    public static func entries(_ table: Table, gemeente: String, column: BudgetColumn) throws(MoneyFileError) -> MoneyData {
        guard let rows = table.gemeenten[gemeente] ?? table.gemeenten.first(where: { baseName($0.key) == baseName(gemeente) })?.value else {
            var problems = MoneyProblems(file: table.file)
            problems.add(.unknownGemeente, line: nil, field: "Gemeenten", expected: "rows of gemeente '\(gemeente)'", found: "none",
                         "the file has no rows for gemeente '\(gemeente)'", hint: suggestion(gemeente, among: Set(table.gemeenten.keys)))
            throw MoneyFileError(problems.problems)
        }
        var entries: [MoneyEntry] = []
        for code in rows.keys.sorted(by: Taakvelden.codeOrder) {
            let amounts = rows[code]!
            let chapter = String(code.prefix { $0 != "." })
            for (side, value) in [(MoneySide.lasten, amounts.lasten), (.baten, amounts.baten)] {
                guard let value else { continue }
                entries.append(MoneyEntry(
                    programma: chapter, taakveld: code, side: side, column: column, cents: Int((value * 1000 * 100).rounded()), file: table.file,
                    line: amounts.line))
            }
        }
        return MoneyData(entries: entries, sources: [.init(file: table.file, publisher: "CBS", table: tableID, unitInEuros: 1000)])
    }

    /// Whether a CBS label ("6.71d Overige maatwerkarrangementen ..") names `taakveld`: its text
    /// after the code, without the `..` of a cut label, starts the taakveld's name (either edition).
    static func fits(label: String, _ taakveld: Taakveld) -> Bool {
        var text = label.dropFirst(taakveld.code.count).trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("..") { text = String(text.dropLast(2)).trimmingCharacters(in: .whitespaces) }
        let names = [taakveld.name] + (Taakvelden.edition2023 + Taakvelden.edition2025).filter { $0.code == taakveld.code }.map(\.name)
        return names.contains { $0.lowercased().hasPrefix(text.lowercased()) }
    }

    /// "Beek" for "Beek (L.)", "Utrecht" for "Utrecht (gemeente)".
    static func baseName(_ name: String) -> String {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return name }
        return name[..<open].trimmingCharacters(in: .whitespaces)
    }

    static func suggestion(_ name: String, among names: Set<String>) -> String? {
        let lowered = name.lowercased()
        let close = names.map { ($0, editDistance(lowered, $0.lowercased())) }.filter { $0.1 <= 3 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        return close.first.map { "did you mean '\($0.0)'?" } ?? "write the name as the CBS file does, e.g. 'Zwolle' or ''s-Gravenhage'"
    }
}
