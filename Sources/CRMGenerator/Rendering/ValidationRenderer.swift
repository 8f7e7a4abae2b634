import CRMModel

/// The statements of `validate()` for one property: only the checks its definition asks for.
enum ValidationRenderer {
    /// Whether the statements `write` produces read the typed value (rather than only the malformed
    /// one), so that callers bind it only when it is used.
    static func usesValue(_ property: PropertyModel) -> Bool {
        property.schema.required || !valueChecks(property, typeName: "").isEmpty
    }

    /// Lines that append issues of `property`, read from `value` (an expression of its Swift type).
    static func write(_ property: PropertyModel, value: String, malformed: String, typeName: String, into writer: inout CodeWriter) {
        let schema = property.schema
        let canBeMalformed = [.number, .bool, .date, .datetime].contains(schema.type)
        let valueChecks = valueChecks(property, typeName: typeName)
        guard !valueChecks.isEmpty || canBeMalformed || schema.required else { return }
        writeLines(property, value: value, malformed: malformed, valueChecks: valueChecks, canBeMalformed: canBeMalformed, into: &writer)
    }

    /// The checks of the value itself (lengths, pattern, format, bounds, options), on a bound `value`.
    private static func valueChecks(_ property: PropertyModel, typeName: String) -> [String] {
        let schema = property.schema
        let name = SwiftSyntax.stringLiteral(schema.name)
        var valueChecks: [String] = []
        switch schema.type {
        case .string where schema.minLength != nil || schema.maxLength != nil || schema.pattern != nil || schema.format != nil:
            let pattern = schema.pattern != nil ? "\(typeName).\(property.patternName)" : "nil"
            valueChecks.append("ValueRules.checkString(value, property: \(name), minLength: \(optional(schema.minLength)), "
                               + "maxLength: \(optional(schema.maxLength)), pattern: \(pattern), format: \(optionalFormat(schema.format)), into: &issues)")
        case .number where schema.minimum != nil || schema.maximum != nil:
            valueChecks.append("ValueRules.checkNumber(value, property: \(name), minimum: \(optional(schema.minimum)), "
                               + "maximum: \(optional(schema.maximum)), into: &issues)")
        case .enumeration where property.enumeration != nil && schema.isMultiSelect:
            valueChecks.append("for option in value.sorted(by: { $0.rawValue < $1.rawValue }) where !option.isKnown {")
            valueChecks.append("    issues.append(ValueRules.unknownOption(\(name), value: option.rawValue))")
            valueChecks.append("}")
        case .enumeration where property.enumeration != nil:
            valueChecks.append("if !value.isKnown { issues.append(ValueRules.unknownOption(\(name), value: value.rawValue)) }")
        default:
            break
        }
        return valueChecks
    }

    /// The branches: value checks, then a malformed value, then a missing required one.
    private static func writeLines(_ property: PropertyModel, value: String, malformed: String, valueChecks: [String], canBeMalformed: Bool,
                           into writer: inout CodeWriter) {
        let schema = property.schema
        let name = SwiftSyntax.stringLiteral(schema.name)
        writer.line("// \(schema.name) — \(SwiftSyntax.commentText(property.source))")
        let malformedCheck = "if let raw = \(malformed)[\(name)] {"
        let malformedIssue = "    issues.append(ValueRules.malformed(\(name), value: raw, type: .\(schema.type.rawValue)))"
        let missingIssue = "    issues.append(ValueRules.missing(\(name)))"
        var lines: [String] = []
        if !valueChecks.isEmpty {
            lines.append("if let value = \(value) {")
            lines += valueChecks.map { "    " + $0 }
            if canBeMalformed { lines += ["} else " + malformedCheck, malformedIssue] }
            if schema.required { lines += ["} else {", missingIssue] }
        } else if canBeMalformed {
            // A malformed value leaves the typed one nil, so it is checked first.
            lines += [malformedCheck, malformedIssue]
            if schema.required { lines += ["} else if \(value) == nil {", missingIssue] }
        } else {
            lines += ["if \(value) == nil {", missingIssue]
        }
        lines.append("}")
        lines.forEach { writer.line($0) }
    }

    private static func optional(_ value: Int?) -> String { value.map(String.init) ?? "nil" }
    private static func optional(_ value: Double?) -> String { value.map(SwiftSyntax.doubleLiteral) ?? "nil" }
    private static func optionalFormat(_ format: PropertyFormat?) -> String { format.map { ".\($0.rawValue)" } ?? "nil" }
}
