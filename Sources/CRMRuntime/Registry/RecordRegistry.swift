import Foundation

/// Every object of a schema, by API name, label, objectTypeId and Swift type, with the
/// generated Swift types that model them. A generated `Registry` enum holds one of these.
public struct RecordRegistry: Sendable {
    public let schema: Schema
    public let associations: AssociationMatrix
    private let typesByName: [String: any CRMRecord.Type]

    public init(schema: Schema, recordTypes: [any CRMRecord.Type]) {
        self.schema = schema
        associations = AssociationMatrix(schema: schema)
        typesByName = Dictionary(recordTypes.map { ($0.objectName, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Decodes a registry's schema from the JSON that crmgen embeds in generated code.
    /// The JSON is written by the same crmgen that writes the code, so failing to read it is a build defect.
    public static func decodeSchema(_ json: String) -> Schema {
        do {
            return try JSONDecoder().decode(Schema.self, from: Data(json.utf8))
        } catch {
            preconditionFailure("crmgen: the generated registry is damaged; regenerate it (\(error))")
        }
    }

    /// The object with this API name, label, objectTypeId or Swift type name.
    public func object(_ reference: String) -> ObjectSchema? { schema.object(matching: reference) }

    public func object<Record: CRMRecord>(for _: Record.Type) -> ObjectSchema? { schema.object(named: Record.objectName) }

    /// The generated type of an object, when this module or one it imports has one.
    public func recordType(_ reference: String) -> (any CRMRecord.Type)? {
        object(reference).flatMap { typesByName[$0.name] }
    }

    public var recordTypes: [any CRMRecord.Type] { typesByName.keys.sorted().compactMap { typesByName[$0] } }
}
