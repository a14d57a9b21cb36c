import ZichtAnalysis

/// How withheld counts read on the public site, in HTML, SVG, JSON and CSV alike.
enum DisclosureText {
    /// Shown for a count withheld to protect another one (secondary suppression).
    static let secondary = "afgeschermd"

    /// The count, "< 5", or "afgeschermd".
    static func display(_ count: DisclosedCount) -> String {
        if let value = count.count { return String(value) }
        return count.isSecondary ? secondary : "< \(count.threshold)"
    }

    /// The text a map shows instead of an area's value, or nil when the value is shown.
    static func mapDisplay(_ area: AreaMapData.Area, perThousand: Bool) -> String? {
        guard let count = area.disclosed, count.isWithheld else { return nil }
        return count.isSecondary ? secondary : "< \(count.threshold)\(perThousand ? " incidenten" : "")"
    }

    /// The note under tables with withheld counts.
    static func note(threshold: Int) -> String {
        "Aantallen onder de \(threshold) tonen we als ‘< \(threshold)’, en daarvan berekenen we geen cijfer per 1.000 inwoners (—). Zo is niet te herleiden wat er bij een enkel adres gebeurde. Als een klein aantal anders uit andere cijfers op deze website terug te rekenen is (een totaal min de delen, een kaart, een cijfer per inwoner), schermen we ook een ander aantal af (‘\(secondary)’). Elke bouw van de website controleert dat met een rekenmodel. Losse incidenten en hun plaats publiceren we nooit."
    }
}
