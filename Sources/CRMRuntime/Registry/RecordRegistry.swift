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

    /// - Parameter imported: registries of modules this one imports (CRMObjects): their objects and
    ///   associations join this schema where it has none of its own, so an app sees one registry.
    @_spi(Generated) public init(schema own: Schema, recordTypes: [any CRMRecord.Type], merging imported: [RecordRegistry] = []) {
        let schema = Self.merged(own, imported.map(\.schema))
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

    /// `own`, with the objects and associations of `others` that it lacks: an object by its name, an
    /// association by its pair of objects. `own`'s come first and win.
    static func merged(_ own: Schema, _ others: [Schema]) -> Schema {
        guard !others.isEmpty else { return own }
        var objects = own.objects
        var names = Set(objects.map(\.name))
        var associations = own.associations
        var pairs = Set(associations.map { [$0.from, $0.to].sorted() })
        for other in others {
            for object in other.objects where names.insert(object.name).inserted { objects.append(object) }
            for association in other.associations where names.contains(association.from) && names.contains(association.to) {
                if pairs.insert([association.from, association.to].sorted()).inserted { associations.append(association) }
            }
        }
        return Schema(objects: objects, associations: associations)
    }
}
