import Foundation
import ZichtCore

/// Reads a money file: the amounts per programma and taakveld that a financial system exports, in
/// the format of docs/financial-data.md.
///
/// ```
/// programma;taakveld;soort;kolom;jaar;bedrag
/// 7;1.2;lasten;realisatie;2019;5904123,50
/// ```
///
/// The reader is strict: `;` between fields, exactly the six columns (in any order), amounts in
/// euros with a decimal comma and no thousands separators, `soort` and `kolom` from a fixed list,
/// taakvelden from the Iv3 list (``Taakvelden``), and every key once. Every problem is reported
/// with its line and field; nothing is skipped.
public enum MoneyFileReader {
    /// The columns of the format, in the order the documentation lists them.
    public static let columns = ["programma", "taakveld", "soort", "kolom", "jaar", "bedrag"]

    /// Reads `data`, the bytes of the file shown as `file`.
    /// - Throws: ``MoneyFileError`` listing every problem in the rows; ``StatLineCSVError`` when the
    ///   file is not CSV at all (empty, no header, a row with too few fields, not UTF-8).
    public static func read(_ data: Data, file: String) throws -> MoneyData {
        let reader = try StatLineCSVReader(url: URL(fileURLWithPath: "/" + file), data: data, displayName: file)
        var problems = MoneyProblems(file: file)
        guard reader.separator == ";" else {
            problems.add(
                .wrongSeparator, line: 1, expected: "';' between fields", found: "'\(reader.separator)'",
                "expected ';' between the fields of a money file, found '\(reader.separator)'",
                hint: "export with ';' as the field separator (the decimal separator is a comma)")
            try problems.check()
            return MoneyData(entries: [], sources: [])
        }
        for name in reader.header where !columns.contains(name) {
            problems.add(
                .unknownColumn, line: 1, field: name, expected: "one of \(columns.joined(separator: ", "))", found: MoneyProblems.quoted(name),
                "unknown column \(MoneyProblems.quoted(name)) in the header", hint: hint(forColumn: name))
        }
        var index: [String: Int] = [:]
        for name in columns {
            if let position = reader.column(named: name) {
                index[name] = position
            } else {
                problems.add(.missingColumn, line: 1, field: name, expected: "a column '\(name)'", "the header has no column '\(name)'",
                             hint: "the header is: \(columns.joined(separator: ";"))")
            }
        }
        try problems.check()
        let (programma, taakveld, soort, kolom, jaar, bedrag) =
            (index["programma"]!, index["taakveld"]!, index["soort"]!, index["kolom"]!, index["jaar"]!, index["bedrag"]!)
        var entries: [MoneyEntry] = []
        var firstLine: [MoneyEntry.Key: Int] = [:]
        try reader.forEachRow { row in
            guard !problems.isFull else { return }
            let line = row.line
            let programmaText = row.string(programma)
            if programmaText.isEmpty {
                problems.field(.badValue, line: line, "programma", expected: "the id of a programma page such as 7", found: programmaText)
            }
            let code = row.string(taakveld)
            if Taakvelden.named(code) == nil {
                problems.field(.unknownTaakveld, line: line, "taakveld", expected: "an Iv3 taakveld code such as 1.2", found: code, hint: taakveldHint(code))
            }
            let sideText = row.string(soort)
            let side = MoneySide(rawValue: sideText)
            if side == nil {
                problems.field(.badValue, line: line, "soort", expected: "lasten or baten", found: sideText)
            }
            let versionText = row.string(kolom)
            let version = BudgetVersion(rawValue: versionText)
            if version == nil {
                problems.field(
                    .badValue, line: line, "kolom", expected: BudgetVersion.allCases.map(\.rawValue).joined(separator: ", "), found: versionText,
                    hint: versionText.lowercased().hasPrefix("rekening") ? "a rekening is the realisatie of its year: kolom 'realisatie'" : nil)
            }
            let yearText = row.string(jaar)
            let year = Int(yearText).flatMap { (1900...2200).contains($0) && yearText.count == 4 ? $0 : nil }
            if year == nil {
                problems.field(.badValue, line: line, "jaar", expected: "a year such as 2019", found: yearText)
            }
            let amountText = row.string(bedrag)
            let cents = Self.cents(amountText)
            if cents == nil {
                problems.field(
                    .notAnAmount, line: line, "bedrag", expected: "an amount in euros such as 1234567 or -250,50", found: amountText,
                    hint: amountHint(amountText))
            }
            guard let side, let version, let year, let cents, !programmaText.isEmpty, Taakvelden.named(code) != nil else { return }
            let entry = MoneyEntry(
                programma: programmaText, taakveld: code, side: side, column: BudgetColumn(version, year), cents: cents, file: file, line: line)
            if let first = firstLine[entry.key] {
                problems.add(
                    .duplicateRow, line: line, field: nil, expected: "each programma, taakveld, soort, kolom and jaar once",
                    found: "the same as line \(first)",
                    "duplicate row: programma \(programmaText), taakveld \(code), \(sideText), \(versionText) \(year) is also on line \(first)",
                    hint: "a financial table adds the amounts itself: give each combination one total")
            } else {
                firstLine[entry.key] = line
                entries.append(entry)
            }
        }
        try problems.check()
        return MoneyData(entries: entries, sources: [MoneyData.Source(file: file)])
    }

    /// Euro cents of an amount written `[-]digits[,d[d]]`: at most 13 digits before the comma, no
    /// thousands separators, no currency sign; nil for anything else.
    public static func cents(_ text: String) -> Int? {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if scalars.first == "-" {
            negative = true
            scalars = scalars.dropFirst()
        }
        let parts = String(scalars).split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let whole = parts[0]
        guard (1...13).contains(whole.count), whole.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let euros = Int(whole) else { return nil }
        var cents = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(fraction) else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        let total = euros * 100 + cents
        return negative ? -total : total
    }

    static func amountHint(_ text: String) -> String? {
        if text.isEmpty { return "write 0 for an amount of nothing; an empty field is not an amount" }
        if text.contains(".") { return "write amounts without thousands separators and with a decimal comma: 1234567,89, not 1.234.567,89 or 1234567.89" }
        if text.contains("€") || text.uppercased().contains("EUR") { return "write the number only, without a currency sign" }
        if text.contains("−") { return "write a negative amount with a hyphen-minus '-'" }
        return nil
    }

    static func hint(forColumn name: String) -> String {
        let lowered = name.lowercased()
        if let close = columns.min(by: { editDistance(lowered, $0) < editDistance(lowered, $1) }), editDistance(lowered, close) <= 2 {
            return "did you mean '\(close)'? The columns are: \(columns.joined(separator: ";"))"
        }
        return "a money file has exactly the columns \(columns.joined(separator: ";")); remove the others"
    }

    static func taakveldHint(_ code: String) -> String {
        let prefix = code.split(separator: " ").first.map(String.init) ?? code
        if prefix != code, Taakvelden.named(prefix) != nil { return "write the code only: '\(prefix)'" }
        let chapter = prefix.prefix { $0 != "." }
        let same = Taakvelden.allCodes.filter { $0.hasPrefix(chapter + ".") }
        return same.isEmpty ? "the Iv3 taakvelden run from 0.1 to 8.3" : "taakvelden of chapter \(chapter): \(same.joined(separator: ", "))"
    }
}
