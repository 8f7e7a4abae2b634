import CRMModel

/// A Swift type to generate for one object: the translate step between the schema and
/// the text, where every Swift name is chosen (and kept from clashing) once.
struct RecordTypeModel {
    let object: ObjectSchema
    let typeName: String
    let properties: [PropertyModel]
    /// `path:line` of the definition, relative to the source root.
    let source: String

    init(object: ObjectSchema, sourcePaths: SourcePaths) {
        self.object = object
        typeName = object.swiftName
        source = sourcePaths.cite(object.location)
        var names = NameScope(taken: SwiftSyntax.reservedMembers)
        var typeNames = NameScope(taken: PropertyModel.reservedTypeNames.union([object.swiftName]))
        properties = object.properties.map { PropertyModel($0, names: &names, typeNames: &typeNames, sourcePaths: sourcePaths) }
    }
}

/// How one property appears in Swift: its name, its type, and how it is read and written.
struct PropertyModel {
    let schema: PropertySchema
    /// A Swift identifier, escaped where needed (`` `default` ``).
    let swiftName: String
    /// The Swift type without the optional: `String`, `Foundation.Decimal`, `RoastLevel`, `Set<FlavorProfile>`.
    let valueType: String
    /// The `PropertyValueReader` method that reads it.
    let readMethod: String
    let enumeration: EnumerationModel?
    let source: String

    /// Names a nested enum must not take: types that generated code uses unqualified.
    static let reservedTypeNames: Set<String> = [
        "String", "Double", "Bool", "Int", "Set", "Array", "Dictionary", "Optional", "Date", "Decimal", "Foundation", "Swift",
        "CalendarDate", "OwnerID", "CompiledPattern", "ValueRules", "ValidationIssue", "PropertyValueReader",
        "PropertyValueWriter", "RecordEnvelope", "AssociationResults", "ObjectSchema", "Registry", "CodingKeys",
        "Encoder", "Decoder", "CRMRuntime", "CRMRecord", "CRMEnumeration", "Type", "Self", "Protocol", "Any",
    ]

    init(_ schema: PropertySchema, names: inout NameScope, typeNames: inout NameScope, sourcePaths: SourcePaths) {
        self.schema = schema
        swiftName = SwiftSyntax.identifier(names.claim(SwiftSyntax.camelCase(schema.name), suffix: "Property"))
        source = sourcePaths.cite(schema.location)
        switch schema.type {
        case .enumeration where schema.isOwner:
            (valueType, readMethod, enumeration) = ("OwnerID", "owner", nil)
        case .enumeration where !schema.options.isEmpty:
            let model = EnumerationModel(schema, typeName: typeNames.claim(SwiftSyntax.upperCamelCase(schema.name), suffix: "Option"))
            enumeration = model
            if schema.isMultiSelect {
                (valueType, readMethod) = ("Set<\(model.typeName)>", "multiSelect")
            } else {
                (valueType, readMethod) = (model.typeName, "enumeration")
            }
        case .enumeration, .string:
            (valueType, readMethod, enumeration) = ("String", "string", nil)
        case .number where schema.numberDisplayHint == .currency:
            (valueType, readMethod, enumeration) = ("Foundation.Decimal", "decimal", nil)
        case .number:
            (valueType, readMethod, enumeration) = ("Double", "double", nil)
        case .bool:
            (valueType, readMethod, enumeration) = ("Bool", "bool", nil)
        case .date:
            (valueType, readMethod, enumeration) = ("CalendarDate", "date", nil)
        case .datetime:
            (valueType, readMethod, enumeration) = ("Foundation.Date", "datetime", nil)
        }
    }

    /// The name of the static compiled pattern.
    var patternName: String { SwiftSyntax.camelCase(schema.name) + "Pattern" }

    /// `static let greenLotNumberPattern = CompiledPattern("…")`, for properties with a `pattern`.
    var patternDeclaration: String? {
        schema.pattern.map { "static let \(patternName) = CompiledPattern(\(SwiftSyntax.stringLiteral($0)))" }
    }
}

/// A generated enum of an enumeration property's options.
struct EnumerationModel {
    struct Case {
        let name: String
        let value: String
        let label: String
    }

    let typeName: String
    let cases: [Case]

    init(_ schema: PropertySchema, typeName: String) {
        self.typeName = typeName
        var names = NameScope(taken: ["unknown", "rawValue", "knownValues", "isKnown", "init", "hashValue"])
        cases = schema.options.map { option in
            Case(name: SwiftSyntax.identifier(names.claim(SwiftSyntax.camelCase(option.value), suffix: "Value")),
                 value: option.value, label: option.label)
        }
    }
}

/// Hands out names without clashes: a taken name gets `suffix`, then a number.
struct NameScope {
    private var taken: Set<String>

    init(taken: Set<String>) { self.taken = taken }

    mutating func claim(_ name: String, suffix: String) -> String {
        var candidate = name
        if taken.contains(candidate) { candidate = name + suffix }
        var counter = 2
        while taken.contains(candidate) {
            candidate = name + suffix + String(counter)
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }
}

/// Turns locations into the `path:line` that generated comments cite, relative to the source root.
struct SourcePaths {
    let root: String?

    func relative(_ file: String) -> String {
        guard let root, !root.isEmpty else { return file }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    func cite(_ location: SourceLocation?) -> String {
        guard let location else { return "implicit (HubSpot system property)" }
        return "\(relative(location.file)):\(location.line)"
    }
}
