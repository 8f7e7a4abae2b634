import CRMModel

/// Translates one object into the Swift to declare for it. Every Swift name is chosen here, once,
/// for all of the object's properties — its own and those extension files add — so that no two
/// can clash; every check follows the property's ``ValidationPlan``.
struct RecordTypeTranslator {
    /// Members of generated types (and of `CRMRecord`'s extension) that a property cannot take.
    static let reservedMembers: Set<String> = [
        "id", "createdAt", "updatedAt", "archived", "archivedAt", "associations", "additionalProperties",
        "malformedProperties", "objectName", "schema", "validate", "isValid", "hashValue", "hash", "encode",
        "description", "unknown", "rawValue", "knownValues", "isKnown", "record", "properties", "clear", "allCases",
    ]

    /// Names a nested enum must not take: types that generated code uses unqualified, and Swift's
    /// and Foundation's, which it would hide inside the record type.
    static let reservedTypeNames: Set<String> = SwiftLibraryTypeNames.all.union([
        "Foundation", "Swift",
        "CalendarDate", "OwnerID", "CompiledPattern", "ValueRules", "ValidationIssue", "RecordEnvelope", "RecordProperties",
        "AssociationResults", "ObjectSchema", "Registry", "CodingKeys", "CRMRuntime", "CRMRecord",
        "CRMEnumeration", "CRMNumber", "Property", "Association", "AssociationType", "Type", "Self", "Protocol", "Any",
    ])

    /// One property with its Swift names.
    private struct Translated {
        /// The file that defines the property (`nil` for HubSpot's implicit ones).
        let file: String?
        let enumeration: EnumerationDeclaration?
        let pattern: PatternDeclaration?
        let step: ValidationStep?
    }

    let object: ObjectSchema
    let sourcePaths: SourcePaths
    private let translated: [Translated]
    /// The accessors, one a property as `translated`, apart: the declarations take them as they are.
    private let accessors: [PropertyAccessor]

    init(object: ObjectSchema, sourcePaths: SourcePaths) {
        self.object = object
        let objectPaths = sourcePaths.favoring(object.location?.file)
        self.sourcePaths = objectPaths
        var members = NameScope(taken: Self.reservedMembers, claiming: object.properties.count)
        var types = NameScope(reserved: Self.reservedTypeNames, taken: [object.swiftName])
        // By index: the properties are read where they are, not copied one by one.
        var translated: [Translated] = []
        var accessors: [PropertyAccessor] = []
        translated.reserveCapacity(object.properties.count)
        accessors.reserveCapacity(object.properties.count)
        for index in object.properties.indices {
            let (property, accessor) = Self.translate(object.properties[index], members: &members, types: &types, sourcePaths: objectPaths)
            translated.append(property)
            accessors.append(accessor)
        }
        self.translated = translated
        self.accessors = accessors
    }

    /// The type of an object whose definition is `file`: its own properties and HubSpot's implicit
    /// ones; properties that extension files add get accessors of their own (``extensionDeclaration(file:validatorName:)``).
    func recordType(schemaExpression: String, associations: [AssociationConstant] = []) -> RecordTypeDeclaration {
        let extensionFiles = Set(object.extensionLocations.map(\.file))
        // Without extension files every property is the object's own, and the arrays are shared, not copied.
        let ownIndices = extensionFiles.isEmpty ? nil : translated.indices.filter { !extensionFiles.contains(translated[$0].file ?? "") }
        let own = ownIndices.map { $0.map { translated[$0] } } ?? translated
        let typeId = object.objectTypeId.map { " (objectTypeId `\($0)`)" } ?? ""
        return RecordTypeDeclaration(
            typeName: object.swiftName,
            objectName: object.name,
            documentation: object.labels.singular + (object.description.map { ": " + $0 } ?? ""),
            origin: "HubSpot object `\(object.name)`\(typeId), from \(sourcePaths.cite(object.location)).",
            schemaExpression: schemaExpression,
            accessors: ownIndices.map { $0.map { accessors[$0] } } ?? accessors,
            enumerations: own.compactMap(\.enumeration),
            patterns: own.compactMap(\.pattern),
            validation: own.compactMap(\.step),
            associations: associations
        )
    }

    /// The accessors and validator of the properties that extension file `file` adds.
    func extensionDeclaration(file: String, validatorName: String) -> ExtensionDeclaration {
        let addedIndices = translated.indices.filter { translated[$0].file == file }
        let added = addedIndices.map { translated[$0] }
        return ExtensionDeclaration(
            typeName: object.swiftName,
            objectName: object.name,
            file: sourcePaths.relative(file),
            validatorName: validatorName,
            accessors: addedIndices.map { accessors[$0] },
            enumerations: added.compactMap(\.enumeration),
            patterns: added.compactMap(\.pattern),
            validation: added.compactMap(\.step)
        )
    }

    // MARK: One property

    private static func translate(_ property: PropertySchema, members: inout NameScope, types: inout NameScope,
                                  sourcePaths: SourcePaths) -> (Translated, PropertyAccessor) {
        let camelCaseName = SwiftSyntax.camelCase(property.name)
        let swiftName = SwiftSyntax.identifier(members.claim(camelCaseName, suffix: "Property"))
        let source = sourcePaths.citation(property.location)
        let plan = ValidationPlan(property)

        var enumeration: EnumerationDeclaration?
        let kind: ValueKind
        switch (property.type, plan.kind) {
        case (.enumeration, _) where !property.isOwner && !property.options.isEmpty:
            let typeName = types.claim(SwiftSyntax.upperCamelCase(property.name), suffix: "Option")
            enumeration = enumerationDeclaration(property, typeName: typeName)
            kind = property.isMultiSelect ? .options(enumeration: typeName) : .option(enumeration: typeName)
        case (.enumeration, _): kind = property.isOwner ? .owner : .string
        case (.string, _): kind = .string
        case (.number, _): kind = .number
        case (.bool, _): kind = .bool
        case (.date, _): kind = .date
        case (.datetime, _): kind = .datetime
        }

        var pattern: PatternDeclaration?
        if let text = property.pattern {
            pattern = PatternDeclaration(name: members.claim(camelCaseName + "Pattern", suffix: "Value"), pattern: text)
        }

        var traits = ""
        if property.required || property.readOnly || property.unique {
            let names = [property.required ? "required" : nil, property.readOnly ? "read-only" : nil, property.unique ? "unique" : nil]
            traits = " (\(names.compactMap { $0 }.joined(separator: ", ")))"
        }
        let jsonLiteral = SwiftSyntax.stringLiteral(property.name)
        let accessor = PropertyAccessor(swiftName: swiftName, jsonName: property.name, jsonLiteral: jsonLiteral, kind: kind,
                                        label: property.label, traits: traits,
                                        source: source, description: property.description)
        let translated = Translated(file: property.location?.file, enumeration: enumeration, pattern: pattern,
                                    step: validationStep(property, jsonLiteral: jsonLiteral, plan: plan, kind: kind, pattern: pattern, source: source))
        return (translated, accessor)
    }

    /// The check of a property, or `nil` when no value could be wrong (optional plain text).
    private static func validationStep(_ property: PropertySchema, jsonLiteral: String, plan: ValidationPlan, kind: ValueKind,
                                       pattern: PatternDeclaration?, source: Citation) -> ValidationStep? {
        let rule: ValidationStep.Rule
        switch (plan.kind, kind) {
        case let (.text(minLength, maxLength, _, format), _):
            if !plan.required, minLength == nil, maxLength == nil, pattern == nil, format == nil { return nil }
            rule = .text(minLength: minLength, maxLength: maxLength, pattern: pattern?.name, format: format)
        case let (.number(minimum, maximum), _): rule = .number(minimum: minimum, maximum: maximum)
        case (.bool, _): rule = .bool
        case (.date, _): rule = .date
        case (.datetime, _): rule = .datetime
        case let (.option, .option(enumeration)): rule = .option(enumeration: enumeration)
        case let (.options, .options(enumeration)): rule = .options(enumeration: enumeration)
        case (.option, _), (.options, _): return nil  // an enumeration always has a type; unreachable by construction
        }
        return ValidationStep(jsonName: property.name, jsonLiteral: jsonLiteral, source: source, required: plan.required, rule: rule)
    }

    /// A case named after the option's value (`medium_dark` → `mediumDark`), or after its label when
    /// the value does not begin with a letter (a portal's stage `71234567` labelled "Green coffee
    /// quoted" → `greenCoffeeQuoted`, not `_71234567`).
    private static func caseName(_ option: PropertyOption) -> String {
        for text in [option.value, option.label] {
            let name = SwiftSyntax.lowerCamelCase(text)
            if startsWithLetter(name) { return name }
        }
        return SwiftSyntax.camelCase(option.value)
    }

    /// `name.first?.isLetter == true`, settled from the first byte when it is ASCII.
    private static func startsWithLetter(_ name: String) -> Bool {
        guard let byte = name.utf8.first else { return false }
        guard byte < 0x80 else { return name.first?.isLetter == true }
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// Members of a generated enumeration that a case cannot take.
    static let reservedCaseNames: Set<String> = ["unknown", "rawValue", "knownValues", "isKnown", "init", "hashValue", "allCases"]

    private static func enumerationDeclaration(_ property: PropertySchema, typeName: String) -> EnumerationDeclaration {
        var names = NameScope(taken: reservedCaseNames, claiming: property.options.count)
        let cases = property.options.map { option in
            EnumerationDeclaration.Case(name: SwiftSyntax.identifier(names.claim(caseName(option), suffix: "Value")),
                                        value: option.value, label: option.label)
        }
        return EnumerationDeclaration(typeName: typeName, propertyName: property.name, propertyLabel: property.label, cases: cases,
                                      isPortalDefined: property.optionSource == .portal)
    }
}
