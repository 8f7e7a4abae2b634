/// How many records may sit on each side of an association, read from the declaring object.
public enum Cardinality: String, CaseIterable, Hashable, Sendable, Codable {
    case oneToOne = "one-to-one"
    case oneToMany = "one-to-many"
    case manyToOne = "many-to-one"
    case manyToMany = "many-to-many"

    /// The same association read from the other side.
    public var inverse: Cardinality {
        switch self {
        case .oneToMany: .manyToOne
        case .manyToOne: .oneToMany
        case .oneToOne, .manyToMany: self
        }
    }
}

/// A labeled association type ("Primary", "Billing contact"), seen from the declaring side.
public struct AssociationLabel: Hashable, Sendable, Codable {
    /// snake_case name, unique within the association.
    public var name: String
    public var label: String
    /// The label read from the other side; equal to `label` when not given.
    public var inverseLabel: String
    public var associationTypeId: Int?
    public var inverseAssociationTypeId: Int?

    public init(name: String, label: String, inverseLabel: String? = nil, associationTypeId: Int? = nil, inverseAssociationTypeId: Int? = nil) {
        self.name = name
        self.label = label
        self.inverseLabel = inverseLabel ?? label
        self.associationTypeId = associationTypeId
        self.inverseAssociationTypeId = inverseAssociationTypeId
    }

    /// The same label read from the other side.
    public var inverted: AssociationLabel {
        AssociationLabel(name: name, label: inverseLabel, inverseLabel: label,
                         associationTypeId: inverseAssociationTypeId, inverseAssociationTypeId: associationTypeId)
    }
}

/// An association between two objects, declared once and valid in both directions.
public struct AssociationSchema: Hashable, Sendable, Codable {
    /// The object whose definition declares the association.
    public var from: String
    public var to: String
    public var cardinality: Cardinality
    /// HubSpot's default (unlabeled) type ID for `from` → `to`.
    public var associationTypeId: Int?
    /// HubSpot's default (unlabeled) type ID for `to` → `from`.
    public var inverseAssociationTypeId: Int?
    /// Every `from` record must have at least one such association.
    public var required: Bool
    /// Every `to` record must have at least one such association.
    public var inverseRequired: Bool
    public var labels: [AssociationLabel]
    /// Whether crmgen added it (custom objects' automatic associations) rather than a file.
    public var isImplicit: Bool
    public var location: SourceLocation?

    public init(
        from: String, to: String, cardinality: Cardinality = .manyToMany,
        associationTypeId: Int? = nil, inverseAssociationTypeId: Int? = nil,
        required: Bool = false, inverseRequired: Bool = false,
        labels: [AssociationLabel] = [], isImplicit: Bool = false, location: SourceLocation? = nil
    ) {
        self.from = from
        self.to = to
        self.cardinality = cardinality
        self.associationTypeId = associationTypeId
        self.inverseAssociationTypeId = inverseAssociationTypeId
        self.required = required
        self.inverseRequired = inverseRequired
        self.labels = labels
        self.isImplicit = isImplicit
        self.location = location
    }

    /// Whether both ends are the same object (contact ↔ contact).
    public var isSameObject: Bool { from == to }

    /// The association read from `to`'s side: `from`/`to`, IDs, labels and cardinality swapped.
    public var inverted: AssociationSchema {
        AssociationSchema(
            from: to, to: from, cardinality: cardinality.inverse,
            associationTypeId: inverseAssociationTypeId, inverseAssociationTypeId: associationTypeId,
            required: inverseRequired, inverseRequired: required,
            labels: labels.map(\.inverted), isImplicit: isImplicit, location: location
        )
    }
}
