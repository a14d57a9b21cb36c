/// Which side of the accounts an amount is on: BBV's *lasten* (expenses) or *baten* (income).
public enum MoneySide: String, Sendable, Hashable, CaseIterable, Codable {
    case lasten
    case baten
}

/// Which figure of a year an amount is: the budget as first adopted, the budget after the council's
/// amendments, the realisation (the accounts), or a multi-year estimate.
///
/// The raw values are the words of the money file's `kolom` column (docs/financial-data.md).
public enum BudgetVersion: String, Sendable, Hashable, CaseIterable, Codable {
    /// *Begroting primitief*: the budget as the council adopted it.
    case begrotingPrimitief = "begroting-primitief"
    /// *Begroting na wijziging*: the budget after every amendment of the year.
    case begrotingNaWijziging = "begroting-na-wijziging"
    /// *Realisatie* (*rekening*): what was actually spent and received.
    case realisatie
    /// *Raming*: the multi-year estimate for a later year (meerjarenraming).
    case raming
}

/// One column of a financial table: a version of the figures of one year ("realisatie 2019").
public struct BudgetColumn: Sendable, Hashable, Codable, CustomStringConvertible {
    public var version: BudgetVersion
    public var year: Int

    public init(_ version: BudgetVersion, _ year: Int) {
        self.version = version
        self.year = year
    }

    public var description: String { "\(version.rawValue) \(year)" }
}

/// One amount of a money file: a programma's lasten or baten on one taakveld, in one column.
public struct MoneyEntry: Sendable, Hashable {
    /// The id of the programma page it belongs to ("7").
    public var programma: String
    /// The Iv3 taakveld code ("1.2").
    public var taakveld: String
    public var side: MoneySide
    public var column: BudgetColumn
    /// The amount in euro cents, exact; lasten and baten are both written as positive amounts
    /// (a negative amount is a correction).
    public var cents: Int
    /// The file it was read from, relative to the project, and the 1-based line.
    public var file: String
    public var line: Int

    public init(programma: String, taakveld: String, side: MoneySide, column: BudgetColumn, cents: Int, file: String, line: Int) {
        self.programma = programma
        self.taakveld = taakveld
        self.side = side
        self.column = column
        self.cents = cents
        self.file = file
        self.line = line
    }

    /// What makes two entries the same row: a file may hold each key once.
    public struct Key: Sendable, Hashable {
        public var programma: String
        public var taakveld: String
        public var side: MoneySide
        public var column: BudgetColumn
    }

    public var key: Key { Key(programma: programma, taakveld: taakveld, side: side, column: column) }
}

/// The financial figures of a project, read from a money file (Zicht's own format) or from CBS
/// Iv3 files, with where they came from.
public struct MoneyData: Sendable, Hashable {
    /// Who published the figures and how, for the source line under every table.
    public struct Source: Sendable, Hashable {
        /// The file, relative to the project.
        public var file: String
        /// "CBS" for Iv3 files; nil for the municipality's own export.
        public var publisher: String?
        /// The table id, e.g. "45063NED" for Iv3.
        public var table: String?
        /// The unit amounts are published in, as a factor of one euro: 1000 for Iv3 (thousands of
        /// euros), 1 for Zicht's money format.
        public var unitInEuros: Int
        /// What the project says the file is (`money.source`), shown instead of the default.
        public var description: String?

        public init(file: String, publisher: String? = nil, table: String? = nil, unitInEuros: Int = 1, description: String? = nil) {
            self.file = file
            self.description = description
            self.publisher = publisher
            self.table = table
            self.unitInEuros = unitInEuros
        }
    }

    public var entries: [MoneyEntry]
    public var sources: [Source]

    public init(entries: [MoneyEntry], sources: [Source]) {
        self.entries = entries
        self.sources = sources
    }

    /// The columns for which at least one amount is known.
    public var columns: Set<BudgetColumn> { Set(entries.map(\.column)) }

    /// The programma ids in the order they first appear, each with its first entry (for locating
    /// problems).
    public var programmas: [(id: String, first: MoneyEntry)] {
        var seen: Set<String> = []
        return entries.compactMap { seen.insert($0.programma).inserted ? ($0.programma, $0) : nil }
    }

    /// Both sets of figures in one.
    public func merged(with other: MoneyData) -> MoneyData {
        MoneyData(entries: entries + other.entries, sources: sources + other.sources)
    }
}
