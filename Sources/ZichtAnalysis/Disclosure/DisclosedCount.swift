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
