/// The Swift of one object: its struct over the record's JSON, its coding and `validate()`.
struct RecordTypeRenderer {
    let declaration: RecordTypeDeclaration
    let access: String

    func write(into writer: inout CodeWriter) {
        writeStruct(into: &writer)
        writer.line()
        writeCoding(into: &writer)
        writer.line()
        writeValidation(into: &writer)
    }

    private func writeStruct(into writer: inout CodeWriter) {
        let type = declaration
        writer.line()
        writer.documentation(type.documentation)
        writer.line("///")
        writer.documentation(type.origin)
        writer.block("\(access)nonisolated struct \(type.typeName): CRMRecord") { writer in
            writer.line("\(access)static let objectName = \(SwiftSyntax.stringLiteral(type.objectName))")
            writer.line("\(access)static var schema: ObjectSchema { \(type.schemaExpression) }")
            writer.line()
            writer.line("/// The record's JSON: its ID, every property value as text, timestamps and associations.")
            writer.line("\(access)var record: RecordEnvelope")
            writer.line()
            writer.line("/// A record not yet created in HubSpot, or one to update by its ID.")
            writer.block("\(access)init(id: String? = nil)") { writer in
                writer.line("record = RecordEnvelope(id: id)")
            }
            writer.line()
            writer.block("\(access)init(record: RecordEnvelope)") { writer in
                writer.line("self.record = record")
            }
            for accessor in type.accessors {
                writer.line()
                PropertyRenderer.writeAccessor(accessor, access: access, into: &writer)
            }
            writer.line()
            writer.documentation("The properties of `\(type.objectName)` by their Swift names, for `clear(_:)` and wherever a name is needed.")
            if type.accessors.isEmpty {
                // An enum without cases cannot have a raw type; spelled out, it conforms the same way
                // (Hashable too, which a caseless enum is not given unasked).
                writer.block("\(access)nonisolated enum Property: RawRepresentable, CaseIterable, Hashable, Sendable") { writer in
                    writer.line("\(access)init?(rawValue _: String) { nil }")
                    writer.line("\(access)var rawValue: String { switch self {} }")
                }
            } else {
                writer.block("\(access)nonisolated enum Property: String, CaseIterable, Sendable") { writer in
                    // Through a pointer, which reads the two names in place: iterating the array copies
                    // each whole accessor (its every string retained, then released) for them.
                    type.accessors.withUnsafeBufferPointer { accessors in
                        guard let accessor = accessors.baseAddress else { return }
                        for index in accessors.indices {
                            writer.write("case ")
                            writer.write(accessor[index].swiftName)
                            writer.write(" = ")
                            writer.write(accessor[index].jsonLiteral)
                            writer.endLine()
                        }
                    }
                }
            }
            if !type.associations.isEmpty {
                writer.line()
                writeAssociations(type, into: &writer)
            }
            for enumeration in type.enumerations {
                writer.line()
                EnumerationRenderer.write(enumeration, access: access, into: &writer)
            }
        }
    }

    /// `enum Association`: each association of the object, read from its side, for the association
    /// matrix and store (`Registry.associations.allows(TastingNote.Association.cupper)`).
    private func writeAssociations(_ type: RecordTypeDeclaration, into writer: inout CodeWriter) {
        writer.documentation("The associations of `\(type.objectName)`, read from its side: for `Registry.associations` and `AssociationStore`.")
        writer.block("\(access)nonisolated enum Association") { writer in
            for (index, constant) in type.associations.enumerated() {
                if index > 0 { writer.line() }
                writer.documentation(constant.summary)
                writer.write(access)
                writer.write("static let ")
                writer.write(constant.name)
                writer.write(" = AssociationType(from: ")
                writer.writeLiteral(constant.from)
                writer.write(", to: ")
                writer.writeLiteral(constant.to)
                if let label = constant.label {
                    writer.write(", label: ")
                    writer.writeLiteral(label)
                }
                if let typeId = constant.typeId {
                    writer.write(", typeId: ")
                    writer.write(typeId)
                }
                writer.write(")")
                writer.endLine()
            }
        }
    }

    private func writeCoding(into writer: inout CodeWriter) {
        writer.line("// MARK: HubSpot record JSON")
        writer.line()
        writer.block("nonisolated extension \(declaration.typeName)") { writer in
            writer.documentation("Reads the record from HubSpot's record JSON; the type's own properties go into slots by position.")
            writer.block("\(access)init(json: Data) throws(RecordJSONError)") { writer in
                writer.line("self.init(record: try RecordEnvelope(json: json, requiringProperties: false, layout: Self.validationRules.layout))")
            }
            writer.line()
            writer.block("\(access)init(from decoder: any Decoder) throws") { writer in
                writer.line("self.init(record: try RecordEnvelope(from: decoder))")
            }
            writer.line()
            writer.block("\(access)func encode(to encoder: any Encoder) throws") { writer in
                writer.line("try record.encode(to: encoder)")
            }
        }
    }

    private func writeValidation(into writer: inout CodeWriter) {
        writer.line("// MARK: Validation")
        writer.line()
        writer.block("nonisolated extension \(declaration.typeName)") { writer in
            for pattern in declaration.patterns {
                PropertyRenderer.writePattern(pattern, into: &writer)
            }
            if !declaration.patterns.isEmpty { writer.line() }
            // Two fixed doc lines, written as they are (documentation(_:) splits text at line breaks the slow way).
            writer.line("/// The rules of `validate()` compiled once: a record they accept has no issue; only others go")
            writer.line("/// through the rules one by one.")
            writer.line("static let validationRules = RecordRules(object: schema)")
            writer.line()
            PropertyRenderer.writeValidator(named: "validate", documentation: "Every problem of the record, in property order.",
                                            steps: declaration.validation, access: access, compiledRules: "validationRules", into: &writer)
        }
    }
}
