/// A safety instrument put in place at a date in an area — camera surveillance, a closure under
/// article 13b Opiumwet, an area ban, better lighting — whose effect on registered incidents the
/// municipality wants to know (`interventions/*.yaml`).
public struct Intervention: Sendable, Hashable, Identifiable, Codable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case cameratoezicht
        case sluiting13b = "sluiting-13b"
        case gebiedsverbod
        case verlichting
        case overig

        /// The Dutch name for running text.
        public var displayName: String {
            switch self {
            case .cameratoezicht: "cameratoezicht"
            case .sluiting13b: "sluiting op grond van artikel 13b Opiumwet"
            case .gebiedsverbod: "gebiedsverbod"
            case .verlichting: "betere verlichting"
            case .overig: "overige maatregel"
            }
        }
    }

    /// Where the instrument works.
    public enum Area: Sendable, Hashable, Codable {
        /// Listed buurt codes.
        case buurten([String])
        /// A polygon in RD New coordinates (metres), as (x, y) pairs of one closed ring.
        case polygon([[Double]])
        /// Camera positions (RD New) with the radius each one covers, in metres.
        case cameras(points: [[Double]], radius: Double)
    }

    /// How the control area is chosen.
    public enum Control: Sendable, Hashable, Codable {
        /// Listed buurt codes.
        case buurten([String])
        /// The `count` buurten most like the target in the level and trend of the before period,
        /// outside the target and the buffer.
        case automatic(count: Int)
    }

    public var id: String
    public var name: String
    public var kind: Kind
    public var start: CivilDate
    public var end: CivilDate?
    /// The goal page that links to the evaluation, e.g. "7.2.1".
    public var goal: String?
    public var target: Area
    /// Width in metres of the ring around the target watched for displacement (0: none).
    public var bufferWidth: Double
    public var control: Control
    /// Incident types of interest (police SoortMisdrijf codes).
    public var types: [String]
    /// Whole months before and after the start that are compared.
    public var monthsBefore: Int
    public var monthsAfter: Int
    /// The effect the municipality expects, in percent (e.g. -20), set before the evaluation.
    public var expectedEffect: Double?
    public var description: String?
    /// The file it was read from, relative to the project, and the line of each field.
    public var sourceFile: String
    public var fieldLines: [String: Int]

    public init(
        id: String, name: String, kind: Kind, start: CivilDate, end: CivilDate? = nil, goal: String? = nil, target: Area,
        bufferWidth: Double = 0, control: Control = .automatic(count: 10), types: [String], monthsBefore: Int = 24, monthsAfter: Int = 12,
        expectedEffect: Double? = nil, description: String? = nil, sourceFile: String = "", fieldLines: [String: Int] = [:]
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.start = start
        self.end = end
        self.goal = goal
        self.target = target
        self.bufferWidth = bufferWidth
        self.control = control
        self.types = types
        self.monthsBefore = monthsBefore
        self.monthsAfter = monthsAfter
        self.expectedEffect = expectedEffect
        self.description = description
        self.sourceFile = sourceFile
        self.fieldLines = fieldLines
    }

    /// The first month of the before window, as a month index (year × 12 + month − 1).
    public var firstMonth: Int { start.monthIndex - monthsBefore }
    /// The month index of the start (the first "after" month; a start mid-month counts that month as after).
    public var startMonth: Int { start.monthIndex }
    /// One past the last month of the after window.
    public var endMonth: Int { start.monthIndex + monthsAfter }
}
