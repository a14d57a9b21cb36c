import Foundation
import ZichtAnalysis
import ZichtCore

/// The open-data form of the site: `index.json` beside every page and `document.json` at the root.
/// The formats are described by the JSON Schemas in `docs/schema/`.
enum OpenData {
    static let formatVersion = 1

    struct PageLink: Codable, Equatable {
        var id: String
        var kind: String
        var title: String
        var path: String
        /// The key of the page's document, in a project of several documents.
        var document: String?
    }

    struct SectionJSON: Codable, Equatable {
        var title: String
        var origin: String?
        var text: String
        var html: String
    }

    struct KaderJSON: Codable, Equatable {
        var title: String
        var url: String?
        var ref: String?
    }

    struct PortefeuillehouderJSON: Codable, Equatable {
        var name: String
        var role: String?
    }

    struct IndicatorJSON: Codable, Equatable {
        var id: String
        var title: String?
        var unit: String?
        var definition: String?
        var sources: [SourceJSON]?
        var values: [IndicatorValueJSON]?
        var targets: [TargetJSON]?
        var targetsFrom: String?
        var assessment: AssessmentJSON?
    }

    struct TargetJSON: Codable, Equatable {
        var year: Int
        var value: Double
    }

    struct AssessmentJSON: Codable, Equatable {
        var year: Int
        var target: Double?
        var value: Double?
        var status: String?
        var explanation: String
    }

    struct MapJSON: Codable, Equatable {
        var title: String
        var unit: String
        var period: String?
        var simulated: Bool
        var sources: [SourceJSON]
        var values: [MapValueJSON]
    }

    struct MapValueJSON: Codable, Equatable {
        var region: String
        var regionName: String
        /// Absent when unknown or withheld.
        var value: Double?
        /// "< 5" for a count below the disclosure threshold, "afgeschermd" for one withheld to protect another.
        var display: String?
    }

    static func maps(_ node: Node, _ data: ProjectAnalysis) -> [MapJSON]? {
        guard let maps = data.maps[node.id], !maps.isEmpty else { return nil }
        return maps.map { map in
            MapJSON(
                title: map.definition.title, unit: map.definition.unit, period: map.period.map { "\($0)" },
                simulated: map.definition.isSimulated, sources: map.provenance.map(source),
                values: map.areas.map { MapValueJSON(region: $0.code, regionName: $0.name, value: $0.value, display: DisclosureText.mapDisplay($0, perThousand: map.definition.perThousandInhabitants)) })
        }
    }

    static func source(_ provenance: Provenance) -> SourceJSON {
        SourceJSON(publisher: provenance.publisher, table: provenance.tableID, title: provenance.tableTitle, origin: provenance.origin,
                   retrievedAt: DutchDate.iso(provenance.retrievedAt), sha256: provenance.sha256)
    }

    struct SourceJSON: Codable, Equatable {
        var publisher: String
        var table: String
        var title: String?
        var origin: String
        var retrievedAt: String
        var sha256: String
    }

    struct IndicatorValueJSON: Codable, Equatable {
        var region: String
        var regionName: String
        var period: String
        /// Absent when unknown: never 0 for a missing figure.
        var value: Double?
        var numerator: Double?
        var denominator: Double?
        /// computed | aggregated | published | suppressed | missing
        var method: String
        var note: String?
        var provisional: Bool
    }

    static func indicator(_ id: String, _ data: ProjectAnalysis, targets: IndicatorTargets) -> IndicatorJSON {
        let perYear = targets.values[id].flatMap { $0.isEmpty ? nil : $0.sorted { $0.key < $1.key }.map { TargetJSON(year: $0.key, value: $0.value) } }
        guard let table = data.tables[id] else {
            let definition = data.definitions[id]
            return IndicatorJSON(
                id: id, title: definition?.title, unit: definition?.unit, definition: definition?.note, sources: nil, values: [],
                targets: perYear, targetsFrom: perYear == nil ? nil : targets.origin)
        }
        let definition = table.definition
        var values: [IndicatorValueJSON] = []
        for region in table.regions {
            for period in table.periods {
                guard let value = table.value(region: region, period: period) else { continue }
                let (method, note): (String, String?) =
                    switch value.method {
                    case .computed: ("computed", nil)
                    case .aggregated(let parts): ("aggregated", "opgeteld uit \(parts) delen")
                    case .published: ("published", nil)
                    case .suppressed: ("suppressed", nil)
                    case .missing(let reason): ("missing", IndicatorText.missingReason(reason))
                    }
                values.append(IndicatorValueJSON(
                    region: region, regionName: IndicatorSection.regionName(region, in: table), period: "\(period)",
                    value: value.value, numerator: value.numerator, denominator: value.denominator, method: method, note: note,
                    provisional: value.isProvisional))
            }
        }
        let sources = table.provenance.map(source)
        let assessment = targets.assessment(of: table).map {
            AssessmentJSON(year: $0.year, target: $0.target, value: $0.value, status: $0.status?.rawValue, explanation: $0.explanation)
        }
        return IndicatorJSON(
            id: id, title: definition.title, unit: definition.unit, definition: definition.note, sources: sources, values: values,
            targets: perYear, targetsFrom: perYear == nil ? nil : targets.origin, assessment: assessment)
    }

    struct Page: Codable, Equatable {
        var formatVersion: Int
        var id: String
        var kind: String
        var title: String
        var displayTitle: String
        var subtitle: String?
        var path: String
        /// The key of the page's document, in a project of several documents.
        var document: String?
        var origin: String?
        /// The page whose description and criteria this page shows (`origin: ref:…`).
        var originPage: PageLink?
        var sections: [SectionJSON]
        var criteria: [String]
        var indicators: [IndicatorJSON]
        var maps: [MapJSON]?
        var kaders: [KaderJSON]
        var portefeuillehouder: PortefeuillehouderJSON?
        var parent: PageLink?
        var children: [PageLink]
        var builtAt: String
        var dataAt: String
    }

    struct Organisation: Codable, Equatable {
        var name: String
        var code: String?
    }

    struct DocumentInfo: Codable, Equatable {
        var kind: String
        var year: Int
        var title: String
        /// In a project of several documents: the key (first part of its ids and paths) and the
        /// path of its home page.
        var key: String?
        var path: String?
    }

    struct DocumentIndex: Codable, Equatable {
        var formatVersion: Int
        var organisation: Organisation
        /// The document, in a project of one document.
        var document: DocumentInfo?
        /// The documents of the cycle, in a project of several.
        var documents: [DocumentInfo]?
        var notice: String?
        var builtAt: String
        var dataAt: String
        var generator: String
        var pages: [PageLink]
    }

    static func link(_ node: Node, _ site: SiteContext) -> PageLink {
        PageLink(id: node.id, kind: node.kind.rawValue, title: node.displayTitle, path: site.path(node), document: node.documentKey)
    }

    static func page(for node: Node, in site: SiteContext, prose: RenderedProse) -> Page {
        var sections: [SectionJSON] = []
        if !node.preamble.isEmpty {
            sections.append(SectionJSON(title: "", origin: nil, text: node.preamble.plainText, html: prose.preamble))
        }
        for (index, section) in node.sections.enumerated() {
            sections.append(SectionJSON(
                title: section.title, origin: index == 0 ? node.origin : nil, text: section.blocks.plainText,
                html: prose.sections[index]))
        }
        let kaders = node.kaders.map { kader -> KaderJSON in
            switch kader.target {
            case .url(let url): KaderJSON(title: kader.title, url: url, ref: nil)
            case .reference(let id): KaderJSON(title: kader.title, url: site.paths.path(of: id), ref: id)
            }
        }
        return Page(
            formatVersion: formatVersion, id: node.id, kind: node.kind.rawValue, title: node.title,
            displayTitle: node.displayTitle, subtitle: node.subtitle, path: site.path(node), document: node.documentKey, origin: node.origin,
            originPage: node.originID.flatMap { site.document[$0] }.map { link($0, site) },
            sections: sections, criteria: node.criteria, indicators: node.indicatorIDs.map { indicator($0, site.analysis, targets: IndicatorTargets(node: node, document: site.documentInfo(of: node))) }, maps: maps(node, site.analysis),
            kaders: kaders,
            portefeuillehouder: node.portefeuillehouder.map { PortefeuillehouderJSON(name: $0.name, role: $0.role) },
            parent: site.document.parent(of: node).map { link($0, site) },
            children: site.document.children(of: node.id).map { link($0, site) },
            builtAt: DutchDate.iso(site.stamps.builtAt), dataAt: DutchDate.iso(site.stamps.dataAt))
    }

    static func documentIndex(_ site: SiteContext, generator: String) -> DocumentIndex {
        let config = site.config
        return DocumentIndex(
            formatVersion: formatVersion,
            organisation: Organisation(name: config.organisation.name, code: config.organisation.code),
            document: config.isCycle ? nil : DocumentInfo(kind: config.document.kind.rawValue, year: config.document.year, title: config.document.title),
            documents: config.isCycle
                ? config.documents.map { info in
                    DocumentInfo(
                        kind: info.kind.rawValue, year: info.year, title: info.title, key: info.key,
                        path: site.document.children(of: site.document.root.id).first { $0.documentKey == info.key }.map(site.path))
                }
                : nil,
            notice: config.notice, builtAt: DutchDate.iso(site.stamps.builtAt), dataAt: DutchDate.iso(site.stamps.dataAt),
            generator: generator, pages: site.document.nodesInOrder.map { link($0, site) })
    }

    /// One entry of the search index: short keys keep the file small.
    struct SearchEntry: Codable {
        /// title
        var t: String
        /// path
        var p: String
        /// subtitle or the start of the text
        var s: String
        /// searchable text (lowercased, shortened)
        var x: String
    }

    static func searchIndex(_ site: SiteContext) -> [SearchEntry] {
        site.document.nodesInOrder.map { searchEntry($0, site) }
    }

    static func searchEntry(_ node: Node, _ site: SiteContext) -> SearchEntry {
        let text = (node.preamble + node.sections.flatMap(\.blocks)).plainText
        let words = ([node.title, node.subtitle ?? "", node.sections.map(\.title).joined(separator: " ")]
            + node.criteria + [text]).joined(separator: " ")
        let title = node.documentKey == nil ? node.displayTitle : "\(node.displayTitle) (\(site.documentInfo(of: node).title))"
        return SearchEntry(
            t: node.kind == .document ? node.title : title, p: site.path(node), s: node.subtitle ?? String(text.prefix(160)),
            x: String(words.lowercased().prefix(2000)))
    }

    /// The search index as compact JSON (`[entry,entry,…]`, keys sorted), built from each page's
    /// encoded entry; entries of pages not in `stale` are taken from `cache` when it has them.
    static func searchIndexJSON(_ site: SiteContext, cache: SearchIndexCache, stale: Set<String>?) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let nodes = site.document.nodesInOrder
        let entries = try nodes.parallelMap { node -> Result<Data, any Error> in
            if let stale, !stale.contains(node.id), let cached = cache.entry(node.id) { return .success(cached) }
            return Result { try encoder.encode(searchEntry(node, site)) }
        }
        var json = Data("[".utf8)
        var fresh: [String: Data] = [:]
        for (index, (node, entry)) in zip(nodes, entries).enumerated() {
            let data = try entry.get()
            fresh[node.id] = data
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(data)
        }
        json.append(UInt8(ascii: "]"))
        cache.replace(with: fresh)
        return json
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// Each page's encoded search entry from the last render, so that a rebuild after an edit encodes
/// only the edited pages' entries. Shared by the renderers of one ``SiteRenderer`` lineage.
final class SearchIndexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Data] = [:]

    func entry(_ id: String) -> Data? { lock.withLock { entries[id] } }

    func replace(with fresh: [String: Data]) { lock.withLock { entries = fresh } }
}
