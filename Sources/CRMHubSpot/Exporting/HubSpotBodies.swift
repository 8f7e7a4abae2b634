import CRMModel

/// Request bodies in HubSpot's exact shapes (Documentation/HubSpotShapes.md, section 2): every key
/// the models require, even when empty, and no key they lack. Keys in the order HubSpot's docs write them.
enum HubSpotBodies {
    /// Properties the schemas API cannot create with their object: calculated ones and owner pickers
    /// (the egg has no `calculationFormula` or `externalOptions`), and those in a group the object's
    /// definition creates (the group can only be made once the object exists).
    static func needsPropertiesAPI(_ property: PropertySchema, of object: ObjectSchema) -> Bool {
        property.calculationFormula != nil || property.calculated || property.isOwner
            || property.groupName.map { group in object.propertyGroups.contains { $0.name == group } } == true
    }

    /// `POST /crm/v3/schemas` (ObjectSchemaEgg), and what must wait for a `PATCH` once the rest of the
    /// properties exist (display, searchable and required properties that are not in the egg).
    static func objectSchemaEgg(_ object: ObjectSchema) -> (egg: JSONValue, patch: JSONValue?) {
        let own = object.properties.filter { !HubSpotNames.isHubSpotDefined($0.name) }
        let inEgg = own.filter { !needsPropertiesAPI($0, of: object) }
        let eggNames = Set(inEgg.map(\.name))
        let exists = { (name: String) in eggNames.contains(name) || HubSpotNames.isHubSpotDefined(name) }
        var pairs: [(key: String, value: JSONValue)] = [
            ("name", .string(object.name)),
            ("labels", .object([("singular", .string(object.labels.singular)), ("plural", .string(object.labels.plural))])),
        ]
        if let description = object.description { pairs.append(("description", .string(description))) }
        if let primary = object.primaryDisplayProperty, exists(primary) { pairs.append(("primaryDisplayProperty", .string(primary))) }
        pairs.append(("secondaryDisplayProperties", .array(object.secondaryDisplayProperties.filter(exists).map(JSONValue.string))))
        pairs.append(("searchableProperties", .array(object.searchableProperties.filter(exists).map(JSONValue.string))))
        pairs.append(("requiredProperties", .array(inEgg.filter(\.required).map { .string($0.name) })))
        pairs.append(("associatedObjects", .array([])))
        pairs.append(("properties", .array(inEgg.map(eggProperty))))

        var patch: [(key: String, value: JSONValue)] = []
        if let primary = object.primaryDisplayProperty, !exists(primary) { patch.append(("primaryDisplayProperty", .string(primary))) }
        if !object.secondaryDisplayProperties.allSatisfy(exists) {
            patch.append(("secondaryDisplayProperties", .array(object.secondaryDisplayProperties.map(JSONValue.string))))
        }
        if !object.searchableProperties.allSatisfy(exists) {
            patch.append(("searchableProperties", .array(object.searchableProperties.map(JSONValue.string))))
        }
        if own.contains(where: { $0.required && !eggNames.contains($0.name) }) {
            patch.append(("requiredProperties", .array(own.filter(\.required).map { .string($0.name) })))
        }
        return (.object(pairs), patch.isEmpty ? nil : .object(patch))
    }

    /// A property inside the egg (ObjectTypePropertyCreate).
    static func eggProperty(_ property: PropertySchema) -> JSONValue {
        var pairs = commonPropertyPairs(property)
        if property.unique { pairs.append(("hasUniqueValue", true)) }
        if let options = options(property) { pairs.append(("options", options)) }
        if let hint = property.numberDisplayHint { pairs.append(("numberDisplayHint", .string(hint.rawValue))) }
        if let reference = property.referencedObjectType { pairs.append(("referencedObjectType", .string(reference))) }
        return .object(pairs)
    }

    /// `POST /crm/v3/properties/{objectType}` (PropertyCreate); `nil` when no group can be named, which
    /// HubSpot requires here.
    static func propertyCreate(_ property: PropertySchema, of object: ObjectSchema) -> JSONValue? {
        guard let group = property.groupName ?? defaultGroup(of: object) else { return nil }
        var pairs = commonPropertyPairs(property, groupName: group)
        if property.unique { pairs.append(("hasUniqueValue", true)) }
        if let options = options(property) { pairs.append(("options", options)) }
        if let formula = property.calculationFormula { pairs.append(("calculationFormula", .string(formula))) }
        if property.isOwner { pairs.append(("externalOptions", true)) }
        if let reference = property.referencedObjectType { pairs.append(("referencedObjectType", .string(reference))) }
        if let hint = property.numberDisplayHint { pairs.append(("numberDisplayHint", .string(hint.rawValue))) }
        return .object(pairs)
    }

    private static func commonPropertyPairs(_ property: PropertySchema, groupName: String? = nil) -> [(key: String, value: JSONValue)] {
        var pairs: [(key: String, value: JSONValue)] = [
            ("name", .string(property.name)), ("label", .string(property.label)),
            ("type", .string(property.type.rawValue)), ("fieldType", .string(property.fieldType.rawValue)),
        ]
        if let group = groupName ?? property.groupName { pairs.append(("groupName", .string(group))) }
        if let description = property.description { pairs.append(("description", .string(description))) }
        if let order = property.displayOrder { pairs.append(("displayOrder", .integer(order))) }
        if property.hidden { pairs.append(("hidden", true)) }
        return pairs
    }

    /// Options with `hidden` and `displayOrder` always (required in the schemas API); `nil` when the
    /// property has none. A bool's options are its true/false labels.
    static func options(_ property: PropertySchema) -> JSONValue? {
        guard !property.options.isEmpty, property.type == .enumeration || property.type == .bool else { return nil }
        return .array(property.options.enumerated().map { index, option in
            var pairs: [(key: String, value: JSONValue)] = [("label", .string(option.label)), ("value", .string(option.value))]
            if let description = option.description { pairs.append(("description", .string(description))) }
            pairs.append(("displayOrder", .integer(option.displayOrder ?? index)))
            pairs.append(("hidden", .bool(option.hidden)))
            return .object(pairs)
        })
    }

    /// HubSpot's own group for properties of a standard object, where its docs name one.
    static func defaultGroup(of object: ObjectSchema) -> String? {
        switch object.name {
        case "contacts": "contactinformation"
        case "companies": "companyinformation"
        case "deals": "dealinformation"
        case "tickets": "ticketinformation"
        default: object.kind == .custom ? "\(object.name)_information" : nil
        }
    }

    static func propertyGroup(_ group: PropertyGroup) -> JSONValue {
        var pairs: [(key: String, value: JSONValue)] = [("name", .string(group.name)), ("label", .string(group.label))]
        if let order = group.displayOrder { pairs.append(("displayOrder", .integer(order))) }
        return .object(pairs)
    }

    /// `POST /crm/v4/associations/{from}/{to}/labels`: a label and, when it differs, its inverse.
    static func labelCreate(_ label: AssociationLabel) -> JSONValue {
        var pairs: [(key: String, value: JSONValue)] = [("label", .string(label.label)), ("name", .string(label.name))]
        if label.inverseLabel != label.label { pairs.append(("inverseLabel", .string(label.inverseLabel))) }
        return .object(pairs)
    }
}
