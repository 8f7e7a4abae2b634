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
        self.objects = objects.sorted { $0.name < $1.name }
        self.associations = associations.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// The object with this API name (`contacts`).
    public func object(named name: String) -> ObjectSchema? {
        objects.first { $0.name == name }
    }

    /// The object a user means by `reference`: its API name, singular or plural label
    /// (case-insensitive), objectTypeId, or Swift type name.
    public func object(matching reference: String) -> ObjectSchema? {
        if let exact = object(named: reference) { return exact }
        let folded = reference.lowercased()
        return objects.first {
            $0.objectTypeId == reference
                || $0.labels.plural.lowercased() == folded
                || $0.labels.singular.lowercased() == folded
                || $0.swiftName == reference
                || $0.name.lowercased() == folded
        }
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
