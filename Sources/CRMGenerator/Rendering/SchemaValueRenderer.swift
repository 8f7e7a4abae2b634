import CRMModel

/// CRMModel values as Swift expressions (`PropertySchema(name: "x", label: "X", type: .string, …)`),
/// with only the arguments that differ from the initializers' defaults, so that `Registry.swift`
/// reads like the definitions it comes from. File paths in locations are written relative to the
/// source root (``SourcePaths``), so output does not depend on the checkout's place.
enum SchemaValueRenderer {
    /// `Name(a: 1, b: 2)`: on one line when short, else one argument per line.
    struct Call {
        let name: String
        let arguments: [String]

        /// The call on one line between `prefix` and `suffix` when the call alone has at most 110
        /// characters (or one argument), else `prefix` and `Name(`, an argument a line, and `)` and `suffix`.
        func write(into writer: inout CodeWriter, prefix: String = "", suffix: String = "") {
            if fitsOneLine {
                writer.write(prefix)
                writer.write(name)
                writer.write("(")
                for (index, argument) in arguments.enumerated() {
                    if index > 0 { writer.write(", ") }
                    writer.write(argument)
                }
                writer.write(")")
                writer.write(suffix)
                writer.endLine()
                return
            }
            writer.write(prefix)
            writer.write(name)
            writer.write("(")
            writer.endLine()
            for (index, argument) in arguments.enumerated() {
                writer.write("    ")
                writer.write(argument)
                if index < arguments.count - 1 { writer.write(",") }
                writer.endLine()
            }
            writer.write(")")
            writer.write(suffix)
            writer.endLine()
        }

        /// The one line's length in bytes settles most cases without making the line: a line of no
        /// more bytes fits, and one of ASCII (no carriage return) has as many characters as bytes.
        private var fitsOneLine: Bool {
            if arguments.count <= 1 { return true }
            let bytes = name.utf8.count + 2 + arguments.reduce(0) { $0 + $1.utf8.count } + 2 * (arguments.count - 1)
            if bytes <= 110 { return true }
            if SwiftSyntax.isASCIIWithoutCarriageReturn(name), arguments.allSatisfy(SwiftSyntax.isASCIIWithoutCarriageReturn) { return false }
            return SwiftSyntax.hasAtMost(110, charactersIn: "\(name)(\(arguments.joined(separator: ", ")))")
        }
    }

    static func string(_ text: String) -> String { SwiftSyntax.stringLiteral(text) }

    static func strings(_ texts: [String]) -> String { "[" + texts.map(string).joined(separator: ", ") + "]" }

    static func location(_ location: SourceLocation, _ paths: SourcePaths) -> String {
        "SourceLocation(file: \(string(paths.relative(location.file))), line: \(location.line), column: \(location.column))"
    }

    /// The object without its properties (they follow as statements of their own).
    static func object(_ object: ObjectSchema, _ paths: SourcePaths) -> Call {
        var arguments = ["name: \(string(object.name))", "kind: .\(object.kind.rawValue)"]
        if let id = object.objectTypeId { arguments.append("objectTypeId: \(string(id))") }
        if let qualified = object.fullyQualifiedName { arguments.append("fullyQualifiedName: \(string(qualified))") }
        arguments.append("labels: ObjectLabels(singular: \(string(object.labels.singular)), plural: \(string(object.labels.plural)))")
        arguments.append("swiftName: \(string(object.swiftName))")
        if let description = object.description { arguments.append("description: \(string(description))") }
        arguments.append("category: .\(object.category.rawValue)")
        if !object.requirements.isEmpty {
            var parts: [String] = []
            if let tier = object.requirements.tier { parts.append("tier: .\(tier.rawValue)") }
            if let activation = object.requirements.activation { parts.append("activation: .\(swiftCase(activation.rawValue))") }
            arguments.append("requirements: ObjectRequirements(\(parts.joined(separator: ", ")))")
        }
        if let primary = object.primaryDisplayProperty { arguments.append("primaryDisplayProperty: \(string(primary))") }
        if !object.secondaryDisplayProperties.isEmpty { arguments.append("secondaryDisplayProperties: \(strings(object.secondaryDisplayProperties))") }
        if !object.searchableProperties.isEmpty { arguments.append("searchableProperties: \(strings(object.searchableProperties))") }
        if !object.owners.isEmpty { arguments.append("owners: \(strings(object.owners))") }
        if !object.dedupKeys.isEmpty { arguments.append("dedupKeys: \(strings(object.dedupKeys))") }
        if !object.propertyGroups.isEmpty {
            let groups = object.propertyGroups.map { group in
                "PropertyGroup(name: \(string(group.name)), label: \(string(group.label))" + (group.displayOrder.map { ", displayOrder: \($0)" } ?? "") + ")"
            }
            arguments.append("propertyGroups: [\(groups.joined(separator: ", "))]")
        }
        if let place = object.location { arguments.append("location: \(location(place, paths))") }
        if !object.extensionLocations.isEmpty {
            arguments.append("extensionLocations: [\(object.extensionLocations.map { location($0, paths) }.joined(separator: ", "))]")
        }
        return Call(name: "ObjectSchema", arguments: arguments)
    }

    /// The property without its options when it has many (they follow as statements).
    /// `optionsLocation` keeps its path as the loader gave it (absolute for files named so): generated
    /// code has always written it that way.
    static func property(_ property: PropertySchema, includingOptions: Bool, _ paths: SourcePaths) -> Call {
        var arguments = ["name: \(string(property.name))", "label: \(string(property.label))"]
        if let description = property.description { arguments.append("description: \(string(description))") }
        arguments.append("type: .\(property.type.rawValue)")
        arguments.append("fieldType: .\(swiftCase(property.fieldType.rawValue))")
        if let group = property.groupName { arguments.append("groupName: \(string(group))") }
        if let order = property.displayOrder { arguments.append("displayOrder: \(order)") }
        for (flag, name) in [(property.required, "required"), (property.unique, "unique"), (property.readOnly, "readOnly"),
                             (property.calculated, "calculated")] where flag {
            arguments.append("\(name): true")
        }
        if let formula = property.calculationFormula { arguments.append("calculationFormula: \(string(formula))") }
        if property.hidden { arguments.append("hidden: true") }
        if let pattern = property.pattern { arguments.append("pattern: \(string(pattern))") }
        if let minLength = property.minLength { arguments.append("minLength: \(minLength)") }
        if let maxLength = property.maxLength { arguments.append("maxLength: \(maxLength)") }
        if let minimum = property.minimum { arguments.append("minimum: \(PropertyRenderer.numberLiteral(minimum))") }
        if let maximum = property.maximum { arguments.append("maximum: \(PropertyRenderer.numberLiteral(maximum))") }
        if let format = property.format { arguments.append("format: .\(format.rawValue)") }
        if let hint = property.numberDisplayHint { arguments.append("numberDisplayHint: .\(hint.rawValue)") }
        if let reference = property.referencedObjectType { arguments.append("referencedObjectType: \(string(reference))") }
        if includingOptions, !property.options.isEmpty {
            arguments.append("options: [\(property.options.map(option).joined(separator: ", "))]")
        }
        if property.optionSource != .definitions { arguments.append("optionSource: .\(property.optionSource.rawValue)") }
        if let place = property.location { arguments.append("location: \(location(place, paths))") }
        if let place = property.optionsLocation { arguments.append("optionsLocation: \(location(place, SourcePaths(root: nil)))") }
        return Call(name: "PropertySchema", arguments: arguments)
    }

    static func option(_ option: PropertyOption) -> String {
        var arguments = ["value: \(string(option.value))", "label: \(string(option.label))"]
        if let description = option.description { arguments.append("description: \(string(description))") }
        if let order = option.displayOrder { arguments.append("displayOrder: \(order)") }
        if option.hidden { arguments.append("hidden: true") }
        return "PropertyOption(\(arguments.joined(separator: ", ")))"
    }

    static func association(_ association: AssociationSchema, includingLabels: Bool, _ paths: SourcePaths) -> Call {
        var arguments = ["from: \(string(association.from))", "to: \(string(association.to))"]
        if association.cardinality != .manyToMany { arguments.append("cardinality: .\(swiftCase(association.cardinality.rawValue))") }
        if let id = association.associationTypeId { arguments.append("associationTypeId: \(id)") }
        if let id = association.inverseAssociationTypeId { arguments.append("inverseAssociationTypeId: \(id)") }
        if association.required { arguments.append("required: true") }
        if association.inverseRequired { arguments.append("inverseRequired: true") }
        if includingLabels, !association.labels.isEmpty { arguments.append("labels: [\(association.labels.map(label).joined(separator: ", "))]") }
        if association.isImplicit { arguments.append("isImplicit: true") }
        if let place = association.location { arguments.append("location: \(location(place, paths))") }
        return Call(name: "AssociationSchema", arguments: arguments)
    }

    static func label(_ label: AssociationLabel) -> String {
        var arguments = ["name: \(string(label.name))", "label: \(string(label.label))", "inverseLabel: \(string(label.inverseLabel))"]
        if let id = label.associationTypeId { arguments.append("associationTypeId: \(id)") }
        if let id = label.inverseAssociationTypeId { arguments.append("inverseAssociationTypeId: \(id)") }
        return "AssociationLabel(\(arguments.joined(separator: ", ")))"
    }

    /// An enum case of CRMModel from its raw value: `calculation_equation` → `calculationEquation`.
    static func swiftCase(_ rawValue: String) -> String { knownCases[rawValue] ?? SwiftNames.lowerCamelCase(rawValue) }

    /// ``swiftCase(_:)`` of every raw value of the enums it spells, worked out once rather than per property.
    private static let knownCases: [String: String] = {
        let rawValues = FieldType.allCases.map(\.rawValue) + Cardinality.allCases.map(\.rawValue) + Activation.allCases.map(\.rawValue)
        return Dictionary(rawValues.map { ($0, SwiftNames.lowerCamelCase($0)) }, uniquingKeysWith: { first, _ in first })
    }()
}
