import CRMModel

/// The Swift of properties and their checks: accessors over a record's values, and the `ValueRules`
/// statements of `validate()`. The only place that spells runtime calls.
enum PropertyRenderer {
    /// The Swift type of a value (without the optional) and the `RecordProperties` method that reads it.
    static func spelling(of kind: ValueKind) -> (type: String, reader: String) {
        switch kind {
        case .string: ("String", "string")
        case .number: ("CRMNumber", "number")
        case .bool: ("Bool", "bool")
        case .date: ("CalendarDate", "date")
        case .datetime: ("Foundation.Date", "datetime")
        case .owner: ("OwnerID", "owner")
        case .option(let enumeration): (enumeration, "enumeration")
        case .options(let enumeration): ("Set<\(enumeration)>", "multiSelect")
        }
    }

    /// `var lotNumber: String? { get … set … }`, reading and writing `record.properties`.
    static func writeAccessor(_ accessor: PropertyAccessor, access: String, into writer: inout CodeWriter) {
        let (type, reader) = spelling(of: accessor.kind)
        let name = SwiftSyntax.stringLiteral(accessor.jsonName)
        writer.documentation(accessor.summary)
        if let description = accessor.description {
            writer.line("///")
            writer.documentation(description)
        }
        writer.block("\(access)var \(accessor.swiftName): \(type)?") { writer in
            writer.line("get { record.properties.\(reader)(\(name)) }")
            writer.line("set { record.properties.set(\(name), newValue) }")
        }
    }

    /// `static let lotNumberPattern = CompiledPattern("…")`.
    static func writePattern(_ pattern: PatternDeclaration, into writer: inout CodeWriter) {
        writer.line("static let \(pattern.name) = CompiledPattern(\(SwiftSyntax.stringLiteral(pattern.pattern)))")
    }

    /// A `validate…()` method: one `ValueRules` statement per step, reading `record.properties`.
    /// With `compiledRules`, the validator first asks those ``RecordRules`` (a static of the type) and
    /// returns no issue for a record they accept.
    static func writeValidator(named name: String, documentation: String, steps: [ValidationStep], access: String,
                               compiledRules: String? = nil, into writer: inout CodeWriter) {
        writer.documentation(documentation)
        writer.block("\(access)func \(name)() -> [ValidationIssue]") { writer in
            if let compiledRules { writer.line("if Self.\(compiledRules).accepts(record.properties) { return [] }") }
            writer.line("var issues: [ValidationIssue] = []")
            if !steps.isEmpty { writer.line("let properties = record.properties") }
            for step in steps {
                writer.comment("\(step.jsonName) — \(step.source)")
                writer.line(statement(step))
            }
            writer.line("return issues")
        }
    }

    /// `ValueRules.text(properties, "lot_number", required: true, pattern: Self.lotNumberPattern, into: &issues)`
    static func statement(_ step: ValidationStep) -> String {
        var arguments = ["properties", SwiftSyntax.stringLiteral(step.jsonName)]
        let function: String
        switch step.rule {
        case let .text(minLength, maxLength, pattern, format):
            function = "text"
            if step.required { arguments.append("required: true") }
            if let minLength { arguments.append("minLength: \(minLength)") }
            if let maxLength { arguments.append("maxLength: \(maxLength)") }
            if let pattern { arguments.append("pattern: Self.\(pattern)") }
            if let format { arguments.append("format: .\(format.rawValue)") }
        case let .number(minimum, maximum):
            function = "number"
            if step.required { arguments.append("required: true") }
            if let minimum { arguments.append("minimum: \(numberLiteral(minimum))") }
            if let maximum { arguments.append("maximum: \(numberLiteral(maximum))") }
        case .bool:
            function = "bool"
            if step.required { arguments.append("required: true") }
        case .date:
            function = "date"
            if step.required { arguments.append("required: true") }
        case .datetime:
            function = "datetime"
            if step.required { arguments.append("required: true") }
        case .option(let enumeration):
            function = "option"
            arguments.append("as: \(enumeration).self")
            if step.required { arguments.append("required: true") }
        case .options(let enumeration):
            function = "options"
            arguments.append("as: \(enumeration).self")
            if step.required { arguments.append("required: true") }
        }
        arguments.append("into: &issues")
        return "ValueRules.\(function)(\(arguments.joined(separator: ", ")))"
    }

    /// A number the loader has checked, written as its exact text.
    static func numberLiteral(_ number: CRMNumber) -> String {
        "CRMNumber.checked(\(SwiftSyntax.stringLiteral(number.text)))"
    }
}
