import CRMModel

/// Reads one property definition and checks it against HubSpot's rules for its type.
struct PropertyReader {
    let log: DiagnosticLog
    let file: String
    /// The object the property belongs to, for messages.
    let object: String
    let patterns: PatternChecker

    static let keys = [
        "label", "description", "type", "fieldType", "groupName", "displayOrder",
        "required", "unique", "readOnly", "calculated", "calculationFormula", "hidden",
        "pattern", "minLength", "maxLength", "minimum", "maximum", "format",
        "numberDisplayHint", "referencedObjectType", "options", "optionSource",
    ]

    /// What an extension may say about a property the object already has.
    static let refinementKeys: Set<String> = ["options", "optionSource"]

    static let optionKeys = ["value", "label", "description", "displayOrder", "hidden"]

    /// Constraint keys that only make sense for one property type.
    private static let keysByType: [(keys: [String], type: PropertyType)] = [
        (["pattern", "minLength", "maxLength", "format"], .string),
        (["minimum", "maximum", "numberDisplayHint"], .number),
    ]

    /// The property, or `nil` when its type or field type cannot be known.
    func read(name: Located<String>, _ node: YAMLNode) -> PropertySchema? {
        if !Naming.isSnakeCase(name.value) {
            log.error("property name '\(name.value)' must be \(Naming.snakeCaseRule)", at: name.location)
        }
        guard let reader = MappingReader(node, in: file, context: .property(name.value), allowedKeys: Self.keys, log: log) else { return nil }
        let label = reader.string("label", required: true)
        let type = reader.choice("type", as: PropertyType.self, required: true)
        let fieldType = reader.choice("fieldType", as: FieldType.self, required: true)
        guard let type, let fieldType else { return nil }

        let allowed = FieldType.allowed(for: type.value)
        if !allowed.contains(fieldType.value) {
            log.error("type '\(type.value.rawValue)' cannot have fieldType '\(fieldType.value.rawValue)'; "
                      + "HubSpot allows \(allowed.map(\.rawValue).joined(separator: ", ")) for \(type.value.rawValue)",
                      at: fieldType.location)
        }
        if let options = reader.entry("options"), type.value != .enumeration, type.value != .bool {
            log.error("'options' applies only to enumeration and bool properties, and '\(name.value)' is of type \(type.value.rawValue)",
                      at: options.keyLocation(in: file))
        }
        if let source = reader.entry("optionSource"), type.value != .enumeration {
            log.error("'optionSource' applies only to enumeration properties, and '\(name.value)' is of type \(type.value.rawValue)",
                      at: source.keyLocation(in: file))
        }
        for rule in Self.keysByType where rule.type != type.value {
            for key in rule.keys {
                if let entry = reader.entry(key) {
                    log.error("'\(key)' applies only to \(rule.type.rawValue) properties, and '\(name.value)' is of type \(type.value.rawValue)",
                              at: entry.keyLocation(in: file))
                }
            }
        }

        var property = PropertySchema(
            name: name.value, label: label?.value ?? name.value,
            description: reader.string("description")?.value,
            type: type.value, fieldType: fieldType.value,
            groupName: reader.string("groupName")?.value,
            displayOrder: reader.int("displayOrder")?.value,
            required: reader.bool("required") ?? false,
            unique: reader.bool("unique") ?? false,
            readOnly: reader.bool("readOnly") ?? false,
            calculated: reader.bool("calculated") ?? (fieldType.value == .calculationEquation),
            calculationFormula: reader.string("calculationFormula")?.value,
            hidden: reader.bool("hidden") ?? false,
            location: name.location
        )
        if property.required && property.readOnly {
            log.error("property '\(name.value)' cannot be both required and readOnly: no client could ever set it",
                      at: reader.entry("required")?.keyLocation(in: file) ?? name.location)
        }
        if property.calculationFormula != nil, fieldType.value != .calculationEquation {
            log.error("'calculationFormula' needs fieldType calculation_equation", at: reader.entry("calculationFormula")?.keyLocation(in: file) ?? name.location)
        }
        readReference(reader, into: &property)
        guard type.value == property.type else { return property }
        switch type.value {
        case .string: readStringConstraints(reader, into: &property)
        case .number: readNumberConstraints(reader, into: &property)
        case .enumeration:
            property.optionSource = reader.choice("optionSource", as: OptionSource.self)?.value ?? .definitions
            readOptions(reader, into: &property)
        case .bool: readBoolOptions(reader, into: &property)
        case .date, .datetime: break
        }
        return property
    }

    private func readReference(_ reader: MappingReader, into property: inout PropertySchema) {
        guard let reference = reader.string("referencedObjectType") else { return }
        let value = reference.value
        if value != PropertySchema.ownerReference && !Naming.isSnakeCase(value) {
            log.error("referencedObjectType '\(value)' must be OWNER or an object name" + log.didYouMean(value, among: ["OWNER"]),
                      at: reference.location)
            return
        }
        property.referencedObjectType = value
    }

    private func readStringConstraints(_ reader: MappingReader, into property: inout PropertySchema) {
        property.format = reader.choice("format", as: PropertyFormat.self)?.value
        let minLength = reader.int("minLength", atLeast: 0)
        let maxLength = reader.int("maxLength", atLeast: 0)
        if let minLength, let maxLength, minLength.value > maxLength.value {
            log.error("minLength (\(minLength.value)) of property '\(property.name)' is greater than its maxLength (\(maxLength.value))",
                      at: minLength.location)
        }
        property.minLength = minLength?.value
        property.maxLength = maxLength?.value
        if let pattern = reader.string("pattern") {
            switch patterns.verdict(pattern.value) {
            case .valid: property.pattern = pattern.value
            case .invalid:
                log.error("pattern of property '\(property.name)' is not a valid regular expression: '\(pattern.value)'", at: pattern.location)
            case .escapesGroup:
                log.error("pattern of property '\(property.name)' cannot be matched against whole values: inside '(?:…)' it no longer compiles ('\\Q' without '\\E', or a '#' comment under '(?x)'): '\(pattern.value)'",
                          at: pattern.location)
            }
        }
    }

    private func readNumberConstraints(_ reader: MappingReader, into property: inout PropertySchema) {
        let minimum = reader.number("minimum")
        let maximum = reader.number("maximum")
        if let minimum, let maximum, minimum.value > maximum.value {
            log.error("minimum (\(minimum.value)) of property '\(property.name)' is greater than its maximum (\(maximum.value))",
                      at: minimum.location)
        }
        property.minimum = minimum?.value
        property.maximum = maximum?.value
        property.numberDisplayHint = reader.choice("numberDisplayHint", as: NumberDisplayHint.self)?.value
    }

    private func readOptions(_ reader: MappingReader, into property: inout PropertySchema) {
        // The portal's own list may be unknown here; anything else needs its values.
        let mayBeEmpty = property.referencedObjectType != nil || property.optionSource == .portal
        guard let entry = reader.entry("options") else {
            if !mayBeEmpty {
                log.error("enumeration property '\(property.name)' needs 'options' (or 'optionSource: portal', or a referencedObjectType such as OWNER)",
                          at: property.location)
            }
            return
        }
        property.options = readOptionList(entry, property: property.name, mayBeEmpty: mayBeEmpty) ?? []
    }

    /// The options of a list, duplicates reported; `nil` when the value is not a list.
    private func readOptionList(_ entry: YAMLMapping.Entry, property: String, mayBeEmpty: Bool) -> [PropertyOption]? {
        guard let items = entry.value.sequence else {
            log.error("'options' of property '\(property)' must be a list, found \(entry.value.summary)", at: entry.value.location(in: file))
            return nil
        }
        if items.isEmpty, !mayBeEmpty {
            log.error("enumeration property '\(property)' has an empty 'options' list", at: entry.value.location(in: file))
        }
        var options: [PropertyOption] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let option = readOption(item, property: property) else { continue }
            if let first = seen[option.value.value] {
                log.error("duplicate option value '\(option.value.value)' in property '\(property)'", at: option.value.location,
                          notes: [.note("'\(option.value.value)' is first used here", at: first)])
                continue
            }
            seen[option.value.value] = option.value.location
            options.append(option.option)
        }
        return options
    }

    /// Whether an extension's property entry changes an existing property rather than adding one:
    /// a mapping with only `options` and `optionSource`.
    static func isRefinement(_ node: YAMLNode) -> Bool {
        guard let mapping = node.mapping, !mapping.entries.isEmpty else { return false }
        return mapping.entries.allSatisfy { refinementKeys.contains($0.key) }
    }

    /// An extension's `name: { optionSource: portal, options: [...] }`.
    func readRefinement(name: Located<String>, _ node: YAMLNode) -> PropertyRefinement? {
        guard let reader = MappingReader(node, in: file, context: .property(name.value), allowedKeys: Array(Self.refinementKeys).sorted(), log: log)
        else { return nil }
        var refinement = PropertyRefinement(name: name)
        refinement.optionSource = reader.choice("optionSource", as: OptionSource.self)
        if let entry = reader.entry("options") {
            refinement.options = readOptionList(entry, property: name.value, mayBeEmpty: refinement.optionSource?.value == .portal)
        }
        return refinement
    }

    /// A bool's options, when given, are HubSpot's two: values `true` and `false`, with the labels
    /// the portal shows ("Yes", "No").
    private func readBoolOptions(_ reader: MappingReader, into property: inout PropertySchema) {
        guard let entry = reader.entry("options") else { return }
        readOptions(reader, into: &property)
        let values = property.options.map(\.value)
        if values.sorted() != ["false", "true"] {
            log.error("options of bool property '\(property.name)' must be exactly the two HubSpot gives bools, values true and false (with their labels), found \(values.isEmpty ? "none" : values.joined(separator: ", "))",
                      at: entry.value.location(in: file))
        }
    }

    /// An option is a mapping with `value` and `label`, or a plain string used as both.
    private func readOption(_ node: YAMLNode, property: String) -> (value: Located<String>, option: PropertyOption)? {
        if let scalar = node.scalar {
            guard let text = scalar.stringValue else {
                log.error("an option of property '\(property)' must have a value, found null", at: node.location(in: file))
                return nil
            }
            return (Located(text, at: node.location(in: file)), PropertyOption(value: text, label: text))
        }
        guard let reader = MappingReader(node, in: file, context: .option(property: property), allowedKeys: Self.optionKeys, log: log),
              let value = reader.string("value", required: true)
        else { return nil }
        let label = reader.string("label", required: true)?.value ?? value.value
        let option = PropertyOption(
            value: value.value, label: label, description: reader.string("description")?.value,
            displayOrder: reader.int("displayOrder")?.value, hidden: reader.bool("hidden") ?? false
        )
        return (value, option)
    }
}
