import CRMModel

/// CRMModel values as Swift expressions (`PropertySchema(name: "x", label: "X", type: .string, …)`),
/// with only the arguments that differ from the initializers' defaults, so that `Registry.swift`
/// reads like the definitions it comes from. File paths in locations are written relative to the
/// source root (``SourcePaths``), so output does not depend on the checkout's place.
enum SchemaValueRenderer {
    /// `Name(a: 1, b: 2)`: on one line when short, else one argument per line. The arguments are
    /// written as bytes, each where it ends, and laid out once all are known.
    struct Call {
        let name: String
        private var bytes = SourceBytes()
        /// Where each argument ends in `bytes` (the next begins there).
        private var ends: [Int] = []

        init(name: String) {
            self.name = name
            ends.reserveCapacity(16)
        }

        /// No arguments, the buffers kept for the next ones.
        mutating func removeArguments() {
            bytes.removeAll()
            ends.removeAll(keepingCapacity: true)
        }

        /// An argument of any spelling: `write` appends it, label and all.
        mutating func argument(_ write: (inout SourceBytes) -> Void) {
            write(&bytes)
            ends.append(bytes.count)
        }

        /// `label: value`, with `value` as it is.
        mutating func argument(_ label: StaticString, _ value: String) {
            argument { $0.append(static: label); $0.append(static: ": "); $0.append(utf8: value) }
        }

        /// `label: "text"`, the text escaped.
        mutating func argument(_ label: StaticString, literal text: String) {
            argument { $0.append(static: label); $0.append(static: ": "); $0.append(literalOf: text) }
        }

        /// `label: 42`.
        mutating func argument(_ label: StaticString, _ number: Int) {
            argument { $0.append(static: label); $0.append(static: ": "); $0.append(decimal: number) }
        }

        /// `label: .name`: a case of a CRMModel enum.
        mutating func argument(_ label: StaticString, case name: String) {
            argument { $0.append(static: label); $0.append(static: ": ."); $0.append(utf8: name) }
        }

        private func argumentRange(_ index: Int) -> Range<Int> {
            (index == 0 ? 0 : ends[index - 1])..<ends[index]
        }

        /// The call on one line between `prefix` and `suffix` when the call alone has at most 110
        /// characters (or one argument), else `prefix` and `Name(`, an argument a line, and `)` and `suffix`.
        func write(into writer: inout CodeWriter, prefix: StaticString = "", suffix: StaticString = "") {
            writer.write(prefix)
            writeCall(into: &writer)
            writer.write(suffix)
            writer.endLine()
        }

        /// `Name(…)` as ``write(into:prefix:suffix:)`` lays it out, for a caller that writes what comes
        /// before and after it, and ends the line.
        func writeCall(into writer: inout CodeWriter) {
            writer.write(name)
            writer.write("(")
            if fitsOneLine {
                for index in ends.indices {
                    if index > 0 { writer.write(", ") }
                    writer.write(bytes, argumentRange(index))
                }
            } else {
                writer.endLine()
                for index in ends.indices {
                    writer.line(indentedOnce: bytes, argumentRange(index), suffix: index < ends.count - 1 ? "," : "")
                }
            }
            writer.write(")")
        }

        /// The one line's length in bytes settles most cases without making the line: a line of no
        /// more bytes fits, and one of ASCII (no carriage return) has as many characters as bytes.
        private var fitsOneLine: Bool {
            if ends.count <= 1 { return true }
            let length = name.utf8.count + 2 + bytes.count + 2 * (ends.count - 1)
            if length <= 110 { return true }
            if SwiftSyntax.isASCIIWithoutCarriageReturn(name), bytes.isASCIIWithoutCarriageReturn(0..<bytes.count) { return false }
            var line = Array(name.utf8) + [UInt8(ascii: "(")]
            for index in ends.indices {
                if index > 0 { line += Array(", ".utf8) }
                line += bytes.bytes(argumentRange(index))
            }
            return SwiftSyntax.hasAtMost(110, charactersIn: String(decoding: line + [UInt8(ascii: ")")], as: UTF8.self))
        }
    }

    static func string(_ text: String) -> String { SwiftSyntax.stringLiteral(text) }

    static func strings(_ texts: [String]) -> String { "[" + texts.map(string).joined(separator: ", ") + "]" }

    static func location(_ location: SourceLocation, _ paths: SourcePaths) -> String {
        var bytes = SourceBytes()
        append(location, paths, to: &bytes)
        return String(decoding: bytes.take(), as: UTF8.self)
    }

    /// The name of the constant that holds the path of an object's definition file in the closure
    /// that builds the object's schema, which its locations cite (``SourcePaths/favoring(_:)``).
    static let fileConstant = "file"

    /// `SourceLocation(file: "…", line: 1, column: 2)`; for a location in the favored file,
    /// `SourceLocation(file: file, line: 1, column: 2)`.
    static func append(_ location: SourceLocation, _ paths: SourcePaths, to bytes: inout SourceBytes) {
        if let prefix = paths.locationPrefix(location.file) {
            bytes.append(utf8: prefix)
        } else {
            bytes.append(static: "SourceLocation(file: ")
            bytes.append(literalOf: paths.relative(location.file))
            bytes.append(static: ", line: ")
        }
        bytes.append(decimal: location.line)
        bytes.append(static: ", column: ")
        bytes.append(decimal: location.column)
        bytes.append(UInt8(ascii: ")"))
    }

    /// The object without its properties (they follow as statements of their own).
    static func object(_ object: ObjectSchema, _ paths: SourcePaths) -> Call {
        var call = Call(name: "ObjectSchema")
        call.argument("name", literal: object.name)
        call.argument("kind", case: object.kind.rawValue)
        if let id = object.objectTypeId { call.argument("objectTypeId", literal: id) }
        if let qualified = object.fullyQualifiedName { call.argument("fullyQualifiedName", literal: qualified) }
        call.argument("labels", "ObjectLabels(singular: \(string(object.labels.singular)), plural: \(string(object.labels.plural)))")
        call.argument("swiftName", literal: object.swiftName)
        if let description = object.description { call.argument("description", literal: description) }
        call.argument("category", case: object.category.rawValue)
        if !object.requirements.isEmpty {
            var parts: [String] = []
            if let tier = object.requirements.tier { parts.append("tier: .\(tier.rawValue)") }
            if let activation = object.requirements.activation { parts.append("activation: .\(swiftCase(activation.rawValue))") }
            call.argument("requirements", "ObjectRequirements(\(parts.joined(separator: ", ")))")
        }
        if let primary = object.primaryDisplayProperty { call.argument("primaryDisplayProperty", literal: primary) }
        if !object.secondaryDisplayProperties.isEmpty { call.argument("secondaryDisplayProperties", strings(object.secondaryDisplayProperties)) }
        if !object.searchableProperties.isEmpty { call.argument("searchableProperties", strings(object.searchableProperties)) }
        if !object.owners.isEmpty { call.argument("owners", strings(object.owners)) }
        if !object.dedupKeys.isEmpty { call.argument("dedupKeys", strings(object.dedupKeys)) }
        if !object.propertyGroups.isEmpty {
            let groups = object.propertyGroups.map { group in
                "PropertyGroup(name: \(string(group.name)), label: \(string(group.label))" + (group.displayOrder.map { ", displayOrder: \($0)" } ?? "") + ")"
            }
            call.argument("propertyGroups", "[\(groups.joined(separator: ", "))]")
        }
        if let place = object.location { call.argument("location", location(place, paths)) }
        if !object.extensionLocations.isEmpty {
            call.argument("extensionLocations", "[\(object.extensionLocations.map { location($0, paths) }.joined(separator: ", "))]")
        }
        return call
    }

    /// The property without its options when it has many (they follow as statements).
    /// `optionsLocation` keeps its path as the loader gave it (absolute for files named so): generated
    /// code has always written it that way.
    /// Written into `call` (a `PropertySchema` call), emptied first: one call's buffers serve every
    /// property of an object.
    static func property(_ property: PropertySchema, inlineOptions: ExpressionList?, _ paths: SourcePaths, into call: inout Call) {
        call.removeArguments()
        call.argument("name", literal: property.name)
        call.argument("label", literal: property.label)
        if let description = property.description { call.argument("description", literal: description) }
        call.argument("type", case: property.type.rawValue)
        call.argument("fieldType", case: swiftCase(property.fieldType))
        if let group = property.groupName { call.argument("groupName", literal: group) }
        if let order = property.displayOrder { call.argument("displayOrder", order) }
        if property.required { call.argument("required", "true") }
        if property.unique { call.argument("unique", "true") }
        if property.readOnly { call.argument("readOnly", "true") }
        if property.calculated { call.argument("calculated", "true") }
        if let formula = property.calculationFormula { call.argument("calculationFormula", literal: formula) }
        if property.hidden { call.argument("hidden", "true") }
        if let pattern = property.pattern { call.argument("pattern", literal: pattern) }
        if let minLength = property.minLength { call.argument("minLength", minLength) }
        if let maxLength = property.maxLength { call.argument("maxLength", maxLength) }
        if let minimum = property.minimum { call.argument { $0.append(static: "minimum: "); PropertyRenderer.append(minimum, to: &$0) } }
        if let maximum = property.maximum { call.argument { $0.append(static: "maximum: "); PropertyRenderer.append(maximum, to: &$0) } }
        if let format = property.format { call.argument("format", case: format.rawValue) }
        if let hint = property.numberDisplayHint { call.argument("numberDisplayHint", case: hint.rawValue) }
        if let reference = property.referencedObjectType { call.argument("referencedObjectType", literal: reference) }
        if let inlineOptions, !inlineOptions.isEmpty {
            call.argument { bytes in
                bytes.append(static: "options: [")
                inlineOptions.appendJoined(to: &bytes)
                bytes.append(UInt8(ascii: "]"))
            }
        }
        if property.optionSource != .definitions { call.argument("optionSource", case: property.optionSource.rawValue) }
        if let place = property.location { call.argument { $0.append(static: "location: "); append(place, paths, to: &$0) } }
        if let place = property.optionsLocation {
            call.argument { $0.append(static: "optionsLocation: "); append(place, SourcePaths(root: nil), to: &$0) }
        }
    }

    /// Expressions written as bytes once (a property's `PropertyOption(…)`s, an association's labels),
    /// then either joined into an initializer or appended one statement each.
    struct ExpressionList {
        private(set) var bytes = SourceBytes()
        /// Where each expression ends in `bytes` (the next begins there).
        private var ends: [Int] = []

        init(options: [PropertyOption]) {
            ends.reserveCapacity(options.count)
            for option in options {
                SchemaValueRenderer.append(option, to: &bytes)
                ends.append(bytes.count)
            }
        }

        init(_ expressions: [String]) {
            ends.reserveCapacity(expressions.count)
            for expression in expressions {
                bytes.append(utf8: expression)
                ends.append(bytes.count)
            }
        }

        var isEmpty: Bool { ends.isEmpty }
        var indices: Range<Int> { ends.indices }

        /// Bytes `index` of `bytes`: one expression.
        func range(_ index: Int) -> Range<Int> {
            (index == 0 ? 0 : ends[index - 1])..<ends[index]
        }

        /// The expressions joined with `, `.
        func appendJoined(to output: inout SourceBytes) {
            for index in ends.indices {
                if index > 0 { output.append(static: ", ") }
                output.append(bytes, range(index))
            }
        }

        /// Whether the expressions joined with `, ` have at most `limit` characters
        /// (``SwiftSyntax/hasAtMost(_:charactersIn:)``), settled from the bytes where they settle it.
        func joinedHasAtMost(_ limit: Int) -> Bool {
            if bytes.count + 2 * Swift.max(ends.count - 1, 0) <= limit { return true }
            if bytes.isASCIIWithoutCarriageReturn(0..<bytes.count) { return false }
            var joined = SourceBytes()
            appendJoined(to: &joined)
            return SwiftSyntax.hasAtMost(limit, charactersIn: String(decoding: joined.take(), as: UTF8.self))
        }
    }

    /// ``option(_:)`` appended to `bytes`.
    static func append(_ option: PropertyOption, to bytes: inout SourceBytes) {
        bytes.append(static: "PropertyOption(value: ")
        bytes.append(literalOf: option.value)
        bytes.append(static: ", label: ")
        bytes.append(literalOf: option.label)
        if let description = option.description {
            bytes.append(static: ", description: ")
            bytes.append(literalOf: description)
        }
        if let order = option.displayOrder {
            bytes.append(static: ", displayOrder: ")
            bytes.append(decimal: order)
        }
        if option.hidden { bytes.append(static: ", hidden: true") }
        bytes.append(UInt8(ascii: ")"))
    }

    static func option(_ option: PropertyOption) -> String {
        var arguments = ["value: \(string(option.value))", "label: \(string(option.label))"]
        if let description = option.description { arguments.append("description: \(string(description))") }
        if let order = option.displayOrder { arguments.append("displayOrder: \(order)") }
        if option.hidden { arguments.append("hidden: true") }
        return "PropertyOption(\(arguments.joined(separator: ", ")))"
    }

    static func association(_ association: AssociationSchema, includingLabels: Bool, _ paths: SourcePaths) -> Call {
        var call = Call(name: "AssociationSchema")
        call.argument("from", literal: association.from)
        call.argument("to", literal: association.to)
        if association.cardinality != .manyToMany { call.argument("cardinality", case: swiftCase(association.cardinality.rawValue)) }
        if let id = association.associationTypeId { call.argument("associationTypeId", id) }
        if let id = association.inverseAssociationTypeId { call.argument("inverseAssociationTypeId", id) }
        if association.required { call.argument("required", "true") }
        if association.inverseRequired { call.argument("inverseRequired", "true") }
        if includingLabels, !association.labels.isEmpty { call.argument("labels", "[\(association.labels.map(label).joined(separator: ", "))]") }
        if association.isImplicit { call.argument("isImplicit", "true") }
        if let place = association.location { call.argument { $0.append(static: "location: "); append(place, paths, to: &$0) } }
        return call
    }

    static func label(_ label: AssociationLabel) -> String {
        var arguments = ["name: \(string(label.name))", "label: \(string(label.label))", "inverseLabel: \(string(label.inverseLabel))"]
        if let id = label.associationTypeId { arguments.append("associationTypeId: \(id)") }
        if let id = label.inverseAssociationTypeId { arguments.append("inverseAssociationTypeId: \(id)") }
        return "AssociationLabel(\(arguments.joined(separator: ", ")))"
    }

    /// ``swiftCase(_:)`` of a field type, found by position rather than by hashing its raw value:
    /// every property has one.
    static func swiftCase(_ type: FieldType) -> String {
        guard let index = FieldType.allCases.firstIndex(of: type) else { return swiftCase(type.rawValue) }
        return fieldTypeCases[index]
    }

    /// ``swiftCase(_:)`` of each of `FieldType.allCases`, in their order.
    private static let fieldTypeCases = FieldType.allCases.map { swiftCase($0.rawValue) }

    /// An enum case of CRMModel from its raw value: `calculation_equation` → `calculationEquation`.
    static func swiftCase(_ rawValue: String) -> String { knownCases[rawValue] ?? SwiftNames.lowerCamelCase(rawValue) }

    /// ``swiftCase(_:)`` of every raw value of the enums it spells, worked out once rather than per property.
    private static let knownCases: [String: String] = {
        let rawValues = FieldType.allCases.map(\.rawValue) + Cardinality.allCases.map(\.rawValue) + Activation.allCases.map(\.rawValue)
        return Dictionary(rawValues.map { ($0, SwiftNames.lowerCamelCase($0)) }, uniquingKeysWith: { first, _ in first })
    }()
}
