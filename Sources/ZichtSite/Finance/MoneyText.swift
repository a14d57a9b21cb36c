import ZichtAnalysis
import ZichtCore

/// The Dutch words and numbers of the financial tables: one formatter for amounts, the titles of
/// columns and lines, captions and the sentence on signs.
public enum MoneyText {
    /// An amount in whole euros as Dutch readers write it: "€ 1.234.567", negative "€ −1.234.567"
    /// (the minus sign U+2212 of ``DutchNumber``, after the euro sign as in Dutch notation). The
    /// space after "€" is a no-break space, so an amount never wraps. Cents are rounded half away
    /// from zero.
    public static func euros(_ cents: Int) -> String {
        "€\u{00A0}" + DutchNumber.format(wholeEuros(cents), decimals: 0)
    }

    /// Cents rounded to whole euros, half away from zero (exact for any Int).
    static func wholeEuros(_ cents: Int) -> Double {
        let (quotient, remainder) = cents.quotientAndRemainder(dividingBy: 100)
        let rounded = remainder.magnitude >= 50 ? quotient + (cents < 0 ? -1 : 1) : quotient
        return Double(rounded)
    }

    /// An amount for CSV and JSON: euros with a decimal point and two decimals ("-1234.50").
    public static func machine(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// "V" for a favourable variance, "N" for an unfavourable one, nothing for none.
    public static func favourability(_ variance: Int) -> (letter: String, word: String)? {
        variance > 0 ? ("V", "voordelig") : variance < 0 ? ("N", "nadelig") : nil
    }

    /// The heading of a column: in a jaarverslag "Begroting 2019 primitief", "Begroting 2019 na
    /// wijziging", "Realisatie 2019"; in a begroting a realisation is a "Rekening 2017".
    public static func columnTitle(_ column: BudgetColumn, in kind: DocumentKind) -> String {
        switch column.version {
        case .begrotingPrimitief: kind == .jaarverslag ? "Begroting \(column.year) primitief" : "Begroting \(column.year)"
        case .begrotingNaWijziging: "Begroting \(column.year) na wijziging"
        case .realisatie: kind == .begroting ? "Rekening \(column.year)" : "Realisatie \(column.year)"
        case .raming: "Raming \(column.year)"
        }
    }

    /// The short name of a column for running text: "de begroting na wijziging 2019".
    static func columnPhrase(_ column: BudgetColumn) -> String {
        switch column.version {
        case .begrotingPrimitief: "de primitieve begroting \(column.year)"
        case .begrotingNaWijziging: "de begroting na wijziging \(column.year)"
        case .realisatie: "de realisatie \(column.year)"
        case .raming: "de raming \(column.year)"
        }
    }

    public static func lineTitle(_ line: FinancialLine) -> String {
        switch line {
        case .lasten: "Lasten"
        case .baten: "Baten"
        case .saldo: "Saldo"
        }
    }

    /// The heading of a programma's financial section: BBV's third W.
    public static func programmaHeading(_ kind: DocumentKind) -> String {
        kind == .jaarverslag ? "Wat heeft het gekost?" : "Wat mag het kosten?"
    }

    public static let overviewTitle = "Overzicht van baten en lasten"
    public static let taakveldenTitle = "Baten en lasten per taakveld"

    /// The sentence above every table that says how to read its signs.
    static func conventions(_ table: FinancialTable) -> String {
        var text = "Bedragen in euro's. Lasten en baten staan als positieve bedragen; het saldo is baten min lasten, een negatief saldo betekent dat de lasten hoger zijn."
        if let base = table.varianceBase {
            text += " Het verschil is de realisatie vergeleken met \(columnPhrase(base)): V is voordelig (minder lasten of meer baten dan begroot), N is nadelig."
        }
        return text
    }

    /// The sentence naming columns the data has no amounts for, or nil.
    static func missing(_ table: FinancialTable, kind: DocumentKind) -> String? {
        guard !table.missingColumns.isEmpty else { return nil }
        let names = table.missingColumns.map { columnTitle($0, in: kind).lowercasedFirst }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " en " + names.last!
        return "Voor \(list) zijn geen bedragen aangeleverd; \(names.count == 1 ? "die kolom ontbreekt" : "die kolommen ontbreken") in de tabel."
    }

    /// "Bron: …" under every table: CBS for Iv3 figures, the municipality's financial administration otherwise.
    static func source(_ sources: [MoneyData.Source], organisation: String) -> String {
        let parts = sources.map { source -> String in
            if let publisher = source.publisher {
                let table = source.table.map { " (tabel \($0))" } ?? ""
                let unit = source.unitInEuros == 1000 ? ", gepubliceerd in duizenden euro's" : ""
                return "\(publisher), Iv3-gegevens\(table)\(unit)"
            }
            return "\(source.description ?? "financiële administratie van \(organisation)") (\(source.file))"
        }
        return "Bron: " + Array(Set(parts)).sorted().joined(separator: "; ") + "."
    }
}
