import ZichtCore

/// The Dutch wording of indicator values' domain values, on pages and in the page JSON.
enum IndicatorText {
    /// Why a figure is missing, as a clause after "Geen gegevens voor …:".
    static func missingReason(_ reason: IndicatorValue.MissingReason) -> String {
        switch reason {
        case .noData:
            "geen gegevens"
        case .partsMissing(let missing, let expected):
            "niet op te tellen: \(missing) van de \(expected) gemeenten ontbreken in de tabel (gemeentelijke herindeling?)"
        case .partSuppressed:
            "niet op te tellen: de bron houdt het cijfer van een deelgebied geheim"
        case .noPopulation:
            "geen bevolkingscijfer op 1 januari in de gegevens, en de bron publiceert voor dit gebied zelf geen cijfer"
        }
    }
}
