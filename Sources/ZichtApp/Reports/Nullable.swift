/// An optional that JSON writes as `null` instead of leaving its key out (`JSONEncoder` omits nil
/// optionals), so that every record of a report has the same keys.
public struct Nullable<Wrapped: Encodable & Sendable>: Encodable, Sendable {
    public var value: Wrapped?

    public init(_ value: Wrapped?) { self.value = value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

extension Nullable<Double> {
    /// A finite number, else `null` (NaN and ±∞ have no JSON form).
    static func finite(_ value: Double?) -> Self { Self(value.flatMap { $0.isFinite ? $0 : nil }) }
}
