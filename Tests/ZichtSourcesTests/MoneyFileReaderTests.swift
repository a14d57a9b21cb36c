import Foundation
import Testing
import ZichtCore
import ZichtSources
import ZichtTestSupport

/// The money file (docs/financial-data.md): read strictly, every problem located by line and field.
struct MoneyFileReaderTests {
    static let header = "programma;taakveld;soort;kolom;jaar;bedrag\n"

    static func read(_ text: String) throws -> MoneyData {
        try MoneyFileReader.read(Data(text.utf8), file: "data/financien.csv")
    }

    /// The problems of a file that must be refused.
    static func problems(_ text: String) -> [MoneyFileError.Problem] {
        do {
            _ = try read(text)
            Issue.record("expected a MoneyFileError")
            return []
        } catch let error as MoneyFileError {
            return error.problems
        } catch {
            Issue.record("expected a MoneyFileError, got \(error)")
            return []
        }
    }

    @Test func readsAmountsInCentsWithTheirPlace() throws {
        let data = try Self.read(Self.header + "7;1.2;lasten;realisatie;2019;5904123,50\n7;1.1;baten;begroting-primitief;2019;-250\n")
        #expect(data.entries.count == 2)
        let first = data.entries[0]
        #expect(first.programma == "7" && first.taakveld == "1.2" && first.side == .lasten)
        #expect(first.column == BudgetColumn(.realisatie, 2019))
        #expect(first.cents == 590_412_350)
        #expect(first.file == "data/financien.csv" && first.line == 2)
        #expect(data.entries[1].cents == -25_000)
        #expect(data.entries[1].line == 3)
    }

    @Test func columnsMayComeInAnyOrder() throws {
        let data = try Self.read("bedrag;jaar;kolom;soort;taakveld;programma\n1000;2019;raming;baten;0.1;8\n")
        #expect(data.entries.first?.cents == 100_000)
        #expect(data.entries.first?.column == BudgetColumn(.raming, 2019))
    }

    @Test(arguments: [
        ("0", 0), ("12", 1200), ("12,5", 1250), ("12,05", 1205), ("-3", -300), ("1234567890123", 123_456_789_012_300),
    ])
    func amounts(text: String, cents: Int) {
        #expect(MoneyFileReader.cents(text) == cents)
    }

    @Test(arguments: ["", "1.234.567", "1234567.89", "€ 12", "12,345", "1,2,3", "-", "−12", "12 ", "1e3", "12345678901234", ",5"])
    func notAmounts(text: String) {
        #expect(MoneyFileReader.cents(text) == nil)
    }

    @Test func anAmountThatIsNotANumberIsLocatedWithItsField() {
        let problems = Self.problems(Self.header + "7;1.2;lasten;realisatie;2019;100\n7;1.1;lasten;realisatie;2019;1.234.567\n")
        #expect(problems.count == 1)
        let problem = problems[0]
        #expect(problem.code == .notAnAmount)
        #expect(problem.file == "data/financien.csv" && problem.line == 3 && problem.field == "bedrag")
        #expect(problem.found == "\"1.234.567\"")
        #expect(problem.expected?.contains("amount in euros") == true)
        #expect(problem.hint?.contains("thousands separators") == true)
        let diagnostic = MoneyFileError(problems).diagnostics[0]
        #expect(diagnostic.description.hasPrefix("data/financien.csv:3: error: field 'bedrag'"))
    }

    @Test func everyProblemOfTheFileIsListed() {
        let problems = Self.problems(Self.header + """
            7;1.2;kosten;realisatie;2019;100
            7;9.9;lasten;realisatie;2019;100
            7;1.2;lasten;rekening;2019;100
            7;1.2;lasten;realisatie;19;100
            ;1.2;lasten;realisatie;2019;100
            7;1.2;lasten;realisatie;2019;
            """)
        #expect(problems.map(\.code) == [.badValue, .unknownTaakveld, .badValue, .badValue, .badValue, .notAnAmount])
        #expect(problems.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(problems.map(\.field) == ["soort", "taakveld", "kolom", "jaar", "programma", "bedrag"])
        #expect(problems[2].hint?.contains("realisatie") == true)
        #expect(problems[5].hint?.contains("write 0") == true)
    }

    @Test func unknownAndMissingColumnsAreErrorsOfTheHeader() {
        let problems = Self.problems("programma;taakveld;soort;kolom;jaar;bedrag;omschrijving\n7;1.2;lasten;realisatie;2019;1;x\n")
        #expect(problems.map(\.code) == [.unknownColumn])
        #expect(problems[0].line == 1 && problems[0].field == "omschrijving")
        let missing = Self.problems("programma;taakveld;soort;kolom;jaar;bedarg\n7;1.2;lasten;realisatie;2019;1\n")
        #expect(missing.map(\.code) == [.unknownColumn, .missingColumn])
        #expect(missing[0].hint?.contains("did you mean 'bedrag'") == true)
        #expect(missing[1].field == "bedrag")
    }

    @Test func aDuplicateRowNamesBothLines() {
        let problems = Self.problems(Self.header + "7;1.2;lasten;realisatie;2019;100\n7;1.1;lasten;realisatie;2019;5\n7;1.2;lasten;realisatie;2019;200\n")
        #expect(problems.map(\.code) == [.duplicateRow])
        #expect(problems[0].line == 4)
        #expect(problems[0].message.contains("also on line 2"))
    }

    @Test func aCommaSeparatedFileIsRefused() {
        let problems = Self.problems("programma,taakveld,soort,kolom,jaar,bedrag\n7,1.2,lasten,realisatie,2019,100\n")
        #expect(problems.map(\.code) == [.wrongSeparator])
        #expect(problems[0].line == 1)
    }

    @Test func aTaakveldWithItsNameGetsAHint() {
        let problems = Self.problems(Self.header + "7;1.2 Openbare orde en veiligheid;lasten;realisatie;2019;100\n")
        #expect(problems.first?.code == .unknownTaakveld)
        #expect(problems.first?.hint == "write the code only: '1.2'")
    }

    @Test func taakveldenOfBothEditionsAreKnown() throws {
        let data = try Self.read(Self.header + "6;6.71a;lasten;realisatie;2023;1\n6;6.711;lasten;realisatie;2025;1\n0;0.10;baten;realisatie;2023;1\n")
        #expect(data.entries.map(\.taakveld) == ["6.71a", "6.711", "0.10"])
    }

    /// The 2025 edition of the catalogue is exactly the headings of the Iv3 definitions.
    @Test func the2025CatalogueMatchesTheIv3Definitions() throws {
        let text = try String(contentsOf: RealData.url("iv3-taakvelden-gemeenten-definities-2025.txt"), encoding: .utf8)
        var headings: [(String, String)] = []
        for line in text.split(separator: "\n") where line.hasPrefix("**") && line.hasSuffix("**") {
            let inner = line.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
            guard let first = inner.first, first.isNumber, !inner.contains("\\.") else { continue }
            let code = String(inner.prefix { $0 != " " && $0 != "-" })
            let name = inner.dropFirst(code.count).drop { $0 == " " || $0 == "-" }
            headings.append((code, String(name)))
        }
        #expect(headings.count == Taakvelden.edition2025.count)
        #expect(Set(headings.map(\.0)) == Set(Taakvelden.edition2025.map(\.code)))
        for (code, name) in headings {
            #expect(Taakvelden.edition2025.first { $0.code == code }?.name == name, "\(code)")
        }
    }

    @Test func codesAreOrderedNumberByNumber() {
        #expect(["0.10", "0.9", "6.71a", "6.71", "1.2", "0.61"].sorted(by: Taakvelden.codeOrder) == ["0.9", "0.10", "0.61", "1.2", "6.71", "6.71a"])
    }
}

/// How authors explain variances on a programma page.
struct VarianceExplanationsTests {
    static func node(_ body: [Section]) -> Node {
        Node(id: "7", kind: .programma, title: "Fysiek domein", sections: body, sourceFile: "content/7.md")
    }

    static func section(_ title: String, items: [String], line: Int = 10) -> Section {
        Section(heading: [.text(title)], blocks: [.list(ordered: false, start: 1, items: items.map { [.paragraph([.text($0)])] })], line: line)
    }

    @Test func listItemsNamingALineExplainIt() {
        let node = Self.node([
            Self.section("Toelichting op de verschillen", items: ["Lasten: hogere inhuur.", "Overig: niets."], line: 12),
        ])
        #expect(VarianceExplanations.explained(on: node) == [.lasten: 12])
        #expect(VarianceExplanations.sectionLine(on: node) == 12)
    }

    @Test func strongNamesAndCaseCount() {
        let bold = Section(
            heading: [.text("toelichting op de verschillen")],
            blocks: [.list(ordered: false, start: 1, items: [[.paragraph([.strong([.text("Baten")]), .text(": meer rijksbijdrage.")])]])], line: 3)
        #expect(VarianceExplanations.explained(on: Self.node([bold])) == [.baten: 3])
    }

    @Test func anEmptyItemOrAnotherSectionExplainsNothing() {
        #expect(VarianceExplanations.explained(on: Self.node([Self.section("Toelichting op de verschillen", items: ["Lasten:"])])).isEmpty)
        #expect(VarianceExplanations.explained(on: Self.node([Self.section("Wat hebben we gedaan", items: ["Lasten: x"])])).isEmpty)
        #expect(VarianceExplanations.explained(on: Self.node([Self.section("Toelichting op de verschillen", items: ["Lastenverhoging: x"])])).isEmpty)
    }
}
