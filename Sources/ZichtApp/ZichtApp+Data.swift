import Foundation
import ZichtAnalysis
import ZichtCore
import ZichtEngine
import ZichtSources
import ZichtStore

extension ZichtApp {
    /// The snapshot of a project: `.zicht/snapshot.sqlite` in the project folder.
    public static func snapshotURL(of project: URL) -> URL { LoadedProject.snapshotURL(of: project) }

    /// Imports one StatLine CSV file into `snapshot` (see ``SnapshotImport/importFile(_:shownAs:table:title:retrieved:publisher:measures:provisionalYears:into:)``).
    @discardableResult
    public static func importFile(_ url: URL, shownAs: String, table: String? = nil, into snapshot: Snapshot) throws -> Snapshot.ImportOutcome {
        try SnapshotImport.importFile(url, shownAs: shownAs, table: table, into: snapshot)
    }

    /// Imports an incident file into the project's snapshot (see ``SnapshotImport/importIncidents(_:file:knownTypes:into:)``).
    public static func importIncidents(project: URL, file: URL, knownTypes: Set<String>? = nil) throws -> IncidentImport {
        let loaded = try LoadedProject.load(project)
        return try SnapshotImport.importIncidents(loaded, file: file, knownTypes: knownTypes, into: loaded.openSnapshot())
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
        let snapshot = try LoadedProject.load(project).openSnapshot()
        return try files.map { url in
            let outcome = try SnapshotImport.importFile(url, shownAs: url.path, table: table, retrieved: retrieved, publisher: publisher, into: snapshot)
            return ImportResult(file: url.path, outcome: outcome)
        }
    }

    /// Every indicator used in the project, computed from its snapshot, in page order.
    public static func indicatorTables(project: URL) throws -> [IndicatorTable] {
        let loaded = try LoadedProject.load(project)
        return try ProjectAnalyser.indicatorTables(loaded, snapshot: loaded.openSnapshot())
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
        let loaded = try LoadedProject.load(project)
        let snapshot = try loaded.openSnapshot()
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
    /// The points and days of a project's incidents of some types in some years, from its snapshot,
    /// for `zicht nearrepeat --project` and `zicht hotspots --project`.
    public static func incidentPoints(project: URL, types: [String], years: ClosedRange<Int>) throws -> (x: [Double], y: [Double], t: [Double], simulated: Bool) {
        let snapshot = try LoadedProject.load(project).openSnapshot()
        let chosen = try snapshot.incidents(tableIDs: ["incidents"], types: Set(types))
            .filter { $0.x != nil && years.contains(CivilDate(day: $0.day).year) }
        guard !chosen.isEmpty else {
            throw AppError("the snapshot of \(project.path) has no incidents of types \(types.joined(separator: ", ")) with coordinates in \(years.lowerBound)–\(years.upperBound)")
        }
        let simulated = try snapshot.sources().filter { $0.provenance.tableID == "incidents" }.allSatisfy(\.provenance.isSimulated)
        return (chosen.map { $0.x! }, chosen.map { $0.y! }, chosen.map { Double($0.day) + Double($0.minute ?? 0) / 1440 }, simulated)
    }
}
