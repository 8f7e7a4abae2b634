import CRMModel

/// `Registry.swift`: the whole schema as static Swift values — readable, diffable, and found by
/// name without a lookup — and the record types of the module and the modules it imports.
struct RegistryRenderer {
    let declaration: RegistryDeclaration
    let access: String

    /// Record types are listed in statements of this many, so no one literal or line grows large.
    static let chunkSize = 6
    /// Options are written inside the property's initializer when they fit on a short line;
    /// otherwise one statement each, which also keeps type-checking linear.
    static let inlineOptionsLength = 100

    func write(into writer: inout CodeWriter) {
        writer.line()
        writer.documentation("""
        The CRM data model of this module: every object schema by API name, label, objectTypeId and \
        Swift type, and the association matrix.

        ```swift
        let batch = Registry.shared.object("Roast Batches")   // name, label, objectTypeId or Swift type
        let allowed = Registry.associations.allows(from: "roast_batch", to: "contacts", label: "roaster")
        ```
        """)
        writer.block("\(access)nonisolated enum Registry") { writer in
            let imports = declaration.imports
            if imports.isEmpty {
                writer.line("\(access)static let shared = RecordRegistry(schema: schema, recordTypes: recordTypes)")
            } else {
                writer.line("/// This module's objects and types, and those of \(imports.joined(separator: ", ")) that it does not define itself.")
                writer.line("\(access)static let shared = RecordRegistry(schema: schema, recordTypes: recordTypes, "
                            + "merging: [\(imports.map { "\($0).Registry.shared" }.joined(separator: ", "))])")
            }
            writer.line()
            writer.line("/// Every object and association of this module's definitions, as crmgen resolved them (`crmgen describe` shows the same).")
            writer.line("\(access)static let schema = Schema(objects: Objects.all, associations: Associations.all)")
            writer.line()
            writer.line("/// The generated record types of this module\(imports.isEmpty ? "" : " and of \(imports.joined(separator: ", "))").")
            writer.block("\(access)static var recordTypes: [any CRMRecord.Type]") { writer in
                writer.line("var types: [any CRMRecord.Type] = []")
                for module in imports {
                    writer.line("types.append(contentsOf: \(module).Registry.recordTypes)")
                }
                var start = 0
                let local = declaration.localTypes
                while start < local.count {
                    let chunk = local[start..<min(local.count, start + Self.chunkSize)]
                    writer.line("types.append(contentsOf: [\(chunk.map { "\($0).self" }.joined(separator: ", "))] as [any CRMRecord.Type])")
                    start += Self.chunkSize
                }
                writer.line("return types")
            }
        }
        writer.line()
        writer.block("nonisolated extension Registry") { writer in
            writeObjects(into: &writer)
            writer.line()
            writeAssociations(into: &writer)
        }
    }

    private func writeObjects(into writer: inout CodeWriter) {
        writer.line("/// Each object's schema as its definitions say it: `Registry.Objects.\(declaration.objects.first?.constantName ?? "contacts")`.")
        writer.block("\(access)nonisolated enum Objects") { writer in
            writer.line("\(access)static let all: [ObjectSchema] = [")
            for object in declaration.objects { writer.line("    \(object.constantName),") }
            writer.line("]")
            for object in declaration.objects {
                writer.line()
                let schema = object.schema
                writer.documentation("`\(schema.name)`" + (schema.location.map { " — \($0.file):\($0.line)" } ?? ""))
                writer.block("\(access)static let \(object.constantName): ObjectSchema =", closing: "}()") { writer in
                    let head = SchemaValueRenderer.object(schema)
                    writer.line("var object = " + head[0])
                    head.dropFirst().forEach { writer.line($0) }
                    if !schema.properties.isEmpty {
                        writer.line("object.properties.reserveCapacity(\(schema.properties.count))")
                    }
                    for property in schema.properties {
                        writeProperty(property, into: &writer)
                    }
                    writer.line("return object")
                }
            }
        }
    }

    private func writeProperty(_ property: PropertySchema, into writer: inout CodeWriter) {
        let inline = property.options.map(SchemaValueRenderer.option).joined(separator: ", ").count <= Self.inlineOptionsLength
        let extras = inline ? [] : property.options.map { "property.options.append(\(SchemaValueRenderer.option($0)))" }
        Self.writeAppend(SchemaValueRenderer.property(property, includingOptions: inline), to: "object.properties",
                         variable: "property", extras: extras, into: &writer)
    }

    /// `collection.append(Value(…))`; with `extras`, a `do` block that builds the value in `variable`,
    /// runs the extra statements (one per option or label, which keeps type-checking linear) and appends it.
    static func writeAppend(_ lines: [String], to collection: String, variable: String, extras: [String], into writer: inout CodeWriter) {
        guard !extras.isEmpty else {
            writer.line("\(collection).append(" + lines[0] + (lines.count == 1 ? ")" : ""))
            if lines.count > 1 {
                lines.dropFirst().dropLast().forEach { writer.line($0) }
                writer.line(lines[lines.count - 1] + ")")
            }
            return
        }
        writer.block("do") { writer in
            writer.line("var \(variable) = " + lines[0])
            lines.dropFirst().forEach { writer.line($0) }
            extras.forEach { writer.line($0) }
            writer.line("\(collection).append(\(variable))")
        }
    }

    private func writeAssociations(into writer: inout CodeWriter) {
        writer.line("/// Every association, declared once, read from the side that declares it.")
        writer.block("\(access)nonisolated enum Associations") { writer in
            writer.block("\(access)static let all: [AssociationSchema] =", closing: "}()") { writer in
                writer.line("var all: [AssociationSchema] = []")
                if !declaration.associations.isEmpty { writer.line("all.reserveCapacity(\(declaration.associations.count))") }
                for association in declaration.associations {
                    let inline = association.labels.map(SchemaValueRenderer.label).joined(separator: ", ").count <= Self.inlineOptionsLength
                    let extras = inline ? [] : association.labels.map { "association.labels.append(\(SchemaValueRenderer.label($0)))" }
                    Self.writeAppend(SchemaValueRenderer.association(association, includingLabels: inline), to: "all",
                                     variable: "association", extras: extras, into: &writer)
                }
                writer.line("return all")
            }
        }
    }
}

/// `AssociationMatrix.swift`: O(1) questions about associations, on the registry.
enum AssociationMatrixRenderer {
    static func write(access: String, into writer: inout CodeWriter) {
        writer.line()
        writer.block("nonisolated extension Registry") { writer in
            writer.documentation("""
            Which objects may associate, under which labels, with which cardinality and HubSpot type IDs; \
            every question is one hash lookup.

            ```swift
            Registry.associations.allows(from: "quotes", to: "deals")          // true
            Registry.associations.typeId(from: "contacts", to: "companies", label: "primary")   // 1
            Registry.associations.cardinality(from: "quotes", to: "deals")     // .manyToOne
            ```
            """)
            writer.line("\(access)static var associations: AssociationMatrix { shared.associations }")
        }
    }
}
