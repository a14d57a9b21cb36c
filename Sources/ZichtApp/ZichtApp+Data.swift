import Foundation
import ZichtAnalysis
import ZichtCore
import ZichtGeo
import ZichtSite
import ZichtSources
import ZichtStore

extension ZichtApp {
    /// The snapshot of a project: `.zicht/snapshot.sqlite` in the project folder.
    public static func snapshotURL(of project: URL) -> URL {
        project.appendingPathComponent(Snapshot.defaultRelativePath)
    }

    /// SHA-256 of a file, read in 1 MB chunks.
    static func sha256(of url: URL) throws -> String {
        let handle = FileHandle(fileDescriptor: try InputFile.open(url.path), closeOnDealloc: true)
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hash.update(chunk)
        }
        return hash.finalizeHex()
    }

    /// Imports one StatLine CSV file into `snapshot`, in one transaction; the same bytes twice change nothing.
    /// - Throws: ``DiagnosticsError`` naming the file, line and column of the first problem.
    @discardableResult
    public static func importFile(
        _ url: URL, shownAs: String, table: String? = nil, title: String? = nil, retrieved: Date? = nil,
        publisher: String = "CBS", measures: [String]? = nil, provisionalYears: Set<Int> = [], into snapshot: Snapshot
    ) throws -> Snapshot.ImportOutcome {
        do {
            try InputFile.check(url.path)
        } catch {
            throw DiagnosticsError([Diagnostic(file: shownAs, message: error.reason)])
        }
        guard let tableID = table ?? StatLineTableReader.tableID(fromFileName: url.lastPathComponent) else {
            throw DiagnosticsError([Diagnostic(
                file: shownAs, message: "cannot tell which StatLine table this file holds",
                hint: "name the table with --table (e.g. --table 83648NED) or 'table:' in zicht.yaml")])
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
        let provenance = Provenance(
            tableID: tableID, tableTitle: title, origin: shownAs, sha256: "", retrievedAt: retrieved ?? modified,
            publisher: publisher, provisionalYears: provisionalYears)
        // The file is hashed on a second thread while this one parses and stores it; the snapshot
        // checks the hash during and after the import (the same bytes twice change nothing).
        let hash = ContentHash { isCancelled in
            let handle = FileHandle(fileDescriptor: try InputFile.open(url.path), closeOnDealloc: true)
            var hash = SHA256()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                if isCancelled() { throw CancellationError() }
                hash.update(chunk)
            }
            return hash.finalizeHex()
        }
        defer {
            hash.cancel()
            _ = try? hash.wait()
        }
        do {
            return try snapshot.importTable(provenance, hash: hash) { sink in
                // Series keys by (row's dimension combination, measure): looked up once each.
                var seriesKeys: [Snapshot.ImportSink.SeriesKey?] = []
                var region: (code: String, key: Snapshot.ImportSink.RegionKey)?
                _ = try StatLineTableReader.read(
                    url: url, displayName: shownAs, measures: measures,
                    rows: { row in
                        let regionKey: Snapshot.ImportSink.RegionKey
                        if let region, region.code == row.region {
                            regionKey = region.key
                        } else {
                            regionKey = try sink.regionKey(row.region)
                            region = (row.region, regionKey)
                        }
                        let measureCount = row.measures.count
                        let base = row.dimensionsIndex * measureCount
                        if base + measureCount > seriesKeys.count {
                            seriesKeys.append(contentsOf: repeatElement(nil, count: base + measureCount - seriesKeys.count))
                        }
                        for index in 0..<measureCount {
                            let series: Snapshot.ImportSink.SeriesKey
                            if let known = seriesKeys[base + index] {
                                series = known
                            } else {
                                series = try sink.seriesKey(measure: row.measures[index], dimensions: row.dimensions)
                                seriesKeys[base + index] = series
                            }
                            try sink.emit(series, regionKey, period: row.period, value: row.values[index])
                        }
                    },
                    region: { sink.region($0, name: $1, parent: $2) })
            }
        } catch let error as StatLineCSVError {
            throw DiagnosticsError([error.diagnostic])
        }
    }

    /// Opens the project's snapshot and imports every file listed under `data:` in zicht.yaml that is
    /// not in it yet.
    public static func prepareSnapshot(_ project: SiteProject) throws -> Snapshot {
        let url = snapshotURL(of: project.root)
        let snapshot = try Snapshot(url: url, onWait: { tellWaiting("another zicht process is using the snapshot \(url.path); waiting for it") })
        var diagnostics: [Diagnostic] = []
        for source in project.config.dataSources {
            do {
                if let settings = source.areaTable {
                    try importAreaTable(source, settings, project: project, into: snapshot)
                    continue
                }
                try importFile(
                    project.root.appendingPathComponent(source.file), shownAs: source.file, table: source.table, title: source.title,
                    retrieved: source.retrieved, publisher: source.publisher, measures: source.measures,
                    provisionalYears: source.provisionalYears, into: snapshot)
            } catch let error as DiagnosticsError {
                diagnostics.append(contentsOf: error.diagnostics.map { diagnostic in
                    var located = diagnostic
                    if located.hint == nil { located.hint = "listed in zicht.yaml line \(source.line)" }
                    return located
                })
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        try importIncidentSources(project, into: snapshot)
        return snapshot
    }

    /// Imports a municipality's own area table (one row per area) in one transaction.
    static func importAreaTable(
        _ source: ProjectConfig.DataSource, _ settings: ProjectConfig.AreaTableSettings, project: SiteProject, into snapshot: Snapshot
    ) throws {
        let url = project.root.appendingPathComponent(source.file)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw DiagnosticsError([Diagnostic(file: source.file, message: "file not found or not readable")])
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
        let tableID = source.table ?? url.deletingPathExtension().lastPathComponent
        let provenance = Provenance(
            tableID: tableID, tableTitle: source.title, origin: source.file, sha256: try sha256(of: url),
            retrievedAt: source.retrieved ?? modified, publisher: source.publisher)
        // Area codes must name areas of the boundaries (when the project has any): a code that matches
        // no buurt is a typo or a table of another year, and would silently vanish from every map.
        let known = project.config.boundaries.isEmpty ? nil : Set(try loadBoundaries(project).map(\.code))
        do {
            _ = try snapshot.importTable(provenance) { sink in
                var unknown: [String] = []
                try AreaTableReader.read(
                    url: url, displayName: source.file,
                    options: .init(
                        tableID: tableID, areaColumn: settings.areaColumn, codeTemplate: settings.codeTemplate,
                        period: Period(year: settings.year), measures: source.measures, skipAreas: settings.skip)
                ) { observation in
                    if let known, !known.contains(observation.region) {
                        if !unknown.contains(observation.region) { unknown.append(observation.region) }
                        return
                    }
                    try sink.emit(observation)
                }
                if !unknown.isEmpty {
                    // Thrown inside the import: the transaction rolls back, nothing is half-imported.
                    throw DiagnosticsError([Diagnostic(
                        file: source.file,
                        message: "\(unknown.count) area code\(unknown.count == 1 ? "" : "s") in column '\(settings.areaColumn)' \(unknown.count == 1 ? "is" : "are") not in the boundaries: \(unknown.prefix(10).joined(separator: ", "))\(unknown.count > 10 ? ", …" : "")",
                        hint: "check 'codeTemplate' and the boundary year in zicht.yaml line \(source.line), or add the codes to 'skip'")])
                }
            }
        } catch let error as StatLineCSVError {
            throw DiagnosticsError([error.diagnostic])
        }
    }

    /// Reads the project's area boundaries (buurten), converted to RD New.
    public static func loadBoundaries(_ project: SiteProject) throws -> [(code: String, name: String, geometry: MultiPolygon)] {
        var result: [(code: String, name: String, geometry: MultiPolygon)] = []
        for source in project.config.boundaries {
            do {
                let read = try GeoJSONReader().read(contentsOf: project.root.appendingPathComponent(source.file), displayName: source.file)
                result += read.areas.map { ($0.code, $0.name ?? $0.code, $0.geometry) }
            } catch let error as GeoJSONError {
                throw DiagnosticsError([Diagnostic(file: source.file, message: error.description, hint: "listed in zicht.yaml line \(source.line)")])
            } catch {
                let exists = FileManager.default.fileExists(atPath: project.root.appendingPathComponent(source.file).path)
                throw DiagnosticsError([Diagnostic(
                    file: source.file, message: exists ? "cannot read the boundaries (\(error))" : "file not found",
                    hint: "listed in zicht.yaml line \(source.line)")])
            }
        }
        return result
    }

    /// The maps of every page, built from the snapshot and the boundaries.
    static func areaMaps(for project: SiteProject, snapshot: Snapshot) throws -> [String: [AreaMapData]] {
        let nodes = project.document.nodesInOrder.filter { !$0.maps.isEmpty }
        guard !nodes.isEmpty else { return [:] }
        let builder = AreaMapBuilder(boundaries: try loadBoundaries(project))
        let inhabitants = try project.config.neighbourhoods?.population.map { try NeighbourhoodProfiles.inhabitants($0, snapshot: snapshot).0 } ?? [:]
        var maps: [String: [AreaMapData]] = [:]
        var diagnostics: [Diagnostic] = []
        for node in nodes {
            for definition in node.maps {
                do {
                    maps[node.id, default: []].append(
                        try builder.build(
                            definition, snapshot: snapshot, disclosureThreshold: project.config.disclosureThreshold, inhabitants: inhabitants))
                } catch let problem as AreaMapBuilder.Problem {
                    diagnostics.append(Diagnostic(file: node.sourceFile, line: node.line(of: "kaarten"), message: "map '\(definition.title)': \(problem)"))
                }
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return maps
    }

    /// Every indicator definition a project can use: the built-in BBV set, and the project's own
    /// `indicators/*.yaml` (which may replace a built-in definition by using its id).
    public static func indicatorDefinitions(for project: SiteProject) -> [String: IndicatorDefinition] {
        var definitions = Dictionary(uniqueKeysWithValues: BBVWording.definitions.map { ($0.id, $0) })
        for definition in project.indicatorDefinitions { definitions[definition.id] = definition }
        return definitions
    }

    /// Computes every indicator used on a goal page; unknown ids are reported with their page.
    public static func indicatorData(for project: SiteProject, snapshot: Snapshot) throws -> IndicatorData {
        let definitions = indicatorDefinitions(for: project)
        var diagnostics: [Diagnostic] = []
        var used: [String] = []
        for node in project.document.nodesInOrder {
            for id in node.indicatorIDs {
                if definitions[id] == nil {
                    diagnostics.append(Diagnostic(
                        file: node.sourceFile, line: node.line(of: "indicatoren"), message: "unknown indicator '\(id)'",
                        hint: "known indicators: \(definitions.keys.sorted().joined(separator: ", "))"))
                } else if !used.contains(id) {
                    used.append(id)
                }
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        let maps = try areaMaps(for: project, snapshot: snapshot)
        guard let gemeente = project.config.organisation.code else {
            if used.isEmpty { return IndicatorData(definitions: definitions, maps: maps) }
            throw DiagnosticsError([Diagnostic(
                file: "zicht.yaml", message: "pages use indicators, but 'organisation.code' is not set",
                hint: "add the CBS gemeente code, e.g. 'code: GM0193'")])
        }
        let calculator = IndicatorCalculator(snapshot: snapshot)
        var tables: [String: IndicatorTable] = [:]
        for id in used {
            let table = try calculator.table(for: definitions[id]!, gemeente: gemeente, province: project.config.organisation.province)
            if !table.periods.isEmpty { tables[id] = table }
        }
        return IndicatorData(tables: tables, definitions: definitions, maps: maps)
    }
}

extension ZichtApp {
    /// What `zicht import` did with one file.
    public struct ImportResult: Sendable {
        public var file: String
        public var outcome: Snapshot.ImportOutcome
    }

    /// Imports files given on the command line into the project's snapshot, each in its own
    /// transaction; stops at the first bad file, keeping the ones before it.
    public static func importFiles(project: URL, files: [URL], table: String?, retrieved: Date?, publisher: String) throws -> [ImportResult] {
        let loaded = try SiteProjectLoader.load(project)
        let snapshot = try prepareSnapshot(loaded)
        return try files.map { url in
            let outcome = try importFile(url, shownAs: url.path, table: table, retrieved: retrieved, publisher: publisher, into: snapshot)
            return ImportResult(file: url.path, outcome: outcome)
        }
    }

    /// Every indicator used in the project, computed from its snapshot, in page order.
    public static func indicatorTables(project: URL) throws -> [IndicatorTable] {
        let loaded = try SiteProjectLoader.load(project)
        let snapshot = try prepareSnapshot(loaded)
        let data = try indicatorData(for: loaded, snapshot: snapshot)
        var order: [String] = []
        for node in loaded.document.nodesInOrder {
            for id in node.indicatorIDs where !order.contains(id) { order.append(id) }
        }
        return order.compactMap { data.tables[$0] }
    }
}

extension ZichtApp {
    /// What `zicht fetch` did with one table.
    public struct FetchResult: Sendable {
        public var table: String
        public var url: String
        public var outcome: Snapshot.ImportOutcome
    }

    /// Downloads every table under `fetch:` in zicht.yaml and imports it, each in one transaction.
    /// Fetching the same data again changes nothing (the rows are fingerprinted).
    public static func fetch(project: URL, timeout: Duration = .seconds(60)) async throws -> [FetchResult] {
        let loaded = try SiteProjectLoader.load(project)
        let snapshot = try prepareSnapshot(loaded)
        if loaded.config.fetchSources.isEmpty {
            throw AppError("zicht.yaml lists no tables under 'fetch:'; see docs/indicators.md")
        }
        var results: [FetchResult] = []
        for source in loaded.config.fetchSources {
            let catalog: ODataCatalog =
                switch source.catalog {
                case "cbs": .cbs
                case "politie": .politie
                default: .custom(URL(string: source.catalog)!)
                }
            let client = ODataClient(catalog: catalog, configuration: .init(timeout: timeout))
            let filter = source.filter.map(ODataFilter.init(raw:))
            let firstURL = (try? client.url(table: source.table, entitySet: "TypedDataSet", filter: filter, select: source.select, service: .feed))?
                .absoluteString ?? source.table
            let rows: [ODataRow]
            do {
                rows = try await client.rows(table: source.table, filter: filter, select: source.select).allRows()
            } catch let error as ODataError {
                throw AppError("zicht.yaml line \(source.line), table \(source.table): \(error)")
            }
            var tableDate: String?
            if let info = try? await client.tableInfo(table: source.table) { tableDate = info.modified }
            var hash = SHA256()
            hash.update(Array(source.table.utf8))
            for row in rows { hash.update(Array(row.description.utf8)) }
            let provenance = Provenance(
                tableID: source.table, tableTitle: source.title, tableDate: tableDate, origin: firstURL, sha256: hash.finalizeHex(),
                retrievedAt: Date(), publisher: source.publisher)
            let observations: [Observation]
            do {
                observations = try ODataTableMapper.observations(rows, tableID: source.table, source: firstURL)
            } catch let error as ODataTableMapper.MappingError {
                throw AppError(error.description)
            }
            let outcome = try snapshot.importTable(provenance) { sink in
                for observation in observations { try sink.emit(observation) }
            }
            results.append(FetchResult(table: source.table, url: firstURL, outcome: outcome))
        }
        return results
    }
}

extension ZichtApp {
    /// What importing an incident file did.
    public struct IncidentImport: Sendable {
        public var incidents: Int
        public var assigned: Int
        /// Lines of incidents outside every area.
        public var outsideLines: [Int]
        public var outcome: Snapshot.ImportOutcome
    }

    /// Reads an incident file, checks every row, assigns the incidents to the project's areas and stores
    /// the counts per area × year × type in the snapshot (table `incidents`), in one transaction. The
    /// incidents themselves are stored too, for evaluations and near-repeat analyses; they never reach
    /// the site.
    public static func importIncidents(project: URL, file: URL, knownTypes: Set<String>? = nil) throws -> IncidentImport {
        let loaded = try SiteProjectLoader.load(project)
        let snapshot = try prepareSnapshot(loaded)
        let areas = try loadBoundaries(loaded)
        guard !areas.isEmpty else {
            throw AppError("the project has no area boundaries; add 'boundaries:' to zicht.yaml before importing incidents")
        }
        let incidents = try IncidentReader.read(url: file, displayName: file.path, knownTypes: knownTypes)
        let provenance = Provenance(
            tableID: "incidents", tableTitle: "Incidenten", origin: file.path, sha256: try sha256(of: file), retrievedAt: Date(),
            publisher: loaded.config.organisation.name)
        return try store(incidents, provenance: provenance, areas: areas, into: snapshot)
    }

    /// Assigns incidents to areas and stores them with their counts per area × year × type, in one
    /// transaction.
    static func store(
        _ incidents: [Incident], provenance: Provenance, areas: [(code: String, name: String, geometry: MultiPolygon)], into snapshot: Snapshot
    ) throws -> IncidentImport {
        let result = IncidentCounter(areas: areas.map { ($0.code, $0.geometry) }).count(incidents, tableID: provenance.tableID)
        let outcome = try snapshot.importTable(provenance) { sink in
            for observation in result.observations { try sink.emit(observation) }
            for (incident, area) in zip(incidents, result.assignments) { try sink.store(incident, area: area) }
        }
        return IncidentImport(
            incidents: incidents.count, assigned: result.assigned, outsideLines: result.outside.map(\.line), outcome: outcome)
    }
}
