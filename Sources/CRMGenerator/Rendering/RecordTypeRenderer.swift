import CRMModel

/// The Swift of one object: its struct, HubSpot record JSON coding and `validate()`.
struct RecordTypeRenderer {
    let model: RecordTypeModel
    let access: String

    func write(into writer: inout CodeWriter) {
        writeStruct(into: &writer)
        writer.line()
        writeCoding(into: &writer)
        writer.line()
        writeValidation(into: &writer)
    }

    private func writeStruct(into writer: inout CodeWriter) {
        let object = model.object
        writer.line()
        writer.documentation(object.labels.singular + (object.description.map { ": " + $0 } ?? ""))
        writer.line("///")
        writer.line("/// HubSpot object `\(object.name)`\(object.objectTypeId.map { " (objectTypeId `\($0)`)" } ?? ""), from \(SwiftSyntax.commentText(model.source)).")
        writer.block("\(access)struct \(model.typeName): CRMRecord") { writer in
            writer.line("\(access)static let objectName = \(SwiftSyntax.stringLiteral(object.name))")
            writer.line("\(access)static var schema: ObjectSchema { Registry.shared.object(objectName)! }")
            writer.line()
            writer.line("/// The record ID; `nil` for a record not yet created.")
            writer.line("\(access)var id: String?")
            writer.line("\(access)var createdAt: Foundation.Date?")
            writer.line("\(access)var updatedAt: Foundation.Date?")
            writer.line("\(access)var archived: Bool?")
            writer.line("\(access)var archivedAt: Foundation.Date?")
            writer.line("/// Associated records by object, when the request asked for them.")
            writer.line("\(access)var associations: [String: AssociationResults]?")
            writer.line("/// Properties the definitions do not name, kept as received and written back.")
            writer.line("\(access)var additionalProperties: [String: String] = [:]")
            writer.line("/// Values that could not be read as their property's type, kept verbatim and reported by `validate()`.")
            writer.line("\(access)var malformedProperties: [String: String] = [:]")
            for property in model.properties {
                writer.line()
                let traits = [property.schema.required ? "required" : nil, property.schema.readOnly ? "read-only" : nil,
                              property.schema.unique ? "unique" : nil].compactMap { $0 }
                writer.line("/// \(SwiftSyntax.commentText(property.schema.label))\(traits.isEmpty ? "" : " (\(traits.joined(separator: ", ")))") — `\(property.schema.name)`, \(SwiftSyntax.commentText(property.source))")
                if let description = property.schema.description {
                    writer.line("///")
                    writer.documentation(description)
                }
                writer.line("\(access)var \(property.swiftName): \(property.valueType)?")
            }
            writer.line()
            writer.line("\(access)init(id: String? = nil) {")
            writer.line("    self.id = id")
            writer.line("}")
            for property in model.properties {
                if let enumeration = property.enumeration {
                    writer.line()
                    EnumerationRenderer.write(enumeration, property: property.schema, access: access, into: &writer)
                }
            }
        }
    }

    private func writeCoding(into writer: inout CodeWriter) {
        writer.line("// MARK: HubSpot record JSON")
        writer.line()
        writer.block("extension \(model.typeName)") { writer in
            writer.block("\(access)init(from decoder: any Decoder) throws") { writer in
                writer.line("self.init(record: try RecordEnvelope(from: decoder))")
            }
            writer.line()
            writer.block("\(access)init(record: RecordEnvelope)") { writer in
                writer.line("var values = PropertyValueReader(record.properties)")
                writer.line("id = record.id")
                writer.line("createdAt = record.createdAt")
                writer.line("updatedAt = record.updatedAt")
                writer.line("archived = record.archived")
                writer.line("archivedAt = record.archivedAt")
                writer.line("associations = record.associations")
                for property in model.properties {
                    // Always `self.`: a property may be named `self`.
                    writer.line("self.\(property.swiftName) = values.\(property.readMethod)(\(SwiftSyntax.stringLiteral(property.schema.name)))")
                }
                writer.line("additionalProperties = values.remaining")
                writer.line("malformedProperties = values.malformed")
            }
            writer.line()
            writer.block("\(access)func encode(to encoder: any Encoder) throws") { writer in
                writer.line("var values = PropertyValueWriter(keeping: additionalProperties, malformedProperties)")
                for property in model.properties {
                    writer.line("values.set(\(SwiftSyntax.stringLiteral(property.schema.name)), self.\(property.swiftName))")
                }
                writer.line("let record = RecordEnvelope(")
                writer.line("    id: id, properties: values.values, createdAt: createdAt, updatedAt: updatedAt,")
                writer.line("    archived: archived, archivedAt: archivedAt, associations: associations")
                writer.line(")")
                writer.line("try record.encode(to: encoder)")
            }
        }
    }

    private func writeValidation(into writer: inout CodeWriter) {
        writer.line("// MARK: Validation")
        writer.line()
        writer.block("extension \(model.typeName)") { writer in
            for declaration in model.properties.compactMap(\.patternDeclaration) {
                writer.line(declaration)
            }
            if model.properties.contains(where: { $0.patternDeclaration != nil }) { writer.line() }
            writer.line("/// Every problem of the record, in property order.")
            writer.block("\(access)func validate() -> [ValidationIssue]") { writer in
                writer.line("var issues: [ValidationIssue] = []")
                for property in model.properties {
                    ValidationRenderer.write(property, value: "self.\(property.swiftName)", malformed: "malformedProperties",
                                             typeName: model.typeName, into: &writer)
                }
                writer.line("return issues")
            }
        }
    }
}
