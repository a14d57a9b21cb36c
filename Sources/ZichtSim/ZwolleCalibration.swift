/// The incident types of the Zwolle simulation and their volumes in 2015, calibrated on Zwolle's
/// registered crime in CBS table 83648NED "Geregistreerde criminaliteit; soort misdrijf, regio"
/// (release May 2018, gemeente GM0193, 2015; Bron: CBS): 7 485 misdrijven in total.
///
/// How the CBS categories become simulated types (police SoortMisdrijf codes):
///
/// | CBS 83648NED (Zwolle 2015)            | count | simulated types |
/// |---------------------------------------|------:|-----------------|
/// | 1.1 Diefstal/verduistering en inbraak | 4 085 | split by Overijssel's 2015 split of diefstallen (83651NED, PV23, all, 27 190 over the keys below) |
/// | 1.2–1.8 other property crime          |   605 | added to 1.6.2 |
/// | 2.1 Vernieling en beschadiging        |   790 | 2.2.1 |
/// | 2.2 + 2.4 openbare orde, gezag        |   110 | 3.6.4 (2 − 2.1 = 130 split 110 : 25 by largest remainder → 106) |
/// | 2.3 Brandstichting                    |    25 | 1.6.1 (→ 24) |
/// | 3 Gewelds- en seksuele misdrijven     |   805 | 3.1 → 1.4.5, 3.2 → 1.4.4, 3.3 → 1.4.1, 3.4 → 1.4.2, 3.5 + 3.6 → 1.6.3, 3.7 → 3.1.2; the sub-counts sum to 810 (CBS rounds every cell to 5), so 805 is split over them by largest remainder |
/// | 4 Opiumwetmisdrijven                  |   120 | 3.1.1 |
/// | 5 Verkeersmisdrijven                  |   790 | 3.5.5 |
/// | 6 Vuurwapenmisdrijven                 |   105 | 3.1.3 |
/// | 7 + 9 other laws, other               |    55 | 3.7.3 |
///
/// The split of 1.1 (4 085) uses 83651NED PV23 2015 ("Alle diefstallen" by SoortDiefstal, old keys):
/// 1.1.1 ← 14 woning (2 940); 1.1.2 ← 15 schuur/garage (1 280); 1.2.1 ← 07 + 08 uit/vanaf auto en
/// vervoermiddel (2 775); 1.2.2 ← 03 + 04 motor/scooter, personenauto (325); 1.2.3 ← 01 + 02 fiets,
/// bromfiets (8 635); 1.2.4 ← 12 zakkenrollerij (740); 1.4.6 ← 11 straatroof (100); 1.4.7 ← 23
/// overval (50); 2.5.1 ← 17–22 winkel/bedrijf, hotel, school, sport, defensie, gebouw overig (1 950);
/// 2.5.2 ← 16 winkeldiefstal (1 930); 1.6.2 ← 05, 06, 09, 10, 24 the rest (6 465). Largest-remainder
/// rounding keeps the sum at 4 085. Zwolle's own split for 2015 is not in the team's data
/// (83651NED per gemeente starts in 2018 there).
///
/// Yearly factors: for the diefstal types, Overijssel's change 2015 → 2017 in the same keys as a
/// geometric yearly factor, √(count 2017 / count 2015), rounded to 4 decimals; for the other types
/// an assumed modest decline (0.98 for violence, drugs, traffic and weapons; 0.97 for damage and
/// public order).
public enum ZwolleCalibration {
    public static let year = 2015
    public static let source = "CBS 83648NED Geregistreerde criminaliteit; soort misdrijf, regio (Zwolle GM0193, 2015); verdeling van diefstal naar soort: CBS 83651NED (Overijssel PV23, 2015)"
    /// Zwolle's registered total in 2015.
    public static let total = 7_485
    /// The inhabitants of Zwolle's buurten on 1 January 2014 as recovered from the Zebra table
    /// (``InhabitantEstimate``; two small buurten without figures not counted).
    public static let inhabitants2014 = 123_215

    public static let types: [SimulatedType] = [
        SimulatedType(code: "1.1.1", name: "Diefstal/inbraak woning", cbsCategory: "1.1 Diefstal/verduistering en inbraak",
                      calibrationVolume: 442, annualFactor: 0.8806, profile: .residentialBurglary),
        SimulatedType(code: "1.1.2", name: "Diefstal/inbraak box/garage/schuur", cbsCategory: "1.1 Diefstal/verduistering en inbraak",
                      calibrationVolume: 192, annualFactor: 0.8861, profile: .residentialBurglary),
        SimulatedType(code: "1.2.1", name: "Diefstal uit/vanaf motorvoertuigen", cbsCategory: "1.1 Diefstal/verduistering en inbraak",
                      calibrationVolume: 417, annualFactor: 0.8637, profile: .vehicleTheft),
        SimulatedType(code: "1.2.2", name: "Diefstal van motorvoertuigen", cbsCategory: "1.1 Diefstal/verduistering en inbraak",
                      calibrationVolume: 49, annualFactor: 0.7232, profile: .vehicleTheft),
        SimulatedType(code: "1.2.3", name: "Diefstal van brom-, snor-, fietsen", cbsCategory: "1.1 Diefstal/verduistering en inbraak",
                      calibrationVolume: 1_297, annualFactor: 0.8555, profile: .bicycleTheft),
        SimulatedType(code: "1.2.4", name: "Zakkenrollerij", cbsCategory: "1.1 Diefstal/verduistering en inbraak",
                      calibrationVolume: 111, annualFactor: 0.7755, profile: .pickpocketing),
        SimulatedType(code: "1.4.6", name: "Straatroof", cbsCategory: "1.1 Diefstal/verduistering en inbraak",
                      calibrationVolume: 15, annualFactor: 0.8062, profile: .streetRobbery),
        SimulatedType(code: "1.4.7", name: "Overval", cbsCategory: "1.1 Diefstal/verduistering en inbraak",
                      calibrationVolume: 8, annualFactor: 0.7746, profile: .businessCrime),
        SimulatedType(code: "2.5.1", name: "Diefstal/inbraak bedrijven enz.", cbsCategory: "1.1 Diefstal/verduistering en inbraak",
                      calibrationVolume: 293, annualFactor: 0.9240, profile: .businessCrime),
        SimulatedType(code: "2.5.2", name: "Winkeldiefstal", cbsCategory: "1.1 Diefstal/verduistering en inbraak",
                      calibrationVolume: 290, annualFactor: 1.0026, profile: .shoplifting),
        SimulatedType(code: "1.6.2", name: "Overige vermogensdelicten", cbsCategory: "1.1 (rest) en 1.2–1.8 Vermogensmisdrijven",
                      calibrationVolume: 971 + 605, annualFactor: 0.8522, profile: .general),
        SimulatedType(code: "2.2.1", name: "Vernieling cq. zaakbeschadiging", cbsCategory: "2.1 Vernieling en beschadiging",
                      calibrationVolume: 790, annualFactor: 0.97, profile: .vandalism),
        SimulatedType(code: "1.6.1", name: "Brand/ontploffing", cbsCategory: "2.3 Brandstichting/ontploffing",
                      calibrationVolume: 24, annualFactor: 0.97, profile: .arson),
        SimulatedType(code: "3.6.4", name: "Aantasting openbare orde", cbsCategory: "2.2 Openbare-orde misdrijf en 2.4 Openbaar gezag",
                      calibrationVolume: 106, annualFactor: 0.97, profile: .publicOrder),
        SimulatedType(code: "1.4.5", name: "Mishandeling", cbsCategory: "3.1 Mishandeling",
                      calibrationVolume: 412, annualFactor: 0.98, profile: .assault),
        SimulatedType(code: "1.4.4", name: "Bedreiging", cbsCategory: "3.2 Bedreiging en stalking",
                      calibrationVolume: 273, annualFactor: 0.98, profile: .threat),
        SimulatedType(code: "1.4.1", name: "Zedenmisdrijf", cbsCategory: "3.3 Seksueel misdrijf",
                      calibrationVolume: 75, annualFactor: 0.98, profile: .otherViolence),
        SimulatedType(code: "1.4.2", name: "Moord, doodslag", cbsCategory: "3.4 Levensmisdrijf",
                      calibrationVolume: 30, annualFactor: 0.98, profile: .otherViolence),
        SimulatedType(code: "1.6.3", name: "Mensenhandel", cbsCategory: "3.5 Vrijheidsbeneming en 3.6 Mensenhandel",
                      calibrationVolume: 10, annualFactor: 0.98, profile: .otherViolence),
        SimulatedType(code: "3.1.2", name: "Mensensmokkel", cbsCategory: "3.7 Mensensmokkel",
                      calibrationVolume: 5, annualFactor: 0.98, profile: .otherViolence),
        SimulatedType(code: "3.1.1", name: "Drugshandel", cbsCategory: "4 Opiumwetmisdrijven",
                      calibrationVolume: 120, annualFactor: 0.98, profile: .drugs),
        SimulatedType(code: "3.5.5", name: "Weg (overig)", cbsCategory: "5 Verkeersmisdrijven",
                      calibrationVolume: 790, annualFactor: 0.98, profile: .traffic),
        SimulatedType(code: "3.1.3", name: "Wapenhandel", cbsCategory: "6 Vuurwapenmisdrijven",
                      calibrationVolume: 105, annualFactor: 0.98, profile: .general),
        SimulatedType(code: "3.7.3", name: "Maatsch. integriteit (overig)", cbsCategory: "7 Misdrijven overige wetten en 9 overig",
                      calibrationVolume: 55, annualFactor: 0.98, profile: .general),
    ]

    /// The violent types: CBS category 3 "Gewelds- en seksuele misdrijven" (805 in 2015).
    public static let violenceCodes = ["1.4.5", "1.4.4", "1.4.1", "1.4.2", "1.6.3", "3.1.2"]
    /// Criminal damage: CBS 2.1 "Vernieling en beschadiging" (790 in 2015).
    public static let vandalismCodes = ["2.2.1"]
}
