import ZichtAnalysis
import ZichtCore

/// The Dutch wording of the built-in BBV indicators (``BBVIndicators`` in ZichtAnalysis): the
/// title, unit and note a reader sees with each table.
public enum BBVWording {
    static let roundingNote = "CBS rondt de aantallen af op veelvouden van 5."

    /// Title, unit and note per indicator id.
    static let texts: [String: (title: String, unit: String, note: String)] = [
        "bbv-winkeldiefstallen": (
            title: "Winkeldiefstallen", unit: "per 1.000 inwoners",
            note: "Geregistreerde winkeldiefstallen (CBS 83651NED, soort diefstal ‘Winkeldiefstal’, met en zonder geweld) per 1.000 inwoners op 1 januari van hetzelfde jaar. \(roundingNote)"),
        "bbv-diefstallen-uit-woning": (
            title: "Diefstallen uit woning", unit: "per 1.000 inwoners",
            note: "Geregistreerde diefstallen en inbraken uit een woning (CBS 83651NED, ‘Diefstal/inbraak uit woning’; niet de ruimere categorie met schuren en garages) per 1.000 inwoners op 1 januari. \(roundingNote)"),
        "bbv-geweldsmisdrijven": (
            title: "Geweldsmisdrijven", unit: "per 1.000 inwoners",
            note: "Geregistreerde gewelds- en seksuele misdrijven (CBS 83648NED, hoofdgroep 3: onder meer mishandeling, bedreiging, zeden- en levensmisdrijven) per 1.000 inwoners op 1 januari. \(roundingNote)"),
        "bbv-vernielingen": (
            title: "Vernielingen en beschadigingen", unit: "per 1.000 inwoners",
            note: "Geregistreerde vernielingen en beschadigingen (CBS 83648NED, categorie 2.1 ‘Vernieling en beschadiging’) per 1.000 inwoners op 1 januari. CBS kent ook de ruimere hoofdgroep 2, die ook misdrijven tegen de openbare orde en het gezag telt; wij tonen 2.1 omdat de landelijke cijfers daarvan overeenkomen met de gepubliceerde BBV-waarden voor 2014–2016. \(roundingNote)"),
        "bbv-verwijzingen-halt": (
            title: "Verwijzingen Halt", unit: "per 10.000 jongeren (12–17 jaar)",
            note: "Verwijzingen naar Halt van jongeren van 12 tot en met 17 jaar, per 10.000 jongeren van die leeftijd. Halt-cijfers staan niet in de open data van CBS of politie; de gemeente levert ze zelf aan."),
    ]

    /// The built-in definitions with their Dutch wording, in ``BBVIndicators/all`` order.
    public static var definitions: [IndicatorDefinition] { BBVIndicators.all.map(worded) }

    /// `definition` with the title, unit and note of its id; unchanged when the id has no wording.
    static func worded(_ definition: IndicatorDefinition) -> IndicatorDefinition {
        guard let text = texts[definition.id] else { return definition }
        var worded = definition
        worded.title = text.title
        worded.unit = text.unit
        worded.note = text.note
        return worded
    }
}
