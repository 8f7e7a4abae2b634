/// The ID of a HubSpot owner (the Owners API's `id`, such as `"41629779"`), held by owner
/// properties like `hubspot_owner_id`. Not a user ID: HubSpot rejects those for ownership.
public struct OwnerID: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The owner ID, as HubSpot writes it.
    public var rawValue: String

    /// The owner with this ID.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The owner with this ID.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The owner with this ID, written as a literal (`"31337"`).
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The ID.
    public var description: String { rawValue }

    public static func < (lhs: OwnerID, rhs: OwnerID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
