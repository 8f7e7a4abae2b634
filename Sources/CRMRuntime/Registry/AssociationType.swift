/// One kind of association between two objects, read from `from`'s side: the unlabeled default
/// or one label. Generated types name theirs (`RoastBatch.Association.roaster`), so code says which
/// association it means with a constant the compiler checks rather than with strings.
///
/// ```swift
/// Registry.associations.allows(TastingNote.Association.cupper)     // true
/// Registry.associations.typeId(TastingNote.Association.cupper)     // HubSpot's type ID, when known
/// try store.associate(note, contact, as: TastingNote.Association.cupper)
/// ```
public struct AssociationType: Hashable, Sendable, CustomStringConvertible {
    /// The object whose side the association is read from.
    public let from: String
    public let to: String
    /// The label's name (`cupper`); `nil` for the unlabeled default.
    public let label: String?
    /// HubSpot's association type ID for `from → to`, when the definitions give it.
    public let typeId: Int?

    public init(from: String, to: String, label: String? = nil, typeId: Int? = nil) {
        self.from = from
        self.to = to
        self.label = label
        self.typeId = typeId
    }

    /// `tasting_note → contacts (cupper)`
    public var description: String { "\(from) → \(to)" + (label.map { " (\($0))" } ?? "") }
}

extension AssociationMatrix {
    /// Whether the matrix has this association: the pair, and the label if it has one.
    public func allows(_ type: AssociationType) -> Bool { allows(from: type.from, to: type.to, label: type.label) }

    /// HubSpot's type ID of the association, as this matrix knows it.
    public func typeId(_ type: AssociationType) -> Int? { typeId(from: type.from, to: type.to, label: type.label) }

    public func cardinality(_ type: AssociationType) -> Cardinality? { cardinality(from: type.from, to: type.to) }
}

extension AssociationStore {
    /// Associates two records under `type`, which must join their objects in this direction.
    public mutating func associate(_ from: RecordReference, _ to: RecordReference, as type: AssociationType) throws(AssociationError) {
        guard from.object == type.from, to.object == type.to else { throw .mismatchedType(type, from: from.object, to: to.object) }
        try associate(from, to, label: type.label)
    }
}
