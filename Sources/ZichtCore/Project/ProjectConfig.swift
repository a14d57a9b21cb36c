/// The settings of a site project, read from its `zicht.yaml`.
public struct ProjectConfig: Sendable, Hashable {
    public struct Organisation: Sendable, Hashable {
        public var name: String
        /// The CBS gemeente code, e.g. "GM0193".
        public var code: String?

        public init(name: String, code: String? = nil) {
            self.name = name
            self.code = code
        }
    }

    public struct DocumentInfo: Sendable, Hashable {
        public var kind: DocumentKind
        public var year: Int
        public var title: String

        public init(kind: DocumentKind, year: Int, title: String) {
            self.kind = kind
            self.year = year
            self.title = title
        }
    }

    public struct Theme: Sendable, Hashable {
        /// Path of the logo, relative to the project; copied into the site.
        public var logo: String?
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

    public var organisation: Organisation
    public var document: DocumentInfo
    public var theme: Theme
    /// A sentence shown on every page, e.g. that the site is an example.
    public var notice: String?
    /// The path the site is served under, starting and ending with "/".
    public var baseURL: String
    /// Counts below this number are not shown at neighbourhood level or below.
    public var disclosureThreshold: Int

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
