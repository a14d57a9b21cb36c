import ZichtCore
import ZichtSite

/// A generated planning-and-control cycle: begrotingen and jaarverslagen of consecutive years with the
/// money of every programma, held once and written out both as a Zicht project of several documents
/// and as a Hugo site with the same pages.
///
/// Document *n* (from 0) is the begroting of year `firstYear + n / 2` when *n* is even, and the
/// jaarverslag of that year when it is odd. Every document has the same tree: the document page, nine
/// programma's of three ambities each, and goals spread evenly over the ambities until the document
/// has `pagesPerDocument` pages. A begroting goal has a description, five criteria and "Wat gaan we
/// daarvoor doen?"; the jaarverslag goal of the same id takes description and criteria from it by
/// reference (`origin: ref:begroting-YEAR/ID`) and adds "Toelichting op realisatie doel". Two of every
/// three goals keep their description from year to year, so a begroting shows changes for the rest.
/// Every goal links to three other goals of its document. All text and amounts are generated and
/// labelled as simulated; the same seed gives the same files.
struct BenchmarkCycle {
    static let firstYear = 2020
    static let programmaNames = [
        "Bestuur en dienstverlening", "Veiligheid", "Verkeer en vervoer", "Economie", "Onderwijs",
        "Sport, cultuur en recreatie", "Volksgezondheid en milieu", "Wonen en ruimte", "Bedrijfsvoering",
    ]
    /// Two taakvelden of the Iv3 definitions per programma (chapter 6 is avoided: its codes changed in 2025).
    static let taakvelden = [
        ["0.1", "0.2"], ["1.1", "1.2"], ["2.1", "2.2"], ["3.1", "3.4"], ["4.2", "4.3"],
        ["5.1", "5.7"], ["7.1", "7.3"], ["8.1", "8.3"], ["0.4", "0.8"],
    ]
    static let ambitiesPerProgramma = 3
    /// The document page, the programma's and their ambities: every other page is a goal.
    static let fixedPages = 1 + programmaNames.count * (1 + ambitiesPerProgramma)
    static let varianceThreshold = 250_000

    enum Kind: String { case begroting, jaarverslag }

    struct Document {
        var kind: Kind
        var year: Int
        var pages: [BenchmarkSite.Page] = []
        /// For a jaarverslag goal (by page index): the begroting's description section and criteria,
        /// which the Hugo site has to copy because Hugo cannot take text from another page.
        var taken: [Int: (description: String, criteria: [String])] = [:]

        var key: String { "\(kind.rawValue)-\(year)" }
        var title: String { kind == .begroting ? "Begroting \(year)" : "Jaarverslag \(year)" }
    }

    /// One line of the money file: an amount in whole euros.
    struct Amount {
        var programma: Int
        var taakveld: String
        var soort: String
        var kolom: String
        var year: Int
        var euros: Int
    }

    let seed: UInt64
    private(set) var documents: [Document] = []
    private(set) var amounts: [Amount] = []

    var pageCount: Int { documents.reduce(0) { $0 + $1.pages.count } }
    var goalCount: Int { documents.reduce(0) { $0 + $1.pages.count(where: { $0.kind == .doel }) } }
    var lastYear: Int { documents.map(\.year).max() ?? Self.firstYear }

    init(documents count: Int, pagesPerDocument: Int, seed: UInt64) {
        precondition(count >= 2, "a cycle needs a begroting and a jaarverslag")
        precondition(pagesPerDocument >= Self.fixedPages + Self.programmaNames.count * Self.ambitiesPerProgramma)
        self.seed = seed
        for n in 0..<count {
            let document = Document(kind: n % 2 == 0 ? .begroting : .jaarverslag, year: Self.firstYear + n / 2)
            documents.append(makeDocument(document, pages: pagesPerDocument))
        }
        amounts = makeAmounts()
    }

    // MARK: Tree

    private func text(_ stream: Int, _ salt: UInt64) -> FillerText {
        FillerText(random: SplitMix64(seed: seed ^ salt, stream: stream))
    }

    private static func slug(id: String, kind: NodeKind, title: String) -> String {
        SitePaths.slug(for: Node(id: id, kind: kind, title: title, sourceFile: ""))
    }

    private func makeDocument(_ start: Document, pages pageTotal: Int) -> Document {
        var document = start
        let year = document.year
        var intro = text(year * 10 + (document.kind == .begroting ? 0 : 1), 0xD0C)
        document.pages.append(BenchmarkSite.Page(
            id: document.key, kind: .document, title: document.title,
            subtitle: "Gesimuleerd document voor een snelheidsmeting.", order: 0, parent: nil, slug: "", folders: [],
            body: """
                ## Welkom

                Dit document van de \(BenchmarkSite.organisation.lowercasedFirstWord) is **gesimuleerd**: zicht-bench heeft alle teksten en bedragen gegenereerd om te meten hoe snel een cyclus van documenten wordt gebouwd. \(intro.paragraph(sentences: 3))

                """))
        let ambitieCount = Self.programmaNames.count * Self.ambitiesPerProgramma
        let goals = pageTotal - Self.fixedPages
        var goalIDs: [Int] = []
        for (p, name) in Self.programmaNames.enumerated() {
            let programma = addProgramma(number: p + 1, name: name, to: &document)
            for a in 1...Self.ambitiesPerProgramma {
                let ambitieNumber = p * Self.ambitiesPerProgramma + (a - 1)
                let ambitie = addAmbitie(number: a, programma: programma, to: &document)
                let goalsHere = goals / ambitieCount + (ambitieNumber < goals % ambitieCount ? 1 : 0)
                for g in 1...goalsHere {
                    goalIDs.append(addGoal(number: g, ambitie: ambitie, to: &document))
                }
            }
        }
        for (position, index) in goalIDs.enumerated() {
            let references = referencedGoals(position, among: goalIDs, year: year).map { goal in
                "[doel \(document.pages[goal].id)](ref:\(document.pages[goal].id))"
            }
            fillGoal(index, references: references, in: &document)
        }
        return document
    }

    private func addProgramma(number: Int, name: String, to document: inout Document) -> Int {
        let index = document.pages.count
        var filler = text(index, 0x960 ^ UInt64(document.year))
        let id = "\(number)"
        let slug = Self.slug(id: id, kind: .programma, title: name)
        var body = """
            ## Over dit programma

            \(filler.paragraph(sentences: 5))

            \(filler.paragraph(sentences: 4))

            """
        if document.kind == .jaarverslag {
            body += """

                ## Toelichting op de verschillen

                - Lasten: \(filler.paragraph(sentences: 2))
                - Baten: \(filler.paragraph(sentences: 2))

                """
        }
        document.pages.append(BenchmarkSite.Page(
            id: id, kind: .programma, title: name, subtitle: filler.subtitle(), order: number, parent: 0, slug: slug,
            folders: [slug], body: body))
        return index
    }

    private func addAmbitie(number: Int, programma: Int, to document: inout Document) -> Int {
        let index = document.pages.count
        var filler = text(index, 0xA3B)
        let id = "\(document.pages[programma].id).\(number)"
        let title = filler.title()
        var yearly = text(index, 0xA3B ^ UInt64(document.year))
        let heading = document.kind == .begroting ? "Wat willen we bereiken?" : "Wat hebben we bereikt?"
        let body = """
            ## \(heading)

            \(yearly.paragraph(sentences: 5))

            \(yearly.paragraph(sentences: 4))

            """
        document.pages.append(BenchmarkSite.Page(
            id: id, kind: .ambitie, title: title, subtitle: filler.subtitle(), order: number, parent: programma,
            slug: Self.slug(id: id, kind: .ambitie, title: title), folders: document.pages[programma].folders + [Self.slug(id: id, kind: .ambitie, title: title)],
            portefeuillehouder: (filler.personName(), filler.role()), body: body))
        return index
    }

    private func addGoal(number: Int, ambitie: Int, to document: inout Document) -> Int {
        let index = document.pages.count
        var filler = text(index, 0x60A1)
        let id = "\(document.pages[ambitie].id).\(number)"
        let title = filler.title()
        let kaders = [
            BenchmarkSite.Kader(title: "Gesimuleerde beleidsnota \(index): \(filler.title().lowercased())", url: "https://example.org/beleid/\(index)"),
            BenchmarkSite.Kader(title: "Ambitie \(document.pages[ambitie].id) \(document.pages[ambitie].title)", ref: ambitie),
        ]
        var page = BenchmarkSite.Page(
            id: id, kind: .doel, title: title, subtitle: filler.subtitle(), order: number, parent: ambitie,
            slug: Self.slug(id: id, kind: .doel, title: title), folders: document.pages[ambitie].folders,
            kaders: kaders, portefeuillehouder: document.pages[ambitie].portefeuillehouder, body: "")
        if document.kind == .begroting {
            page.origin = nil
            page.criteria = criteria(index, year: document.year)
        } else {
            page.origin = "ref:begroting-\(document.year)/\(id)"
            document.taken[index] = (description(index, year: document.year), criteria(index, year: document.year))
        }
        document.pages.append(page)
        return index
    }

    /// Goals whose index is a multiple of three get a new description and criteria every year; the
    /// others keep the same text.
    private func yearSalt(_ index: Int, year: Int) -> UInt64 {
        index % 3 == 0 ? UInt64(year) << 20 : 0
    }

    private func criteria(_ index: Int, year: Int) -> [String] {
        var filler = text(index, 0xC417 ^ yearSalt(index, year: year))
        return (1...5).map { _ in filler.criterion() }
    }

    /// The begroting's "Beschrijving doel" of the goal at `index` in the year's documents.
    private func description(_ index: Int, year: Int) -> String {
        var filler = text(index, 0xDE5C ^ yearSalt(index, year: year))
        return """
            ## Beschrijving doel

            \(filler.paragraph(sentences: 6))

            \(filler.paragraph(sentences: 5))

            """
    }

    /// Three different goals other than the one at `position`, spread over the document.
    private func referencedGoals(_ position: Int, among goals: [Int], year: Int) -> [Int] {
        var random = SplitMix64(seed: seed ^ 0x5EED ^ UInt64(year), stream: position)
        var picked: [Int] = []
        while picked.count < min(3, goals.count - 1) {
            let candidate = goals[random.below(goals.count)]
            if candidate != goals[position], !picked.contains(candidate) { picked.append(candidate) }
        }
        return picked
    }

    /// A begroting goal: its description, then "Wat gaan we daarvoor doen?"; a jaarverslag goal:
    /// "Toelichting op realisatie doel". Both with three subsections (a bullet list, a pipe table, a
    /// numbered list) and the three references.
    private func fillGoal(_ index: Int, references refs: [String], in document: inout Document) {
        var filler = text(index, 0xB0D1 ^ UInt64(document.year) ^ (document.kind == .begroting ? 0 : 0xFFFF))
        let subsections = filler.random.pick(3, of: FillerText.subsectionTitles)
        let bullets = (0..<filler.random.between(3...5)).map { _ in "- \(filler.listItem());" }.joined(separator: "\n")
        let steps = (0..<3).map { "\($0 + 1). \(filler.listItem())." }.joined(separator: "\n")
        var rows: [String] = []
        for _ in 0..<3 {
            let planned = filler.random.between(4...40)
            let realised = max(0, planned - filler.random.between(-3...8))
            rows.append("| \(filler.listItem()) | \(planned) | \(realised) |")
        }
        let opening = document.kind == .begroting ? description(index, year: document.year) + "\n" : ""
        let heading = document.kind == .begroting ? "Wat gaan we daarvoor doen?" : "Toelichting op realisatie doel"
        document.pages[index].body = """
            \(opening)## \(heading)

            ### \(subsections[0])

            \(filler.paragraph(sentences: 5, inserting: "Dit hangt samen met \(refs[0])."))

            \(bullets)

            ### \(subsections[1])

            \(filler.paragraph(sentences: 4, inserting: "Meer hierover staat bij \(refs[1])."))

            | Onderdeel | Gepland | Gerealiseerd |
            | --- | ---: | ---: |
            \(rows.joined(separator: "\n"))

            ### \(subsections[2])

            \(filler.paragraph(sentences: 4, inserting: "De aanpak is *afgestemd* met \(refs[2])."))

            \(steps)

            """
    }

    // MARK: Money

    /// Lasten and baten per programma and taakveld: the primitive and amended budget and the accounts
    /// of every year from two years before the first begroting to the last jaarverslag, and the
    /// estimates (`raming`) for the three years after each begroting.
    private func makeAmounts() -> [Amount] {
        var result: [Amount] = []
        let firstYear = Self.firstYear
        for (p, codes) in Self.taakvelden.enumerated() {
            for code in codes {
                for soort in ["lasten", "baten"] {
                    var random = SplitMix64(seed: seed ^ 0x30E7, stream: result.count)
                    let base = soort == "lasten" ? random.between(2_000...40_000) * 1_000 : random.between(200...10_000) * 1_000
                    for year in (firstYear - 2)...(lastYear + 3) {
                        let budget = base + base * 3 * (year - firstYear + 2) / 100
                        if year <= lastYear {
                            let amended = budget + budget * random.between(-20...40) / 1_000
                            let realised = amended + amended * random.between(-50...50) / 1_000
                            result.append(Amount(programma: p + 1, taakveld: code, soort: soort, kolom: "begroting-primitief", year: year, euros: budget))
                            result.append(Amount(programma: p + 1, taakveld: code, soort: soort, kolom: "begroting-na-wijziging", year: year, euros: amended))
                            result.append(Amount(programma: p + 1, taakveld: code, soort: soort, kolom: "realisatie", year: year, euros: realised))
                        }
                        if year > firstYear {
                            result.append(Amount(programma: p + 1, taakveld: code, soort: soort, kolom: "raming", year: year, euros: budget))
                        }
                    }
                }
            }
        }
        return result
    }

    /// The total of `soort` in `kolom` of `year`, for one programma (or all when `programma` is nil)
    /// and one taakveld (or all).
    func total(programma: Int? = nil, taakveld: String? = nil, soort: String, kolom: String, year: Int) -> Int {
        amounts.reduce(0) { sum, amount in
            guard amount.soort == soort, amount.kolom == kolom, amount.year == year,
                  programma == nil || amount.programma == programma,
                  taakveld == nil || amount.taakveld == taakveld else { return sum }
            return sum + amount.euros
        }
    }
}
