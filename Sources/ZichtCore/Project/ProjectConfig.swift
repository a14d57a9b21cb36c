import Foundation

/// The settings of a site project, read from its `zicht.yaml`.
public struct ProjectConfig: Sendable, Hashable {
    public struct Organisation: Sendable, Hashable {
        public var name: String
        /// The CBS gemeente code, e.g. "GM0193".
        public var code: String?
        /// The CBS province code, e.g. "PV23"; when absent it is taken from the data.
        public var province: String?

        public init(name: String, code: String? = nil, province: String? = nil) {
            self.name = name
            self.code = code
            self.province = province
        }
    }

    public struct DocumentInfo: Sendable, Hashable {
        public var kind: DocumentKind
        public var year: Int
        public var title: String
        /// The document's key in a project of several documents: the first part of its URLs and of
        /// references to its pages ("jaarverslag-2019"). Made from kind and year unless given.
        public var key: String
        /// The folder of the document's pages, relative to the project: "content" in a project of
        /// one document, "content/<key>" by default in a project of several.
        public var contentFolder: String
        /// Line of the entry in zicht.yaml, for diagnostics.
        public var line: Int

        public init(kind: DocumentKind, year: Int, title: String, key: String? = nil, contentFolder: String = "content", line: Int = 1) {
            self.kind = kind
            self.year = year
            self.title = title
            self.key = key ?? "\(kind.rawValue)-\(year)"
            self.contentFolder = contentFolder
            self.line = line
        }
    }

    public struct Theme: Sendable, Hashable {
        /// Path of the logo, relative to the project; copied into the site.
        public var logo: String?
        /// Line of `logo` in zicht.yaml, for diagnostics.
        public var logoLine: Int?
        /// The primary colour as `#rrggbb`: header background, with white text on it.
        public var primaryColor: String
        /// The accent colour as `#rrggbb`: links and focus outline, on white.
        public var accentColor: String

        public static let defaultPrimary = "#1d4f91"
        public static let defaultAccent = "#a63d0a"

        public init(logo: String? = nil, primaryColor: String = Theme.defaultPrimary, accentColor: String = Theme.defaultAccent) {
            self.logo = logo
            self.primaryColor = primaryColor
            self.accentColor = accentColor
        }
    }

    /// A statistics file the project imports into its snapshot before every build.
    public struct DataSource: Sendable, Hashable {
        /// Path relative to the project.
        public var file: String
        /// The StatLine table id, e.g. "83648NED"; when absent it is read from the file name.
        public var table: String?
        public var title: String?
        /// When the file was downloaded from its source; shown as "opgehaald op".
        public var retrieved: Date?
        /// Whom to cite: "CBS" or "Politie / CBS".
        public var publisher: String
        /// Import only these measure columns (all when nil).
        public var measures: [String]?
        /// Years this release marks as provisional.
        public var provisionalYears: Set<Int>
        /// For a municipality's own area table (`format: areas`): the area column, a template that turns
        /// its values into CBS codes ("BU0193{}0"), the year, and area values to skip.
        public var areaTable: AreaTableSettings?
        /// Line of the entry in zicht.yaml, for diagnostics.
        public var line: Int

        public init(
            file: String, table: String? = nil, title: String? = nil, retrieved: Date? = nil, publisher: String = "CBS",
            measures: [String]? = nil, provisionalYears: Set<Int> = [], areaTable: AreaTableSettings? = nil, line: Int = 1
        ) {
            self.provisionalYears = provisionalYears
            self.areaTable = areaTable
            self.file = file
            self.table = table
            self.title = title
            self.retrieved = retrieved
            self.publisher = publisher
            self.measures = measures
            self.line = line
        }
    }

    /// How to read a municipality's own area table.
    public struct AreaTableSettings: Sendable, Hashable {
        public var areaColumn: String
        public var codeTemplate: String?
        public var year: Int
        public var skip: Set<String>

        public init(areaColumn: String, codeTemplate: String? = nil, year: Int, skip: Set<String> = []) {
            self.areaColumn = areaColumn
            self.codeTemplate = codeTemplate
            self.year = year
            self.skip = skip
        }
    }

    /// Area boundaries (GeoJSON, WGS84 or RD New) for maps.
    public struct BoundarySource: Sendable, Hashable {
        public var file: String
        public var year: Int
        public var line: Int

        public init(file: String, year: Int, line: Int = 1) {
            self.file = file
            self.year = year
            self.line = line
        }
    }

    /// A table downloaded from a CBS OData catalog by `zicht fetch`.
    public struct FetchSource: Sendable, Hashable {
        /// "cbs", "politie", or an http(s) base address.
        public var catalog: String
        public var table: String
        /// An OData `$filter` expression, e.g. "RegioS eq 'GM0193    '".
        public var filter: String?
        public var select: [String]
        public var title: String?
        public var publisher: String
        public var line: Int

        public init(catalog: String, table: String, filter: String? = nil, select: [String] = [], title: String? = nil, publisher: String = "CBS", line: Int = 1) {
            self.catalog = catalog
            self.table = table
            self.filter = filter
            self.select = select
            self.title = title
            self.publisher = publisher
            self.line = line
        }
    }

    public var organisation: Organisation
    /// The document of a project of one document; in a project of several (``documents``), the
    /// newest of them.
    public var document: DocumentInfo
    /// The documents of a project that holds the planning-and-control cycle (`documents:` in
    /// zicht.yaml), in the order of the portal: by year, then begroting, kadernota, berap,
    /// jaarverslag. Empty in a project of one document (`document:`).
    public var documents: [DocumentInfo] = []
    /// The title of the portal page that lists the documents of a cycle.
    public var portalTitle: String?

    /// Whether the project holds several documents under a portal.
    public var isCycle: Bool { !documents.isEmpty }

    /// The document with this key.
    public func document(key: String) -> DocumentInfo? {
        documents.first { $0.key == key }
    }
    public var theme: Theme
    /// A sentence shown on every page, e.g. that the site is an example.
    public var notice: String?
    /// The path the site is served under, starting and ending with "/".
    public var baseURL: String
    /// Counts below this number are not shown at neighbourhood level or below.
    public var disclosureThreshold: Int
    /// Files imported into the snapshot before each build.
    public var dataSources: [DataSource] = []
    /// Tables that `zicht fetch` downloads.
    public var fetchSources: [FetchSource] = []
    /// Area boundaries for maps.
    public var boundaries: [BoundarySource] = []
    /// Incident files (or a simulated city) imported before each build.
    public var incidentSources: [IncidentSource] = []
    /// Wijk pages; nil when the project has none.
    public var neighbourhoods: NeighbourhoodSettings?
    /// Near repeats, hot spots and a prevention list on a goal page; nil when not asked for.
    public var patterns: PatternSettings?
    /// Financial figures (`money:`); nil when the project has none.
    public var money: MoneySettings?

    public init(
        organisation: Organisation, document: DocumentInfo, theme: Theme = Theme(), notice: String? = nil,
        baseURL: String = "/", disclosureThreshold: Int = 5
    ) {
        self.organisation = organisation
        self.document = document
        self.theme = theme
        self.notice = notice
        self.baseURL = baseURL
        self.disclosureThreshold = disclosureThreshold
    }
}
