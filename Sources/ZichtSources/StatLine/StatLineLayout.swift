/// The two shapes in which StatLine tables reach us.
///
/// - `cbsKeys`: a CBS (or police "dataderden") table downloaded through the OData API or as
///   TypedDataSet/UntypedDataSet CSV. The header holds identifiers (`"ID";"SoortMisdrijf";"RegioS";
///   "Perioden";"TotaalGeregistreerdeMisdrijven_1";…`) and the dimension cells hold padded keys
///   (`"0000000"`, `"GM0193    "`, `"2015JJ00"`).
/// - `policeLabels`: a table downloaded as CSV from the police portal data.politie.nl. The header
///   holds titles with units (`"Soort misdrijf";"Perioden";"Wijken en buurten";"Geregistreerde
///   misdrijven (aantal)"`) and the dimension cells hold labels
///   (`"1.2.3 Diefstal van brom-, snor-, fietsen";"2020";"Amsterdam"`); see ``PoliceCrimeLabel``.
///
/// Any other header counts as `cbsKeys`: its column names are used as they are.
public enum StatLineLayout: Hashable, Sendable {
    case cbsKeys
    case policeLabels

    /// The layout of a file with these (trimmed) column names: `policeLabels` when one column is
    /// "Soort misdrijf" and one ends in "(aantal)", otherwise `cbsKeys`.
    public init(header: [String]) {
        let hasCrimeLabel = header.contains { $0.lowercased() == "soort misdrijf" }
        let hasCount = header.contains { $0.hasSuffix("(aantal)") }
        self = hasCrimeLabel && hasCount ? .policeLabels : .cbsKeys
    }
}

/// A police crime-type label split into its code and its title: `"1.2.3 Diefstal van brom-,
/// snor-, fietsen"` → code `"1.2.3"`, title `"Diefstal van brom-, snor-, fietsen"`.
///
/// The code is the police classification code (`0.0.0` … `3.9.3`) that is also the
/// `SoortMisdrijf` key of the police tables (padded there to six characters: `"1.1.1 "`), so a
/// portal download can be matched with an API download.
public struct PoliceCrimeLabel: Hashable, Sendable {
    /// The classification code, for example `"1.2.3"` or `"2.6.10"`.
    public var code: String
    /// The title after the code; empty when the label is a bare code.
    public var title: String

    public init(code: String, title: String) {
        self.code = code
        self.title = title
    }

    /// Splits `label` (surrounding spaces ignored) into code and title; nil when it does not
    /// start with a code of numbers separated by dots (`digits.digits[.digits…]`) followed by a
    /// space or the end.
    public init?(_ label: String) {
        let text = Substring(StatLineText.trimmed(label))
        var parts = 0
        var index = text.startIndex
        while true {
            let digitsStart = index
            while index < text.endIndex, let ascii = text[index].asciiValue, ascii >= 0x30 && ascii <= 0x39 {
                index = text.index(after: index)
            }
            guard index > digitsStart else { return nil }
            parts += 1
            guard index < text.endIndex, text[index] == "." else { break }
            index = text.index(after: index)
        }
        guard parts >= 2 else { return nil }
        guard index == text.endIndex || text[index] == " " else { return nil }
        self.code = String(text[..<index])
        self.title = StatLineText.trimmed(String(text[index...]))
    }
}
