import ZichtCore

/// A line of a financial table: BBV's lasten, baten and their saldo (baten − lasten).
public enum FinancialLine: String, Sendable, Hashable, CaseIterable, Codable {
    case lasten
    case baten
    case saldo
}

/// A row of a financial table: one line of one group (a programma or a taakveld) or of the total.
public struct FinancialRow: Sendable, Hashable {
    /// The programma id or taakveld code; nil on the total rows.
    public var group: String?
    public var line: FinancialLine
    /// Amounts in euro cents, one per column of the table; lasten and baten positive, saldo = baten − lasten.
    public var amounts: [Int]
    /// The variance of realisation against budget in cents, positive when voordelig (favourable):
    /// less lasten or more baten than budgeted; for the saldo the sum of both. Nil in tables
    /// without a variance column.
    public var variance: Int?

    public var isTotal: Bool { group == nil }

    public init(group: String?, line: FinancialLine, amounts: [Int], variance: Int? = nil) {
        self.group = group
        self.line = line
        self.amounts = amounts
        self.variance = variance
    }
}

/// A financial table computed from money entries: never typed, every total added up here.
public struct FinancialTable: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A programma in a jaarverslag: budget, amended budget, realisation and variance.
        case programmaRealisation
        /// A programma in a begroting: realisation t−2, budget t−1, budget t and estimates t+1…t+3.
        case programmaBudget
        /// All programma's of the document with their totals (BBV's "overzicht van baten en lasten").
        case overview
        /// The same amounts per Iv3 taakveld.
        case taakvelden
    }

    /// A stable id, also the name of its downloads: "programma-7", "overzicht", "taakvelden".
    public var id: String
    public var kind: Kind
    /// The programma of a programma table.
    public var programma: String?
    /// The columns, in order; only columns for which the data has amounts.
    public var columns: [BudgetColumn]
    /// Columns the document's tables have but the data lacks entirely (left out, never shown as 0).
    public var missingColumns: [BudgetColumn]
    /// The budget the realisation is compared with, when the table has a variance.
    public var varianceBase: BudgetColumn?
    public var rows: [FinancialRow]

    public init(
        id: String, kind: Kind, programma: String? = nil, columns: [BudgetColumn], missingColumns: [BudgetColumn] = [],
        varianceBase: BudgetColumn? = nil, rows: [FinancialRow]
    ) {
        self.id = id
        self.kind = kind
        self.programma = programma
        self.columns = columns
        self.missingColumns = missingColumns
        self.varianceBase = varianceBase
        self.rows = rows
    }

    /// The row of `line` for `group` (nil: the total).
    public func row(_ line: FinancialLine, group: String? = nil) -> FinancialRow? {
        rows.first { $0.line == line && $0.group == group }
    }

    /// The amount of `line` of `group` in `column`.
    public func amount(_ line: FinancialLine, group: String? = nil, column: BudgetColumn) -> Int? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return row(line, group: group)?.amounts[index]
    }
}

/// A variance of one programma's lasten or baten, for the control rule.
public struct Variance: Sendable, Hashable {
    public var programma: String
    public var side: MoneySide
    /// In cents, positive when voordelig.
    public var cents: Int
    /// The budget it is measured against, in cents, and which budget that is.
    public var budget: Int
    public var base: BudgetColumn
    public var realised: Int

    public var isFavourable: Bool { cents > 0 }

    /// The variance in percent of the budget; nil for a budget of 0.
    public var percentage: Double? { budget == 0 ? nil : Double(cents.magnitude) / Double(budget.magnitude) * 100 }
}
