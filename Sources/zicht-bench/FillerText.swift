import ZichtEngine
import ZichtCore
/// Obviously generated Dutch-like filler for benchmark pages: grammatical enough to look like a
/// planning-and-control document, and labelled "Gesimuleerde tekst" so no one mistakes it for a real one.
///
/// All word lists were written for this benchmark.
struct FillerText {
    var random: SplitMix64

    static let actors = [
        "de gemeente", "het college", "het wijkteam", "de projectgroep", "de uitvoeringsorganisatie",
        "het samenwerkingsverband", "de regio", "het programmabureau", "de afdeling Beleid", "het stadsdeelteam",
    ]
    static let verbs = [
        "werkt aan", "investeert in", "onderzoekt", "verbetert", "versterkt", "ondersteunt", "bewaakt",
        "ontwikkelt", "evalueert", "stimuleert", "vereenvoudigt", "inventariseert",
    ]
    static let topics = [
        "de bereikbaarheid van voorzieningen", "de kwaliteit van de openbare ruimte", "de samenwerking tussen partners",
        "het aanbod van hulp in de wijk", "de veiligheid rond scholen", "de doorstroming op de woningmarkt",
        "de digitale dienstverlening", "het gebruik van open data", "de aanpak van overlast", "het groen in de buurt",
        "energiebesparing in woningen", "de toegang tot werk", "de kwaliteit van het onderwijs", "het sportaanbod",
        "de afhandeling van meldingen", "de inzet van vrijwilligers",
    ]
    static let circumstances = [
        "in alle wijken", "samen met inwoners", "op basis van meldingen", "binnen het beschikbare budget",
        "volgens de afspraken uit de begroting", "met extra aandacht voor kwetsbare groepen",
        "in de eerste helft van het jaar", "waar dat nodig was", "in overleg met de gemeenteraad",
        "met partners uit de regio",
    ]
    static let judgements = ["zichtbaar", "wisselend", "beter dan verwacht", "nog beperkt", "in lijn met de planning"]
    static let adjectives = [
        "Schone", "Veilige", "Groene", "Betaalbare", "Toegankelijke", "Duurzame", "Gezonde", "Bereikbare",
        "Levendige", "Inclusieve", "Slimme", "Rustige",
    ]
    static let nouns = [
        "wijken", "fietsroutes", "scholen", "woningen", "pleinen", "parken", "buurthuizen", "bedrijventerreinen",
        "sportvelden", "voorzieningen", "winkelstraten", "waterwegen", "speelplekken", "dorpskernen",
    ]
    static let subsectionTitles = [
        "Aanpak in de wijken", "Samenwerking met partners", "Planning en uitvoering", "Middelen en capaciteit",
        "Communicatie met inwoners", "Resultaten", "Risico's en bijsturing", "Vooruitblik",
    ]
    static let surnames = [
        "de Boer", "Visser", "Smit", "Meijer", "de Graaf", "Mulder", "Bos", "Vos", "Peters", "Hendriks",
        "van Dijk", "Dekker",
    ]
    static let portfolios = [
        "Wonen en Ruimte", "Zorg en Welzijn", "Economie en Werk", "Mobiliteit", "Duurzaamheid", "Onderwijs",
        "Cultuur en Sport", "Financiën", "Openbare orde en veiligheid",
    ]

    /// "Schone wijken".
    mutating func title() -> String {
        "\(random.pick(Self.adjectives)) \(random.pick(Self.nouns))"
    }

    /// One sentence ending in a full stop; `labelled` starts it with "Gesimuleerde tekst:".
    mutating func sentence(labelled: Bool = false) -> String {
        let body: String
        switch random.below(8) {
        case 0, 1, 2:
            body = "\(random.pick(Self.actors)) \(random.pick(Self.verbs)) \(random.pick(Self.topics)) \(random.pick(Self.circumstances))"
        case 3:
            body = "daarbij letten we vooral op \(random.pick(Self.topics))"
        case 4:
            body = "het resultaat is \(random.pick(Self.judgements)), maar \(random.pick(Self.topics)) vraagt nog aandacht"
        case 5:
            body = "we volgen de voortgang met \(random.between(2...9)) afspraken en bespreken die elk kwartaal"
        case 6:
            body = "voor \(random.pick(Self.topics)) is \(random.between(2...40)) procent meer tijd ingezet dan in het jaar ervoor"
        default:
            body = "inwoners merken dat \(random.pick(Self.actors)) \(random.pick(Self.topics)) \(random.pick(["serieus neemt", "op de agenda zet", "blijft volgen"]))"
        }
        return labelled ? "Gesimuleerde tekst: \(body)." : "\(body.capitalizedFirst)."
    }

    /// A paragraph of `count` sentences, the first labelled as simulated; `extra` is put in the middle.
    mutating func paragraph(sentences count: Int, inserting extra: String? = nil) -> String {
        var sentences = [sentence(labelled: true)]
        for _ in 1..<max(count, 2) { sentences.append(sentence()) }
        if let extra { sentences.insert(extra, at: sentences.count / 2) }
        return sentences.joined(separator: " ")
    }

    /// A short clause for a list item, without a full stop.
    mutating func listItem() -> String {
        "\(random.pick(Self.verbs).capitalizedFirst) \(random.pick(Self.topics)) \(random.pick(Self.circumstances))"
    }

    /// "Gesimuleerd criterium: de digitale dienstverlening is beter dan verwacht."
    mutating func criterion() -> String {
        "Gesimuleerd criterium: \(random.pick(Self.topics)) is \(random.pick(Self.judgements)) \(random.pick(Self.circumstances))."
    }

    /// A subtitle: one sentence saying what the page is about.
    mutating func subtitle() -> String {
        "Gesimuleerd: we \(random.pick(["verbeteren", "versterken", "ondersteunen", "ontwikkelen"])) \(random.pick(Self.topics)) \(random.pick(Self.circumstances))."
    }

    /// "A. de Boer (gesimuleerd)".
    mutating func personName() -> String {
        let initial = random.pick(Array("ABCDEFGHJKLMNPRSTW"))
        return "\(initial). \(random.pick(Self.surnames)) (gesimuleerd)"
    }

    mutating func role() -> String {
        "wethouder \(random.pick(Self.portfolios))"
    }
}

extension String {
    /// The string with its first letter uppercased: "de gemeente" → "De gemeente".
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
