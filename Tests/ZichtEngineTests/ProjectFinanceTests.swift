import Foundation
import Testing
import ZichtCore
import ZichtAnalysis
import ZichtEngine
import ZichtSources
import ZichtTestSupport

/// Money in a project: tables on the programma pages and an overview page, downloads, and the build
/// errors for a programma without a page and for an unexplained variance.
struct ProjectFinanceTests {
    static let money = """
        programma;taakveld;soort;kolom;jaar;bedrag
        1;1.1;lasten;begroting-primitief;2019;1000000
        1;1.1;lasten;begroting-na-wijziging;2019;1100000
        1;1.1;lasten;realisatie;2019;1450000,49
        1;1.2;baten;begroting-na-wijziging;2019;200000
        1;1.2;baten;realisatie;2019;210000
        2;8.3;lasten;begroting-na-wijziging;2019;500000
        2;8.3;lasten;realisatie;2019;480000

        """

    static func files(explained: Bool, money: String = money) -> [String: String] {
        var files = TemporaryProject.minimalFiles
        files["zicht.yaml"]! += """

            money:
              file: data/financien.csv
              variances: {amount: 250000, percentage: 10}
            """
        files["data/financien.csv"] = money
        files["content/p1.md"] = """
            ---
            id: "1"
            kind: programma
            title: Veiligheid
            parent: jv
            order: 5
            ---
            ## Wat hebben we gedaan
            Veel.
            \(explained ? "\n## Toelichting op de verschillen\n\n- Lasten: de brandweer kostte meer door een grote brand.\n" : "")
            """
        files["content/p2.md"] = """
            ---
            id: "2"
            kind: programma
            title: Wonen
            parent: jv
            order: 6
            ---
            ## Wat hebben we gedaan
            Gebouwd.
            """
        return files
    }

    @Test func programmaPagesGetTheirTableAndTheDocumentAnOverview() throws {
        let project = try TemporaryProject(files: Self.files(explained: true))
        defer { project.remove() }
        let output = project.root.appendingPathComponent("site")
        try SiteSession(project: project.root, output: output, generator: "Zicht (test)").build()
        let page = try String(contentsOf: output.appendingPathComponent("programma/1-veiligheid/index.html"), encoding: .utf8)
        #expect(page.contains("<h2 id=\"financien\">Wat heeft het gekost?</h2>"))
        #expect(page.contains("<caption>Wat heeft het gekost? Programma 1 Veiligheid, Jaarverslag 2019</caption>"))
        #expect(page.contains("€\u{00A0}1.450.000"))
        #expect(page.contains("<abbr title=\"nadelig\">N</abbr>"))
        #expect(page.contains("Toelichting op de verschillen"))
        let overview = try String(contentsOf: output.appendingPathComponent("pagina/overzicht-van-baten-en-lasten/index.html"), encoding: .utf8)
        #expect(overview.contains("Programma 2 Wonen"))
        #expect(overview.contains("1.1 Crisisbeheersing en brandweer"))
        // Totals: lasten 1 450 000,49 + 480 000 realised.
        #expect(overview.contains("€\u{00A0}1.930.000"))
        let csv = try String(contentsOf: output.appendingPathComponent("financien/overzicht.csv"), encoding: .utf8)
        #expect(csv.contains(",Totaal,lasten,1000000.00,1600000.00,1930000.49,-330000.49,N"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("financien/programma-1.json"))) as? [String: Any]
        #expect(json?["unit"] as? String == "EUR")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("financien/taakvelden.json").path))
    }

    @Test func anUnexplainedVarianceFailsTheBuildAndKeepsThePreviousSite() throws {
        let project = try TemporaryProject(files: Self.files(explained: true))
        defer { project.remove() }
        let output = project.root.appendingPathComponent("site")
        try SiteSession(project: project.root, output: output, generator: "Zicht (test)").build()
        let before = try Data(contentsOf: output.appendingPathComponent("programma/1-veiligheid/index.html"))
        try project.write(Self.files(explained: false)["content/p1.md"]!, to: "content/p1.md")
        let error = try #require(throws: DiagnosticsError.self) {
            try SiteSession(project: project.root, output: output, generator: "Zicht (test)").build()
        }
        #expect(error.diagnostics.count == 1)
        let problem = error.diagnostics[0]
        #expect(problem.file == "content/p1.md" && problem.line == 2 && problem.field == "lasten")
        #expect(problem.message.contains("programma 1 'Veiligheid'"))
        #expect(problem.message.contains("EUR 350,000 N"))
        #expect(problem.hint?.contains("Toelichting op de verschillen") == true)
        #expect(try Data(contentsOf: output.appendingPathComponent("programma/1-veiligheid/index.html")) == before)
    }

    @Test func aProgrammaWithoutAPageIsLocatedInTheMoneyFile() throws {
        let project = try TemporaryProject(files: Self.files(explained: true, money: Self.money + "3;0.1;lasten;realisatie;2019;5\n"))
        defer { project.remove() }
        let error = try #require(throws: DiagnosticsError.self) {
            try SiteSession(project: project.root, output: project.root.appendingPathComponent("site"), generator: "Zicht (test)").build()
        }
        #expect(error.diagnostics.map(\.file) == ["data/financien.csv"])
        #expect(error.diagnostics.first?.line == 9 && error.diagnostics.first?.field == "programma")
        #expect(error.diagnostics.first?.message.contains("programma '3'") == true)
    }

    @Test func aBadAmountStopsTheBuildWithItsPlace() throws {
        let project = try TemporaryProject(files: Self.files(explained: true, money: Self.money + "2;8.3;baten;realisatie;2019;12.500\n"))
        defer { project.remove() }
        do {
            try SiteSession(project: project.root, output: project.root.appendingPathComponent("site"), generator: "Zicht (test)").build()
            Issue.record("expected an error")
        } catch let error as any DiagnosticConvertible {
            #expect(error.diagnostics.map(\.description).first?.hasPrefix("data/financien.csv:9: error: field 'bedrag'") == true)
            #expect(error.diagnostics.first?.field == "bedrag")
        }
    }

    /// Each amount may have 13 digits; a hostile file of many of them would overflow the totals.
    /// Their sizes are bounded instead, and the line where the bound is passed is named.
    @Test func amountsThatWouldOverflowTheTotalsAreRefused() throws {
        // 101 rows of 9,999,999,999,999.99 euros: more than 10^17 cents together.
        let rows = (1900..<2001).map { "1;1.1;lasten;realisatie;\($0);9999999999999,99\n" }.joined()
        let project = try TemporaryProject(files: Self.files(explained: true, money: Self.money + rows))
        defer { project.remove() }
        let error = try #require(throws: DiagnosticsError.self) {
            try SiteSession(project: project.root, output: project.root.appendingPathComponent("site"), generator: "Zicht (test)").build()
        }
        let problem = try #require(error.diagnostics.first)
        #expect(problem.file == "data/financien.csv" && problem.field == "bedrag")
        // 100 large rows are 10^17 − 100 cents; with the small amounts above them, the 100th passes.
        #expect(problem.line == 8 + 100)
        #expect(problem.message.hasPrefix("the sizes of the amounts up to this line add up to more than EUR 10^15"))
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site").path))
    }

    @Test func moneySettingsAreChecked() throws {
        var files = TemporaryProject.minimalFiles
        files["zicht.yaml"]! += "\nmoney:\n  iv3:\n    - {file: data/iv3.csv, column: rekening, year: 2023}\n  variances: {amount: -5, when: sometimes}\n"
        let project = try TemporaryProject(files: files)
        defer { project.remove() }
        let error = try #require(throws: DiagnosticsError.self) { try LoadedProject.load(project.root) }
        let messages = error.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("expected 'column' to be begroting-primitief") })
        #expect(messages.contains { $0.contains("'money.iv3' needs 'gemeente:'") } == false)
        #expect(messages.contains { $0.contains("'amount' to be whole euros") })
        #expect(messages.contains { $0.contains("'when' to be 'both' or 'either'") })
        #expect(error.diagnostics.allSatisfy { $0.file == "zicht.yaml" && $0.line != nil })
    }
}

/// The example amounts for the demo (voorbeeldbedragen) are a valid money file with the variances
/// its README promises.
struct ExampleMoneyFileTests {
    @Test func theExampleAmountsReadAndNeedTheExplanationsTheReadmeNames() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ZichtApp/Example/data/voorbeeldbedragen-financien-2017-2022.csv")
        let data = try MoneyFileReader.read(Data(contentsOf: file), file: "data/voorbeeldbedragen-financien-2017-2022.csv")
        #expect(Set(data.entries.map(\.programma)) == ["6", "7", "8"])
        let pages = ["6", "7", "8"].map { Node(id: $0, kind: .programma, title: "Programma \($0)", sourceFile: "content/\($0).md") }
        let statements = try #require(try ProjectFinance.statements(kind: .jaarverslag, year: 2019, pages: pages, data: data, rule: nil))
        let rule = VarianceRule(amountCents: 250_000_00)
        let open = statements.unexplained(rule: rule, explained: [:]).map { "\($0.programma) \($0.side.rawValue)" }
        #expect(open == ["6 lasten", "6 baten", "7 lasten", "8 lasten"])
        #expect(try ProjectFinance.statements(kind: .begroting, year: 2019, pages: pages, data: data, rule: nil)?.overview.missingColumns == [])
    }
}
