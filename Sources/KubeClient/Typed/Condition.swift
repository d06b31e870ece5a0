/// `metav1.Condition`, the standard status condition (what HelmRelease `status.conditions`
/// holds). Go writes `type`, `status`, `lastTransitionTime`, `reason` and `message` always
/// (no `omitempty`); reading is as lenient as Go's, where a missing field is its zero value.
public struct Condition: Codable, Sendable, Hashable {
    public var type: String
    public var status: ConditionStatus
    public var observedGeneration: Int64?
    /// Optional because Go writes a zero time as `null` (omitted here when nil).
    public var lastTransitionTime: Time?
    public var reason: String
    public var message: String

    public init(
        type: String, status: ConditionStatus, observedGeneration: Int64? = nil, lastTransitionTime: Time? = nil,
        reason: String = "", message: String = ""
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        status = try c.decodeIfPresent(ConditionStatus.self, forKey: .status) ?? ""
        observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? ""
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
    }
}

/// `True`, `False` or `Unknown` — kept open (a struct, not an enum) so an unexpected value
/// from another writer decodes rather than failing the whole object.
public struct ConditionStatus: RawRepresentable, Codable, Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let `true`: ConditionStatus = "True"
    public static let `false`: ConditionStatus = "False"
    public static let unknown: ConditionStatus = "Unknown"

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

extension Array where Element == Condition {
    /// The condition of `type`, if present.
    public subscript(type type: String) -> Condition? {
        first { $0.type == type }
    }
}
