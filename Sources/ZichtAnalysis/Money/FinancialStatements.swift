import ZichtCore

/// The financial tables of one document, computed from money entries: per programma "what did it
/// cost" (jaarverslag) or "what may it cost" (begroting), the overview of lasten and baten, the same
/// per taakveld, and every variance.
///
/// Conventions (BBV; docs/financial-data.md): lasten and baten are positive amounts; saldo =
/// baten − lasten; a variance is realisation against the amended budget (the primitive budget when
/// the data has no amended one), positive when voordelig: for lasten budget − realisation, for
/// baten realisation − budget, for the saldo their sum. Amounts are exact cents; no total is read
/// from the input.
public struct FinancialStatements: Sendable {
    public var kind: DocumentKind
    public var year: Int
    /// Programma tables by programma id.
    public var programmas: [String: FinancialTable]
    /// Programma ids in document order.
    public var programmaOrder: [String]
    public var overview: FinancialTable
    public var taakvelden: FinancialTable
    /// Non-zero variances of lasten and baten per programma (jaarverslag only).
    public var variances: [Variance]
    public var sources: [MoneyData.Source]

    /// Every table: the programma tables in document order, the overview, the taakvelden.
    public var tables: [FinancialTable] { programmaOrder.compactMap { programmas[$0] } + [overview, taakvelden] }

    /// The columns of a document's tables, in order, and the budget a realisation is compared with:
    /// a jaarverslag t shows begroting primitief t, begroting na wijziging t and realisatie t; a
    /// begroting t shows realisatie t−2, begroting na wijziging t−1, begroting primitief t and
    /// ramingen t+1…t+3. Nil for other kinds of document.
    public static func columns(for kind: DocumentKind, year: Int) -> [BudgetColumn]? {
        switch kind {
        case .jaarverslag:
            [BudgetColumn(.begrotingPrimitief, year), BudgetColumn(.begrotingNaWijziging, year), BudgetColumn(.realisatie, year)]
        case .begroting:
            [BudgetColumn(.realisatie, year - 2), BudgetColumn(.begrotingNaWijziging, year - 1), BudgetColumn(.begrotingPrimitief, year)]
                + (1...3).map { BudgetColumn(.raming, year + $0) }
        case .kadernota, .berap:
            nil
        }
    }

    /// Computes the tables of a document.
    /// - Parameters:
    ///   - programmas: the ids of the document's programma pages, in document order. Entries of other
    ///     programma's are left out of every table (the project check reports them).
    /// - Returns: nil for a kind of document without financial tables (kadernota, berap).
    public static func compute(kind: DocumentKind, year: Int, programmas: [String], data: MoneyData) -> FinancialStatements? {
        guard let wanted = columns(for: kind, year: year) else { return nil }
        let present = data.columns
        let columns = wanted.filter(present.contains)
        let missing = wanted.filter { !present.contains($0) }
        var base: BudgetColumn?
        if kind == .jaarverslag, present.contains(BudgetColumn(.realisatie, year)) {
            base = [BudgetColumn(.begrotingNaWijziging, year), BudgetColumn(.begrotingPrimitief, year)].first(where: present.contains)
        }
        let realised = BudgetColumn(.realisatie, year)
        let known = Set(programmas)
        let entries = data.entries.filter { known.contains($0.programma) }

        func rows(group: String?, _ selected: [MoneyEntry]) -> [FinancialRow] {
            var sums: [MoneySide: [BudgetColumn: Int]] = [:]
            for entry in selected { sums[entry.side, default: [:]][entry.column, default: 0] += entry.cents }
            func amounts(_ side: MoneySide) -> [Int] { columns.map { sums[side]?[$0] ?? 0 } }
            func variance(_ side: MoneySide) -> Int? {
                guard let base else { return nil }
                let budget = sums[side]?[base] ?? 0, actual = sums[side]?[realised] ?? 0
                return side == .lasten ? budget - actual : actual - budget
            }
            let lasten = amounts(.lasten), baten = amounts(.baten)
            let saldoVariance = variance(.lasten).flatMap { l in variance(.baten).map { l + $0 } }
            return [
                FinancialRow(group: group, line: .lasten, amounts: lasten, variance: variance(.lasten)),
                FinancialRow(group: group, line: .baten, amounts: baten, variance: variance(.baten)),
                FinancialRow(group: group, line: .saldo, amounts: zip(baten, lasten).map { $0 - $1 }, variance: saldoVariance),
            ]
        }

        let byProgramma = Dictionary(grouping: entries, by: \.programma)
        var tables: [String: FinancialTable] = [:]
        var overviewRows: [FinancialRow] = []
        var variances: [Variance] = []
        let programmaKind: FinancialTable.Kind = kind == .jaarverslag ? .programmaRealisation : .programmaBudget
        for id in programmas {
            guard let selected = byProgramma[id] else { continue }
            let groupRows = rows(group: id, selected)
            overviewRows += groupRows
            tables[id] = FinancialTable(
                id: "programma-\(id)", kind: programmaKind, programma: id, columns: columns, missingColumns: missing, varianceBase: base,
                rows: groupRows.map { FinancialRow(group: nil, line: $0.line, amounts: $0.amounts, variance: $0.variance) })
            if let base {
                for row in groupRows where row.line != .saldo {
                    guard let cents = row.variance, cents != 0 else { continue }
                    let side: MoneySide = row.line == .lasten ? .lasten : .baten
                    let budget = selected.filter { $0.side == side && $0.column == base }.reduce(0) { $0 + $1.cents }
                    variances.append(Variance(programma: id, side: side, cents: cents, budget: budget, base: base, realised: budget + (side == .lasten ? -cents : cents)))
                }
            }
        }
        let totals = rows(group: nil, entries)
        let overview = FinancialTable(
            id: "overzicht", kind: .overview, columns: columns, missingColumns: missing, varianceBase: base, rows: overviewRows + totals)
        var taakveldRows: [FinancialRow] = []
        for (code, selected) in Dictionary(grouping: entries, by: \.taakveld).sorted(by: { Taakvelden.codeOrder($0.key, $1.key) }) {
            taakveldRows += rows(group: code, selected)
        }
        let taakvelden = FinancialTable(
            id: "taakvelden", kind: .taakvelden, columns: columns, missingColumns: missing, varianceBase: base, rows: taakveldRows + totals)
        return FinancialStatements(
            kind: kind, year: year, programmas: tables, programmaOrder: programmas.filter { tables[$0] != nil }, overview: overview,
            taakvelden: taakvelden, variances: variances, sources: data.sources)
    }

    /// The variances that `rule` says need an explanation and that the text does not give.
    /// - Parameter explained: per programma id, the sides its page explains.
    public func unexplained(rule: VarianceRule, explained: [String: Set<MoneySide>]) -> [Variance] {
        variances.filter { variance in
            rule.needsExplanation(variance: variance.cents, budget: variance.budget)
                && !(explained[variance.programma]?.contains(variance.side) ?? false)
        }
    }
}
