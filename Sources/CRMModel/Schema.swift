/// A complete, checked CRM data model: every object and every association between them.
///
/// A `Schema` only exists when loading found no errors, so every name in it resolves:
/// display properties exist, association ends are objects of the schema, and so on.
public struct Schema: Hashable, Sendable, Codable {
    /// Sorted by name, so that output built from a schema is deterministic.
    public private(set) var objects: [ObjectSchema]
    /// Each association once, as declared, sorted by (from, to).
    public private(set) var associations: [AssociationSchema]

    public init(objects: [ObjectSchema], associations: [AssociationSchema]) {
        // Sorted in place: an array the caller hands over is not copied (and objects come in order).
        var objects = objects
        objects.sort { $0.name < $1.name }
        var associations = associations
        associations.sort { ($0.from, $0.to) < ($1.from, $1.to) }
        self.objects = objects
        self.associations = associations
    }

    /// The object with this API name (`contacts`).
    public func object(named name: String) -> ObjectSchema? {
        objects.first { $0.name == name }
    }

    /// The object a user means by `reference`: its API name, objectTypeId, plural or singular label
    /// (any case), Swift type name, or API name in another case — in that order of precedence.
    public func object(matching reference: String) -> ObjectSchema? {
        if let exact = object(named: reference) { return exact }
        let index = referenceIndex()
        return (index[reference] ?? index[reference.lowercased()]).flatMap(object(named:))
    }

    /// Everything `object(matching:)` accepts besides API names, mapped to the API name: the first
    /// object to claim a key keeps it, by the precedence above and then by name.
    public func referenceIndex() -> [String: String] {
        var index: [String: String] = [:]
        let passes: [(ObjectSchema) -> [String]] = [
            { [$0.objectTypeId].compactMap { $0 } },
            { [$0.labels.plural.lowercased(), $0.labels.singular.lowercased()] },
            { [$0.swiftName] },
            { [$0.name.lowercased()] },
        ]
        for keys in passes {
            for object in objects {
                for key in keys(object) where index[key] == nil { index[key] = object.name }
            }
        }
        return index
    }

    /// Every association of `object`, read from its side (declared ones as they are,
    /// ones declared by the other object inverted). Same-object associations appear once.
    public func associations(of object: String) -> [AssociationSchema] {
        associations.compactMap { association in
            if association.from == object { return association }
            if association.to == object { return association.inverted }
            return nil
        }
    }
}
