import ZichtCore

/// The BBV policy indicators for public order and safety ("Openbare orde en veiligheid"), defined as
/// CBS defines them for waarstaatjegemeente.nl: ids, series, scale and decimals.
///
/// Their Dutch title, unit and note are the site's (`BBVWording` in ZichtSite); here `title` is the
/// id and `unit` and `note` are empty, so the numbers can be computed and tested without them.
///
/// Fewer is better for all five: they count offences, or young people referred after one.
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

    public static let winkeldiefstallen = IndicatorDefinition(
        id: "bbv-winkeldiefstallen", title: "bbv-winkeldiefstallen", unit: "",
        numerator: theft("CRI1137", "16", measure: "TotaalGeregistreerdeDiefstallen_1"),
        denominator: population,
        publishedRate: theft("CRI1137", "16", measure: "GeregistreerdeDiefstallenPer1000Inw_3"),
        scale: 1000, decimals: 1, better: .lower,
        countsAreRounded: true)

    public static let diefstallenUitWoning = IndicatorDefinition(
        id: "bbv-diefstallen-uit-woning", title: "bbv-diefstallen-uit-woning", unit: "",
        numerator: theft("CRI1135", "14", measure: "TotaalGeregistreerdeDiefstallen_1"),
        denominator: population,
        publishedRate: theft("CRI1135", "14", measure: "GeregistreerdeDiefstallenPer1000Inw_3"),
        scale: 1000, decimals: 1, better: .lower,
        countsAreRounded: true)

    public static let geweldsmisdrijven = IndicatorDefinition(
        id: "bbv-geweldsmisdrijven", title: "bbv-geweldsmisdrijven", unit: "",
        numerator: crime("CRI3000", "3000000", measure: "TotaalGeregistreerdeMisdrijven_1"),
        denominator: population,
        publishedRate: crime("CRI3000", "3000000", measure: "GeregistreerdeMisdrijvenPer1000Inw_3"),
        scale: 1000, decimals: 1, better: .lower,
        countsAreRounded: true)

    /// BBV names this "Vernielingen en beschadigingen (in de openbare ruimte)". CBS has two candidate
    /// categories; we show 2.1 "Vernieling en beschadiging", the one whose Nederland figures match the
    /// published BBV values for 2014–2016 (6,5 / 6,0 / 5,6). The wider group 2 also counts offences
    /// against public order and authority.
    public static let vernielingen = IndicatorDefinition(
        id: "bbv-vernielingen", title: "bbv-vernielingen", unit: "",
        numerator: crime("CRI2100", "2010000", measure: "TotaalGeregistreerdeMisdrijven_1"),
        denominator: population,
        publishedRate: crime("CRI2100", "2010000", measure: "GeregistreerdeMisdrijvenPer1000Inw_3"),
        scale: 1000, decimals: 1, better: .lower,
        countsAreRounded: true)

    /// Halt referrals come from the municipality's own file: a CSV with columns region, year, count,
    /// and the number of young people aged 12–17 (see docs/indicators.md).
    public static let verwijzingenHalt = IndicatorDefinition(
        id: "bbv-verwijzingen-halt", title: "bbv-verwijzingen-halt", unit: "",
        numerator: SeriesSelector(tables: ["halt"], measure: "Verwijzingen_1"),
        denominator: SeriesSelector(tables: ["halt"], measure: "Jongeren12Tot18Jaar_2"),
        scale: 10_000, decimals: 1, better: .lower)

    public static let all = [verwijzingenHalt, winkeldiefstallen, geweldsmisdrijven, diefstallenUitWoning, vernielingen]

    public static func definition(id: String) -> IndicatorDefinition? {
        all.first { $0.id == id }
    }
}
