import CRMModel

extension SchemaComparison {
    mutating func compareObjects() {
        let oldByName = Dictionary(old.objects.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newNames = Set(new.objects.map(\.name))
        // Its properties and associations go with it: one change, not one per member.
        for object in old.objects where !newNames.contains(object.name) {
            record(.objectRemoved, subject(of: object, at: place(of: object)), "was removed")
        }
        for object in new.objects {
            guard let before = oldByName[object.name] else {
                record(.objectAdded, subject(of: object, at: place(of: object)), "was added")
                continue
            }
            compare(before, object)
        }
    }

    private func subject(of object: ObjectSchema, at location: SourceLocation?) -> Subject {
        Subject(object: object.name, member: nil, phrase: "object \(Shown.quoted(object.name))", location: location)
    }

    /// Where a change of the object itself is shown: its definition or, when that is built in, its
    /// last extension, where the user wrote what differs.
    private func place(of object: ObjectSchema) -> SourceLocation? {
        guard let location = object.location, isBuiltIn(location) else { return object.location }
        return object.extensionLocations.last ?? location
    }

    /// The new side's place, unless only the built-in set defines the object there: then the old side's
    /// extension made the difference (the new definitions dropped it).
    private func place(of old: ObjectSchema, _ new: ObjectSchema) -> SourceLocation? {
        if let location = place(of: new), !isBuiltIn(location) { return location }
        if let location = place(of: old), !isBuiltIn(location) { return location }
        return place(of: new)
    }

    private mutating func compare(_ old: ObjectSchema, _ new: ObjectSchema) {
        let object = subject(of: new, at: place(of: old, new))
        let idRule: SchemaChange.Rule = old.objectTypeId == nil ? .objectTypeIdSet
            : new.objectTypeId == nil ? .objectTypeIdCleared : .objectTypeIdChanged
        setting(idRule, "objectTypeId", old.objectTypeId, new.objectTypeId, of: object, shown: Shown.quoted)

        setting(.objectTextChanged, "singular label", old.labels.singular, new.labels.singular, of: object, shown: Shown.quoted)
        setting(.objectTextChanged, "plural label", old.labels.plural, new.labels.plural, of: object, shown: Shown.quoted)
        description(.objectTextChanged, old.description, new.description, of: object)

        let rule = SchemaChange.Rule.objectSettingChanged
        setting(rule, "kind", old.kind, new.kind, of: object, shown: Shown.raw)
        setting(rule, "swiftName", old.swiftName, new.swiftName, of: object, shown: Shown.quoted)
        setting(rule, "fullyQualifiedName", old.fullyQualifiedName, new.fullyQualifiedName, of: object, shown: Shown.quoted)
        setting(rule, "category", old.category, new.category, of: object, shown: Shown.raw)
        setting(rule, "required tier", old.requirements.tier, new.requirements.tier, of: object, shown: Shown.raw)
        setting(rule, "required activation", old.requirements.activation, new.requirements.activation, of: object, shown: Shown.raw)
        setting(rule, "primaryDisplayProperty", old.primaryDisplayProperty, new.primaryDisplayProperty, of: object, shown: Shown.quoted)
        setting(rule, "secondaryDisplayProperties", old.secondaryDisplayProperties, new.secondaryDisplayProperties, of: object, shown: Shown.list)
        setting(rule, "searchableProperties", old.searchableProperties, new.searchableProperties, of: object, shown: Shown.list)
        setting(rule, "owners", old.owners, new.owners, of: object, shown: Shown.list)
        setting(rule, "dedupKeys", old.dedupKeys, new.dedupKeys, of: object, shown: Shown.list)
        comparePropertyGroups(old.propertyGroups, new.propertyGroups, of: object)

        compareProperties(old, new, of: object)
    }

    /// Property groups have no place of their own: their changes are placed at the object.
    private mutating func comparePropertyGroups(_ old: [PropertyGroup], _ new: [PropertyGroup], of object: Subject) {
        func subject(_ group: PropertyGroup) -> Subject {
            Subject(object: object.object, member: .propertyGroup(group.name),
                    phrase: "property group \(Shown.quoted(group.name)) of \(Shown.quoted(object.object))", location: object.location)
        }
        let oldByName = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newNames = Set(new.map(\.name))
        for group in old where !newNames.contains(group.name) {
            record(.objectSettingChanged, subject(group), "was removed")
        }
        for group in new {
            guard let before = oldByName[group.name] else {
                record(.objectSettingChanged, subject(group), "was added")
                continue
            }
            setting(.objectSettingChanged, "label", before.label, group.label, of: subject(group), shown: Shown.quoted)
            setting(.objectSettingChanged, "displayOrder", before.displayOrder, group.displayOrder, of: subject(group), shown: Shown.plain)
        }
    }
}
