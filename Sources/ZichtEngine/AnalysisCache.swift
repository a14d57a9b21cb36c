import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ZichtAnalysis
import ZichtCore
import ZichtGeo
import ZichtStore

/// The analysis of a snapshot, kept between processes in `.zicht/analysis-cache`: a warm
/// `zicht build` reads it instead of reading 60,000 incidents and the indicator series again and
/// running the evaluations, patterns and disclosure control.
///
/// An entry is used only when its key matches everything the analysis reads, computed afresh on
/// every build (``key(project:snapshot:)``): the code (the running executable's identity), the
/// snapshot's ``Snapshot/fingerprint()``, the settings, the indicator definitions, the
/// interventions, the indicators and maps of every page, the areas with their outlines, the state
/// on disk of every data file, and the remembered disclosure decisions the analysis starts from. The file carries the
/// SHA-256 of its contents; a file that is damaged, truncated, of another version or of other inputs
/// is ignored, and the analysis runs as if there were none (and replaces it).
///
/// Disclosure control: an entry holds the figures as published after disclosure control, and
/// ``DisclosureControl/auditKey(_:threshold:)`` of the figures that passed the audit in the build that
/// wrote it. A build that reads it computes that key again from the figures it is about to publish;
/// only when they are exactly the audited ones is the audit not run again. Otherwise the figures
/// are audited, and when they do not pass the entry is dropped and the analysis runs.
///
/// The file is a cache: deleting it costs one analysis.
struct AnalysisCache {
    /// Bump when the stored form or the meaning of the key changes.
    static let formatVersion = 2
    static let relativePath = ".zicht/analysis-cache"
    private static let magic = "zicht analysis cache"

    /// What is kept: the parts of ``ProjectAnalysis`` computed from the snapshot, after disclosure
    /// control. The definitions and the financial statements are taken from the project each build.
    struct Entry: Codable {
        var tables: [String: IndicatorTable]
        var maps: [String: [AreaMapData]]
        var neighbourhoods: NeighbourhoodData?
        var evaluations: [EvaluationResult]
        var patterns: [String: PatternResult]
        /// ``DisclosureControl/auditKey(_:threshold:)`` of these figures, taken when they passed the audit.
        var auditKey: String

        init(_ analysis: ProjectAnalysis, auditKey: String) {
            tables = analysis.tables
            maps = analysis.maps
            neighbourhoods = analysis.neighbourhoods
            evaluations = analysis.evaluations
            patterns = analysis.patterns
            self.auditKey = auditKey
        }

        func analysis(definitions: [String: IndicatorDefinition]) -> ProjectAnalysis {
            ProjectAnalysis(
                tables: tables, definitions: definitions, maps: maps, neighbourhoods: neighbourhoods, evaluations: evaluations, patterns: patterns)
        }
    }

    let file: URL
    /// The key of everything the analysis reads but the remembered disclosure decisions.
    let inputs: String
    /// The remembered disclosure decisions (`.zicht/disclosure-decisions.json`) as read with the
    /// key; the analysis uses these bytes, so that key and analysis see the same file.
    let decisions: Data?
    /// The key of an entry for these inputs and decisions.
    var key: String { Self.key(inputs: inputs, decisions: decisions) }

    /// The cache of `project`'s analysis of `snapshot`; nil when there is nothing worth keeping (no
    /// page, setting or intervention uses the snapshot) or when the running code cannot be identified.
    init?(project: LoadedProject, snapshot: Snapshot) throws {
        guard Self.usesSnapshot(project), let inputs = try Self.key(project: project, snapshot: snapshot) else { return nil }
        self.file = project.root.appendingPathComponent(Self.relativePath)
        self.inputs = inputs
        self.decisions = try? Data(contentsOf: project.root.appendingPathComponent(ProjectAnalyser.decisionsPath))
    }

    /// The key of an entry: the inputs with the disclosure decisions the analysis started from (an
    /// altered file of decisions can change which figures are withheld).
    static func key(inputs: String, decisions: Data?) -> String {
        SHA256.hex(Array("\(inputs)\ndisclosure decisions \(decisions.map { SHA256.hex($0) } ?? "none")\n".utf8))
    }

    /// Whether the analysis reads anything from the snapshot (a cycle of documents with money only does not).
    static func usesSnapshot(_ project: LoadedProject) -> Bool {
        let config = project.config
        return config.neighbourhoods != nil || config.patterns != nil || !project.project.interventions.isEmpty
            || project.project.document.nodesInOrder.contains { !$0.indicatorIDs.isEmpty || !$0.maps.isEmpty }
    }

    /// The identity of the running executable (device, inode, size, modification time): another
    /// build of Zicht analyses afresh. Nil where `/proc/self/exe` does not exist.
    static let codeIdentity: String? = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return nil }
        return "\(info.st_dev) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    /// SHA-256 of everything ``ProjectAnalyser/analyse(_:snapshot:timed:)`` reads but the disclosure
    /// decisions; nil without a code identity.
    static func key(project: LoadedProject, snapshot: Snapshot) throws -> String? {
        guard let code = codeIdentity else { return nil }
        var hash = SHA256()
        // Each part with its length, so that no two different inputs give the same bytes.
        func add(_ label: String, _ text: String) {
            hash.update(Array("\(label) \(text.utf8.count)\n\(text)\n".utf8))
        }
        add("format", "\(formatVersion)")
        add("code", code)
        add("snapshot", try snapshot.fingerprint())
        let site = project.project
        add("settings", CanonicalDescription.of(site.config))
        add("definitions", CanonicalDescription.of(site.indicatorDefinitions))
        add("interventions", CanonicalDescription.of(site.interventions))
        if let goal = site.config.patterns?.goal { add("patterns goal is a page", "\(site.document[goal] != nil)") }
        for node in site.document.nodesInOrder where !node.indicatorIDs.isEmpty || !node.maps.isEmpty {
            add("page", "\(node.id)\t\(node.indicatorIDs)\t\(CanonicalDescription.of(node.maps))")
        }
        for area in project.areas {
            add("area", "\(area.code)\t\(area.name)\t\(area.parentCode ?? "-")")
            for polygon in area.geometry.polygons {
                for ring in polygon.rings {
                    hash.update(Array("ring \(ring.count)\n".utf8))
                    ring.flatMap { [$0.x.bitPattern, $0.y.bitPattern] }.withUnsafeBytes { hash.update($0) }
                }
            }
        }
        // Data files as they are on disk: the simulation reads an area table directly, and a file
        // changed back to bytes imported earlier does not change the snapshot.
        var files = site.config.dataSources.map(\.file) + site.config.boundaries.map(\.file)
        for source in site.config.incidentSources {
            if case .file(let path) = source.origin { files.append(path) }
        }
        for path in files {
            var info = stat()
            let state = stat(project.root.appendingPathComponent(path).path, &info) == 0
                ? "\(info.st_dev) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
                : "absent"
            add("file", "\(path)\t\(state)")
        }
        return hash.finalizeHex()
    }

    /// The stored entry when it is intact and has this key; nil otherwise.
    ///
    /// The file is a header line, `zicht analysis cache <format> <key> <SHA-256 of the rest>`, then
    /// each part of the entry as a line `<name> <length>` and that many bytes of JSON. The parts are
    /// decoded side by side (decoding is most of a warm build's analysis).
    func load() -> Entry? {
        guard let data = try? Data(contentsOf: file), let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self).split(separator: " ")
        guard header.count == 6, header[0...2].joined(separator: " ") == Self.magic, header[3] == "\(Self.formatVersion)", header[4] == key
        else { return nil }
        let body = data[(newline + 1)...]
        guard SHA256.hex(body) == header[5], let parts = Self.parts(of: body) else { return nil }
        let decoded = Part.allCases.parallelMap { part in Self.decode(part, from: parts[part.rawValue]) }
        guard decoded.allSatisfy({ $0 != nil }), let auditKey = String(data: parts[Part.auditKey.rawValue], encoding: .utf8) else { return nil }
        var entry = Entry(ProjectAnalysis(), auditKey: auditKey)
        for value in decoded {
            switch value! {
            case .tables(let tables): entry.tables = tables
            case .maps(let maps): entry.maps = maps
            case .neighbourhoods(let neighbourhoods): entry.neighbourhoods = neighbourhoods
            case .evaluations(let evaluations): entry.evaluations = evaluations
            case .patterns(let patterns): entry.patterns = patterns
            case .auditKey: break
            }
        }
        return entry
    }

    /// Writes `entry` beside the file and renames it over the file. A cache: when it cannot be
    /// written, the next build analyses again, so a failure is not an error.
    /// - Parameter decisions: the disclosure decisions on disk after the analysis (which may have
    ///   replaced them): the entry is valid with those.
    func store(_ entry: Entry, decisions: Data?) {
        let encoder = Self.encoder
        var body = Data()
        for part in Part.allCases {
            let bytes: Data?
            switch part {
            case .neighbourhoods: bytes = try? encoder.encode(entry.neighbourhoods)
            case .maps: bytes = try? encoder.encode(entry.maps)
            case .tables: bytes = try? encoder.encode(entry.tables)
            case .patterns: bytes = try? encoder.encode(entry.patterns)
            case .evaluations: bytes = try? encoder.encode(entry.evaluations)
            case .auditKey: bytes = Data(entry.auditKey.utf8)
            }
            guard let bytes else { return }
            body.append(Data("\(part) \(bytes.count)\n".utf8))
            body.append(bytes)
        }
        var data = Data("\(Self.magic) \(Self.formatVersion) \(Self.key(inputs: inputs, decisions: decisions)) \(SHA256.hex(body))\n".utf8)
        data.append(body)
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".analysis-cache.\(getpid())")
        if (try? data.write(to: temporary)) != nil, rename(temporary.path, file.path) != 0 { unlink(temporary.path) }
    }

    /// The parts of an entry, in the order of the file (the largest first, for decoding side by side).
    private enum Part: Int, CaseIterable, Sendable, CustomStringConvertible {
        case neighbourhoods, maps, tables, patterns, evaluations, auditKey
        var description: String { "\(Self.names[rawValue])" }
        private static let names = ["neighbourhoods", "maps", "tables", "patterns", "evaluations", "auditKey"]
    }

    private enum Decoded: Sendable {
        case neighbourhoods(NeighbourhoodData?), maps([String: [AreaMapData]]), tables([String: IndicatorTable])
        case patterns([String: PatternResult]), evaluations([EvaluationResult]), auditKey
    }

    /// The bytes of every part, in ``Part`` order; nil when the body is not made of exactly those parts.
    private static func parts(of body: Data) -> [Data]? {
        var parts: [Data] = []
        var position = body.startIndex
        for part in Part.allCases {
            guard let newline = body[position...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let line = String(decoding: body[position..<newline], as: UTF8.self).split(separator: " ")
            guard line.count == 2, line[0] == "\(part)", let count = Int(line[1]), count >= 0, count <= body.endIndex - (newline + 1) else { return nil }
            parts.append(body[(newline + 1)..<(newline + 1 + count)])
            position = newline + 1 + count
        }
        return position == body.endIndex ? parts : nil
    }

    private static func decode(_ part: Part, from data: Data) -> Decoded? {
        let decoder = Self.decoder
        switch part {
        case .neighbourhoods: return (try? decoder.decode(NeighbourhoodData?.self, from: data)).map { .neighbourhoods($0) }
        case .maps: return (try? decoder.decode([String: [AreaMapData]].self, from: data)).map { .maps($0) }
        case .tables: return (try? decoder.decode([String: IndicatorTable].self, from: data)).map { .tables($0) }
        case .patterns: return (try? decoder.decode([String: PatternResult].self, from: data)).map { .patterns($0) }
        case .evaluations: return (try? decoder.decode([EvaluationResult].self, from: data)).map { .evaluations($0) }
        case .auditKey: return .auditKey
        }
    }

    // NaN and infinities occur in analysis results (an undefined z-score); JSON has no numbers for them.
    private static let floats = (positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: floats.positiveInfinity, negativeInfinity: floats.negativeInfinity, nan: floats.nan)
        return encoder
    }
    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: floats.positiveInfinity, negativeInfinity: floats.negativeInfinity, nan: floats.nan)
        return decoder
    }
}
