import Testing
import ZichtAnalysis
import ZichtCore
import ZichtStats
@testable import ZichtSite

/// The Dutch wording the site gives the analysis rooms' domain values (which hold no Dutch since
/// issue 11): indicator reasons, evaluation choices and reasons, wijk notes, BBV wording.
struct SiteWordingTests {
    @Test func missingIndicatorReasons() {
        #expect(IndicatorText.missingReason(.noData) == "geen gegevens")
        #expect(IndicatorText.missingReason(.partsMissing(missing: 2, expected: 12))
            == "niet op te tellen: 2 van de 12 gemeenten ontbreken in de tabel (gemeentelijke herindeling?)")
        #expect(IndicatorText.missingReason(.partSuppressed).contains("geheim"))
        #expect(IndicatorText.missingReason(.noPopulation).hasPrefix("geen bevolkingscijfer op 1 januari"))
    }

    @Test func evaluationWording() {
        #expect(EvaluationText.target(.buurten(names: ["Binnenstad", "Assendorp"])) == "de buurten Binnenstad, Assendorp")
        #expect(EvaluationText.target(.cameras(count: 3, radius: 50)) == "het zicht van 3 camera's (50 meter rond elke camera)")
        #expect(EvaluationText.controlChoice(.listed) == "De controlebuurten zijn door de gemeente gekozen.")
        #expect(EvaluationText.controlChoice(.mostSimilar(count: 4, outsideBuffer: true))
            .hasPrefix("Zicht koos de 4 buurten buiten het doelgebied en de bufferzone die vóór de start"))
        #expect(!EvaluationText.controlChoice(.mostSimilar(count: 4, outsideBuffer: false)).contains("bufferzone"))
        for method in InterventionEvaluation.Method.allCases {
            #expect(!EvaluationText.method(method).isEmpty)
        }
        #expect(EvaluationText.method(.relativeEffectSize) == "Relatieve effectgrootte (RES)")
    }

    @Test func evaluationReasonsExplainZeroCountsInDutch() {
        let zero = EvaluationError(.zeroCount, "the control count after the start is 0")
        let text = EvaluationText.reason(.failed(zero))
        #expect(text.contains("Kies een langer venster of een groter gebied"))
        #expect(text.hasSuffix("(the control count after the start is 0)"))
        #expect(EvaluationText.reason(.failed(EvaluationError(.notConverged, "no convergence"))) == "no convergence")
        #expect(EvaluationText.reason(.noTargetIncidents(afterStart: true)).hasPrefix("in het doelgebied zijn er na de start geen incidenten"))
        #expect(EvaluationText.reason(.noTargetIncidents(afterStart: false)).hasPrefix("in het doelgebied zijn er vóór de start geen incidenten"))
    }

    @Test func wijkWording() {
        #expect(WijkText.weighting(.inhabitants(year: 2020, sourceTitle: "Inwoners per buurt", table: "inwoners"))
            == "Wijkcijfers zijn het gemiddelde van de buurten, gewogen met het aantal inwoners per buurt (2020): Inwoners per buurt.")
        #expect(WijkText.weighting(.inhabitants(year: nil, sourceTitle: nil, table: "inwoners")).hasSuffix("per buurt: tabel inwoners."))
        #expect(WijkText.weighting(.simulatedInhabitants).contains("gesimuleerd"))
        #expect(WijkText.weighting(.unknownInhabitants).contains("niet bekend"))
        let all = CombinedFigure(value: 6.5, method: .weightedMean, buurtenWithValue: 3, buurten: 3)
        let some = CombinedFigure(value: 6.5, method: .weightedMean, buurtenWithValue: 2, buurten: 3)
        #expect(WijkText.method(all) == "gewogen gemiddelde van 3 buurten")
        #expect(WijkText.method(some) == "gewogen gemiddelde van 2 van de 3 buurten (de andere hebben geen cijfer)")
        #expect(WijkText.method(CombinedFigure(value: nil, method: .noBuurtValues, buurtenWithValue: 0, buurten: 3)) == "geen buurtcijfers")
        #expect(WijkText.method(CombinedFigure(value: nil, method: .notComputed, buurtenWithValue: 1, buurten: 3)) == "niet berekend")
    }

    /// Every built-in BBV indicator has its Dutch title, unit and note, so the wording and the
    /// series cannot drift apart.
    @Test func everyBBVIndicatorIsWorded() {
        #expect(Set(BBVWording.texts.keys) == Set(BBVIndicators.all.map(\.id)))
        for definition in BBVWording.definitions {
            #expect(definition.title != definition.id && !definition.unit.isEmpty && !definition.note.isEmpty, "\(definition.id)")
        }
        #expect(BBVWording.definitions.first { $0.id == "bbv-winkeldiefstallen" }?.title == "Winkeldiefstallen")
    }

    @Test func incidentTypeNames() {
        #expect(IncidentTypes.name("1.1.1") == "Diefstal/inbraak woning (1.1.1)")
        #expect(IncidentTypes.name("9.9.9") == "9.9.9")
    }
}
