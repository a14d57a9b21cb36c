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
                let from = simulate.int("from") ?? 2014
                let to = simulate.int("to") ?? 2019
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
            let decimals = entry.int("decimals") ?? 1
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
}
