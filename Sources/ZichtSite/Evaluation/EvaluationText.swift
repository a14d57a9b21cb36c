import ZichtAnalysis
import ZichtStats

/// The Dutch wording of an evaluation's domain values on the evaluation page.
enum EvaluationText {
    /// The target area after "Doelgebied: ".
    static func target(_ target: InterventionEvaluation.TargetArea) -> String {
        switch target {
        case .buurten(let names): "de buurten " + names.joined(separator: ", ")
        case .polygon: "het gebied binnen de opgegeven grens"
        case .cameras(let count, let radius): "het zicht van \(count) camera's (\(Int(radius)) meter rond elke camera)"
        }
    }

    /// How the control buurten were chosen, as a sentence.
    static func controlChoice(_ choice: InterventionEvaluation.ControlChoice) -> String {
        switch choice {
        case .listed:
            "De controlebuurten zijn door de gemeente gekozen."
        case .mostSimilar(let count, let outsideBuffer):
            "Zicht koos de \(count) buurten buiten het doelgebied\(outsideBuffer ? " en de bufferzone" : "") die vóór de start het meest op het doelgebied leken: in het gemiddelde aantal incidenten per maand en in de trend."
        }
    }

    /// The Dutch name of a method.
    static func method(_ method: InterventionEvaluation.Method) -> String {
        switch method {
        case .relativeEffectSize: "Relatieve effectgrootte (RES)"
        case .displacement: "Verplaatsing (WDQ/WDD)"
        case .minimumDetectableEffect: "Kleinste aantoonbare effect"
        case .poisson: "Poisson-model met vaste effecten"
        case .negativeBinomial: "Negatief-binomiaal model"
        case .eventStudy: "Event study"
        case .placebo: "Placebotoetsen"
        case .placeboAreas: "Placebo-gebieden"
        case .placeboDates: "Placebo-startdata"
        }
    }

    /// Why a method was not applied. The methods' own messages are English; the common cases are
    /// explained in Dutch, with the technical message kept after it.
    static func reason(_ reason: InterventionEvaluation.NotAppliedReason) -> String {
        switch reason {
        case .noTargetIncidents(let afterStart):
            "in het doelgebied zijn er \(afterStart ? "na" : "vóór") de start geen incidenten van deze soorten; het effect is dan niet te schatten. Kies een langer venster of meer soorten incidenten."
        case .noFiniteEstimate:
            "het model kwam niet tot een eindige schatting."
        case .failed(let error) where error.code == .zeroCount:
            "een van de aantallen is 0, en dan is deze maat niet te berekenen. Kies een langer venster of een groter gebied. (\(error.message))"
        case .failed(let error):
            error.message
        case .otherError(let text):
            text
        }
    }
}
