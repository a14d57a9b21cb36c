import Foundation

extension ProjectConfig {
    /// Incidents imported into the snapshot before each build (`incidents:` in zicht.yaml): a file in
    /// the import format, or a simulated city (ZichtSim), which is labelled "gesimuleerd" wherever it
    /// shows.
    public struct IncidentSource: Sendable, Hashable {
        public enum Origin: Sendable, Hashable {
            /// A CSV file relative to the project.
            case file(String)
            /// ZichtSim on the project's boundaries, for the given seed and years.
            case simulation(seed: UInt64, years: ClosedRange<Int>)
        }

        public var origin: Origin
        public var title: String?
        /// Whether the incidents are simulated; always true for a simulation.
        public var isSimulated: Bool
        /// Line of the entry in zicht.yaml, for diagnostics.
        public var line: Int

        public init(origin: Origin, title: String? = nil, isSimulated: Bool = false, line: Int = 1) {
            self.origin = origin
            self.title = title
            if case .simulation = origin { self.isSimulated = true } else { self.isSimulated = isSimulated }
            self.line = line
        }
    }

    /// An area-level figure shown on the wijk pages (from a `format: areas` table).
    public struct AreaFigure: Sendable, Hashable, Codable {
        public var table: String
        public var measure: String
        public var title: String
        public var unit: String
        public var decimals: Int
        /// Whose figures these are, for the source line.
        public var source: String?

        public init(table: String, measure: String, title: String, unit: String, decimals: Int = 1, source: String? = nil) {
            self.table = table
            self.measure = measure
            self.title = title
            self.unit = unit
            self.decimals = decimals
            self.source = source
        }
    }

    /// Where the number of inhabitants per buurt comes from: the sum of one or more measures of an
    /// area table, used as weights when buurt figures are combined into a wijk figure.
    public struct PopulationSource: Sendable, Hashable {
        public var table: String
        public var measures: [String]
        /// Whether the inhabitants are simulated (then every figure weighted by them says so).
        public var isSimulated: Bool

        public init(table: String, measures: [String], isSimulated: Bool = false) {
            self.table = table
            self.measures = measures
            self.isSimulated = isSimulated
        }
    }

    /// The wijk pages and the wijken overview (`neighbourhoods:` in zicht.yaml).
    public struct NeighbourhoodSettings: Sendable, Hashable {
        /// Figures per buurt shown on every wijk page, combined into a wijk figure when weights are known.
        public var figures: [AreaFigure]
        public var population: PopulationSource?
        /// Display names of wijken by code; wijken without one are called "Wijk" and their number.
        public var wijkNames: [String: String]
        /// Line of the section in zicht.yaml.
        public var line: Int

        public init(figures: [AreaFigure] = [], population: PopulationSource? = nil, wijkNames: [String: String] = [:], line: Int = 1) {
            self.figures = figures
            self.population = population
            self.wijkNames = wijkNames
            self.line = line
        }
    }
}

extension ProjectConfig {
    /// Near repeats, hot spots and a prevention list on a goal page (`patterns:` in zicht.yaml).
    public struct PatternSettings: Sendable, Hashable, Codable {
        /// The goal page that shows the results, e.g. "7.2.1".
        public var goal: String
        /// The incident types analysed together, e.g. ["1.1.1"] for residential burglary.
        public var types: [String]
        /// What they are called on the page, e.g. "woninginbraken".
        public var noun: String
        /// The last year analysed, and the first (the same year by default).
        public var year: Int
        public var firstYear: Int
        public var spaceBreaks: [Double]
        public var timeBreaks: [Double]
        public var permutations: Int
        public var seed: UInt64
        /// Hot-spot grid cell size in metres.
        public var cellSize: Double
        /// The prevention list covers incidents of the last this many days of the year.
        public var recentDays: Int
        /// Used to estimate addresses from inhabitants (an assumption, shown on the page).
        public var inhabitantsPerAddress: Double
        public var line: Int

        public init(
            goal: String, types: [String], noun: String = "woninginbraken", year: Int, spaceBreaks: [Double] = [0, 1, 100, 200, 300, 400],
            timeBreaks: [Double] = [0, 7, 14, 21, 28], permutations: Int = 999, seed: UInt64 = 1, cellSize: Double = 250, recentDays: Int = 28,
            inhabitantsPerAddress: Double = 2.2, line: Int = 1
        ) {
            self.goal = goal
            self.types = types
            self.noun = noun
            self.year = year
            self.firstYear = year
            self.spaceBreaks = spaceBreaks
            self.timeBreaks = timeBreaks
            self.permutations = permutations
            self.seed = seed
            self.cellSize = cellSize
            self.recentDays = recentDays
            self.inhabitantsPerAddress = inhabitantsPerAddress
            self.line = line
        }
    }
}
