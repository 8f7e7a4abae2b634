import CRMModel

/// Reads one property definition and checks it against HubSpot's rules for its type.
struct PropertyReader {
    let log: DiagnosticLog
    let document: YAMLDocument
    let file: String
    /// The object the property belongs to, for messages.
    let object: String
    let patterns: PatternChecker

    static let keys = AllowedKeys([
        .label, .description, .type, .fieldType, .groupName, .displayOrder,
        .required, .unique, .readOnly, .calculated, .calculationFormula, .hidden,
        .pattern, .minLength, .maxLength, .minimum, .maximum, .format,
        .numberDisplayHint, .referencedObjectType, .options, .optionSource,
    ])

    /// What an extension may say about a property the object already has.
    static let refinementKeys = AllowedKeys([.optionSource, .options])

    static let optionKeys = AllowedKeys([.value, .label, .description, .displayOrder, .hidden])

    /// Constraint keys that only make sense for one property type.
    private static let keysByType: [(keys: [KnownKey], set: KnownKeySet, type: PropertyType)] = [
        ([.pattern, .minLength, .maxLength, .format], KnownKeySet([.pattern, .minLength, .maxLength, .format]), .string),
        ([.minimum, .maximum, .numberDisplayHint], KnownKeySet([.minimum, .maximum, .numberDisplayHint]), .number),
    ]

    /// All the constraint keys of `keysByType`, for the common case of a property that has none.
    private static let constraintKeys = KnownKeySet(keysByType.flatMap(\.keys))

    /// `FieldType.allowed(for:)` of each property type, asked once: bit `n` set when the `n`th field
    /// type (in `FieldType.allCases` order) is allowed.
    private static let allowedFieldTypes: [(type: PropertyType, fieldTypes: UInt64)] = PropertyType.allCases.map { type in
        let allowed = FieldType.allowed(for: type)
        return (type, FieldType.allCases.enumerated().reduce(UInt64(0)) { mask, element in
            allowed.contains(element.element) ? mask | 1 << UInt64(element.offset) : mask
        })
    }

    private static func isAllowed(_ fieldType: FieldType, for type: PropertyType) -> Bool {
        guard let position = FieldType.yamlChoices.position(of: fieldType) else { return FieldType.allowed(for: type).contains(fieldType) }
        for entry in allowedFieldTypes where entry.type == type { return entry.fieldTypes >> UInt64(position) & 1 == 1 }
        return FieldType.allowed(for: type).contains(fieldType)
    }

    /// Reads the property and appends it to `properties` (where it is built in place, never copied);
    /// `false`, with nothing appended, when its type or field type cannot be known.
    /// - Parameter entry: the property's entry in its object's `properties` (its key is the name).
    func read(name: Located<String>, entry: Int32, _ node: Int32, appendingTo properties: inout [PropertySchema]) -> Bool {
        if !Naming.isSnakeCase(name.value) {
            log.error("property name '\(name.value)' must be \(Naming.snakeCaseRule)", at: name.location)
        }
        guard let reader = MappingReader(document, node, context: .property(entry: entry), allowedKeys: Self.keys, log: log) else { return false }
        let label = reader.stringValue(.label, required: true)
        let type = reader.choiceAndNode(.type, as: PropertyType.self, required: true)
        let fieldType = reader.choiceAndNode(.fieldType, as: FieldType.self, required: true)
        guard let type, let fieldType else { return false }
        // Made with what is known already, the rest at its defaults, and read into where it stays.
        properties.append(PropertySchema(reading: name.value, label: label ?? name.value, type: type.value, fieldType: fieldType.value,
                                         location: name.location))
        read(name: name, reader, type: type, fieldType: fieldType, into: &properties[properties.count - 1])
        return true
    }

    private func read(name: Located<String>, _ reader: MappingReader, type: (value: PropertyType, node: Int32),
                      fieldType: (value: FieldType, node: Int32), into property: inout PropertySchema) {

        if !Self.isAllowed(fieldType.value, for: type.value) {
            let allowed = FieldType.allowed(for: type.value)
            log.error("type '\(type.value.rawValue)' cannot have fieldType '\(fieldType.value.rawValue)'; "
                      + "HubSpot allows \(allowed.map(\.rawValue).joined(separator: ", ")) for \(type.value.rawValue)",
                      at: document.location(fieldType.node))
        }
        if let options = reader.entry(.options), type.value != .enumeration, type.value != .bool {
            log.error("'options' applies only to enumeration and bool properties, and '\(name.value)' is of type \(type.value.rawValue)",
                      at: reader.keyLocation(options))
        }
        if let source = reader.entry(.optionSource), type.value != .enumeration {
            log.error("'optionSource' applies only to enumeration properties, and '\(name.value)' is of type \(type.value.rawValue)",
                      at: reader.keyLocation(source))
        }
        if reader.hasAny(of: Self.constraintKeys) {
            for rule in Self.keysByType where rule.type != type.value && reader.hasAny(of: rule.set) {
                for key in rule.keys {
                    if let entry = reader.entry(key) {
                        log.error("'\(key.text)' applies only to \(rule.type.rawValue) properties, and '\(name.value)' is of type \(type.value.rawValue)",
                                  at: reader.keyLocation(entry))
                    }
                }
            }
        }

        // Every other setting read here, in the order of PropertySchema's initializer; the rest keep their
        // defaults. The optional ones are set only when given: they start unset, and each set one is kept out of line.
        if let description = reader.stringValue(.description) { property.description = description }
        if let groupName = reader.stringValue(.groupName) { property.groupName = groupName }
        if let displayOrder = reader.int(.displayOrder) { property.displayOrder = displayOrder.value }
        property.required = reader.bool(.required) ?? false
        property.unique = reader.bool(.unique) ?? false
        property.readOnly = reader.bool(.readOnly) ?? false
        property.calculated = reader.bool(.calculated) ?? (fieldType.value == .calculationEquation)
        if let calculationFormula = reader.stringValue(.calculationFormula) { property.calculationFormula = calculationFormula }
        property.hidden = reader.bool(.hidden) ?? false
        if property.required && property.readOnly {
            log.error("property '\(name.value)' cannot be both required and readOnly: no client could ever set it",
                      at: reader.entry(.required).map(reader.keyLocation) ?? name.location)
        }
        if property.calculationFormula != nil, fieldType.value != .calculationEquation {
            log.error("'calculationFormula' needs fieldType calculation_equation", at: reader.entry(.calculationFormula).map(reader.keyLocation) ?? name.location)
        }
        readReference(reader, into: &property)
        switch type.value {
        case .string: readStringConstraints(reader, into: &property)
        case .number: readNumberConstraints(reader, into: &property)
        case .enumeration:
            property.optionSource = reader.choice(.optionSource, as: OptionSource.self)?.value ?? .definitions
            readOptions(reader, into: &property)
        case .bool: readBoolOptions(reader, into: &property)
        case .date, .datetime: break
        }
    }

    private func readReference(_ reader: MappingReader, into property: inout PropertySchema) {
        guard let reference = reader.string(.referencedObjectType) else { return }
        let value = reference.value
        if value != PropertySchema.ownerReference && !Naming.isSnakeCase(value) {
            log.error("referencedObjectType '\(value)' must be OWNER or an object name" + log.didYouMean(value, among: ["OWNER"]),
                      at: reference.location)
            return
        }
        property.referencedObjectType = value
    }

    private func readStringConstraints(_ reader: MappingReader, into property: inout PropertySchema) {
        if let format = reader.choice(.format, as: PropertyFormat.self) { property.format = format.value }
        let minLength = reader.int(.minLength, atLeast: 0)
        let maxLength = reader.int(.maxLength, atLeast: 0)
        if let minLength, let maxLength, minLength.value > maxLength.value {
            log.error("minLength (\(minLength.value)) of property '\(property.name)' is greater than its maxLength (\(maxLength.value))",
                      at: minLength.location)
        }
        if let minLength { property.minLength = minLength.value }
        if let maxLength { property.maxLength = maxLength.value }
        if let pattern = reader.string(.pattern) {
            switch patterns.verdict(pattern.value) {
            case .valid: property.pattern = pattern.value
            case .slowToMatch:
                property.pattern = pattern.value
                log.warning("pattern of property '\(property.name)' repeats a group that itself repeats without bound, as '(a+)+' does: "
                            + "on a value that almost matches, matching can take exponential time, and a value the regular expression engine "
                            + "gives up on counts as not matching; make the inner repetition possessive ('a++') or the group atomic ('(?>…)')",
                            at: pattern.location)
            case .invalid:
                log.error("pattern of property '\(property.name)' is not a valid regular expression: '\(pattern.value)'", at: pattern.location)
            case .escapesGroup:
                log.error("pattern of property '\(property.name)' cannot be matched against whole values: inside '(?:…)' it no longer compiles ('\\Q' without '\\E', or a '#' comment under '(?x)'): '\(pattern.value)'",
                          at: pattern.location)
            }
        }
    }

    private func readNumberConstraints(_ reader: MappingReader, into property: inout PropertySchema) {
        let minimum = reader.number(.minimum)
        let maximum = reader.number(.maximum)
        if let minimum, let maximum, Self.isGreater(minimum.value, maximum.value) {
            log.error("minimum (\(minimum.value)) of property '\(property.name)' is greater than its maximum (\(maximum.value))",
                      at: minimum.location)
        }
        if let minimum { property.minimum = minimum.value }
        if let maximum { property.maximum = maximum.value }
        if let numberDisplayHint = reader.choice(.numberDisplayHint, as: NumberDisplayHint.self) { property.numberDisplayHint = numberDisplayHint.value }
    }

    /// `a > b`, exactly: whole numbers of up to 18 digits compared as `Int`s, others by `CRMNumber`.
    static func isGreater(_ a: CRMNumber, _ b: CRMNumber) -> Bool {
        if let a = smallInteger(a.text), let b = smallInteger(b.text) { return a > b }
        return a > b
    }

    /// `-?[0-9]{1,18}` as an `Int`.
    private static func smallInteger(_ text: String) -> Int? {
        text.withUTF8Bytes { bytes in
            let start = bytes.first == UInt8(ascii: "-") ? 1 : 0
            guard bytes.count > start, bytes.count - start <= 18 else { return nil }
            var value = 0
            for index in start..<bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return start == 1 ? -value : value
        }
    }

    private func readOptions(_ reader: MappingReader, into property: inout PropertySchema) {
        // The portal's own list may be unknown here; anything else needs its values.
        let mayBeEmpty = property.referencedObjectType != nil || property.optionSource == .portal
        guard let entry = reader.entry(.options) else {
            if !mayBeEmpty {
                log.error("enumeration property '\(property.name)' needs 'options' (or 'optionSource: portal', or a referencedObjectType such as OWNER)",
                          at: property.location)
            }
            return
        }
        // The reader's context is the property's: its name is the property's entry.
        property.options = readOptionList(document.entries[entry].value, property: property.name, entry: reader.context.name, mayBeEmpty: mayBeEmpty) ?? []
    }

    /// The options of a list, duplicates reported; `nil` when the value is not a list.
    private func readOptionList(_ list: Int32, property: String, entry: Int32, mayBeEmpty: Bool) -> [PropertyOption]? {
        guard document.kind(list) == .sequence else {
            log.error("'options' of property '\(property)' must be a list, found \(document.summary(list))", at: document.location(list, in: file))
            return nil
        }
        let items = document.itemRange(list)
        if items.isEmpty, !mayBeEmpty {
            log.error("enumeration property '\(property)' has an empty 'options' list", at: document.location(list, in: file))
        }
        var options: [PropertyOption] = []
        options.reserveCapacity(items.count)
        // The scalar of each kept option's value, for the note on a later duplicate: its place is
        // worked out only then.
        var valueNodes: [Int32] = []
        valueNodes.reserveCapacity(items.count)
        // Values already kept are searched in order while the list is short, then through this
        // index (value → position in `options`, the first kept winning).
        var seen: [String: Int] = [:]
        for position in items {
            guard let (valueNode, option) = readOption(document.items[position], property: property, entry: entry) else { continue }
            let value = option.value
            if let first = options.count < Self.optionsSearchedInOrder ? options.firstIndex(where: { $0.value == value }) : seen[value] {
                log.error("duplicate option value '\(value)' in property '\(property)'", at: document.location(valueNode, in: file),
                          notes: [.note("'\(value)' is first used here", at: document.location(valueNodes[first], in: file))])
                continue
            }
            options.append(option)
            valueNodes.append(valueNode)
            if options.count == Self.optionsSearchedInOrder {
                for index in options.indices { seen[options[index].value] = index }  // kept values are distinct
            } else if options.count > Self.optionsSearchedInOrder {
                seen[value] = options.count - 1
            }
        }
        return options
    }

    /// Options searched in order for a duplicate value; a longer list is searched through a dictionary.
    private static let optionsSearchedInOrder = 16

    /// Whether an extension's property entry changes an existing property rather than adding one:
    /// a mapping with only `options` and `optionSource`.
    func isRefinement(_ node: Int32) -> Bool {
        let entries = document.entryRange(node)
        guard !entries.isEmpty else { return false }
        return entries.allSatisfy { Self.refinementKeys.set.contains(document.entries[$0].key) }
    }

    /// An extension's `name: { optionSource: portal, options: [...] }`.
    func readRefinement(name: Located<String>, entry: Int32, _ node: Int32) -> PropertyRefinement? {
        guard let reader = MappingReader(document, node, context: .property(entry: entry), allowedKeys: Self.refinementKeys, log: log)
        else { return nil }
        var refinement = PropertyRefinement(name: name)
        refinement.optionSource = reader.choice(.optionSource, as: OptionSource.self)
        if let list = reader.value(.options) {
            refinement.options = readOptionList(list, property: name.value, entry: entry, mayBeEmpty: refinement.optionSource?.value == .portal)
        }
        return refinement
    }

    /// A bool's options, when given, are HubSpot's two: values `true` and `false`, with the labels
    /// the portal shows ("Yes", "No").
    private func readBoolOptions(_ reader: MappingReader, into property: inout PropertySchema) {
        guard let entry = reader.entry(.options) else { return }
        readOptions(reader, into: &property)
        let values = property.options.map(\.value)
        if values.sorted() != ["false", "true"] {
            log.error("options of bool property '\(property.name)' must be exactly the two HubSpot gives bools, values true and false (with their labels), found \(values.isEmpty ? "none" : values.joined(separator: ", "))",
                      at: reader.valueLocation(entry))
        }
    }

    /// An option is a mapping with `value` and `label`, or a plain string used as both; with the
    /// scalar of its value.
    private func readOption(_ node: Int32, property: String, entry: Int32) -> (valueNode: Int32, option: PropertyOption)? {
        if document.kind(node) == .scalar {
            guard let text = document.stringValue(node) else {
                log.error("an option of property '\(property)' must have a value, found null", at: document.location(node, in: file))
                return nil
            }
            return (node, PropertyOption(value: text, label: text))
        }
        guard let reader = MappingReader(document, node, context: .option(propertyEntry: entry), allowedKeys: Self.optionKeys, log: log),
              let value = reader.stringAndNode(.value, required: true)
        else { return nil }
        let label = reader.stringValue(.label, required: true) ?? value.text
        let option = PropertyOption(
            value: value.text, label: label, description: reader.stringValue(.description),
            displayOrder: reader.int(.displayOrder)?.value, hidden: reader.bool(.hidden) ?? false
        )
        return (value.node, option)
    }
}
