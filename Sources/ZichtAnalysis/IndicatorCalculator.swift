import ZichtCore
import ZichtStore

/// An indicator's values for the project's gemeente and its comparison regions, by year.
public struct IndicatorTable: Sendable, Codable {
    public var definition: IndicatorDefinition
    /// Region codes in display order: the gemeente first, then the comparisons.
    public var regions: [String]
    public var regionNames: [String: String]
    public var periods: [Period]
    public var values: [String: [Period: IndicatorValue]]

    public init(
        definition: IndicatorDefinition, regions: [String], regionNames: [String: String], periods: [Period],
        values: [String: [Period: IndicatorValue]]
    ) {
        self.definition = definition
        self.regions = regions
        self.regionNames = regionNames
        self.periods = periods
        self.values = values
    }

    public func value(region: String, period: Period) -> IndicatorValue? {
        values[region]?[period]
    }

    /// Every distinct source behind the figures, for the "Bron" line.
    public var provenance: [Provenance] {
        var seen: Set<String> = []
        var result: [Provenance] = []
        for region in regions {
            for period in periods {
                for source in values[region]?[period]?.provenance ?? [] where seen.insert(source.sha256).inserted {
                    result.append(source)
                }
            }
        }
        return result.sorted { $0.tableID < $1.tableID }
    }
}

/// Computes indicator values from a snapshot.
///
/// For each region and year, in this order:
/// 1. the rate the source publishes for the region (CBS computes it from exact counts, while the
///    counts it publishes are rounded to multiples of 5, so this is the most accurate figure);
/// 2. numerator / denominator × scale from the region's own rows ("computed");
/// 3. the same from a complete set of the region's parts — all gemeenten of a province; all
///    gemeenten, else all provinces, for Nederland — labelled "aggregated".
/// A suppressed cell (".") is never replaced by 0 or by an aggregate; an empty cell (a gemeente that
/// no longer existed) adds nothing to an aggregate.
public struct IndicatorCalculator {
    public let snapshot: Snapshot

    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
    }

    /// One cell of a series after lookup or aggregation.
    enum Cell {
        case number(Double, provenance: [Provenance], parts: Int?)
        case unknown
        case absent(reason: IndicatorValue.MissingReason)
    }

    /// A series as (region, period) → first matching observation, over all alternatives.
    struct Series {
        var cells: [String: [Period: Snapshot.StoredObservation]] = [:]

        init(_ selector: SeriesSelector?, snapshot: Snapshot) throws {
            guard let selector else { return }
            for alternative in selector.alternatives {
                for stored in try snapshot.observations(tableIDs: selector.tables, measure: selector.measure, dimensions: alternative) {
                    let o = stored.observation
                    if cells[o.region]?[o.period] == nil { cells[o.region, default: [:]][o.period] = stored }
                }
            }
        }

        var isEmpty: Bool { cells.isEmpty }

        var years: Set<Period> {
            Set(cells.values.flatMap(\.keys).filter { $0.kind == .year })
        }

        /// The region's own value, or the sum of a complete set of its parts.
        func cell(_ region: String, _ period: Period, parents: [String: String], aggregate: Bool = true) -> Cell {
            if let own = cells[region]?[period] {
                switch own.observation.value {
                case .number(let value): return .number(value, provenance: [own.provenance], parts: nil)
                case .unknown: return .unknown
                case .empty: return .absent(reason: .noData)
                }
            }
            guard aggregate else { return .absent(reason: .noData) }
            var parts: [Snapshot.StoredObservation] = []
            if region == "NL01" {
                let gemeenten = cells.filter { $0.key.hasPrefix("GM") }.compactMap { $0.value[period] }
                parts = gemeenten.isEmpty ? cells.filter { $0.key.hasPrefix("PV") }.compactMap { $0.value[period] } : gemeenten
            } else if region.hasPrefix("PV") {
                let expected = parents.filter { $0.value == region }.map(\.key).sorted()
                guard !expected.isEmpty else { return .absent(reason: .noData) }
                let missing = expected.filter { cells[$0]?[period] == nil }
                if !missing.isEmpty {
                    let present = expected.count - missing.count
                    if present == 0 { return .absent(reason: .noData) }
                    return .absent(reason: .partsMissing(missing: missing.count, expected: expected.count))
                }
                parts = expected.compactMap { cells[$0]?[period] }
            }
            // An empty cell means the part did not exist (a gemeente merged away): it adds nothing.
            parts = parts.filter { $0.observation.value != .empty }
            guard !parts.isEmpty else { return .absent(reason: .noData) }
            var sum = 0.0
            for part in parts {
                guard case .number(let value) = part.observation.value else {
                    return .absent(reason: .partSuppressed)
                }
                sum += value
            }
            var seen: Set<String> = []
            let provenance = parts.map(\.provenance).filter { seen.insert($0.sha256).inserted }
            return .number(sum, provenance: provenance, parts: parts.count)
        }
    }

    /// The comparison regions of `definition` for a gemeente.
    public static func regions(for definition: IndicatorDefinition, gemeente: String, province: String?) -> [String] {
        var regions = [gemeente]
        for comparison in definition.comparisons {
            switch comparison {
            case .province: if let province { regions.append(province) }
            case .nederland: regions.append("NL01")
            case .code(let code): regions.append(code)
            }
        }
        var seen: Set<String> = []
        return regions.filter { seen.insert($0).inserted }
    }

    /// Computes the table of `definition` for `gemeente` (e.g. "GM0193").
    /// - Parameter province: the province code; when nil it is looked up in the snapshot's region tree.
    public func table(for definition: IndicatorDefinition, gemeente: String, province: String? = nil) throws -> IndicatorTable {
        let parents = try snapshot.regionParents()
        return try table(for: definition, regions: Self.regions(for: definition, gemeente: gemeente, province: province ?? parents[gemeente]))
    }

    /// Computes `definition` for the given regions, in that order.
    public func table(for definition: IndicatorDefinition, regions: [String]) throws -> IndicatorTable {
        let parents = try snapshot.regionParents()
        let names = try snapshot.regionNames()
        let numerator = try Series(definition.numerator, snapshot: snapshot)
        let denominator = try Series(definition.denominator, snapshot: snapshot)
        let published = try Series(definition.publishedRate, snapshot: snapshot)
        let periods = numerator.years.union(published.years).sorted()
        var values: [String: [Period: IndicatorValue]] = [:]
        for region in regions {
            for period in periods {
                values[region, default: [:]][period] = value(
                    definition, region, period, numerator: numerator, denominator: denominator, published: published, parents: parents)
            }
        }
        return IndicatorTable(definition: definition, regions: regions, regionNames: names, periods: periods, values: values)
    }

    func value(
        _ definition: IndicatorDefinition, _ region: String, _ period: Period, numerator: Series, denominator: Series,
        published: Series, parents: [String: String]
    ) -> IndicatorValue {
        func make(_ value: Double?, _ num: Double?, _ den: Double?, _ method: IndicatorValue.Method, _ sources: [Provenance]) -> IndicatorValue {
            let provisional = definition.provisionalYears.contains(period.year) || sources.contains { $0.provisionalYears.contains(period.year) }
            return IndicatorValue(
                indicatorID: definition.id, region: region, period: period, value: value, numerator: num, denominator: den,
                method: method, isProvisional: provisional, provenance: sources)
        }
        let count = numerator.cell(region, period, parents: parents)
        if case .unknown = count { return make(nil, nil, nil, .suppressed, []) }
        let own = published.cell(region, period, parents: parents, aggregate: false)
        if case .unknown = own { return make(nil, nil, nil, .suppressed, []) }
        var num: Double?
        var den: Double?
        var sources: [Provenance] = []
        var parts: Int?
        if case .number(let n, let numSources, let numParts) = count {
            num = n
            sources = numSources
            parts = numParts
            if definition.denominator != nil,
                case .number(let d, let denSources, let denParts) = denominator.cell(region, period, parents: parents), d > 0
            {
                den = d
                sources += denSources
                parts = [numParts, denParts].compactMap { $0 }.max()
            }
        }
        // The source's own rate comes first: CBS computes it from exact counts, while the counts it
        // publishes are rounded to 5. Our own division is used where the source gives no rate.
        if case .number(let rate, let rateSources, _) = own {
            return make(rate, num, den, .published, rateSources + sources.filter { s in !rateSources.contains(s) })
        }
        if let num {
            if definition.denominator == nil { return make(num, num, nil, parts.map { .aggregated(parts: $0) } ?? .computed, sources) }
            if let den { return make(num / den * definition.scale, num, den, parts.map { .aggregated(parts: $0) } ?? .computed, sources) }
        }
        switch count {
        case .absent(let reason):
            return make(nil, nil, nil, .missing(reason: reason), [])
        default:
            return make(nil, nil, nil, .missing(reason: .noPopulation), [])
        }
    }
}
