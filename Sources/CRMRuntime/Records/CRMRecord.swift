import Foundation

/// A generated model type: one CRM object's record, coded to and from HubSpot's record JSON.
///
/// A record holds its JSON as received (``record``); its typed properties read and write those
/// values. So a record decoded and encoded again gives the same JSON, and values a record has
/// but does not understand (a number that is not a number, an option the definitions do not list)
/// are kept, written back, and reported by ``validate()``.
///
/// ```swift
/// var batch = try RoastBatch(json: data)
/// batch.qualityScore = 91              // writes "91"
/// batch.clear(.roastLevel)             // writes "roast_level": "" (HubSpot removes the value)
/// batch.roastDate = nil                // leaves roast_date out (HubSpot keeps its value)
/// ```
public protocol CRMRecord: Codable, Hashable, Sendable {
    /// The object's property names, as Swift cases (`.roastDate` is `"roast_date"`).
    associatedtype Property: RawRepresentable & CaseIterable & Hashable & Sendable where Property.RawValue == String

    /// The object's API name (`contacts`, `roast_batch`).
    static var objectName: String { get }
    /// The object's schema: properties, constraints, labels.
    static var schema: ObjectSchema { get }

    /// The record's JSON as received or built: ID, property values as text, timestamps, associations.
    var record: RecordEnvelope { get set }

    /// A record from HubSpot's record JSON, already parsed into its envelope. Never fails.
    init(record: RecordEnvelope)

    /// Reads a record from HubSpot's record JSON with crmgen's own parser: faster than `JSONDecoder`,
    /// and stricter (a key given twice is an error; `JSONDecoder` keeps one of the values). Generated
    /// types read their own properties into slots, without a dictionary.
    init(json: Data) throws(RecordJSONError)

    /// Every problem of the record, in property order.
    func validate() -> [ValidationIssue]
}

extension CRMRecord {
    /// Reads a record from HubSpot's record JSON with crmgen's own parser: faster than `JSONDecoder`,
    /// and stricter (a key given twice is an error; `JSONDecoder` keeps one of the values).
    public init(json: Data) throws(RecordJSONError) {
        self.init(record: try RecordEnvelope(json: json))
    }

    /// The record ID (HubSpot's `id`); `nil` for a record not yet created.
    public var id: String? {
        get { record.id }
        set { record.id = newValue }
    }

    /// When the record was created (`createdAt`).
    public var createdAt: Date? {
        get { record.createdAt }
        set { record.createdAt = newValue }
    }

    /// When the record was last changed (`updatedAt`).
    public var updatedAt: Date? {
        get { record.updatedAt }
        set { record.updatedAt = newValue }
    }

    /// Whether the record is archived (`archived`).
    public var archived: Bool? {
        get { record.archived }
        set { record.archived = newValue }
    }

    /// When the record was archived (`archivedAt`).
    public var archivedAt: Date? {
        get { record.archivedAt }
        set { record.archivedAt = newValue }
    }

    /// Associated records by object, when the request asked for them.
    public var associations: [String: AssociationResults]? {
        get { record.associations }
        set { record.associations = newValue }
    }

    /// Every property value as text, `""` and `null` included.
    public var properties: RecordProperties {
        get { record.properties }
        set { record.properties = newValue }
    }

    /// Values of properties this type does not name (server properties, other modules' extensions).
    public var additionalProperties: [String: String] {
        let known = Set(Property.allCases.map(\.rawValue))
        return record.properties.values.filter { !known.contains($0.key) }
    }

    /// Values that cannot be read as their property's type, kept verbatim and reported by ``validate()``.
    public var malformedProperties: [String: String] {
        var malformed: [String: String] = [:]
        for property in Self.schema.properties {
            if let text = record.properties[property.name], !PropertyValueSyntax.isValid(text, for: property) {
                malformed[property.name] = text
            }
        }
        return malformed
    }

    /// Clears a property: the record's JSON then carries `""` for it, which tells HubSpot to remove
    /// the value. (Setting the typed property to `nil` only leaves it out of the JSON.)
    public mutating func clear(_ property: Property) {
        record.properties.clear(property.rawValue)
    }

    /// Clears a property by its internal name, also one this type does not name.
    public mutating func clear(named name: String) {
        record.properties.clear(name)
    }

    /// Whether ``validate()`` finds nothing.
    public var isValid: Bool { validate().isEmpty }
}
