import CRMModel

/// One object as `crmgen describe --format json` prints it: the schema, plus its associations
/// read from its side. Field names and meanings are documented in Documentation/Describe.md
/// and only ever gain fields.
struct ObjectDescription: Encodable {
    var name: String
    var kind: ObjectKind
    var objectTypeId: String?
    var labels: ObjectLabels
    var swiftName: String
    var description: String?
    var category: ObjectCategory
    var requires: ObjectRequirements
    var primaryDisplayProperty: String?
    var secondaryDisplayProperties: [String]
    var searchableProperties: [String]
    var owners: [String]
    var dedupKeys: [String]
    /// `path:line:column` of the definition; extensions follow in `extendedAt`.
    var source: String?
    var extendedAt: [String]
    var properties: [PropertySchema]
    var associations: [AssociationSchema]

    init(_ object: ObjectSchema, in schema: Schema) {
        name = object.name
        kind = object.kind
        objectTypeId = object.objectTypeId
        labels = object.labels
        swiftName = object.swiftName
        description = object.description
        category = object.category
        requires = object.requirements
        primaryDisplayProperty = object.primaryDisplayProperty
        secondaryDisplayProperties = object.secondaryDisplayProperties
        searchableProperties = object.searchableProperties
        owners = object.owners
        dedupKeys = object.dedupKeys
        source = object.location?.description
        extendedAt = object.extensionLocations.map(\.description)
        properties = object.properties
        associations = schema.associations(of: object.name).sorted { $0.to < $1.to }
    }
}
