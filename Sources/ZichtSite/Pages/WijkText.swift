import ZichtAnalysis

extension WijkProfile {
    /// The wijk's title on its page and in menus: its name from zicht.yaml, else "Wijk 01".
    public var title: String { name ?? "Wijk \(number)" }
}

/// The Dutch wording of the wijk pages' domain values.
enum WijkText {
    /// How wijk figures are combined, shown under the figures.
    static func weighting(_ weighting: NeighbourhoodData.Weighting) -> String {
        switch weighting {
        case .inhabitants(let year, let sourceTitle, let table):
            "Wijkcijfers zijn het gemiddelde van de buurten, gewogen met het aantal inwoners per buurt\(year.map { " (\($0))" } ?? ""): \(sourceTitle ?? "tabel \(table)")."
        case .simulatedInhabitants:
            "Wijkcijfers van enquêtes zijn niet berekend: het aantal inwoners per buurt is hier gesimuleerd, en echte enquêtecijfers wegen we niet met gesimuleerde aantallen."
        case .unknownInhabitants:
            "Wijkcijfers zijn niet berekend: het aantal inwoners per buurt is niet bekend, en een ongewogen gemiddelde van buurten van verschillende grootte zou een vertekend beeld geven."
        }
    }

    /// How one combined figure was made, or why it was not, beside the figure.
    static func method(_ figure: CombinedFigure) -> String {
        switch figure.method {
        case .weightedMean:
            figure.buurtenWithValue == figure.buurten
                ? "gewogen gemiddelde van \(figure.buurten) buurten"
                : "gewogen gemiddelde van \(figure.buurtenWithValue) van de \(figure.buurten) buurten (de andere hebben geen cijfer)"
        case .noBuurtValues: "geen buurtcijfers"
        case .notComputed: "niet berekend"
        }
    }
}
