import CRMModel

extension SchemaComparison {
    /// Properties by name. A property without a place is one crmgen adds implicitly: it is never added
    /// or removed on its own, but compared when a definition of the same name replaced it on one side.
    mutating func compareProperties(_ old: ObjectSchema, _ new: ObjectSchema, of object: Subject) {
        let oldByName = Dictionary(old.properties.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newNames = Set(new.properties.map(\.name))
        for property in old.properties where !newNames.contains(property.name) && property.location != nil {
            record(.propertyRemoved, subject(of: property, in: object, at: property.location), "was removed")
        }
        for property in new.properties {
            guard let before = oldByName[property.name] else {
                guard property.location != nil else { continue }
                let added = subject(of: property, in: object, at: property.location)
                record(.propertyAdded, added, "was added")
                // Records of an object that existed have no value for it.
                if property.required { record(.propertyRequired, added, "was added as required") }
                continue
            }
            compare(before, property, in: object)
        }
    }

    private func subject(of property: PropertySchema, in object: Subject, at location: SourceLocation?) -> Subject {
        Subject(object: object.object, member: .property(property.name),
                phrase: "property \(Shown.quoted(property.name)) of \(Shown.quoted(object.object))", location: location)
    }

    private mutating func compare(_ old: PropertySchema, _ new: PropertySchema, in object: Subject) {
        // A property that only one side defines, the other side getting crmgen's implicit one: the
        // definition that was written is where the change is.
        let property = subject(of: new, in: object, at: new.location ?? old.location ?? object.location)
        setting(.propertyTypeChanged, "type", old.type, new.type, of: property, shown: Shown.raw)
        setting(.propertyFieldTypeChanged, "fieldType", old.fieldType, new.fieldType, of: property, shown: Shown.raw)
        if new.required && !old.required { record(.propertyRequired, property, "became required") }
        if old.required && !new.required { record(.propertyOptional, property, "is no longer required") }

        setting(.propertyTextChanged, "label", old.label, new.label, of: property, shown: Shown.quoted)
        description(.propertyTextChanged, old.description, new.description, of: property)

        let rule = SchemaChange.Rule.propertySettingChanged
        setting(rule, "groupName", old.groupName, new.groupName, of: property, shown: Shown.quoted)
        setting(rule, "displayOrder", old.displayOrder, new.displayOrder, of: property, shown: Shown.plain)
        setting(rule, "unique", old.unique, new.unique, of: property, shown: Shown.plain)
        setting(rule, "readOnly", old.readOnly, new.readOnly, of: property, shown: Shown.plain)
        setting(rule, "calculated", old.calculated, new.calculated, of: property, shown: Shown.plain)
        setting(rule, "calculationFormula", old.calculationFormula, new.calculationFormula, of: property, shown: Shown.quoted)
        setting(rule, "hidden", old.hidden, new.hidden, of: property, shown: Shown.plain)
        setting(rule, "pattern", old.pattern, new.pattern, of: property, shown: Shown.quoted)
        setting(rule, "minLength", old.minLength, new.minLength, of: property, shown: Shown.plain)
        setting(rule, "maxLength", old.maxLength, new.maxLength, of: property, shown: Shown.plain)
        // CRMNumber compares by value: `maximum: 1e2` is `maximum: 100`.
        setting(rule, "minimum", old.minimum, new.minimum, of: property, shown: Shown.plain)
        setting(rule, "maximum", old.maximum, new.maximum, of: property, shown: Shown.plain)
        setting(rule, "format", old.format, new.format, of: property, shown: Shown.raw)
        setting(rule, "numberDisplayHint", old.numberDisplayHint, new.numberDisplayHint, of: property, shown: Shown.raw)
        setting(rule, "referencedObjectType", old.referencedObjectType, new.referencedObjectType, of: property, shown: Shown.quoted)

        // Options mean something else under another type; the type change already says so.
        if old.type == new.type {
            compareOptions(old, new, of: property, removedAt: old.location ?? property.location)
        }
    }

    /// Options by value. They have no place of their own: their property's (in the old definitions for removals).
    private mutating func compareOptions(_ old: PropertySchema, _ new: PropertySchema, of property: Subject, removedAt removal: SourceLocation?) {
        func subject(_ option: PropertyOption, at location: SourceLocation?) -> Subject {
            Subject(object: property.object, member: .option(property: new.name, value: option.value),
                    phrase: "option \(Shown.quoted(option.value)) of \(property.phrase)", location: location)
        }
        let oldByValue = Dictionary(old.options.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
        let newValues = Set(new.options.map(\.value))
        if old.optionSource != new.optionSource {
            record(new.optionSource == .portal ? .optionsOpened : .optionsClosed, property,
                   new.optionSource == .portal ? "now accepts the portal's own options (optionSource: portal)"
                                               : "no longer accepts options it does not list (optionSource: definitions)")
        }
        for option in old.options where !newValues.contains(option.value) {
            if new.optionSource == .portal {
                record(.optionUnlisted, subject(option, at: removal), "is no longer listed (the portal's options stay valid)")
            } else {
                record(.optionRemoved, subject(option, at: removal), "was removed")
            }
        }
        for option in new.options {
            let changed = subject(option, at: property.location)
            guard let before = oldByValue[option.value] else {
                record(.optionAdded, changed, "was added")
                continue
            }
            setting(.optionTextChanged, "label", before.label, option.label, of: changed, shown: Shown.quoted)
            description(.optionTextChanged, before.description, option.description, of: changed)
            setting(.optionSettingChanged, "displayOrder", before.displayOrder, option.displayOrder, of: changed, shown: Shown.plain)
            setting(.optionSettingChanged, "hidden", before.hidden, option.hidden, of: changed, shown: Shown.plain)
        }
    }
}
