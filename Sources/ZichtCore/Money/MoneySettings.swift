/// Where a project's financial figures come from and which variances need an explanation
/// (`money:` in zicht.yaml; see docs/financial-data.md).
public struct MoneySettings: Sendable, Hashable {
    /// A file in Zicht's money format: one amount per programma, taakveld, side and column.
    public var file: String?
    /// Where the money file's amounts come from, for the source line under every table
    /// ("financiële administratie, export van 14 april 2020", "voorbeeldbedragen"); by default
    /// the municipality's financial administration.
    public var fileSource: String?
    /// CBS Iv3 files per taakveld (45063NED), each one column of one year; their amounts are
    /// assigned to the programma whose id is the taakveld's chapter ("1" for taakveld 1.2).
    public var iv3: [Iv3Source] = []
    /// The gemeente's name as the Iv3 files write it ("Zwolle"); required with `iv3`.
    public var gemeente: String?
    /// When a variance between realisation and budget needs an explanation.
    public var variances: VarianceRule?
    /// Line of `money:` in zicht.yaml, for diagnostics.
    public var line: Int

    public init(file: String? = nil, iv3: [Iv3Source] = [], gemeente: String? = nil, variances: VarianceRule? = nil, line: Int = 1) {
        self.file = file
        self.iv3 = iv3
        self.gemeente = gemeente
        self.variances = variances
        self.line = line
    }

    /// One CBS Iv3 file and the column its amounts are.
    public struct Iv3Source: Sendable, Hashable {
        public var file: String
        /// `begroting-primitief` for a begroting file (Verslagsoort X000), `realisatie` for a jaarrekening (X005).
        public var column: BudgetColumn
        public var line: Int

        public init(file: String, column: BudgetColumn, line: Int = 1) {
            self.file = file
            self.column = column
            self.line = line
        }
    }
}

/// The control rule of a jaarverslag: a variance between realisation and budget larger than a
/// threshold must be explained in the text.
///
/// With both thresholds set, `requiresBoth` decides whether a variance must pass both (the default)
/// or either to need an explanation.
public struct VarianceRule: Sendable, Hashable {
    /// In euro cents; a variance needs explaining when its size is larger than this.
    public var amountCents: Int?
    /// In percent of the budget; a variance needs explaining when it is larger than this share.
    public var percentage: Double?
    public var requiresBoth: Bool

    public init(amountCents: Int? = nil, percentage: Double? = nil, requiresBoth: Bool = true) {
        self.amountCents = amountCents
        self.percentage = percentage
        self.requiresBoth = requiresBoth
    }

    /// Whether a variance of `variance` cents against a budget of `budget` cents needs an explanation.
    /// A variance on a budget of 0 counts as infinitely large in percent; a variance of 0 never needs one.
    public func needsExplanation(variance: Int, budget: Int) -> Bool {
        guard variance != 0 else { return false }
        let size = variance.magnitude
        let byAmount = amountCents.map { size > UInt($0) }
        let byShare = percentage.map { budget == 0 ? true : Double(size) / Double(budget.magnitude) * 100 > $0 }
        switch (byAmount, byShare) {
        case let (a?, p?): return requiresBoth ? a && p : a || p
        case let (a?, nil): return a
        case let (nil, p?): return p
        case (nil, nil): return false
        }
    }
}
