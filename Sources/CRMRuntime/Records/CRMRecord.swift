import Foundation

/// A generated model type: one CRM object's record, coded to and from HubSpot's record JSON.
public protocol CRMRecord: Codable, Hashable, Sendable {
    /// The object's API name (`contacts`, `roast_batch`).
    static var objectName: String { get }
    /// The object's schema: properties, constraints, labels.
    static var schema: ObjectSchema { get }

    /// The record ID (HubSpot's `id`); `nil` for a record not yet created.
    var id: String? { get set }
    /// Properties the definitions do not name, kept as received and written back.
    var additionalProperties: [String: String] { get set }
    /// Values that could not be read as their property's type, kept verbatim and reported by ``validate()``.
    var malformedProperties: [String: String] { get set }

    /// Reads a record from HubSpot's record JSON, already parsed into its envelope. Never fails:
    /// values that are not of their property's type go to ``malformedProperties``.
    init(record: RecordEnvelope)

    /// Every problem of the record, in property order.
    func validate() -> [ValidationIssue]
}

extension CRMRecord {
    /// Reads a record from HubSpot's record JSON with crmgen's own parser (faster than `JSONDecoder`).
    public init(json: Data) throws(RecordJSONError) {
        self.init(record: try RecordEnvelope(json: json))
    }

    /// Whether ``validate()`` finds nothing.
    public var isValid: Bool { validate().isEmpty }
}
