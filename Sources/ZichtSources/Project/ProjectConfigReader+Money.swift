import Foundation
import Yams
import ZichtCore

extension ProjectConfigReader {
    /// `money:` — the financial figures (a money file, or CBS Iv3 files and the gemeente's name) and
    /// the variance rule. See docs/financial-data.md.
    static func readMoney(_ fields: inout YAMLFields) -> MoneySettings? {
        guard fields.node("money") != nil, var section = fields.mapping("money", what: "file, iv3, gemeente, variances") else { return nil }
        var settings = MoneySettings(line: section.line)
        settings.file = section.string("file")
        settings.fileSource = section.string("source")
        if settings.fileSource != nil, settings.file == nil {
            section.report(section.node("source"), "'money.source' describes the money file; there is no 'file:'")
        }
        settings.gemeente = section.string("gemeente")
        for item in section.sequence("iv3") {
            var nested: [Diagnostic] = []
            guard var entry = YAMLFields(item, file: section.file, firstLine: 1, what: "an Iv3 file (file, column, year)", into: &nested) else {
                section.report(item, "expected each entry of 'iv3' as 'file:', 'column:' and 'year:'")
                continue
            }
            let file = entry.string("file", required: true, context: " in an 'iv3' entry")
            let columnText = entry.string("column", required: true, context: " in an 'iv3' entry")
            let year = entry.int("year", in: YAMLFields.years, required: true)
            let column = columnText.flatMap(BudgetVersion.init(rawValue:))
            if let columnText, column == nil || column == .raming {
                entry.report(entry.node("column"), "expected 'column' to be begroting-primitief (a begroting file) or realisatie (a jaarrekening file), found '\(columnText)'")
            }
            entry.reportUnknownKeys(known: ["file", "column", "year"])
            section.absorb(entry)
            if let file, let column, column != .raming, let year {
                settings.iv3.append(.init(file: file, column: BudgetColumn(column, year), line: entry.line))
            }
        }
        if settings.file == nil && settings.iv3.isEmpty {
            section.report(nil, "'money' needs 'file:' (Zicht's money format) or 'iv3:' (CBS Iv3 files)",
                hint: "see docs/financial-data.md, e.g. 'money: {file: data/financien.csv}'")
        }
        if !settings.iv3.isEmpty && settings.gemeente == nil {
            section.report(section.node("iv3"), "'money.iv3' needs 'gemeente:', the gemeente's name as the Iv3 files write it (e.g. 'Zwolle')")
        }
        if var rule = section.mapping("variances", what: "amount, percentage, when") {
            let amount = rule.int("amount")
            let percentageText = rule.string("percentage")
            let percentage = percentageText.flatMap(Double.init)
            if let percentageText, percentage == nil || !(percentage!.isFinite) || percentage! < 0 {
                rule.report(rule.node("percentage"), "expected 'percentage' to be a number of 0 or more, found '\(percentageText)'")
            }
            if let amount, amount < 0 {
                rule.report(rule.node("amount"), "expected 'amount' to be whole euros, 0 or more, found \(amount)")
            }
            let when = rule.string("when") ?? "both"
            if !["both", "either"].contains(when) {
                rule.report(rule.node("when"), "expected 'when' to be 'both' or 'either', found '\(when)'")
            }
            if amount == nil && percentageText == nil {
                rule.report(nil, "'money.variances' needs 'amount:' (euros) and/or 'percentage:'")
            }
            rule.reportUnknownKeys(known: ["amount", "percentage", "when"])
            section.absorb(rule)
            if amount != nil || percentage != nil {
                let cents = amount.flatMap { $0.multipliedReportingOverflow(by: 100).overflow ? nil : $0 * 100 }
                settings.variances = VarianceRule(amountCents: cents, percentage: percentage, requiresBoth: when == "both")
            }
        }
        section.reportUnknownKeys(known: ["file", "source", "iv3", "gemeente", "variances"])
        fields.absorb(section)
        return settings
    }
}
