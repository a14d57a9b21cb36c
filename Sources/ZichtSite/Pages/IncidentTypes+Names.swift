import ZichtAnalysis

/// Dutch names of the police's incident types (SoortMisdrijf codes of the police open data), for
/// the types Zicht's pages show.
extension IncidentTypes {
    public static let names: [String: String] = [
        "1.1.1": "Diefstal/inbraak woning",
        "1.1.2": "Diefstal/inbraak box/garage/schuur",
        "1.2.1": "Diefstal uit/vanaf motorvoertuigen",
        "1.2.2": "Diefstal van motorvoertuigen",
        "1.2.3": "Diefstal van brom-, snor-, fietsen",
        "1.2.4": "Zakkenrollerij",
        "1.2.5": "Diefstal af/uit/van overige voertuigen",
        "1.4.1": "Zedenmisdrijf",
        "1.4.2": "Moord, doodslag",
        "1.4.3": "Openlijk geweld (persoon)",
        "1.4.4": "Bedreiging",
        "1.4.5": "Mishandeling",
        "1.4.6": "Straatroof",
        "1.4.7": "Overval",
        "1.6.1": "Brand/ontploffing",
        "1.6.2": "Overige vermogensdelicten",
        "1.6.3": "Mensenhandel",
        "2.2.1": "Vernieling c.q. zaakbeschadiging",
        "2.5.1": "Diefstal/inbraak bedrijven en instellingen",
        "2.5.2": "Winkeldiefstal",
        "3.1.1": "Drugshandel",
        "3.1.2": "Mensensmokkel",
        "3.1.3": "Wapenhandel",
        "3.5.5": "Verkeer (overig)",
        "3.6.4": "Aantasting openbare orde",
        "3.7.3": "Maatschappelijke integriteit",
    ]

    public static func name(_ code: String) -> String { names[code].map { "\($0) (\(code))" } ?? code }
}
