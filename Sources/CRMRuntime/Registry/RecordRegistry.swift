import Foundation

/// Every object of a schema, by API name, label, objectTypeId and Swift type, with the
/// generated Swift types that model them. A generated `Registry` enum holds one of these.
///
/// Every lookup is a hash lookup: the indexes are built once, when the registry is made.
public struct RecordRegistry: Sendable {
    /// Every object and association, as crmgen resolved them.
    public let schema: Schema
    /// Which objects may associate, under which labels (`Registry.associations`).
    public let associations: AssociationMatrix
    private let objectsByName: [String: ObjectSchema]
    /// Labels (lowercased), objectTypeIds and Swift type names → API name.
    private let namesByReference: [String: String]
    private let typesByName: [String: any CRMRecord.Type]

    @_spi(Generated) public init(schema: Schema, recordTypes: [any CRMRecord.Type]) {
        self.schema = schema
        associations = AssociationMatrix(schema: schema)
        objectsByName = Dictionary(schema.objects.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        namesByReference = schema.referenceIndex()
        typesByName = Dictionary(recordTypes.map { ($0.objectName, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The object with this API name, label (any case), objectTypeId or Swift type name, as
    /// `Schema.object(matching:)` finds it.
    public func object(_ reference: String) -> ObjectSchema? {
        if let object = objectsByName[reference] { return object }
        let name = namesByReference[reference] ?? namesByReference[reference.lowercased()]
        return name.flatMap { objectsByName[$0] }
    }

    /// The schema of a generated type's object: `object(for: TastingNote.self)`.
    public func object<Record: CRMRecord>(for _: Record.Type) -> ObjectSchema? { objectsByName[Record.objectName] }

    /// The generated type of an object, when this module or one it imports has one.
    public func recordType(_ reference: String) -> (any CRMRecord.Type)? {
        object(reference).flatMap { typesByName[$0.name] }
    }

    /// Every generated type the registry knows, sorted by object name.
    public var recordTypes: [any CRMRecord.Type] { typesByName.keys.sorted().compactMap { typesByName[$0] } }
}
