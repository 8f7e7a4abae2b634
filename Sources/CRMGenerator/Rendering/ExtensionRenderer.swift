import CRMModel

/// The Swift of a `kind: extension` file: typed accessors for the properties it adds to an
/// object whose type lives elsewhere (often `CRMObjects`). The values live in the record's
/// `additionalProperties`, so records decoded anywhere carry them.
struct ExtensionRenderer {
    let object: ObjectSchema
    let file: String
    let access: String
    let sourcePaths: SourcePaths

    /// `validateContactsExtras()` for `contacts_extras.yaml`.
    var validatorName: String { "validate" + String(GeneratedFileNames.swiftFile(forDefinition: file).dropLast(".swift".count)) }

    func write(into writer: inout CodeWriter) {
        // Names are chosen for the whole object, so the added properties cannot take a Swift name
        // that one of the object's own properties (declared in the standard type) already has.
        let models = RecordTypeModel(object: object, sourcePaths: sourcePaths).properties.filter { $0.schema.location?.file == file }
        writer.line()
        writer.documentation("Properties that \(sourcePaths.relative(file)) adds to `\(object.name)`, read from and written to `additionalProperties`.")
        writer.block("extension \(object.swiftName)") { writer in
            for property in models {
                let name = SwiftSyntax.stringLiteral(property.schema.name)
                writer.line("/// \(SwiftSyntax.commentText(property.schema.label)) — `\(property.schema.name)`, \(SwiftSyntax.commentText(property.source))")
                writer.block("\(access)var \(property.swiftName): \(property.valueType)?") { writer in
                    writer.block("get") { writer in
                        writer.line("var values = PropertyValueReader(additionalProperties)")
                        writer.line("return values.\(property.readMethod)(\(name))")
                    }
                    writer.block("set") { writer in
                        writer.line("var values = PropertyValueWriter()")
                        writer.line("values.set(\(name), newValue)")
                        writer.line("additionalProperties[\(name)] = values.values[\(name)]")
                    }
                }
                writer.line()
            }
            for property in models {
                guard let enumeration = property.enumeration else { continue }
                EnumerationRenderer.write(enumeration, property: property.schema, access: access, into: &writer)
                writer.line()
            }
            for declaration in models.compactMap(\.patternDeclaration) {
                writer.line(declaration)
                writer.line()
            }
            writer.line("/// Problems of the properties that \(sourcePaths.relative(file)) adds (`validate()` checks the object's own).")
            writer.block("\(access)func \(validatorName)() -> [ValidationIssue]") { writer in
                writer.line("var issues: [ValidationIssue] = []")
                writer.line("var values = PropertyValueReader(additionalProperties)")
                for (index, property) in models.enumerated() {
                    // Read every value, so that `malformed` is complete; bind only the ones a check uses.
                    let read = "values.\(property.readMethod)(\(SwiftSyntax.stringLiteral(property.schema.name)))"
                    writer.line(ValidationRenderer.usesValue(property)
                                ? "let value\(index): \(property.valueType)? = \(read)"
                                : "_ = \(read) as \(property.valueType)?")
                }
                writer.line("let malformed = values.malformed")
                for (index, property) in models.enumerated() {
                    ValidationRenderer.write(property, value: "value\(index)", malformed: "malformed", typeName: object.swiftName, into: &writer)
                }
                writer.line("return issues")
            }
        }
    }
}
