import ZichtCore

/// What each kind of planning-and-control document is for, in a reader's words.
enum DocumentWording {
    /// One sentence under the document's title on the portal.
    static func description(_ kind: DocumentKind) -> String {
        switch kind {
        case .begroting: "Wat we willen bereiken, wat we daarvoor gaan doen en wat het mag kosten."
        case .kadernota: "De uitgangspunten en de financiële ruimte voor de volgende begroting."
        case .berap: "Hoe het in de loop van het jaar gaat, en wat we daarom bijstellen."
        case .jaarverslag: "Wat we hebben bereikt, wat we daarvoor hebben gedaan en wat het heeft gekost."
        }
    }
}
