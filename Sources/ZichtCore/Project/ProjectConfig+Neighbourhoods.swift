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
    public struct AreaFigure: Sendable, Hashable {
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
