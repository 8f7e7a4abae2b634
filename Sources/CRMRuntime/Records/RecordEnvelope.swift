import Foundation

/// A record in HubSpot's CRM v3 JSON: `id`, `properties` (every value a string),
/// `createdAt`, `updatedAt`, `archived`, `archivedAt`, and `associations` when requested.
///
/// Generated types and the dynamic validator both read records through this one shape. It keeps
/// what it reads as text, so encoding gives back the same values: properties digit for digit,
/// `""` and `null` as they were, timestamps in the form they came in. Other top-level keys
/// (`url`, `propertiesWithHistory`) are skipped.
public struct RecordEnvelope: Hashable, Sendable {
    /// The record ID; `nil` for a record not yet created.
    public var id: String?
    /// Every property value, as text.
    public var properties: RecordProperties
    /// Whether the record is archived (in HubSpot's recycle bin).
    public var archived: Bool?
    /// Associated records by object, when the request asked for them.
    public var associations: [String: AssociationResults]?
    /// Timestamps as received; the `Date` accessors read and write them.
    private var createdAtText: String?
    private var updatedAtText: String?
    private var archivedAtText: String?

    /// A record with these values; timestamps are written as HubSpot writes them (UTC, milliseconds).
    public init(id: String? = nil, properties: RecordProperties = RecordProperties(), createdAt: Date? = nil, updatedAt: Date? = nil,
                archived: Bool? = nil, archivedAt: Date? = nil, associations: [String: AssociationResults]? = nil) {
        self.id = id
        self.properties = properties
        self.archived = archived
        self.associations = associations
        createdAtText = createdAt.map(HubSpotValueFormat.format)
        updatedAtText = updatedAt.map(HubSpotValueFormat.format)
        archivedAtText = archivedAt.map(HubSpotValueFormat.format)
    }

    /// When the record was created (`createdAt`).
    public var createdAt: Date? {
        get { createdAtText.flatMap(HubSpotValueFormat.datetime) }
        set { Self.store(newValue, in: &createdAtText) }
    }

    /// When the record was last changed (`updatedAt`).
    public var updatedAt: Date? {
        get { updatedAtText.flatMap(HubSpotValueFormat.datetime) }
        set { Self.store(newValue, in: &updatedAtText) }
    }

    /// When the record was archived (`archivedAt`).
    public var archivedAt: Date? {
        get { archivedAtText.flatMap(HubSpotValueFormat.datetime) }
        set { Self.store(newValue, in: &archivedAtText) }
    }

    /// Keeps the text while the instant it names is the one written (to the millisecond).
    private static func store(_ date: Date?, in text: inout String?) {
        let formatted = date.map(HubSpotValueFormat.format)
        if let current = text, HubSpotValueFormat.datetime(current).map(HubSpotValueFormat.format) == formatted { return }
        text = formatted
    }

    /// Sets a timestamp from its JSON text; `false` when it is not an ISO 8601 datetime.
    mutating func setTimestamp(_ key: TimestampKey, text: String?) -> Bool {
        if let text, HubSpotValueFormat.datetime(text) == nil { return false }
        switch key {
        case .createdAt: createdAtText = text
        case .updatedAt: updatedAtText = text
        case .archivedAt: archivedAtText = text
        }
        return true
    }

    enum TimestampKey: String, CaseIterable {
        case createdAt, updatedAt, archivedAt
    }
}

extension RecordEnvelope: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, properties, createdAt, updatedAt, archived, archivedAt, associations
    }

    /// Reads the record with any `Decoder`. `JSONDecoder` merges duplicate keys before this code sees
    /// them; `RecordEnvelope(json:)` reports them as errors.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        id = try container.decodeIfPresent(String.self, forKey: .id)
        properties = try container.decodeIfPresent(RecordProperties.self, forKey: .properties) ?? RecordProperties()
        archived = try container.decodeIfPresent(Bool.self, forKey: .archived)
        associations = try container.decodeIfPresent([String: AssociationResults].self, forKey: .associations)
        for (key, codingKey) in [(TimestampKey.createdAt, CodingKeys.createdAt), (.updatedAt, .updatedAt), (.archivedAt, .archivedAt)] {
            let text = try container.decodeIfPresent(String.self, forKey: codingKey)
            guard setTimestamp(key, text: text) else {
                throw DecodingError.dataCorruptedError(forKey: codingKey, in: container,
                                                       debugDescription: "'\(text ?? "")' is not an ISO 8601 datetime")
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(properties, forKey: .properties)
        try container.encodeIfPresent(createdAtText, forKey: .createdAt)
        try container.encodeIfPresent(updatedAtText, forKey: .updatedAt)
        try container.encodeIfPresent(archived, forKey: .archived)
        try container.encodeIfPresent(archivedAtText, forKey: .archivedAt)
        try container.encodeIfPresent(associations, forKey: .associations)
    }
}

/// `associations.<object>` of a record: the associated records' IDs and association types.
public struct AssociationResults: Hashable, Sendable, Codable {
    /// The associated records.
    public var results: [AssociatedRecord]

    /// The associations to `results`.
    public init(results: [AssociatedRecord]) { self.results = results }
}

/// One associated record: `{"id": "...", "type": "car_to_contact"}`.
public struct AssociatedRecord: Hashable, Sendable, Codable {
    /// The associated record's ID.
    public var id: String
    /// The association type's name, as HubSpot sends it (`tasting_note_to_contact`).
    public var type: String

    /// An associated record with its association type.
    public init(id: String, type: String) {
        self.id = id
        self.type = type
    }
}
