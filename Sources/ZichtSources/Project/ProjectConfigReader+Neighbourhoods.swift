import Foundation
import Yams
import ZichtCore

extension ProjectConfigReader {
    /// `incidents:` — a list of `file:` entries (CSV in the import format) or `simulate:` entries.
    static func readIncidentSources(_ fields: inout YAMLFields) -> [ProjectConfig.IncidentSource] {
        var sources: [ProjectConfig.IncidentSource] = []
        for item in fields.sequence("incidents") {
            var nested: [Diagnostic] = []
            guard var entry = YAMLFields(item, file: fields.file, firstLine: 1, what: "an incident source", into: &nested) else {
                fields.report(item, "expected each entry of 'incidents' as 'file:' or 'simulate:'")
                continue
            }
            let title = entry.string("title")
            let file = entry.string("file")
            let simulated = entry.string("simulated")
            if let simulated, !["true", "false"].contains(simulated) {
                entry.report(entry.node("simulated"), "expected 'simulated' to be true or false, found '\(simulated)'")
            }
            if var simulate = entry.mapping("simulate", what: "seed, from, to") {
                let seedText = simulate.string("seed") ?? "2019"
                let from = simulate.int("from", in: YAMLFields.years) ?? 2014
                let to = simulate.int("to", in: YAMLFields.years) ?? 2019
                let seed = UInt64(seedText)
                if seed == nil { simulate.report(simulate.node("seed"), "expected 'seed' to be a whole number of 0 or more, found '\(seedText)'") }
                if from > to { simulate.report(simulate.node("from"), "expected 'from' (\(from)) not after 'to' (\(to))") }
                simulate.reportUnknownKeys(known: ["seed", "from", "to"])
                entry.absorb(simulate)
                if file != nil { entry.report(entry.node("file"), "an incident source has either 'file:' or 'simulate:', not both") }
                if let seed, from <= to {
                    sources.append(.init(origin: .simulation(seed: seed, years: from...to), title: title, line: entry.line))
                }
            } else if let file {
                sources.append(.init(origin: .file(file), title: title, isSimulated: simulated == "true", line: entry.line))
            } else {
                entry.report(nil, "missing 'file:' or 'simulate:' in an 'incidents' entry",
                    hint: "give 'file: data/incidenten.csv' or 'simulate: {seed: 2019, from: 2014, to: 2019}'")
            }
            entry.reportUnknownKeys(known: ["file", "simulate", "title", "simulated"])
            fields.absorb(entry)
        }
        return sources
    }

    /// `neighbourhoods:` — the wijk pages: figures per buurt, the population for weights, wijk names.
    static func readNeighbourhoods(_ fields: inout YAMLFields) -> ProjectConfig.NeighbourhoodSettings? {
        guard fields.node("neighbourhoods") != nil, var section = fields.mapping("neighbourhoods", what: "figures, population, wijkNames") else {
            return nil
        }
        var settings = ProjectConfig.NeighbourhoodSettings(line: section.line)
        for item in section.sequence("figures") {
            var nested: [Diagnostic] = []
            guard var entry = YAMLFields(item, file: section.file, firstLine: 1, what: "a figure", into: &nested) else {
                section.report(item, "expected each entry of 'figures' as 'table:', 'measure:', 'title:' and 'unit:'")
                continue
            }
            let table = entry.string("table", required: true, context: " in a figure")
            let measure = entry.string("measure", required: true, context: " in a figure")
            let title = entry.string("title", required: true, context: " in a figure")
            let unit = entry.string("unit", required: true, context: " in a figure")
            let decimals = entry.int("decimals", in: IndicatorDefinition.decimalsRange) ?? 1
            let source = entry.string("source")
            entry.reportUnknownKeys(known: ["table", "measure", "title", "unit", "decimals", "source"])
            section.absorb(entry)
            if let table, let measure, let title, let unit {
                settings.figures.append(.init(table: table, measure: measure, title: title, unit: unit, decimals: decimals, source: source))
            }
        }
        if var population = section.mapping("population", what: "table and measures") {
            let table = population.string("table", required: true, context: " in 'population'")
            let measures = population.strings("measures")
            if measures.isEmpty { population.report(population.node("measures"), "expected 'measures' to list the columns whose sum is the number of inhabitants") }
            let simulated = population.string("simulated") == "true"
            population.reportUnknownKeys(known: ["table", "measures", "simulated"])
            section.absorb(population)
            if let table, !measures.isEmpty { settings.population = .init(table: table, measures: measures, isSimulated: simulated) }
        }
        if var names = section.mapping("wijkNames", what: "wijk codes with their names") {
            for key in names.pairs.map(\.key) { if let name = names.string(key) { settings.wijkNames[key] = name } }
            section.absorb(names)
        }
        section.reportUnknownKeys(known: ["figures", "population", "wijkNames"])
        fields.absorb(section)
        return settings
    }

    /// `patterns:` — near repeats, hot spots and a prevention list on a goal page.
    static func readPatterns(_ fields: inout YAMLFields) -> ProjectConfig.PatternSettings? {
        guard fields.node("patterns") != nil, var section = fields.mapping("patterns", what: "goal, types, year") else { return nil }
        defer { fields.absorb(section) }
        let goal = section.string("goal", required: true, context: " in 'patterns'")
        let types = section.strings("types")
        if types.isEmpty { section.report(section.node("types"), "expected 'types' to list the incident types, e.g. [\"1.1.1\"]") }
        let year = section.int("year", in: YAMLFields.years, required: true)
        // The last break bounds the risk zones drawn around recent incidents (a grid of 25 m steps),
        // so it is limited: 2 km and a year are far beyond any near-repeat effect.
        func breaks(_ key: String, maximum: Double, unit: String) -> [Double]? {
            guard section.node(key) != nil else { return nil }
            let texts = section.strings(key)
            let values = texts.compactMap(DecimalNumber.finite)
            guard values.count == texts.count, values.first == 0, zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }),
                values.last! <= maximum
            else {
                section.report(
                    section.node(key),
                    "expected '\(key)' as increasing numbers starting at 0 and at most \(Int(maximum)) \(unit), e.g. [0, 1, 100, 200]")
                return nil
            }
            return values
        }
        var settings = ProjectConfig.PatternSettings(goal: goal ?? "", types: types, year: year ?? 0, line: section.line)
        if let noun = section.string("noun") { settings.noun = noun }
        if let from = section.int("from", in: YAMLFields.years) {
            if let year, from > year { section.report(section.node("from"), "expected 'from' (\(from)) not after 'year' (\(year))") }
            settings.firstYear = from
        }
        if let value = breaks("spaceBreaks", maximum: 2_000, unit: "metres") { settings.spaceBreaks = value }
        if let value = breaks("timeBreaks", maximum: 365, unit: "days") { settings.timeBreaks = value }
        if let value = section.int("permutations") {
            if value < 19 || value > 1_000_000 {
                section.report(section.node("permutations"), "expected 19 to 1000000 permutations, found \(value)")
            }
            settings.permutations = value
        }
        if let value = section.int("seed") { settings.seed = UInt64(max(0, value)) }
        if let value = section.int("cell") {
            if value < 10 { section.report(section.node("cell"), "expected a cell of at least 10 metres, found \(value)") }
            settings.cellSize = Double(value)
        }
        if let value = section.int("recentDays") {
            if value < 1 || value > 3_650 {
                section.report(section.node("recentDays"), "expected 'recentDays' from 1 to 3650, found \(value)")
            }
            settings.recentDays = value
        }
        if let text = section.string("inhabitantsPerAddress") {
            if let value = DecimalNumber.finite(text), value > 0 { settings.inhabitantsPerAddress = value } else {
                section.report(section.node("inhabitantsPerAddress"), "expected a positive number, found '\(text)'")
            }
        }
        section.reportUnknownKeys(known: [
            "goal", "types", "noun", "year", "from", "spaceBreaks", "timeBreaks", "permutations", "seed", "cell", "recentDays", "inhabitantsPerAddress",
        ])
        guard goal != nil, !types.isEmpty, year != nil else { return nil }
        return settings
    }
}
