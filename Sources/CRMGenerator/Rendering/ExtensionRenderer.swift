/// The Swift of a `kind: extension` file: typed accessors for the properties it adds to an object
/// whose type lives elsewhere (often `CRMObjects`), over the same record values, and a validator.
struct ExtensionRenderer {
    let declaration: ExtensionDeclaration
    let access: String

    func write(into writer: inout CodeWriter) {
        let file = declaration.file
        writer.line()
        writer.documentation("Properties that \(file) adds to `\(declaration.objectName)`.")
        writer.block("nonisolated extension \(declaration.typeName)") { writer in
            for accessor in declaration.accessors {
                PropertyRenderer.writeAccessor(accessor, access: access, into: &writer)
                writer.line()
            }
            for enumeration in declaration.enumerations {
                EnumerationRenderer.write(enumeration, access: access, into: &writer)
                writer.line()
            }
            for pattern in declaration.patterns {
                PropertyRenderer.writePattern(pattern, into: &writer)
                writer.line()
            }
            PropertyRenderer.writeValidator(named: declaration.validatorName,
                                            documentation: "Problems of the properties that \(file) adds (`validate()` checks the object's own).",
                                            steps: declaration.validation, access: access, into: &writer)
        }
    }
}
