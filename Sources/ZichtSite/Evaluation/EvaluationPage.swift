import Foundation
import ZichtAnalysis
import ZichtCore
import ZichtStats

/// The evaluation page of one intervention: what was compared, monthly counts, every method's
/// estimate with its interval, displacement, pre-trends and a conclusion in plain Dutch.
struct EvaluationPage {
    let data: EvaluationResult
    let site: SiteContext

    var threshold: Int { site.config.disclosureThreshold }

    /// The monthly counts of target, buffer and control as they may be published (after secondary
    /// suppression over month ⊂ period); each month on its own when the build did not protect them.
    var disclosed: [[DisclosedCount]] {
        if !evaluation.disclosedMonthly.isEmpty { return evaluation.disclosedMonthly }
        return [evaluation.monthlyTarget, evaluation.monthlyBuffer, evaluation.monthlyControl].map { series in
            series.map { DisclosedCount(count: $0, inhabitants: nil, threshold: threshold) }
        }
    }

    /// Monthly counts as the chart draws them: a withheld count is drawn at half the threshold, so
    /// the line cannot be read back to a number.
    func charted(_ series: [DisclosedCount]) -> [Int] {
        series.map { $0.count ?? -1 }
    }

    /// Whether a monthly count of the target area or the controls is withheld: then the event
    /// study's ratio per month is not published, since with the published control counts it would
    /// give the withheld month away (ratio × control ratio = target month / target reference month).
    var hidesMonthlyRatios: Bool {
        let series = disclosed
        return series[0].contains(where: \.isWithheld) || series[2].contains(where: \.isWithheld)
    }

    var evaluation: InterventionEvaluation { data.evaluation }
    var intervention: Intervention { evaluation.intervention }

    static func percent(_ ratio: Double) -> String {
        let change = (ratio - 1) * 100
        return (change >= 0 ? "+" : "−") + DutchNumber.format(abs(change), decimals: 0) + "%"
    }

    static func ratio(_ value: Double) -> String { DutchNumber.format(value, decimals: 2) }

    /// The estimate of the main model with its interval, and what the interval means, in two
    /// sentences; nil when no model could be estimated. Shown in the conclusion and, as a summary,
    /// on the goal page.
    static func headline(_ evaluation: InterventionEvaluation) -> (estimate: String, meaning: String)? {
        guard let headline = evaluation.negativeBinomialModelBased ?? evaluation.poisson else { return nil }
        let interval = headline.rateRatioInterval
        let direction = headline.rateRatio < 1 ? "minder" : "meer"
        let estimate = "Na de start waren er in het doelgebied naar schatting \(DutchNumber.format(abs(headline.percentChange), decimals: 0))% \(direction) incidenten dan je op grond van de controlebuurten zou verwachten. Het 95%-interval loopt van \(percent(interval.lowerBound)) tot \(percent(interval.upperBound))"
        let significant = !(interval.lowerBound...interval.upperBound).contains(1)
        let meaning = significant
            ? "Dat interval bevat geen 0%: toeval alleen verklaart de verandering waarschijnlijk niet."
            : "Dat interval bevat 0%: het verschil kan ook toeval zijn. Dat betekent niet dat de maatregel niet werkt, wel dat deze gegevens het niet kunnen aantonen."
        return (estimate, meaning)
    }

    func write(_ html: inout HTMLWriter) {
        if data.isSimulated {
            html.element("p", ["class": "notice-simulated"],
                text: "Let op: deze evaluatie gebruikt gesimuleerde incidenten (ZichtSim), om te laten zien hoe Zicht een maatregel evalueert. In de simulatie is het echte effect bekend: \(data.simulatedTruth.map { "de camera's verlagen het aantal met \(Self.percent($0).dropFirst()) (een factor \(Self.ratio($0)))" } ?? "onbekend"). Zo is te zien of elke methode dat effect vindt.")
        }
        writeSetup(&html)
        writeMonthly(&html)
        writeResults(&html)
        writeEventStudy(&html)
        writeConclusion(&html)
        let sources = data.sources.map { "\($0.publisher), \($0.tableTitle ?? $0.tableID)" }
        if !sources.isEmpty { html.element("p", ["class": "source"], text: "Bron incidenten: \(sources.joined(separator: "; ")).") }
        html.element("p", ["class": "note"], text: "De methoden, formules en bronnen staan in docs/evaluation-methods.md van Zicht.")
    }

    private func section(_ id: String, _ title: String, _ html: inout HTMLWriter, _ body: (inout HTMLWriter) -> Void) {
        html.open("section", ["class": "fixed-section", "aria-labelledby": id])
        html.element("h2", ["id": id], text: title)
        body(&html)
        html.close("section")
    }

    private func monthText(_ index: Int) -> String { DutchDate.month(index) }

    private func writeSetup(_ html: inout HTMLWriter) {
        section("opzet", "Wat is vergeleken", &html) { html in
            html.element("ul") { html in
                html.element("li", text: "Maatregel: \(intervention.kind.displayName), gestart op \(DutchDate.long(date: intervention.start)).")
                html.element("li", text: "Doelgebied: \(EvaluationText.target(evaluation.target)).")
                html.element("li", text: "Soorten incidenten: \(intervention.types.map(IncidentTypes.name).joined(separator: "; ")).")
                html.element("li", text: "Vóór: \(intervention.monthsBefore) maanden (\(monthText(intervention.firstMonth)) tot en met \(monthText(intervention.startMonth - 1))); na: \(intervention.monthsAfter) maanden (\(monthText(intervention.startMonth)) tot en met \(monthText(intervention.endMonth - 1))).")
                if intervention.bufferWidth > 0 {
                    html.element("li", text: "Bufferzone: alles binnen \(Int(intervention.bufferWidth)) meter rond het doelgebied, om verplaatsing te zien.")
                }
                if let expected = intervention.expectedEffect {
                    html.element("li", text: "Verwacht effect (het meetbare doel vooraf): \(expected >= 0 ? "+" : "−")\(DutchNumber.format(abs(expected), decimals: 0))%.")
                }
            }
            html.element("p", text: EvaluationText.controlChoice(evaluation.controlChoice))
            let caption = "Doelgebied en controlebuurten vóór de start"
            html.scrollTable(caption: caption, columns: [.text("Gebied"), .number("Incidenten per maand"), .number("Trend per jaar")]) { html in
                html.element("tbody") { html in
                    func row(_ name: String, _ mean: Double, _ trend: Double) {
                        html.element("tr") { html in
                            html.element("th", ["scope": "row"], text: name)
                            html.element("td", ["class": "align-right"], text: DutchNumber.format(mean, decimals: 1))
                            html.element("td", ["class": "align-right"], text: (trend >= 0 ? "+" : "−") + DutchNumber.format(abs(trend * 1200), decimals: 0) + "%")
                        }
                    }
                    row("Doelgebied", evaluation.targetBeforeMean, evaluation.targetRelativeTrend)
                    for area in evaluation.controlAreas { row(area.name, area.beforeMean, area.relativeTrend) }
                }
            }
        }
    }

    private func writeMonthly(_ html: inout HTMLWriter) {
        section("per-maand", "Incidenten per maand", &html) { html in
            let start = intervention.monthsBefore
            let summary = "Doelgebied: \(evaluation.total(evaluation.monthlyTarget, after: false)) incidenten in \(intervention.monthsBefore) maanden vóór de start, \(evaluation.total(evaluation.monthlyTarget, after: true)) in \(intervention.monthsAfter) maanden erna. Controlebuurten samen: \(evaluation.total(evaluation.monthlyControl, after: false)) vóór en \(evaluation.total(evaluation.monthlyControl, after: true)) erna. Bufferzone: \(evaluation.total(evaluation.monthlyBuffer, after: false)) vóór en \(evaluation.total(evaluation.monthlyBuffer, after: true)) erna."
            html.element("p", ["class": "summary"], text: summary)
            html.element("figure", ["class": "chart-figure"]) { html in
                html.raw(EvaluationCharts.monthly(
                    id: "maanden", title: "Incidenten per maand\(data.isSimulated ? " (gesimuleerd)" : "")", summary: summary,
                    months: evaluation.months,
                    series: [("Doelgebied", charted(disclosed[0])), ("Bufferzone", charted(disclosed[1])), ("Controlebuurten", charted(disclosed[2]))],
                    startIndex: start, threshold: threshold))
                html.element("figcaption", text: "De stippellijn is de start van de maatregel. Maanden met minder dan \(threshold) incidenten, en maanden die we afschermen omdat ze anders uit het totaal terug te rekenen zijn, staan als een punt in de grijze strook onderaan, zonder hun aantal. De cijfers staan in de tabel hieronder.")
            }
            html.element("details", ["class": "map-table"]) { html in
                html.element("summary", text: "Tabel met de aantallen per maand")
                html.element("p", ["class": "note"], text: DisclosureText.note(threshold: threshold))
                let caption = "Incidenten per maand"
                html.scrollTable(caption: caption, columns: [.text("Maand"), .number("Doelgebied"), .number("Bufferzone"), .number("Controlebuurten")]) { html in
                    html.element("tbody") { html in
                        for (index, month) in evaluation.months.enumerated() {
                            html.element("tr") { html in
                                html.element("th", ["scope": "row"], text: monthText(month) + (index == start ? " (start)" : ""))
                                for series in disclosed {
                                    html.element("td", ["class": "align-right"], text: DisclosureText.display(series[index]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private struct ResultRow {
        var method: String
        var estimate: String
        var interval: String
        var covers: Bool?
        var note: String
    }

    private func rows() -> [ResultRow] {
        var rows: [ResultRow] = []
        let truth = data.simulatedTruth
        func covers(_ low: Double, _ high: Double) -> Bool? { truth.map { low <= $0 && $0 <= high } }
        // RES is (a·d)/(b·c): above 1 means a relative fall in the target area; we show its inverse,
        // the rate ratio, so that every method reads the same way (below 1 = fewer incidents).
        if let res = evaluation.relativeEffectSize {
            let interval = res.interval()
            rows.append(ResultRow(
                method: "Voor-na met controlegebied (RES, Poisson-variantie)", estimate: Self.ratio(1 / res.value),
                interval: "\(Self.ratio(1 / interval.upperBound)) – \(Self.ratio(1 / interval.lowerBound))",
                covers: covers(1 / interval.upperBound, 1 / interval.lowerBound),
                note: "RES = \(DutchNumber.format(res.value, decimals: 2)); aantallen \(Int(res.treatedBefore)) → \(Int(res.treatedAfter)) in het doelgebied, \(Int(res.controlBefore)) → \(Int(res.controlAfter)) in de controlebuurten."))
        }
        if let res = evaluation.inflatedEffectSize, let dispersion = evaluation.overdispersion {
            let interval = res.interval()
            rows.append(ResultRow(
                method: "Voor-na met controlegebied (RES, met overdispersie)", estimate: Self.ratio(1 / res.value),
                interval: "\(Self.ratio(1 / interval.upperBound)) – \(Self.ratio(1 / interval.lowerBound))",
                covers: covers(1 / interval.upperBound, 1 / interval.lowerBound),
                note: "Variantie vermenigvuldigd met D = \(DutchNumber.format(dispersion.estimate, decimals: 2)), geschat uit de maandaantallen (gebruikt: \(DutchNumber.format(dispersion.applied, decimals: 2)))."))
        }
        if let nb = evaluation.negativeBinomialModelBased {
            let interval = nb.rateRatioInterval
            rows.append(ResultRow(
                method: "Verschil-in-verschillen, negatief-binomiaal (aanbevolen)", estimate: Self.ratio(nb.rateRatio),
                interval: "\(Self.ratio(interval.lowerBound)) – \(Self.ratio(interval.upperBound))", covers: covers(interval.lowerBound, interval.upperBound),
                note: "Vaste effecten per gebied en maand, extra spreiding in de aantallen, standaardfout uit het model. In de simulatiestudie bevatte dit interval het echte effect in 94–95% van de steden."))
        }
        if let poisson = evaluation.poisson {
            let interval = poisson.rateRatioInterval
            rows.append(ResultRow(
                method: "Verschil-in-verschillen, Poisson, geclusterde standaardfout (CRV1)", estimate: Self.ratio(poisson.rateRatio),
                interval: "\(Self.ratio(interval.lowerBound)) – \(Self.ratio(interval.upperBound))", covers: covers(interval.lowerBound, interval.upperBound),
                note: "Standaardfout geclusterd per gebied, zoals pyfixest. Met één behandeld gebied is dit interval te smal: in de simulatiestudie bevatte het het echte effect maar in 63–66% van de steden. Alleen ter vergelijking."))
        }
        if let nb = evaluation.negativeBinomial {
            let interval = nb.rateRatioInterval
            rows.append(ResultRow(
                method: "Verschil-in-verschillen, negatief-binomiaal, CRV1", estimate: Self.ratio(nb.rateRatio),
                interval: "\(Self.ratio(interval.lowerBound)) – \(Self.ratio(interval.upperBound))", covers: covers(interval.lowerBound, interval.upperBound),
                note: "Als hierboven, met geclusterde standaardfout; net zo te smal bij één behandeld gebied."))
        }
        if let placebo = evaluation.placeboAreas {
            rows.append(ResultRow(
                method: "Placebotoets: andere buurten als doelgebied", estimate: "p = \(DutchNumber.format(placebo.pValue, decimals: 2))", interval: "", covers: nil,
                note: "\(placebo.atLeastAsExtreme) van de \(placebo.estimates.count) controlebuurten geven als nep-doelgebied een even groot of groter effect. Deze toets leunt niet op de geclusterde standaardfout."))
        }
        if let placebo = evaluation.placeboDates {
            rows.append(ResultRow(
                method: "Placebotoets: andere startdata vóór de echte start", estimate: "p = \(DutchNumber.format(placebo.pValue, decimals: 2))", interval: "", covers: nil,
                note: "\(placebo.atLeastAsExtreme) van de \(placebo.estimates.count) nep-startdata geven een even groot of groter effect."))
        }
        if let wdd = evaluation.weightedDisplacementDifference {
            let interval = wdd.interval()
            rows.append(ResultRow(
                method: "Gewogen verplaatsingsverschil (WDD)", estimate: DutchNumber.format(wdd.estimate, decimals: 1),
                interval: "\(DutchNumber.format(interval.lowerBound, decimals: 1)) – \(DutchNumber.format(interval.upperBound, decimals: 1))", covers: nil,
                note: "Netto verandering in aantallen in doelgebied plus bufferzone, gecorrigeerd met de controlebuurten (Wheeler & Ratcliffe). Onder 0: minder incidenten, ook na verplaatsing. Let op: WDD telt aantallen, geen verhoudingen; bij een controlegebied dat groter is dan het doelgebied werkt een gedeelde trend hier door (simulatiestudie)."))
        }
        if let quotient = evaluation.displacementQuotientValue {
            rows.append(ResultRow(
                method: "Verplaatsingsquotiënt (WDQ)", estimate: DutchNumber.format(quotient, decimals: 2), interval: "", covers: nil,
                note: "Boven 0: de bufferzone profiteert mee (uitstraling); onder 0: verplaatsing naar de bufferzone (Bowers & Johnson)."))
        }
        if let mde = evaluation.minimumDetectableEffect {
            rows.append(ResultRow(
                method: "Kleinste aantoonbare effect (vooraf)", estimate: "−\(DutchNumber.format(mde.reduction * 100, decimals: 0))%", interval: "", covers: nil,
                note: "Met deze vensters en aantallen is een daling van minstens dit percentage nodig om hem met 80% kans te zien (toets op 5%)."))
        }
        return rows
    }

    private func writeResults(_ html: inout HTMLWriter) {
        section("resultaten", "Resultaten per methode", &html) { html in
            html.element("p", text: "Voor de meeste methoden staat hier de verhouding: het aantal incidenten in het doelgebied na de start, gedeeld door wat je zonder maatregel zou verwachten (op grond van de controlebuurten). 1,00 betekent geen verandering; 0,80 betekent 20% minder.")
            let caption = "Schattingen met 95%-betrouwbaarheidsinterval"
            let truth = data.simulatedTruth
            html.scrollTable(caption: caption, columns: [.text("Methode"), .number("Schatting"), .text("95%-interval")] + (truth.map { [.text("Bevat echt effect \(Self.ratio($0))?")] } ?? []) + [.text("Toelichting")]) { html in
                html.element("tbody") { html in
                    for row in rows() {
                        html.element("tr") { html in
                            html.element("th", ["scope": "row"], text: row.method)
                            html.element("td", ["class": "align-right"], text: row.estimate)
                            html.element("td", text: row.interval.isEmpty ? "—" : row.interval)
                            if truth != nil { html.element("td", text: row.covers.map { $0 ? "ja" : "nee" } ?? "—") }
                            html.element("td", text: row.note)
                        }
                    }
                }
            }
            for item in evaluation.notApplied {
                html.element("p", ["class": "note"], text: "\(EvaluationText.method(item.method)): niet berekend — \(EvaluationText.reason(item.reason))")
            }
        }
    }

    private func writeEventStudy(_ html: inout HTMLWriter) {
        guard let study = evaluation.eventStudy else { return }
        section("pretrends", "Was er al een trend vóór de start?", &html) { html in
            let points = study.coefficients.map { (relative: $0.relativeTime, ratio: exp($0.estimate), low: exp($0.interval.lowerBound), high: exp($0.interval.upperBound)) }
            let pre = study.coefficients.filter { $0.relativeTime < -1 && !$0.isReference }
            let outside = pre.filter { !$0.interval.contains(0) }.count
            let summary = "Per maand rond de start: de verhouding tussen doelgebied en controlebuurten, ten opzichte van de maand vóór de start. Vóór de start liggen \(outside) van de \(pre.count) maanden buiten het 95%-interval rond 1; bij geen trend verwacht je er ongeveer \(DutchNumber.format(Double(pre.count) * 0.05, decimals: 1))."
            html.element("p", ["class": "summary"], text: summary)
            if hidesMonthlyRatios {
                html.element("p", ["class": "note"], text: "De verhouding per maand publiceren we hier niet: sommige maandaantallen zijn afgeschermd, en samen met de aantallen van de controlebuurten zou de verhouding per maand ze verraden.")
                return
            }
            html.element("figure", ["class": "chart-figure"]) { html in
                html.raw(EvaluationCharts.eventStudy(id: "eventstudy", title: "Verhouding per maand rond de start", summary: summary, points: points))
                html.element("figcaption", text: "Punten met 95%-interval; links van de stippellijn vóór de start (blauw), rechts erna (oranje). De tabel staat hieronder.")
            }
            html.element("details", ["class": "map-table"]) { html in
                html.element("summary", text: "Tabel met de verhouding per maand")
                let caption = "Event study: verhouding per maand ten opzichte van maand −1"
                html.scrollTable(caption: caption, columns: [.text("Maand t.o.v. start"), .number("Verhouding"), .text("95%-interval")]) { html in
                    html.element("tbody") { html in
                        for point in points {
                            html.element("tr") { html in
                                html.element("th", ["scope": "row"], text: String(point.relative))
                                html.element("td", ["class": "align-right"], text: Self.ratio(point.ratio))
                                html.element("td", text: point.relative == -1 ? "referentie" : "\(Self.ratio(point.low)) – \(Self.ratio(point.high))")
                            }
                        }
                    }
                }
            }
        }
    }

    private func writeConclusion(_ html: inout HTMLWriter) {
        section("conclusie", "Conclusie", &html) { html in
            if let (estimate, meaning) = Self.headline(evaluation) {
                html.element("p", text: estimate + " (negatief-binomiaal model, de methode die in onze simulatiestudie het eerlijkste interval gaf).")
                let placebo = evaluation.placeboAreas.map { " De placebotoets met andere buurten geeft p = \(DutchNumber.format($0.pValue, decimals: 2))." } ?? ""
                html.element("p", text: meaning + placebo)
            } else {
                html.element("p", text: "Het hoofdmodel kon niet worden geschat; zie hierboven waarom.")
            }
            if let study = evaluation.eventStudy {
                let pre = study.coefficients.filter { $0.relativeTime < -1 && !$0.isReference }
                let outside = pre.filter { !$0.interval.contains(0) }.count
                if outside >= 2 && Double(outside) > 2 * 0.05 * Double(pre.count) {
                    html.element("p", text: "Let op: vóór de start liep het doelgebied al anders dan de controlebuurten (\(outside) van de \(pre.count) maanden wijken duidelijk af, zie de grafiek hierboven). Dan meet het verschil na de start niet alleen de maatregel, maar ook die eerdere ontwikkeling. Het effect kan daardoor groter of kleiner lijken dan het is.")
                }
            }
            if let placebo = evaluation.placeboAreas, placebo.estimates.count < 19 {
                html.element("p", text: "De placebotoets heeft maar \(placebo.estimates.count) controlebuurten; de kleinste mogelijke p-waarde is dan \(DutchNumber.format(1 / Double(placebo.estimates.count + 1), decimals: 2)). Meer controlebuurten maken deze toets scherper.")
            }
            if let mde = evaluation.minimumDetectableEffect {
                html.element("p", text: "Met deze aantallen is pas een daling vanaf ongeveer \(DutchNumber.format(mde.reduction * 100, decimals: 0))% betrouwbaar aan te tonen. Een kleiner effect kan er zijn zonder dat het hier zichtbaar wordt.")
            }
            html.element("p", text: "Houd bij het lezen rekening met:")
            html.element("ul") { html in
                html.element("li", text: "Terugkeer naar het gemiddelde: maatregelen komen vaak na een piek. Daalt het aantal daarna, dan is dat deels vanzelf. De controlebuurten en de trend vóór de start helpen dit te zien, maar sluiten het niet uit.")
                html.element("li", text: "Verplaatsing: incidenten kunnen naar de omgeving verschuiven. Daarom kijken we naar de bufferzone (WDQ en WDD).")
                html.element("li", text: "Meer zien is meer registreren: camera's maken dat incidenten eerder worden opgemerkt en vastgelegd. Een stijging van geregistreerde incidenten kan dus ook betekenen dat de camera's hun werk doen.")
                html.element("li", text: "Eén doelgebied: met één behandeld gebied zijn geclusterde standaardfouten veel te klein. Gebruik het aanbevolen interval; de placebotoets met andere buurten kan met weinig controlebuurten geen kleine p-waarde geven.")
                if case .automatic = intervention.control {
                    html.element("li", text: "Zicht koos de controlebuurten op dezelfde maanden vóór de start die ook in de vergelijking zitten. In onze simulatiestudie gaf dat ongeveer 5% vertekening ten gunste van ‘geen effect’ (terugkeer naar het gemiddelde in de controlebuurten). Leg controlebuurten daarom liever vooraf vast in het bestand van de maatregel.")
                }
                if data.isSimulated {
                    html.element("li", text: "Deze cijfers zijn gesimuleerd. Ze laten zien hoe de evaluatie werkt, niet wat de camera's in Zwolle echt deden.")
                }
            }
        }
    }
}
