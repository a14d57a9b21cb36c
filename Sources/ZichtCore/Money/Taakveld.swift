/// An Iv3 taakveld of gemeenten: the BBV's fixed division of a municipality's tasks (Regeling
/// informatie voor derden, Iv3), to which every amount of lasten and baten is assigned.
public struct Taakveld: Sendable, Hashable, Codable {
    /// "1.2", "6.71a", "0.10".
    public var code: String
    /// "Openbare orde en veiligheid".
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// The hoofdtaakveld (chapter) of the code: "1" for "1.2", "0" for "0.10".
    public var chapter: String { String(code.prefix { $0 != "." }) }
}

/// The taakvelden of gemeenten, in two editions: the set used in the CBS Iv3 files of 2017–2023,
/// and the set of 2025 with a new division of chapter 6 (sociaal domein). Chapters 0–5, 7 and 8 are
/// the same in both, apart from a few names.
///
/// Sources: the 2025 set and its names are the headings of the Iv3 informatiemodel's definitions
/// (`shared/data/real/iv3-taakvelden-gemeenten-definities-2025.txt`); the 2023 set is the set of the
/// CBS file 45063NED 2023 (`iv3-45063NED-2023-*-taakveld-gemeenten.csv`), with the names its labels
/// cut short written in full. Tests compare both lists with those files.
public enum Taakvelden {
    /// Chapters 0–5, 7 and 8 as they are named in the 2025 definitions.
    private static let shared2025: [(String, String)] = [
        ("0.1", "Bestuur"), ("0.2", "Burgerzaken"), ("0.3", "Beheer overige gebouwen en gronden"), ("0.4", "Overhead"),
        ("0.5", "Treasury"), ("0.61", "OZB woningen"), ("0.62", "OZB niet-woningen"), ("0.63", "Parkeerbelasting"),
        ("0.64", "Belastingen overig"), ("0.7", "Algemene uitkering en overige uitkeringen gemeentefonds"),
        ("0.8", "Overige baten en lasten"), ("0.9", "Vennootschapsbelasting (Vpb)"), ("0.10", "Mutaties reserves"),
        ("0.11", "Resultaat van de rekening van baten en lasten"),
        ("1.1", "Crisisbeheersing en brandweer"), ("1.2", "Openbare orde en veiligheid"),
        ("2.1", "Verkeer en vervoer"), ("2.2", "Parkeren"), ("2.3", "Recreatieve havens"), ("2.4", "Economische havens en waterwegen"),
        ("2.5", "Openbaar vervoer"),
        ("3.1", "Economische ontwikkeling"), ("3.2", "Fysieke bedrijfsinfrastructuur"), ("3.3", "Bedrijvenloket en bedrijfsregelingen"),
        ("3.4", "Economische promotie"),
        ("4.1", "Openbaar basisonderwijs"), ("4.2", "Onderwijshuisvesting"), ("4.3", "Onderwijsbeleid en leerlingzaken"),
        ("5.1", "Sportbeleid en activering"), ("5.2", "Sportaccommodaties"),
        ("5.3", "Cultuurpresentatie, cultuurproductie en cultuurparticipatie"), ("5.4", "Musea"), ("5.5", "Cultureel erfgoed"),
        ("5.6", "Media"), ("5.7", "Openbaar groen en (openlucht) recreatie"),
    ]

    private static let later2025: [(String, String)] = [
        ("7.1", "Volksgezondheid"), ("7.2", "Riolering"), ("7.3", "Afval"), ("7.4", "Milieubeheer"),
        ("7.5", "Begraafplaatsen en crematoria"),
        ("8.1", "Ruimte en leefomgeving"), ("8.2", "Grondexploitatie (niet-bedrijventerreinen)"), ("8.3", "Wonen en bouwen"),
    ]

    private static let chapter6Of2025: [(String, String)] = [
        ("6.1", "Samenkracht en burgerparticipatie"), ("6.21", "Toegang en eerstelijnsvoorzieningen Wmo"),
        ("6.22", "Toegang en eerstelijnsvoorzieningen Jeugd"), ("6.23", "Toegang en eerstelijnsvoorzieningen Integraal"),
        ("6.3", "Inkomensregelingen"), ("6.4", "WSW en beschut werk"), ("6.5", "Arbeidsparticipatie"),
        ("6.60", "Hulpmiddelen en diensten (Wmo)"), ("6.711", "Huishoudelijke hulp (Wmo)"), ("6.712", "Begeleiding (Wmo)"),
        ("6.713", "Dagbesteding (Wmo)"), ("6.714", "Overige maatwerkarrangementen (Wmo)"), ("6.751", "Jeugdhulp ambulant lokaal"),
        ("6.752", "Jeugdhulp ambulant regionaal"), ("6.753", "Jeugdhulp ambulant landelijk"), ("6.761", "Jeugdhulp met verblijf lokaal"),
        ("6.762", "Jeugdhulp met verblijf regionaal"), ("6.763", "Jeugdhulp met verblijf landelijk"), ("6.791", "PGB Wmo"),
        ("6.792", "PGB Jeugd"), ("6.811", "Beschermd wonen (Wmo)"), ("6.812", "Maatschappelijke- en vrouwenopvang (Wmo)"),
        ("6.821", "Jeugdbescherming"), ("6.822", "Jeugdreclassering"), ("6.91", "Coördinatie en beleid Wmo"),
        ("6.92", "Coördinatie en beleid Jeugd"),
    ]

    private static let chapter6Of2023: [(String, String)] = [
        ("6.1", "Samenkracht en burgerparticipatie"), ("6.2", "Wijkteams"), ("6.3", "Inkomensregelingen"),
        ("6.4", "Begeleide participatie"), ("6.5", "Arbeidsparticipatie"), ("6.6", "Maatwerkvoorziening (WMO)"),
        ("6.71", "Maatwerkdienstverlening 18+"), ("6.71a", "Huishoudelijke hulp (WMO)"), ("6.71b", "Begeleiding (WMO)"),
        ("6.71c", "Dagbesteding (WMO)"), ("6.71d", "Overige maatwerkarrangementen (WMO)"), ("6.72", "Maatwerkdienstverlening 18-"),
        ("6.72a", "Jeugdhulp begeleiding"), ("6.72b", "Jeugdhulp behandeling"), ("6.72c", "Jeugdhulp dagbesteding"),
        ("6.72d", "Jeugdhulp zonder verblijf overig"), ("6.73a", "Pleegzorg"), ("6.73b", "Gezinsgericht"),
        ("6.73c", "Jeugdhulp met verblijf overig"), ("6.74a", "Jeugd behandeling GGZ zonder verblijf"),
        ("6.74b", "Jeugdhulp crisis/LTA/GGZ-verblijf"), ("6.74c", "Gesloten plaatsing"), ("6.81", "Geëscaleerde zorg 18+"),
        ("6.81a", "Beschermd wonen (WMO)"), ("6.81b", "Maatschappelijke- en vrouwenopvang"), ("6.82", "Geëscaleerde zorg 18-"),
        ("6.82a", "Jeugdbescherming"), ("6.82b", "Jeugdreclassering"),
    ]

    /// Names of chapters 0–5, 7 and 8 that the 2023 CBS files write differently.
    private static let renamedIn2023: [String: String] = [
        "0.7": "Algemene uitkeringen en overige uitkeringen gemeentefonds", "0.9": "Vennootschapsbelasting",
    ]

    /// The 2025 set, in the order of the definitions.
    public static let edition2025: [Taakveld] = (shared2025 + chapter6Of2025 + later2025).map { Taakveld(code: $0.0, name: $0.1) }

    /// The set of the CBS Iv3 files up to 2023, in code order.
    public static let edition2023: [Taakveld] = (shared2025 + chapter6Of2023 + later2025).map {
        Taakveld(code: $0.0, name: renamedIn2023[$0.0] ?? $0.1)
    }

    private static let byCode: [String: Taakveld] = {
        var result: [String: Taakveld] = [:]
        for taakveld in edition2023 { result[taakveld.code] = taakveld }
        // Where both editions have a code, the 2025 name wins.
        for taakveld in edition2025 { result[taakveld.code] = taakveld }
        return result
    }()

    /// The taakveld with `code` in either edition (the 2025 name where both have it), or nil.
    public static func named(_ code: String) -> Taakveld? { byCode[code] }

    /// The codes of both editions, in code order, for "did you mean" hints.
    public static var allCodes: [String] { byCode.keys.sorted(by: codeOrder) }

    /// Orders codes chapter by chapter, number by number: "0.9" before "0.10", "6.71" before "6.71a".
    public static func codeOrder(_ a: String, _ b: String) -> Bool {
        func parts(_ code: String) -> [(Int, String)] {
            code.split(separator: ".").map { part in
                let digits = part.prefix { $0.isASCII && $0.isNumber }
                return (Int(digits) ?? 0, String(part.dropFirst(digits.count)))
            }
        }
        let (x, y) = (parts(a), parts(b))
        for (p, q) in zip(x, y) where p != q {
            return p.0 != q.0 ? p.0 < q.0 : p.1 < q.1
        }
        return x.count < y.count
    }
}
