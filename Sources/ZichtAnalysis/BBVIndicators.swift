import ZichtCore

/// The BBV policy indicators for public order and safety ("Openbare orde en veiligheid"), defined as
/// CBS defines them for waarstaatjegemeente.nl.
///
/// Rates are registered cases per 1.000 inhabitants on 1 January of the same year: on all 2,409
/// gemeente × crime-type cells of 83648NED 2015 with at least 200 cases, count / population(1 Jan) × 1000
/// reproduces CBS's published rate (see research notes and the tests of this module).
public enum BBVIndicators {
    /// Population on 1 January: CBS 70072ned "Regionale kerncijfers Nederland".
    public static let population = SeriesSelector(tables: ["70072ned", "70072NED"], measure: "TotaleBevolking_1")

    /// All diefstallen (GebruikVanGeweld: all), new and old keys.
    static func theft(_ newKey: String, _ oldKey: String, measure: String) -> SeriesSelector {
        SeriesSelector(
            tables: ["83651NED"], measure: measure,
            alternatives: [
                ["GebruikVanGeweld": "T001540", "SoortDiefstal": newKey],
                ["GebruikVanGeweld": "0", "SoortDiefstal": oldKey],
            ])
    }

    static func crime(_ newKey: String, _ oldKey: String, measure: String) -> SeriesSelector {
        SeriesSelector(
            tables: ["83648NED"], measure: measure,
            alternatives: [["SoortMisdrijf": newKey], ["SoortMisdrijf": oldKey]])
    }

    static let roundingNote = "CBS rondt de aantallen af op veelvouden van 5."

    public static let winkeldiefstallen = IndicatorDefinition(
        id: "bbv-winkeldiefstallen", title: "Winkeldiefstallen", unit: "per 1.000 inwoners",
        numerator: theft("CRI1137", "16", measure: "TotaalGeregistreerdeDiefstallen_1"),
        denominator: population,
        publishedRate: theft("CRI1137", "16", measure: "GeregistreerdeDiefstallenPer1000Inw_3"),
        scale: 1000, decimals: 1,
        note: "Geregistreerde winkeldiefstallen (CBS 83651NED, soort diefstal ‘Winkeldiefstal’, met en zonder geweld) per 1.000 inwoners op 1 januari van hetzelfde jaar. \(roundingNote)",
        countsAreRounded: true)

    public static let diefstallenUitWoning = IndicatorDefinition(
        id: "bbv-diefstallen-uit-woning", title: "Diefstallen uit woning", unit: "per 1.000 inwoners",
        numerator: theft("CRI1135", "14", measure: "TotaalGeregistreerdeDiefstallen_1"),
        denominator: population,
        publishedRate: theft("CRI1135", "14", measure: "GeregistreerdeDiefstallenPer1000Inw_3"),
        scale: 1000, decimals: 1,
        note: "Geregistreerde diefstallen en inbraken uit een woning (CBS 83651NED, ‘Diefstal/inbraak uit woning’; niet de ruimere categorie met schuren en garages) per 1.000 inwoners op 1 januari. \(roundingNote)",
        countsAreRounded: true)

    public static let geweldsmisdrijven = IndicatorDefinition(
        id: "bbv-geweldsmisdrijven", title: "Geweldsmisdrijven", unit: "per 1.000 inwoners",
        numerator: crime("CRI3000", "3000000", measure: "TotaalGeregistreerdeMisdrijven_1"),
        denominator: population,
        publishedRate: crime("CRI3000", "3000000", measure: "GeregistreerdeMisdrijvenPer1000Inw_3"),
        scale: 1000, decimals: 1,
        note: "Geregistreerde gewelds- en seksuele misdrijven (CBS 83648NED, hoofdgroep 3: onder meer mishandeling, bedreiging, zeden- en levensmisdrijven) per 1.000 inwoners op 1 januari. \(roundingNote)",
        countsAreRounded: true)

    /// BBV names this "Vernielingen en beschadigingen (in de openbare ruimte)". CBS has two candidate
    /// categories; we show 2.1 "Vernieling en beschadiging", the one whose Nederland figures match the
    /// published BBV values for 2014–2016 (6,5 / 6,0 / 5,6). The wider group 2 also counts offences
    /// against public order and authority.
    public static let vernielingen = IndicatorDefinition(
        id: "bbv-vernielingen", title: "Vernielingen en beschadigingen", unit: "per 1.000 inwoners",
        numerator: crime("CRI2100", "2010000", measure: "TotaalGeregistreerdeMisdrijven_1"),
        denominator: population,
        publishedRate: crime("CRI2100", "2010000", measure: "GeregistreerdeMisdrijvenPer1000Inw_3"),
        scale: 1000, decimals: 1,
        note: "Geregistreerde vernielingen en beschadigingen (CBS 83648NED, categorie 2.1 ‘Vernieling en beschadiging’) per 1.000 inwoners op 1 januari. CBS kent ook de ruimere hoofdgroep 2, die ook misdrijven tegen de openbare orde en het gezag telt; wij tonen 2.1 omdat de landelijke cijfers daarvan overeenkomen met de gepubliceerde BBV-waarden voor 2014–2016. \(roundingNote)",
        countsAreRounded: true)

    /// Halt referrals come from the municipality's own file: a CSV with columns region, year, count,
    /// and the number of young people aged 12–17 (see docs/indicators.md).
    public static let verwijzingenHalt = IndicatorDefinition(
        id: "bbv-verwijzingen-halt", title: "Verwijzingen Halt", unit: "per 10.000 jongeren (12–17 jaar)",
        numerator: SeriesSelector(tables: ["halt"], measure: "Verwijzingen_1"),
        denominator: SeriesSelector(tables: ["halt"], measure: "Jongeren12Tot18Jaar_2"),
        scale: 10_000, decimals: 1,
        note: "Verwijzingen naar Halt van jongeren van 12 tot en met 17 jaar, per 10.000 jongeren van die leeftijd. Halt-cijfers staan niet in de open data van CBS of politie; de gemeente levert ze zelf aan.")

    public static let all = [verwijzingenHalt, winkeldiefstallen, geweldsmisdrijven, diefstallenUitWoning, vernielingen]

    public static func definition(id: String) -> IndicatorDefinition? {
        all.first { $0.id == id }
    }
}
