import ZichtStats

/// A count as it may be published: counts below the disclosure threshold are withheld, and so is
/// every rate computed from them; a count withheld to protect another one (secondary suppression,
/// ``DisclosureControl``) has neither count nor rate either.
///
/// The true count stays inside the analysis rooms (`package` access): the pages only see what may
/// be published.
public struct DisclosedCount: Sendable, Hashable {
    /// The count, or nil when withheld.
    public private(set) var count: Int?
    /// Per 1,000 inhabitants; nil when withheld or when the number of inhabitants is unknown.
    public private(set) var ratePerThousand: Double?
    /// What the audit knows the public output says: published, "< threshold", or withheld for
    /// another count.
    public private(set) var state: DisclosureFigure.State
    /// The count before disclosure control, for secondary suppression and the audit only.
    package let trueCount: Int
    /// The threshold the count was judged by.
    public let threshold: Int

    public init(count: Int, inhabitants: Double?, threshold: Int) {
        trueCount = count
        self.threshold = threshold
        state = DisclosureFigure.state(of: count, threshold: threshold)
        if count < threshold {
            self.count = nil
            ratePerThousand = nil
        } else {
            self.count = count
            ratePerThousand = inhabitants.flatMap { $0 > 0 ? Double(count) / $0 * 1000 : nil }
        }
    }

    public var isWithheld: Bool { count == nil }

    /// Whether the count is withheld to protect another one, not because it is small itself.
    public var isSecondary: Bool { state == .secondary }

    /// Withholds a count that is not small itself, because together with published figures it
    /// would reveal a withheld small count (secondary suppression).
    package mutating func withholdSecondarily() {
        guard !isWithheld else { return }
        count = nil
        ratePerThousand = nil
        state = .secondary
    }
}

extension DisclosedCount: Codable {
    /// Compact, as `[true count, threshold, state, count, rate]` with the state 0 followed by the
    /// published value, 1 (below the threshold) or 2 (withheld for another count): a stored
    /// analysis holds thousands.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        trueCount = try container.decode(Int.self)
        threshold = try container.decode(Int.self)
        switch try container.decode(Int.self) {
        case 0: state = .published(try container.decode(Int.self))
        case 1: state = .belowThreshold
        case 2: state = .secondary
        default: throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown state of a disclosed count")
        }
        count = try container.decodeNil() ? nil : container.decode(Int.self)
        ratePerThousand = try container.decodeNil() ? nil : container.decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(trueCount)
        try container.encode(threshold)
        switch state {
        case .published(let value):
            try container.encode(0)
            try container.encode(value)
        case .belowThreshold: try container.encode(1)
        case .secondary: try container.encode(2)
        }
        if let count { try container.encode(count) } else { try container.encodeNil() }
        if let ratePerThousand { try container.encode(ratePerThousand) } else { try container.encodeNil() }
    }
}
