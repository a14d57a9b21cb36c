/// The kind of a page in a planning-and-control document.
///
/// The Dutch names are the terms of the BBV and of the documents themselves; they appear as written in
/// the site project (`kind: doel`).
public enum NodeKind: String, Sendable, Hashable, CaseIterable, Codable {
    case document
    case domein
    case programma
    case ambitie
    case doel
    case paragraaf
    case bijlage
    case pagina
    /// A wijk page, generated from the area boundaries (not written by an editor).
    case wijk

    /// The word shown before a node's number ("Doel 7.2.1"), or nil for kinds shown without one.
    public var label: String? {
        switch self {
        case .document, .pagina: nil
        case .wijk: "Wijk"
        case .domein: "Domein"
        case .programma: "Programma"
        case .ambitie: "Ambitie"
        case .doel: "Doel"
        case .paragraaf: "Paragraaf"
        case .bijlage: "Bijlage"
        }
    }

    /// Whether a node of this kind shows its id as a number in its heading ("7.2.1").
    public var isNumbered: Bool {
        switch self {
        case .domein, .programma, .ambitie, .doel: true
        case .document, .paragraaf, .bijlage, .pagina, .wijk: false
        }
    }
}

/// The kind of planning-and-control document a site publishes.
public enum DocumentKind: String, Sendable, Hashable, CaseIterable, Codable {
    case begroting
    case jaarverslag
    case kadernota
    case berap

    /// The place of a document about one year in the cycle: the begroting sets the goals, the
    /// kadernota and bestuursrapportage adjust them, the jaarverslag accounts for them.
    public var cycleRank: Int {
        switch self {
        case .begroting: 0
        case .kadernota: 1
        case .berap: 2
        case .jaarverslag: 3
        }
    }

    /// The Dutch name, as used in running text ("jaarverslag", "begroting").
    public var displayName: String {
        switch self {
        case .begroting: "begroting"
        case .jaarverslag: "jaarverslag"
        case .kadernota: "kadernota"
        case .berap: "bestuursrapportage"
        }
    }
}
