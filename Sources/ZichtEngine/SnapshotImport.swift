public import Foundation
import ZichtAnalysis
public import ZichtCore
import ZichtGeo
import ZichtSite
import ZichtSources
public import ZichtStore

/// Imports into a project's snapshot: StatLine files, area tables, incidents and simulations, each
/// in one transaction and once per content.
public enum SnapshotImport {
    /// SHA-256 of a file, read in 1 MB chunks; stops with `CancellationError` when `isCancelled`.
    package static func sha256(of url: URL, isCancelled: () -> Bool = { false }) throws -> String {
        let handle = FileHandle(fileDescriptor: try InputFile.open(url.path), closeOnDealloc: true)
        InputReadLog.note(url.path)
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            if isCancelled() { throw CancellationError() }
            hash.update(chunk)
        }
        return hash.finalizeHex()
    }

    /// Imports one StatLine CSV file into `snapshot`, in one transaction; the same bytes twice change nothing.
    /// - Throws: ``DiagnosticsError`` naming the file, line and column of the first problem.
    @discardableResult
    public static func importFile(
        _ url: URL, shownAs: String, table: String? = nil, title: String? = nil, retrieved: Date? = nil,
        publisher: String = "CBS", measures: [String]? = nil, provisionalYears: Set<Int> = [], data: Data? = nil, into snapshot: Snapshot
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
        // A file already in memory is hashed first: known bytes are not parsed at all. A file read
        // from disk is hashed on a second thread while this one parses and stores it; the snapshot
        // checks the hash during and after the import (the same bytes twice change nothing).
        let hash = data.map { ContentHash(known: SHA256.hex($0)) } ?? ContentHash { isCancelled in
            try sha256(of: url, isCancelled: isCancelled)
        }
        defer {
            hash.cancel()
            _ = try? hash.wait()
        }
        return try snapshot.importTable(provenance, hash: hash) { sink in
            // Series keys by (row's dimension combination, measure): looked up once each.
            var seriesKeys: [Snapshot.ImportSink.SeriesKey?] = []
            var region: (code: String, key: Snapshot.ImportSink.RegionKey)?
            _ = try StatLineTableReader.read(
                url: url, data: data, displayName: shownAs, measures: measures,
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
    }

    /// Imports a municipality's own area table (one row per area) in one transaction.
    static func importAreaTable(
        _ source: ProjectConfig.DataSource, _ settings: ProjectConfig.AreaTableSettings, project: LoadedProject, into snapshot: Snapshot
    ) throws {
        let url = project.root.appendingPathComponent(source.file)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw DiagnosticsError([Diagnostic(file: source.file, message: "file not found or not readable")])
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
        let tableID = source.table ?? url.deletingPathExtension().lastPathComponent
        let bytes = try project.inputs.bytes(of: source.file)
        let provenance = Provenance(
            tableID: tableID, tableTitle: source.title, origin: source.file, sha256: SHA256.hex(bytes),
            retrievedAt: source.retrieved ?? modified, publisher: source.publisher)
        // Area codes must name areas of the boundaries (when the project has any): a code that matches
        // no buurt is a typo or a table of another year, and would silently vanish from every map.
        let known = project.config.boundaries.isEmpty ? nil : Set(project.areas.map(\.code))
        _ = try snapshot.importTable(provenance) { sink in
            var unknown: [String] = []
            try AreaTableReader.read(
                url: url, data: bytes, displayName: source.file,
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
    }
}

extension LoadedProject {
    /// Opens the project's snapshot and imports every file listed under `data:` in zicht.yaml that is
    /// not in it yet.
    public func openSnapshot() throws -> Snapshot {
        let url = Self.snapshotURL(of: root)
        let snapshot = try Snapshot(url: url, onWait: { Waiting.tell("another zicht process is using the snapshot \(url.path); waiting for it") })
        var diagnostics: [Diagnostic] = []
        for source in config.dataSources {
            do {
                if let settings = source.areaTable {
                    try SnapshotImport.importAreaTable(source, settings, project: self, into: snapshot)
                    continue
                }
                try SnapshotImport.importFile(
                    root.appendingPathComponent(source.file), shownAs: source.file, table: source.table, title: source.title,
                    retrieved: source.retrieved, publisher: source.publisher, measures: source.measures,
                    provisionalYears: source.provisionalYears, data: inputs.bytesIfSmall(of: source.file), into: snapshot)
            } catch let error as any DiagnosticConvertible {
                diagnostics.append(contentsOf: error.diagnostics.map { diagnostic in
                    var located = diagnostic
                    if located.hint == nil { located.hint = "listed in zicht.yaml line \(source.line)" }
                    return located
                })
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        try SnapshotImport.importIncidentSources(self, into: snapshot)
        return snapshot
    }
}
