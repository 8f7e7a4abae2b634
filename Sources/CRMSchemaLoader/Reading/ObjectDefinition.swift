import CRMModel

/// What a definition file says, read and checked on its own, before it meets the other files.
struct ObjectDefinition {
    enum Kind: String, CaseIterable, Sendable {
        case standard, custom
        case `extension`
    }

    var name: Located<String>
    var kind: Kind
    var objectTypeId: Located<String>?
    var fullyQualifiedName: String?
    var propertyGroups: [PropertyGroup] = []
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
    /// Changes an extension makes to the options of the object's existing enumerations.
    var refinements: [PropertyRefinement] = []

    /// The `object:` line, which generated code cites.
    var location: SourceLocation { name.location }
}

/// An extension's change to an enumeration the object already has: a portal's own list of
/// options (what `pull` writes), or whose list it is (`optionSource`).
struct PropertyRefinement {
    var name: Located<String>
    var optionSource: Located<OptionSource>?
    var options: [PropertyOption]?
}

/// An association as written, with the place of its `to:` for messages about the target.
struct AssociationDefinition {
    var target: Located<String>
    var schema: AssociationSchema
}

extension ObjectDefinition {
    /// An already resolved object (from a compiled registry) as a definition, so that files
    /// loaded on top of it are resolved by the same rules as the built-in set.
    init(resolved object: ObjectSchema) {
        let at = object.location ?? SourceLocation(file: "<compiled>", line: 1, column: 1)
        self.init(name: Located(object.name, at: at), kind: object.kind == .custom ? .custom : .standard)
        objectTypeId = object.objectTypeId.map { Located($0, at: at) }
        fullyQualifiedName = object.fullyQualifiedName
        propertyGroups = object.propertyGroups
        labels = object.labels
        swiftName = Located(object.swiftName, at: at)
        description = object.description
        category = object.category
        requirements = object.requirements
        primaryDisplayProperty = object.primaryDisplayProperty.map { Located($0, at: at) }
        secondaryDisplayProperties = object.secondaryDisplayProperties.map { Located($0, at: at) }
        searchableProperties = object.searchableProperties.map { Located($0, at: at) }
        owners = object.owners.map { Located($0, at: at) }
        dedupKeys = object.dedupKeys.map { Located($0, at: at) }
        properties = object.properties
    }
}
