/// A generated enum of an `enumeration` property. Values the definitions do not list are
/// kept (as an `unknown` case), never a decoding error, and reported by validation.
public protocol CRMEnumeration: RawRepresentable, Hashable, Sendable, Codable where RawValue == String {
    /// Never fails: an unlisted value becomes the `unknown` case.
    init(rawValue: String)
    /// The listed values, in definition order.
    static var knownValues: [Self] { get }
    /// Whether the definitions list this value (it is not the `unknown` case).
    var isKnown: Bool { get }
}

extension CRMEnumeration {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Position in definition order; unknown values sort after the known ones.
    var definitionOrder: Int { Self.knownValues.firstIndex(of: self) ?? Self.knownValues.count }
}
