import Foundation
public import ZichtAnalysis
public import ZichtCore
import ZichtSources

/// The financial tables of a project's document and the checks on them: the thin joint between the
/// money readers (ZichtSources), the computation (ZichtAnalysis) and the pages.
///
/// ``statements(kind:year:pages:data:rule:)`` works on one document, so that a project of several
/// documents calls it once per document.
public enum ProjectFinance {
    /// Reads the money file and the Iv3 files named under `money:`, each once through `inputs`.
    /// - Throws: ``MoneyFileError``, `StatLineCSVError` or ``DiagnosticsError`` naming the file.
    /// The largest sum of the sizes of all amounts of a project: 10^17 cents, a thousand trillion
    /// euros. Far above any budget, and far enough below `Int.max` (about 9.2 × 10^18) that no
    /// total or variance of the tables can overflow.
    public static let maximumTotalCents = 100_000_000_000_000_000

    public static func read(_ settings: MoneySettings, inputs: InputFiles) throws -> MoneyData {
        var data = MoneyData(entries: [], sources: [])
        if let file = settings.file {
            var read = try MoneyFileReader.read(try bytes(file, settings.line, inputs), file: file)
            read.sources = read.sources.map { var source = $0; source.description = settings.fileSource; return source }
            data = data.merged(with: read)
        }
        for source in settings.iv3 {
            let table = try Iv3TaakveldReader.read(try bytes(source.file, source.line, inputs), file: source.file)
            data = data.merged(with: try Iv3TaakveldReader.entries(table, gemeente: settings.gemeente ?? "", column: source.column))
        }
        var problems: [Diagnostic] = []
        var first: [MoneyEntry.Key: MoneyEntry] = [:]
        // Every total of a table is a sum of some of the amounts: with their sizes bounded, no sum
        // can overflow, whatever a file holds.
        var size = 0
        for entry in data.entries where problems.isEmpty {
            size += entry.cents.magnitude > UInt(maximumTotalCents) ? maximumTotalCents + 1 : Int(entry.cents.magnitude)
            if size > maximumTotalCents {
                problems.append(Diagnostic(
                    file: entry.file, line: entry.line, field: "bedrag",
                    message: "the sizes of the amounts up to this line add up to more than EUR 10^15 (a thousand trillion euros); no municipal budget comes near that",
                    hint: "check the file for amounts in cents or with extra digits"))
            }
        }
        for entry in data.entries {
            if let earlier = first[entry.key] {
                if earlier.file != entry.file {
                    problems.append(Diagnostic(
                        file: entry.file, line: entry.line, field: "kolom",
                        message: "\(entry.column) of programma \(entry.programma), taakveld \(entry.taakveld), \(entry.side.rawValue) is also in \(earlier.file) line \(earlier.line)",
                        hint: "give each column of each year in one file only"))
                }
            } else {
                first[entry.key] = entry
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return data
    }

    private static func bytes(_ file: String, _ line: Int, _ inputs: InputFiles) throws -> Data {
        do {
            return try inputs.bytes(of: file)
        } catch {
            throw DiagnosticsError([Diagnostic(file: file, message: "cannot read the money file (\(error))", hint: "listed in zicht.yaml line \(line)")])
        }
    }

    /// The tables of one document and the problems that fail its build.
    ///
    /// Problems: a programma in the data that no programma page of the document has (located in the
    /// money file, with field `programma`); every variance that `rule` says needs an explanation and
    /// that its programma page does not explain under "Toelichting op de verschillen" (located on
    /// the page, naming the programma, the line and the amount).
    /// - Parameters:
    ///   - pages: the document's pages; those of kind `programma` get tables.
    /// - Returns: nil for a kind of document without financial tables.
    /// - Throws: ``DiagnosticsError`` with every problem.
    public static func statements(
        kind: DocumentKind, year: Int, pages: [Node], data: MoneyData, rule: VarianceRule?
    ) throws(DiagnosticsError) -> FinancialStatements? {
        let programmaPages = pages.filter { $0.kind == .programma }
        // The money file names programma's as the pages' authors number them ("7"), also in a cycle.
        let ids = programmaPages.map(\.localID)
        var problems: [Diagnostic] = []
        let known = Set(ids)
        for (id, entry) in data.programmas where !known.contains(id) {
            let close = ids.min { editDistance(id, $0) < editDistance(id, $1) }
            problems.append(Diagnostic(
                file: entry.file, line: entry.line, field: "programma",
                message: "programma '\(id)' has amounts, but no page of kind 'programma' has that id",
                hint: ids.isEmpty ? "add a page with 'kind: programma' and 'id: \(id)'" : "the programma pages are \(ids.joined(separator: ", "))\(close.map { "; did you mean '\($0)'?" } ?? "")"))
        }
        guard let statements = FinancialStatements.compute(kind: kind, year: year, programmas: ids, data: data) else {
            throw DiagnosticsError(problems)
        }
        if let rule {
            var explained: [String: Set<MoneySide>] = [:]
            for page in programmaPages { explained[page.localID] = Set(VarianceExplanations.explained(on: page).keys) }
            let byID = Dictionary(programmaPages.map { ($0.localID, $0) }, uniquingKeysWith: { a, _ in a })
            for variance in statements.unexplained(rule: rule, explained: explained) {
                guard let page = byID[variance.programma] else { continue }
                let share = variance.percentage.map { String(format: " (%.1f%% of the budget)", $0) } ?? " (on a budget of 0)"
                problems.append(Diagnostic(
                    file: page.sourceFile, line: VarianceExplanations.sectionLine(on: page) ?? page.line(of: "id"), field: variance.side.rawValue,
                    message: "programma \(page.localID) '\(page.title)': the variance on \(variance.side.rawValue) of \(euros(abs(variance.cents))) \(variance.isFavourable ? "V" : "N")\(share), realisatie \(euros(variance.realised)) against \(variance.base) \(euros(variance.budget)), needs an explanation",
                    hint: "add a list item '- \(variance.side.rawValue.capitalized): …' under '## \(VarianceExplanations.heading)' on this page"))
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return statements
    }

    /// The statements of a loaded project's documents by document key ("" in a project of one
    /// document); empty when it has no `money:`. In a cycle every begroting and jaarverslag gets
    /// its statements from the same money data; kadernota's and bestuursrapportages get none.
    public static func statements(for loaded: LoadedProject) throws -> [String: FinancialStatements] {
        guard let settings = loaded.config.money else { return [:] }
        let data = try read(settings, inputs: loaded.inputs)
        let config = loaded.config
        let documents = config.isCycle ? config.documents : [config.document]
        let withTables = documents.filter { FinancialStatements.columns(for: $0.kind, year: $0.year) != nil }
        guard !withTables.isEmpty else {
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", line: settings.line, field: "money",
                message: "financial tables are made for a begroting or a jaarverslag, not a \(documents.map(\.kind.rawValue).joined(separator: " or "))",
                hint: "remove 'money:' from zicht.yaml")])
        }
        var result: [String: FinancialStatements] = [:]
        var problems: [Diagnostic] = []
        // Only programma pages carry amounts and explanations: group those once, not every page per document.
        let programmas = Dictionary(grouping: loaded.project.document.nodesInOrder.filter { $0.kind == .programma }) {
            config.isCycle ? $0.documentKey ?? "" : ""
        }
        // The documents side by side (a cycle's tables ran on one core between loading and
        // rendering); their results and problems are taken in document order.
        let computed = withTables.parallelMap { document in
            let key = config.isCycle ? document.key : ""
            return (key, Result { () throws(DiagnosticsError) in
                try statements(kind: document.kind, year: document.year, pages: programmas[key] ?? [], data: data, rule: settings.variances)
            })
        }
        for (key, outcome) in computed {
            switch outcome {
            case .success(let statements): result[key] = statements
            case .failure(let error): problems += error.diagnostics.filter { problem in !problems.contains(problem) }
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return result
    }

    /// Whether two versions of the document's pages agree in what the financial checks read: the
    /// explanations of variances on programma pages.
    static func sameExplanations(_ a: [Node], _ b: [Node]) -> Bool {
        func explanations(_ nodes: [Node]) -> [String: [MoneySide: Int]] {
            Dictionary(nodes.filter { $0.kind == .programma }.map { ($0.id, VarianceExplanations.explained(on: $0)) }, uniquingKeysWith: { a, _ in a })
        }
        return explanations(a) == explanations(b)
    }

    /// "EUR 1,234,567" (whole euros, for messages in English); negative amounts with a minus.
    static func euros(_ cents: Int) -> String {
        let whole = (Double(cents) / 100).rounded()
        let digits = String(Int(abs(whole)))
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (whole < 0 ? "-" : "") + "EUR " + String(grouped.reversed())
    }
}
