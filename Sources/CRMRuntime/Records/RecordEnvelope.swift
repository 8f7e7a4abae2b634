import Foundation

/// A record in HubSpot's CRM v3 JSON: `id`, `properties` (every value a string),
/// `createdAt`, `updatedAt`, `archived`, and `associations` when requested.
///
/// Generated types and the dynamic validator both read records through this one shape.
public struct RecordEnvelope: Hashable, Sendable, Codable {
    public var id: String?
    /// Property values by internal name; JSON `null` and `""` (HubSpot's "no value") are left out.
    public var properties: [String: String]
    public var createdAt: Date?
    public var updatedAt: Date?
    public var archived: Bool?
    public var archivedAt: Date?
    public var associations: [String: AssociationResults]?

    public init(id: String? = nil, properties: [String: String] = [:], createdAt: Date? = nil, updatedAt: Date? = nil,
                archived: Bool? = nil, archivedAt: Date? = nil, associations: [String: AssociationResults]? = nil) {
        self.id = id
        self.properties = properties
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.archived = archived
        self.archivedAt = archivedAt
        self.associations = associations
    }

    private enum CodingKeys: String, CodingKey {
        case id, properties, createdAt, updatedAt, archived, archivedAt, associations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        let raw = try container.decodeIfPresent([String: String?].self, forKey: .properties) ?? [:]
        properties = raw.compactMapValues { value in value.flatMap { $0.isEmpty ? nil : $0 } }
        createdAt = try Self.decodeDate(container, .createdAt)
        updatedAt = try Self.decodeDate(container, .updatedAt)
        archived = try container.decodeIfPresent(Bool.self, forKey: .archived)
        archivedAt = try Self.decodeDate(container, .archivedAt)
        associations = try container.decodeIfPresent([String: AssociationResults].self, forKey: .associations)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(properties, forKey: .properties)
        try container.encodeIfPresent(createdAt.map(HubSpotValueFormat.format), forKey: .createdAt)
        try container.encodeIfPresent(updatedAt.map(HubSpotValueFormat.format), forKey: .updatedAt)
        try container.encodeIfPresent(archived, forKey: .archived)
        try container.encodeIfPresent(archivedAt.map(HubSpotValueFormat.format), forKey: .archivedAt)
        try container.encodeIfPresent(associations, forKey: .associations)
    }

    private static func decodeDate(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = HubSpotValueFormat.datetime(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(text)' is not an ISO 8601 datetime")
        }
        return date
    }
}

/// `associations.<object>` of a record: the associated records' IDs and association types.
public struct AssociationResults: Hashable, Sendable, Codable {
    public var results: [AssociatedRecord]

    public init(results: [AssociatedRecord]) { self.results = results }
}

/// One associated record: `{"id": "...", "type": "car_to_contact"}`.
public struct AssociatedRecord: Hashable, Sendable, Codable {
    public var id: String
    public var type: String

    public init(id: String, type: String) {
        self.id = id
        self.type = type
    }
}
