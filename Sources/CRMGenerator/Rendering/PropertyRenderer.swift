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
        if accessor.summaryIsPlain {
            // The doc line in pieces, as documentation(_:) would write it whole.
            writer.write("/// ")
            writer.write(accessor.label)
            writer.write(accessor.traits)
            writer.write(" — `")
            writer.write(accessor.jsonName)
            writer.write("`, ")
            accessor.source.write(into: &writer)
            writer.endLine()
        } else {
            writer.documentation(accessor.summary)
        }
        if let description = accessor.description {
            writer.line("///")
            writer.documentation(description)
        }
        writer.write(access)
        writer.write("var ")
        writer.write(accessor.swiftName)
        writer.write(": ")
        writer.write(type)
        writer.write("?")
        writer.openBlock()
        writer.write("get { record.properties.")
        writer.write(reader)
        writer.write("(")
        writer.write(accessor.jsonLiteral)
        writer.write(") }")
        writer.endLine()
        writer.write("set { record.properties.set(")
        writer.write(accessor.jsonLiteral)
        writer.write(", newValue) }")
        writer.endLine()
        writer.close()
    }

    /// `static let lotNumberPattern = CompiledPattern("…")`.
    static func writePattern(_ pattern: PatternDeclaration, into writer: inout CodeWriter) {
        writer.write("static let ")
        writer.write(pattern.name)
        writer.write(" = CompiledPattern(")
        writer.writeLiteral(pattern.pattern)
        writer.write(")")
        writer.endLine()
    }

    /// A `validate…()` method: one `ValueRules` statement per step, reading `record.properties`.
    /// With `compiledRules`, the validator first asks those ``RecordRules`` (a static of the type) and
    /// returns no issue for a record they accept; for a record they decline, each statement runs only
    /// when they decline its property's value.
    static func writeValidator(named name: String, documentation: String, steps: [ValidationStep], access: String,
                               compiledRules: String? = nil, into writer: inout CodeWriter) {
        writer.documentation(documentation)
        writer.block("\(access)func \(name)() -> [ValidationIssue]") { writer in
            if let compiledRules { writer.line("if Self.\(compiledRules).accepts(record.properties) { return [] }") }
            writer.line("var issues: [ValidationIssue] = []")
            if !steps.isEmpty { writer.line("let properties = record.properties") }
            for step in steps {
                writer.comment(step.jsonName, step.source)
                guard let compiledRules else {
                    writeStatement(step, into: &writer)
                    continue
                }
                // `if !Self.rules.acceptsValue(named: "name", in: properties) {`, in pieces: one a property.
                writer.write("if !Self.")
                writer.write(compiledRules)
                writer.write(".acceptsValue(named: ")
                writer.write(step.jsonLiteral)
                writer.write(", in: properties)")
                writer.openBlock()
                writeStatement(step, into: &writer)
                writer.close()
            }
            writer.line("return issues")
        }
    }

    /// `ValueRules.text(properties, "lot_number", required: true, pattern: Self.lotNumberPattern, into: &issues)`,
    /// written in pieces.
    static func writeStatement(_ step: ValidationStep, into writer: inout CodeWriter) {
        writer.write("ValueRules.")
        switch step.rule {
        case .text: writer.write("text")
        case .number: writer.write("number")
        case .bool: writer.write("bool")
        case .date: writer.write("date")
        case .datetime: writer.write("datetime")
        case .option: writer.write("option")
        case .options: writer.write("options")
        }
        writer.write("(properties, ")
        writer.write(step.jsonLiteral)
        switch step.rule {
        case .option(let enumeration), .options(let enumeration):
            writer.write(", as: ")
            writer.write(enumeration)
            writer.write(".self")
        default:
            break
        }
        if step.required { writer.write(", required: true") }
        switch step.rule {
        case let .text(minLength, maxLength, pattern, format):
            if let minLength {
                writer.write(", minLength: ")
                writer.write(minLength)
            }
            if let maxLength {
                writer.write(", maxLength: ")
                writer.write(maxLength)
            }
            if let pattern {
                writer.write(", pattern: Self.")
                writer.write(pattern)
            }
            if let format {
                writer.write(", format: .")
                writer.write(format.rawValue)
            }
        case let .number(minimum, maximum):
            if let minimum {
                writer.write(", minimum: ")
                writer.write(numberLiteral(minimum))
            }
            if let maximum {
                writer.write(", maximum: ")
                writer.write(numberLiteral(maximum))
            }
        case .bool, .date, .datetime, .option, .options:
            break
        }
        writer.write(", into: &issues)")
        writer.endLine()
    }

    /// A number the loader has checked, written as its exact text.
    static func numberLiteral(_ number: CRMNumber) -> String {
        var bytes = SourceBytes()
        append(number, to: &bytes)
        return String(decoding: bytes.take(), as: UTF8.self)
    }

    /// ``numberLiteral(_:)`` appended to `bytes`.
    static func append(_ number: CRMNumber, to bytes: inout SourceBytes) {
        bytes.append(static: "CRMNumber.checked(")
        bytes.append(literalOf: number.text)
        bytes.append(UInt8(ascii: ")"))
    }
}
