import CRMModel

/// What a definition file says, read and checked on its own, before it meets the other files.
struct ObjectDefinition {
    enum Kind: String, CaseIterable {
        case standard, custom
        case `extension`
    }

    var name: Located<String>
    var kind: Kind
    var objectTypeId: Located<String>?
    var labels: ObjectLabels?
    var swiftName: Located<String>?
    var description: String?
    var category: ObjectCategory?
    var requirements: ObjectRequirements?
    var primaryDisplayProperty: Located<String>?
    var secondaryDisplayProperties: [Located<String>] = []
    var searchableProperties: [Located<String>] = []
    var owners: [Located<String>]?
    var dedupKeys: [Located<String>]?
    var properties: [PropertySchema] = []
    /// Properties whose definitions had errors: references to them are not reported again.
    var unreadableProperties: Set<String> = []
    /// The `properties:` value itself was unusable: no reference to a property can be checked.
    var propertiesAreUnreadable = false
    var associations: [AssociationDefinition] = []

    /// The `object:` line, which generated code cites.
    var location: SourceLocation { name.location }
    var file: String { name.location.file }
}

/// An association as written, with the place of its `to:` for messages about the target.
struct AssociationDefinition {
    var target: Located<String>
    var schema: AssociationSchema
}
