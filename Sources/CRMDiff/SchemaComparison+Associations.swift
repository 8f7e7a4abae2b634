import CRMModel

extension SchemaComparison {
    /// Associations by their unordered pair of objects: a declaration may move to the other object's
    /// file without being a change. Each is read from the new declaration's side (the old declaration
    /// inverted when it was on the other side), so cardinality, requirements, type IDs and labels
    /// compare as the same association. A same-object association has no other side: it compares as declared.
    mutating func compareAssociations() {
        let oldNames = Set(old.objects.map(\.name))
        let newNames = Set(new.objects.map(\.name))
        let oldByPair = Dictionary(old.associations.map { (ObjectPair($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newPairs = Set(new.associations.map(ObjectPair.init))
        for association in old.associations where !newPairs.contains(ObjectPair(association)) {
            // Implicit ones come and go with their objects; an association of a removed object goes with it.
            guard !association.isImplicit, newNames.contains(association.from), newNames.contains(association.to) else { continue }
            record(.associationRemoved, between(association, at: association.location), "was removed")
        }
        for association in new.associations {
            if let before = oldByPair[ObjectPair(association)] {
                compare(before, association)
                continue
            }
            guard !association.isImplicit else { continue }
            if oldNames.contains(association.from) && oldNames.contains(association.to) {
                record(.associationAdded, between(association, at: association.location), "was added")
            }
            // Records of an object that existed have none of it, whether or not the other object is new.
            for direction in [association, association.inverted] where direction.required && oldNames.contains(direction.from) {
                record(.associationRequired, directed(direction, as: association, at: association.location),
                       "was added as required: every \(Shown.quoted(direction.from)) record must have one")
            }
        }
    }

    /// `association between 'a' and 'b'`, reported for the declaring object.
    private func between(_ association: AssociationSchema, at location: SourceLocation?) -> Subject {
        Subject(object: association.from, member: .association(with: association.to),
                phrase: "association between \(Shown.quoted(association.from)) and \(Shown.quoted(association.to))", location: location)
    }

    /// `association from 'a' to 'b'` read in `direction`, reported for `declared`'s declaring object.
    private func directed(_ direction: AssociationSchema, as declared: AssociationSchema, at location: SourceLocation?) -> Subject {
        Subject(object: declared.from, member: .association(with: declared.to),
                phrase: "association from \(Shown.quoted(direction.from)) to \(Shown.quoted(direction.to))", location: location)
    }

    private mutating func compare(_ old: AssociationSchema, _ new: AssociationSchema) {
        let before = old.from == new.from ? old : old.inverted
        // crmgen's implicit association where a declaration was: the change is the declaration's removal.
        let location = new.isImplicit && !old.isImplicit ? old.location : new.location
        let association = directed(new, as: new, at: location)

        if before.cardinality != new.cardinality {
            let rule: SchemaChange.Rule = before.cardinality.isNarrowed(to: new.cardinality)
                ? .associationCardinalityNarrowed : .associationCardinalityWidened
            setting(rule, "cardinality", before.cardinality, new.cardinality, of: association, shown: Shown.raw)
        }
        for (was, now) in [(before, new), (before.inverted, new.inverted)] {
            let direction = directed(now, as: new, at: location)
            if now.required && !was.required {
                record(.associationRequired, direction, "became required: every \(Shown.quoted(now.from)) record must have one")
            }
            if was.required && !now.required { record(.associationOptional, direction, "is no longer required") }
        }
        setting(.associationTypeIdChanged, "associationTypeId", before.associationTypeId, new.associationTypeId,
                of: association, shown: Shown.plain)
        setting(.associationTypeIdChanged, "inverseAssociationTypeId", before.inverseAssociationTypeId, new.inverseAssociationTypeId,
                of: association, shown: Shown.plain)
        compareLabels(before.labels, new.labels, of: new, at: location, removedAt: old.location)
    }

    /// Labels by name, their texts and type IDs read from the new declaration's side.
    private mutating func compareLabels(_ old: [AssociationLabel], _ new: [AssociationLabel], of association: AssociationSchema,
                                        at location: SourceLocation?, removedAt removal: SourceLocation?) {
        let between = "association between \(Shown.quoted(association.from)) and \(Shown.quoted(association.to))"
        let directed = "association from \(Shown.quoted(association.from)) to \(Shown.quoted(association.to))"
        func subject(_ label: AssociationLabel, of phrase: String, at location: SourceLocation?) -> Subject {
            Subject(object: association.from, member: .label(label.name, association: association.to),
                    phrase: "label \(Shown.quoted(label.name)) of \(phrase)", location: location)
        }
        let oldByName = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newNames = Set(new.map(\.name))
        for label in old where !newNames.contains(label.name) {
            record(.labelRemoved, subject(label, of: between, at: removal), "was removed")
        }
        for label in new {
            guard let before = oldByName[label.name] else {
                record(.labelAdded, subject(label, of: between, at: location), "was added")
                continue
            }
            let changed = subject(label, of: directed, at: location)
            setting(.labelTextChanged, "label", before.label, label.label, of: changed, shown: Shown.quoted)
            setting(.labelTextChanged, "inverseLabel", before.inverseLabel, label.inverseLabel, of: changed, shown: Shown.quoted)
            setting(.labelTypeIdChanged, "associationTypeId", before.associationTypeId, label.associationTypeId, of: changed, shown: Shown.plain)
            setting(.labelTypeIdChanged, "inverseAssociationTypeId", before.inverseAssociationTypeId, label.inverseAssociationTypeId,
                    of: changed, shown: Shown.plain)
        }
    }
}

/// Two object names regardless of order: the identity of an association.
private struct ObjectPair: Hashable {
    let first: String
    let second: String

    init(_ association: AssociationSchema) {
        (first, second) = association.from <= association.to ? (association.from, association.to) : (association.to, association.from)
    }
}

extension Cardinality {
    /// Whether a record of the declaring object may have many records of the other (`…-to-many`).
    var allowsManyTargets: Bool { self == .oneToMany || self == .manyToMany }
    /// Whether a record of the other object may have many records of the declaring one (`many-to-…`).
    var allowsManySources: Bool { self == .manyToOne || self == .manyToMany }

    /// Whether an end that allowed many records allows one in `other` (read from the same side), even if
    /// the other end widens: associations that were valid may no longer be.
    func isNarrowed(to other: Cardinality) -> Bool {
        (allowsManyTargets && !other.allowsManyTargets) || (allowsManySources && !other.allowsManySources)
    }
}
