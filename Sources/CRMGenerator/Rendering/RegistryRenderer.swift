import CRMModel

/// `Registry.swift`: the whole schema as static Swift values — readable, diffable, and found by
/// name without a lookup — and the record types of the module and the modules it imports.
struct RegistryRenderer {
    let declaration: RegistryDeclaration
    let access: String
    /// Locations in the schema values are written relative to the source root.
    let paths: SourcePaths

    /// Record types are listed in statements of this many, so no one literal or line grows large.
    static let chunkSize = 6
    /// Options are written inside the property's initializer when they fit on a short line;
    /// otherwise one statement each, which also keeps type-checking linear.
    static let inlineOptionsLength = 100

    /// Writes the file, handing the text to `sink` whenever the writer fills, after an object or an
    /// association: the file, megabytes for thousands of objects, is never held whole.
    func write<Sink: GeneratedFileSink>(into writer: inout CodeWriter, handingOnTo sink: inout Sink) throws(Sink.Failure) {
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
        writer.open("nonisolated extension Registry")
        try writeObjects(into: &writer, handingOnTo: &sink)
        writer.line()
        try writeAssociations(into: &writer, handingOnTo: &sink)
        writer.close()
    }

    private func writeObjects<Sink: GeneratedFileSink>(into writer: inout CodeWriter, handingOnTo sink: inout Sink) throws(Sink.Failure) {
        writer.line("/// Each object's schema as its definitions say it: `Registry.Objects.\(declaration.objects.first?.constantName ?? "contacts")`.")
        writer.open("\(access)nonisolated enum Objects")
        writer.line("\(access)static let all: [ObjectSchema] = [")
        for object in declaration.objects {
            writer.line("    \(object.constantName),")
            try writer.handOn(to: &sink, onlyIfFull: true)
        }
        writer.line("]")
        // Each object's constant is rendered on whichever core is free, and handed on in order.
        let objects = declaration.objects
        let empty = CodeWriter(indentedLike: writer)
        try ConcurrentRendering.forEachBatch(objects.indices) { index in
            var writer = empty
            writeObject(objects[index], into: &writer)
            return writer.text
        } consume: { _, text throws(Sink.Failure) in
            try writer.handOn(to: &sink, then: text)
        }
        writer.close()
    }

    /// `static let roastBatch: ObjectSchema = roastBatch(file: "…")` and the function that makes it,
    /// after a blank line. A function, not a closure called in place: the compiler type-checks a
    /// closure's statements together with the expression around it, in time that grows with the square
    /// of their number (55 s for an object of 1,000 properties), a function's one by one.
    private func writeObject(_ object: RegistryDeclaration.Object, into writer: inout CodeWriter) {
        writer.line()
        let schema = object.schema
        let name = object.constantName
        let file = SchemaValueRenderer.fileConstant
        writer.documentation("`\(schema.name)`" + (schema.location.map { " — \(paths.relative($0.file)):\($0.line)" } ?? ""))
        // The object and each of its properties cite the same file: it is named once.
        let path = SchemaValueRenderer.string(schema.location.map { paths.relative($0.file) } ?? "")
        writer.line("\(access)static let \(name): ObjectSchema = \(name)(\(file): \(path))")
        writer.line()
        writer.block("private static func \(name)(\(file): String) -> ObjectSchema") { writer in
            let objectPaths = paths.favoring(schema.location?.file)
            SchemaValueRenderer.object(schema, objectPaths).write(into: &writer, prefix: "var object = ")
            if !schema.properties.isEmpty {
                writer.line("object.properties.reserveCapacity(\(schema.properties.count))")
            }
            var call = SchemaValueRenderer.Call(name: "PropertySchema")
            // By index: the properties are read where they are, not copied one by one.
            for index in schema.properties.indices {
                writeProperty(schema.properties[index], paths: objectPaths, reusing: &call, into: &writer)
            }
            writer.line("return object")
        }
    }

    private func writeProperty(_ property: PropertySchema, paths: SourcePaths, reusing call: inout SchemaValueRenderer.Call,
                               into writer: inout CodeWriter) {
        // The options are written as bytes once, then either joined into the call or one statement each.
        let options = property.options.isEmpty ? nil : SchemaValueRenderer.ExpressionList(options: property.options)
        let inline = options?.joinedHasAtMost(Self.inlineOptionsLength) ?? true
        SchemaValueRenderer.property(property, inlineOptions: inline ? options : nil, paths, into: &call)
        Self.writeAppend(call, to: "object.properties", variable: "property", appending: inline ? nil : options, to: "options",
                         into: &writer)
    }

    /// `collection.append(Value(…))`; with `elements`, a `do` block that builds the value in `variable`,
    /// appends each element to its `member` in a statement of its own (which keeps type-checking linear)
    /// and appends the value.
    static func writeAppend(_ value: SchemaValueRenderer.Call, to collection: StaticString, variable: StaticString,
                            appending elements: SchemaValueRenderer.ExpressionList?, to member: StaticString,
                            into writer: inout CodeWriter) {
        guard let elements, !elements.isEmpty else {
            writer.write(collection)
            writer.write(".append(")
            value.writeCall(into: &writer)
            writer.write(")")
            writer.endLine()
            return
        }
        writer.block("do") { writer in
            writer.write("var ")
            writer.write(variable)
            writer.write(" = ")
            value.writeCall(into: &writer)
            writer.endLine()
            for index in elements.indices {
                writer.write(variable)
                writer.write(".")
                writer.write(member)
                writer.write(".append(")
                writer.write(elements.bytes, elements.range(index))
                writer.write(")")
                writer.endLine()
            }
            writer.write(collection)
            writer.write(".append(")
            writer.write(variable)
            writer.write(")")
            writer.endLine()
        }
    }

    private func writeAssociations<Sink: GeneratedFileSink>(into writer: inout CodeWriter, handingOnTo sink: inout Sink) throws(Sink.Failure) {
        writer.line("/// Every association, declared once, read from the side that declares it.")
        writer.open("\(access)nonisolated enum Associations")
        // A function, as each object's schema is: its statements are type-checked one by one.
        writer.line("\(access)static let all: [AssociationSchema] = declared()")
        writer.line()
        writer.open("private static func declared() -> [AssociationSchema]")
        writer.line("var all: [AssociationSchema] = []")
        if !declaration.associations.isEmpty { writer.line("all.reserveCapacity(\(declaration.associations.count))") }
        for association in declaration.associations {
            let labels = SchemaValueRenderer.ExpressionList(association.labels.map(SchemaValueRenderer.label))
            let inline = labels.joinedHasAtMost(Self.inlineOptionsLength)
            Self.writeAppend(SchemaValueRenderer.association(association, includingLabels: inline, paths), to: "all",
                             variable: "association", appending: inline ? nil : labels, to: "labels", into: &writer)
            try writer.handOn(to: &sink, onlyIfFull: true)
        }
        writer.line("return all")
        writer.close()
        writer.close()
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
