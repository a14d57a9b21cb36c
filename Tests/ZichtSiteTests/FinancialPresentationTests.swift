import Foundation
import Testing
import ZichtAnalysis
import ZichtCore
import ZichtSite

/// The presentation of financial tables: Dutch money format, accessible HTML, CSV that a spreadsheet
/// cannot run.
struct FinancialPresentationTests {
    @Test(arguments: [
        (0, "€\u{00A0}0"), (123_456_700, "€\u{00A0}1.234.567"), (-123_456_700, "€\u{00A0}−1.234.567"), (49, "€\u{00A0}0"),
        (50, "€\u{00A0}1"), (-50, "€\u{00A0}−1"), (99_999_950, "€\u{00A0}1.000.000"), (100_000, "€\u{00A0}1.000"),
    ])
    func dutchMoney(cents: Int, text: String) {
        #expect(MoneyText.euros(cents) == text)
    }

    @Test func machineAmountsHaveADecimalPoint() {
        #expect(MoneyText.machine(123_456_789) == "1234567.89")
        #expect(MoneyText.machine(-5) == "-0.05")
        #expect(MoneyText.machine(0) == "0.00")
    }

    static func table() -> FinancialTable {
        let columns = [BudgetColumn(.begrotingPrimitief, 2019), BudgetColumn(.begrotingNaWijziging, 2019), BudgetColumn(.realisatie, 2019)]
        return FinancialTable(
            id: "overzicht", kind: .overview, columns: columns, varianceBase: columns[1],
            rows: [
                FinancialRow(group: "7", line: .lasten, amounts: [100_000_00, 120_000_00, 150_000_00], variance: -30_000_00),
                FinancialRow(group: "7", line: .baten, amounts: [10_000_00, 10_000_00, 16_000_00], variance: 6_000_00),
                FinancialRow(group: "7", line: .saldo, amounts: [-90_000_00, -110_000_00, -134_000_00], variance: -24_000_00),
                FinancialRow(group: nil, line: .lasten, amounts: [100_000_00, 120_000_00, 150_000_00], variance: -30_000_00),
                FinancialRow(group: nil, line: .baten, amounts: [10_000_00, 10_000_00, 16_000_00], variance: 6_000_00),
                FinancialRow(group: nil, line: .saldo, amounts: [-90_000_00, -110_000_00, -134_000_00], variance: -24_000_00),
            ])
    }

    @Test func theTableHasACaptionAndScopedHeaders() {
        let html = FinancialTableHTML(
            table: Self.table(), caption: "Overzicht van baten en lasten, Jaarverslag 2019", documentKind: .jaarverslag,
            groupTitles: ["7": "Programma 7 Fysiek <domein>"], source: "Bron: CBS, Iv3-gegevens.", downloads: ("../financien/overzicht.csv", "../financien/overzicht.json")
        ).html()
        #expect(html.contains("<caption>Overzicht van baten en lasten, Jaarverslag 2019</caption>"))
        for heading in ["Programma", "Regel", "Begroting 2019 primitief", "Begroting 2019 na wijziging", "Realisatie 2019", "Verschil", "V/N"] {
            #expect(html.contains(">\(heading)</th>") && html.contains("scope=\"col\""), "\(heading)")
        }
        #expect(html.components(separatedBy: "<th scope=\"col\"").count - 1 == 7)
        #expect(html.contains("<th scope=\"rowgroup\" rowspan=\"3\">Programma 7 Fysiek &lt;domein&gt;</th>"))
        #expect(html.contains("<th scope=\"rowgroup\" rowspan=\"3\">Totaal</th>"))
        #expect(html.components(separatedBy: "<th scope=\"row\">").count - 1 == 6)
        #expect(html.contains("<tfoot>"))
                #expect(html.contains("<td class=\"align-right\">€\u{00A0}150.000</td>"))
        #expect(html.contains("<td class=\"align-right\">€\u{00A0}−134.000</td>"))
        #expect(html.contains("<td class=\"align-right\">€\u{00A0}30.000</td><td><abbr title=\"nadelig\">N</abbr></td>"))
        #expect(html.contains("<td class=\"align-right\">€\u{00A0}6.000</td><td><abbr title=\"voordelig\">V</abbr></td>"))
        #expect(html.contains("het saldo is baten min lasten"))
        #expect(html.contains("V is voordelig"))
        #expect(html.contains("Bron: CBS"))
        #expect(html.contains("href=\"../financien/overzicht.csv\""))
        #expect(html.contains("role=\"region\"") && html.contains("tabindex=\"0\""))
    }

    @Test func aTableWithoutGroupsHasOneRowHeaderPerLine() {
        var table = Self.table()
        table.kind = .programmaRealisation
        table.rows = Array(table.rows.suffix(3))
        table.missingColumns = [BudgetColumn(.begrotingPrimitief, 2019)]
        let html = FinancialTableHTML(table: table, caption: "Wat heeft het gekost?", documentKind: .jaarverslag, source: "Bron: x.").html()
        #expect(!html.contains("rowgroup"))
        #expect(!html.contains("<tfoot>"))
        #expect(html.contains("<th scope=\"row\">Saldo</th>"))
        #expect(html.contains("Voor begroting 2019 primitief zijn geen bedragen aangeleverd"))
    }

    @Test func begrotingColumnsAreNamedAsInABegroting() {
        #expect(MoneyText.columnTitle(BudgetColumn(.realisatie, 2017), in: .begroting) == "Rekening 2017")
        #expect(MoneyText.columnTitle(BudgetColumn(.begrotingPrimitief, 2019), in: .begroting) == "Begroting 2019")
        #expect(MoneyText.columnTitle(BudgetColumn(.begrotingNaWijziging, 2018), in: .begroting) == "Begroting 2018 na wijziging")
        #expect(MoneyText.columnTitle(BudgetColumn(.raming, 2020), in: .begroting) == "Raming 2020")
        #expect(MoneyText.programmaHeading(.begroting) == "Wat mag het kosten?")
        #expect(MoneyText.programmaHeading(.jaarverslag) == "Wat heeft het gekost?")
    }

    @Test func theCSVNeutralisesFormulasAndSignsVariances() {
        let csv = FinancialCSV.csv(Self.table(), groupTitles: ["7": "=HYPERLINK(\"https://x.example\",\"klik\")"])
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines[0] == "group,name,line,begroting-primitief 2019,begroting-na-wijziging 2019,realisatie 2019,variance,favourable")
        #expect(lines[1] == "7,\"'=HYPERLINK(\"\"https://x.example\"\",\"\"klik\"\")\",lasten,100000.00,120000.00,150000.00,-30000.00,N")
        #expect(lines[3].hasSuffix(",saldo,-90000.00,-110000.00,-134000.00,-24000.00,N"))
        #expect(lines[5] == ",Totaal,baten,10000.00,10000.00,16000.00,6000.00,V")
        #expect(lines.count == 7)
    }
}
