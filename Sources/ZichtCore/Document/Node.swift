/// A kaderstellende nota: a policy document that frames a goal, outside or inside the site.
public struct Kader: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// An external address (http, https).
        case url(String)
        /// The id of another node in the same document.
        case reference(String)
    }

    public var title: String
    public var target: Target

    public init(title: String, target: Target) {
        self.title = title
        self.target = target
    }
}

/// A map of an area-level figure shown on a page (front matter `kaarten:`).
public struct MapDefinition: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable {
        case jenks
        case quantiles
    }

    /// The table id in the snapshot, e.g. "zwolle-bvb-2014".
    public var table: String
    public var measure: String
    public var title: String
    public var unit: String
    public var decimals: Int
    public var classes: Int
    public var method: Method
    /// Whose figures these are, for the source line, e.g. "Gemeente Zwolle, Buurt-voor-Buurt-onderzoek 2014".
    public var source: String?
    /// Whether the figures are simulated (the page then says so).
    public var isSimulated: Bool
    /// Dimension values that select the series, e.g. ["Type": "1.1.1"].
    public var filter: [String: String] = [:]
    /// Whether the figures are counts: counts below the project's disclosure threshold are then
    /// shown as "< 5" and never published, in HTML, SVG and JSON alike.
    public var isCount: Bool = false
    /// Incident types summed for the map (the `Type` dimension); empty: use `filter` as it is.
    public var types: [String] = []
    /// Whether the map shows counts per 1,000 inhabitants (the population of the project's
    /// `neighbourhoods:`); a rate from a count below the disclosure threshold is withheld.
    public var perThousandInhabitants: Bool = false

    public init(
        table: String, measure: String, title: String, unit: String, decimals: Int = 1, classes: Int = 5, method: Method = .jenks,
        source: String? = nil, isSimulated: Bool = false
    ) {
        self.table = table
        self.measure = measure
        self.title = title
        self.unit = unit
        self.decimals = decimals
        self.classes = classes
        self.method = method
        self.source = source
        self.isSimulated = isSimulated
    }
}

/// The member of the college responsible for a node.
public struct Portefeuillehouder: Sendable, Hashable {
    public var name: String
    public var role: String?

    public init(name: String, role: String? = nil) {
        self.name = name
        self.role = role
    }
}

/// A prose section of a page: a level-2 heading and the blocks under it.
public struct Section: Sendable, Hashable {
    public var heading: [MarkdownInline]
    public var blocks: [MarkdownBlock]
    /// The source line of the heading.
    public var line: Int

    public init(heading: [MarkdownInline], blocks: [MarkdownBlock], line: Int) {
        self.heading = heading
        self.blocks = blocks
        self.line = line
    }

    public var title: String { heading.plainText }
}

extension Node {
    /// The source line of a front-matter field, or the first front-matter line when unknown.
    public func line(of field: String) -> Int {
        fieldLines[field] ?? 2
    }
}

/// One page of a planning-and-control document: the document itself, a domein, an ambitie, a doel, ….
public struct Node: Sendable, Hashable, Identifiable {
    /// The stable identifier, e.g. "7.2.1" or "leeswijzer".
    public var id: String
    public var kind: NodeKind
    public var title: String
    public var subtitle: String?
    /// Order among siblings; nodes without one follow in id order.
    public var order: Int?
    /// The parent's id; nil only for the document node.
    public var parentID: String?
    /// Where the first section and the criteria come from, e.g. "tekst uit Begroting 2019".
    public var origin: String?
    /// The page the first section and the criteria were taken from, when the author wrote
    /// `origin: ref:…` ("begroting-2019/7.2.1").
    public var originID: String?
    public var criteria: [String]
    /// Ids of the indicators shown on this page, in order.
    public var indicatorIDs: [String]
    public var kaders: [Kader]
    /// Maps of area-level figures, shown under "Veiligheid in de wijken".
    public var maps: [MapDefinition] = []
    /// Target values (streefwaarden) per indicator id and year, as the begroting sets them.
    public var targets: [String: [Int: Double]] = [:]
    /// Where ``targets`` come from when another page set them ("Begroting 2019"); nil when this
    /// page sets them itself.
    public var targetsOrigin: String?
    public var portefeuillehouder: Portefeuillehouder?
    /// An explicit URL slug that overrides the one made from id and title.
    public var slug: String?
    /// Blocks before the first section heading.
    public var preamble: [MarkdownBlock]
    public var sections: [Section]
    /// The file this node was read from, relative to the project.
    public var sourceFile: String
    /// Source lines of front-matter fields ("id", "parent", "kaders.0", …), for diagnostics.
    public var fieldLines: [String: Int]

    public init(
        id: String, kind: NodeKind, title: String, subtitle: String? = nil, order: Int? = nil,
        parentID: String? = nil, origin: String? = nil, criteria: [String] = [], indicatorIDs: [String] = [],
        kaders: [Kader] = [], portefeuillehouder: Portefeuillehouder? = nil, slug: String? = nil,
        preamble: [MarkdownBlock] = [], sections: [Section] = [], sourceFile: String, fieldLines: [String: Int] = [:]
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.subtitle = subtitle
        self.order = order
        self.parentID = parentID
        self.origin = origin
        self.criteria = criteria
        self.indicatorIDs = indicatorIDs
        self.kaders = kaders
        self.portefeuillehouder = portefeuillehouder
        self.slug = slug
        self.preamble = preamble
        self.sections = sections
        self.sourceFile = sourceFile
        self.fieldLines = fieldLines
    }

    /// The heading of the page: "Doel 7.2.1 Sociale veiligheid", "Leeswijzer".
    public var displayTitle: String {
        guard kind.isNumbered, let label = kind.label else { return title }
        return "\(label) \(localID) \(title)"
    }

    /// A short label for menus and breadcrumbs: "7.2.1 Sociale veiligheid".
    public var shortTitle: String {
        kind.isNumbered ? "\(localID) \(title)" : title
    }

    /// The separator between a document's key and a page's id in a project that holds several
    /// documents: "jaarverslag-2019/7.2.1". Authors' ids never contain it.
    public static let documentSeparator: Character = "/"

    /// The id as the author wrote it, without the document's key: "7.2.1".
    public var localID: String {
        guard let slash = id.lastIndex(of: Self.documentSeparator) else { return id }
        return String(id[id.index(after: slash)...])
    }

    /// The key of the document this page belongs to ("jaarverslag-2019"), or nil in a project of
    /// one document.
    public var documentKey: String? {
        guard let slash = id.firstIndex(of: Self.documentSeparator) else { return nil }
        return String(id[..<slash])
    }

    /// `id` qualified by a document's key: "7.2.1" in "jaarverslag-2019" gives
    /// "jaarverslag-2019/7.2.1". An id that already names a document is kept.
    public static func qualified(_ id: String, in documentKey: String) -> String {
        id.contains(documentSeparator) ? id : "\(documentKey)\(documentSeparator)\(id)"
    }
}
