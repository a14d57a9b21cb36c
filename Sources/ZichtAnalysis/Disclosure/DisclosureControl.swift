import ZichtCore
import ZichtStats

/// Everything the public site publishes from protected counts (incidents at buurt level or finer):
/// the wijk pages and their CSV, count maps and maps per 1,000 inhabitants, and the monthly counts
/// of evaluations. Disclosure control works on all of them at once, because an attacker combines
/// them all.
public struct DisclosureOutputs: Sendable {
    public var neighbourhoods: NeighbourhoodData?
    /// Area maps by page id.
    public var maps: [String: [AreaMapData]]
    /// Evaluations by page id.
    public var evaluations: [String: InterventionEvaluation]
    /// The snapshot table whose incident counts the wijk pages show; maps of this table count the
    /// same cells.
    public var incidentTable: String

    public init(neighbourhoods: NeighbourhoodData?, maps: [String: [AreaMapData]], evaluations: [String: InterventionEvaluation], incidentTable: String = "incidents") {
        self.neighbourhoods = neighbourhoods
        self.maps = maps
        self.evaluations = evaluations
        self.incidentTable = incidentTable
    }
}

/// What the audit of a build found: how many figures are protected and the narrowest interval an
/// attacker can reach for any of them.
public struct DisclosureReport: Sendable, Hashable {
    /// Figures shown as "< threshold".
    public var protectedFigures: Int
    /// Figures withheld to protect them.
    public var secondarySuppressions: Int
    /// All published figures of the protected domain the audit took into account.
    public var publishedFigures: Int
    /// The narrowest feasible interval of a protected figure (the protection interval when all pass).
    public var narrowest: FeasibleInterval?
}

/// A protected figure that the published figures pin down more closely than its label allows.
public struct DisclosureLeak: DiagnosticConvertible, Sendable, CustomStringConvertible {
    public var table: String
    public var cell: String
    public var interval: FeasibleInterval
    public var threshold: Int
    /// Other leaks found in the same build.
    public var others: Int

    public var description: String {
        "disclosure audit failed: in \(table), the cell '\(cell)' is published as '< \(threshold)', but the other published figures "
            + "(totals, parts, rates, maps) show it is \(interval); they may only show it is 0 to \(threshold - 1) or 1 to \(threshold - 1). "
            + (others > 0 ? "\(others) more cell\(others == 1 ? "" : "s") leak too. " : "")
            + "This is a bug in Zicht's disclosure control, not in your project: please report it; the site was not written."
    }

    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", field: cell, message: description)] }
}

/// Statistical disclosure control for every output: primary suppression below the threshold
/// (``DisclosedCount``), secondary suppression over all linear relations between published figures
/// (``DisclosureAudit``), and an audit of the result. See docs/disclosure-control.md.
public enum DisclosureControl {
    /// Where a figure is published, to write a suppression back.
    enum Address: Hashable {
        case wijkType(wijk: Int, type: Int, year: Int)
        case wijkTotal(wijk: Int, year: Int)
        case buurtType(wijk: Int, buurt: Int, type: Int)
        case buurtTotal(wijk: Int, buurt: Int)
        case map(page: String, map: Int, area: Int)
        case month(page: String, series: Int, month: Int)
        case fixed
    }

    /// Adds secondary suppressions to `outputs` until the audit passes, then audits them.
    /// - Throws: ``DisclosureLeak`` when a leak cannot be closed.
    @discardableResult
    public static func protect(_ outputs: inout DisclosureOutputs, threshold: Int) throws -> DisclosureReport {
        try protect(&outputs, threshold: threshold, remembered: nil).report
    }

    /// As ``protect(_:threshold:)``, reusing the secondary suppressions an earlier build chose for
    /// exactly the same figures (`remembered`, when its key matches): the search for them is most of
    /// the work, and gives the same answer for the same figures. The result is audited either way;
    /// remembered decisions that do not pass the audit (a damaged or altered file) are ignored and
    /// the search runs.
    /// - Returns: the audit's report, and the decisions to remember for the next build.
    public static func protect(
        _ outputs: inout DisclosureOutputs, threshold: Int, remembered: DisclosureDecisions?
    ) throws -> (report: DisclosureReport, decisions: DisclosureDecisions) {
        initialiseEvaluations(&outputs, threshold: threshold)
        let (figures, addresses) = ledger(outputs)
        let key = DisclosureDecisions.key(figures, threshold: threshold)
        if let remembered, remembered.key == key, remembered.secondary.allSatisfy({ figures.indices.contains($0) }) {
            var trial = outputs
            for index in remembered.secondary { apply(addresses[index], to: &trial) }
            reclassifyMaps(&trial)
            if let report = try? audit(trial, threshold: threshold) {
                outputs = trial
                return (report, remembered)
            }
        }
        var audit = DisclosureAudit(threshold: threshold, figures: figures)
        try audit.suppressSecondarily()
        var secondary: [Int] = []
        for (index, figure) in audit.figures.enumerated() where figure.state == .secondary {
            apply(addresses[index], to: &outputs)
            secondary.append(index)
        }
        reclassifyMaps(&outputs)
        return (try self.audit(outputs, threshold: threshold), DisclosureDecisions(key: key, secondary: secondary))
    }

    private static func reclassifyMaps(_ outputs: inout DisclosureOutputs) {
        for page in outputs.maps.keys {
            for index in outputs.maps[page]!.indices { outputs.maps[page]![index].reclassify() }
        }
    }

    /// Bump when the audit changes, so that figures audited by an older version are audited again.
    public static let auditVersion = 1

    /// A key for exactly the figures `outputs` publish from protected counts, as the audit sees them:
    /// for every figure its finest cells (numbered in the order the ledger meets them), state, true
    /// value and whether it may be withheld, with the threshold and the audit's version. The names
    /// of tables and cells, which only label the audit's messages, are left out.
    ///
    /// The audit's outcome is a function of exactly these, so figures with the key of figures that
    /// passed ``audit(_:threshold:)`` pass it too: a build that stores the key of what it audited
    /// can show that a later build publishes exactly those figures without solving the audit's
    /// linear programmes again.
    public static func auditKey(_ outputs: DisclosureOutputs, threshold: Int) -> String {
        var outputs = outputs
        initialiseEvaluations(&outputs, threshold: threshold)
        var numbers: [Int] = [auditVersion, threshold]
        for figure in ledger(outputs).0 {
            numbers.append(figure.cells.count)
            numbers.append(contentsOf: figure.cells)
            switch figure.state {
            case .published(let value): numbers += [0, value]
            case .belowThreshold: numbers.append(1)
            case .secondary: numbers.append(2)
            }
            numbers += [figure.value, figure.isWithholdable ? 1 : 0]
        }
        var hash = SHA256()
        hash.update(Array("zicht disclosure audit\n".utf8))
        numbers.map(\.littleEndian).withUnsafeBytes { hash.update($0) }
        return hash.finalizeHex()
    }

    /// Audits `outputs` as they will be published, without changing them.
    /// - Throws: ``DisclosureLeak`` naming the first leaking figure.
    public static func audit(_ outputs: DisclosureOutputs, threshold: Int) throws -> DisclosureReport {
        var outputs = outputs
        initialiseEvaluations(&outputs, threshold: threshold)
        let (figures, _) = ledger(outputs)
        let audit = DisclosureAudit(threshold: threshold, figures: figures)
        let intervals: [Int: FeasibleInterval]
        do {
            intervals = try audit.intervals()
        } catch {
            let figure = figures[error.figures.first ?? 0]
            throw DisclosureLeak(table: figure.table, cell: figure.cell, interval: FeasibleInterval(lower: 0, upper: 0), threshold: threshold, others: 0)
        }
        var leaks = intervals.filter { !audit.isProtected($0.value) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        // A published figure below the threshold is a leak of its own (a period total of an evaluation).
        for (index, figure) in figures.enumerated() {
            if case .published(let value) = figure.state, value < threshold { leaks.append((index, FeasibleInterval(lower: value, upper: value))) }
        }
        if let (index, interval) = leaks.first {
            throw DisclosureLeak(table: figures[index].table, cell: figures[index].cell, interval: interval, threshold: threshold, others: leaks.count - 1)
        }
        return DisclosureReport(
            protectedFigures: intervals.count, secondarySuppressions: figures.filter { $0.state == .secondary }.count,
            publishedFigures: figures.count, narrowest: intervals.values.min { ($0.upper - $0.lower) < ($1.upper - $1.lower) })
    }

    private static func initialiseEvaluations(_ outputs: inout DisclosureOutputs, threshold: Int) {
        for page in outputs.evaluations.keys where outputs.evaluations[page]!.disclosedMonthly.isEmpty {
            let evaluation = outputs.evaluations[page]!
            outputs.evaluations[page]!.disclosedMonthly = [evaluation.monthlyTarget, evaluation.monthlyBuffer, evaluation.monthlyControl].map { series in
                series.map { DisclosedCount(count: $0, inhabitants: nil, threshold: threshold) }
            }
        }
    }

    private static func apply(_ address: Address, to outputs: inout DisclosureOutputs) {
        switch address {
        case .wijkType(let wijk, let type, let year): outputs.neighbourhoods!.wijken[wijk].incidentsByType[type][year].withholdSecondarily()
        case .wijkTotal(let wijk, let year): outputs.neighbourhoods!.wijken[wijk].incidentTotals[year].withholdSecondarily()
        case .buurtType(let wijk, let buurt, let type): outputs.neighbourhoods!.wijken[wijk].buurten[buurt].incidentsLatestYear[type].withholdSecondarily()
        case .buurtTotal(let wijk, let buurt): outputs.neighbourhoods!.wijken[wijk].buurten[buurt].incidentTotalLatestYear?.withholdSecondarily()
        case .map(let page, let map, let area): outputs.maps[page]![map].withholdSecondarily(area: area)
        case .month(let page, let series, let month): outputs.evaluations[page]!.disclosedMonthly[series][month].withholdSecondarily()
        case .fixed: break
        }
    }

    /// Every published figure of the protected domain as a sum of cells, with its address.
    static func ledger(_ outputs: DisclosureOutputs) -> ([DisclosureFigure], [Address]) {
        var cells: [String: Int] = [:]
        func cell(_ key: String) -> Int {
            if let index = cells[key] { return index }
            cells[key] = cells.count
            return cells.count - 1
        }
        func incidentCell(_ area: String, _ type: String, _ year: Int) -> Int { cell("\(outputs.incidentTable)|\(area)|\(type)|\(year)") }
        var figures: [DisclosureFigure] = []
        var addresses: [Address] = []
        func add(_ table: String, _ name: String, _ members: [Int], _ count: DisclosedCount, _ address: Address) {
            figures.append(DisclosureFigure(table: table, cell: name, cells: members, state: count.state, value: count.trueCount))
            addresses.append(address)
        }

        if let data = outputs.neighbourhoods, let latest = data.incidentYears.last {
            let types = data.incidentTypes, years = data.incidentYears
            for (w, wijk) in data.wijken.enumerated() {
                let page = "the wijk page of \(wijk.name.map { "\($0) (\(wijk.code))" } ?? wijk.code) and wijken/incidenten-per-wijk-en-buurt.csv"
                let codes = wijk.buurten.map(\.code)
                for (y, year) in years.enumerated() {
                    for (t, type) in types.enumerated() {
                        add("the table of incidents per year and type on \(page)", "type \(type), \(year)",
                            codes.map { incidentCell($0, type, year) }, wijk.incidentsByType[t][y], .wijkType(wijk: w, type: t, year: y))
                    }
                    add("the table of incidents per year and type on \(page)", "total, \(year)",
                        codes.flatMap { code in types.map { incidentCell(code, $0, year) } }, wijk.incidentTotals[y], .wijkTotal(wijk: w, year: y))
                }
                for (b, buurt) in wijk.buurten.enumerated() {
                    for (t, type) in types.enumerated() {
                        add("the incidents per buurt and type in \(latest) in wijken/incidenten-per-wijk-en-buurt.csv", "buurt \(buurt.name) (\(buurt.code)), type \(type)",
                            [incidentCell(buurt.code, type, latest)], buurt.incidentsLatestYear[t], .buurtType(wijk: w, buurt: b, type: t))
                    }
                    if let total = buurt.incidentTotalLatestYear {
                        add("the table of incidents per buurt in \(latest) on \(page)", "buurt \(buurt.name) (\(buurt.code))",
                            types.map { incidentCell(buurt.code, $0, latest) }, total, .buurtTotal(wijk: w, buurt: b))
                    }
                }
            }
        }

        for page in outputs.maps.keys.sorted() {
            for (m, map) in outputs.maps[page]!.enumerated() {
                guard let year = map.period?.year else { continue }
                let definition = map.definition
                let types = definition.types.isEmpty ? [definition.filter["Type"] ?? ""] : definition.types
                for (a, area) in map.areas.enumerated() {
                    guard let count = area.disclosed else { continue }
                    let members = types.map { type in
                        definition.table == outputs.incidentTable
                            ? incidentCell(area.code, type, year)
                            : cell("\(definition.table)|\(definition.measure)|\(definition.filter.sorted { $0.key < $1.key })|\(area.code)|\(type)|\(year)")
                    }
                    add("the map '\(definition.title)' on page \(page) (HTML, SVG and JSON)", "\(area.name) (\(area.code)), \(year)", members, count, .map(page: page, map: m, area: a))
                }
            }
        }

        for page in outputs.evaluations.keys.sorted() {
            let evaluation = outputs.evaluations[page]!
            let names = ["target area", "buffer zone", "control buurten"]
            for (s, series) in evaluation.disclosedMonthly.enumerated() {
                let table = "the monthly incidents of the evaluation page \(page), \(names[s])"
                let monthCells = evaluation.months.map { cell("evaluation|\(page)|\(s)|\($0)") }
                for (index, month) in evaluation.months.enumerated() {
                    add(table, "\(month / 12)-\(month % 12 < 9 ? "0" : "")\(month % 12 + 1)", [monthCells[index]], series[index], .month(page: page, series: s, month: index))
                }
                // The period totals are published in the summary, the RES line and the means.
                for after in [false, true] {
                    let members = evaluation.months.indices.filter { (evaluation.months[$0] >= evaluation.intervention.startMonth) == after }
                    let total = members.reduce(0) { $0 + series[$1].trueCount }
                    figures.append(DisclosureFigure(
                        table: table, cell: after ? "total after the start" : "total before the start", cells: members.map { monthCells[$0] },
                        state: .published(total), value: total, isWithholdable: false))
                    addresses.append(.fixed)
                }
            }
        }
        return (figures, addresses)
    }
}

/// The secondary suppressions disclosure control chose for one set of published figures, to be
/// reused by the next build of the same figures (see ``DisclosureControl/protect(_:threshold:remembered:)``).
public struct DisclosureDecisions: Sendable, Codable, Equatable {
    /// Bump when the search for secondary suppressions changes, so that remembered decisions of an
    /// older version are not reused.
    public static let version = 1

    /// SHA-256 of the version, the threshold and every figure (table, cell, finest cells, state, value).
    public var key: String
    /// Positions in the ledger of the figures withheld to protect others.
    public var secondary: [Int]

    public init(key: String, secondary: [Int]) {
        self.key = key
        self.secondary = secondary
    }

    static func key(_ figures: [DisclosureFigure], threshold: Int) -> String {
        var hash = SHA256()
        hash.update(Array("zicht disclosure decisions \(version)\nthreshold \(threshold)\n".utf8))
        for figure in figures {
            let state: String = switch figure.state {
            case .published(let value): "p\(value)"
            case .belowThreshold: "b"
            case .secondary: "s"
            }
            hash.update(Array("\(figure.table)\t\(figure.cell)\t\(figure.cells.map(String.init).joined(separator: " "))\t\(state)\t\(figure.value)\n".utf8))
        }
        return hash.finalizeHex()
    }
}
