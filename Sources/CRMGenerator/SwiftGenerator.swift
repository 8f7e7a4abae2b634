import CRMModel

/// A problem that stops generation (the definitions themselves were already checked by the loader).
public struct GeneratorError: Error, CustomStringConvertible {
    public var description: String
}

/// Turns a checked ``CRMModel/Schema`` into Swift source files. Pure: no I/O, and the same
/// schema and options always give the same bytes.
///
/// One file per definition file (`roast_batch.yaml` → `RoastBatch.swift`), plus
/// `Registry.swift` and `AssociationMatrix.swift`.
public struct SwiftGenerator: Sendable {
    public var options: GeneratorOptions

    public init(options: GeneratorOptions) {
        self.options = options
    }

    public func generate(_ schema: Schema) throws(GeneratorError) -> [GeneratedFile] {
        let access = options.accessModifier.prefix
        let paths = SourcePaths(root: options.sourceRoot)
        var files: [GeneratedFile] = []
        var localTypes: [String] = []
        var usedNames: [String: String] = [:]
        for file in options.definitionFiles.sorted() {
            let name = GeneratedFileNames.swiftFile(forDefinition: file)
            if let other = usedNames[name] {
                throw GeneratorError(description: "'\(other)' and '\(file)' would both generate \(name); rename one of the files")
            }
            if name == GeneratedFileNames.registry || name == GeneratedFileNames.associationMatrix {
                throw GeneratorError(description: "'\(file)' would generate \(name), which crmgen writes itself; rename the file")
            }
            usedNames[name] = file
            var writer = CodeWriter()
            FileHeader.write(into: &writer, source: paths.relative(file), imports: options.imports)
            if let object = schema.objects.first(where: { $0.location?.file == file }) {
                RecordTypeRenderer(model: RecordTypeModel(object: object, sourcePaths: paths), access: access).write(into: &writer)
                localTypes.append(object.swiftName)
            } else if let object = schema.objects.first(where: { $0.extensionLocations.contains { $0.file == file } }) {
                ExtensionRenderer(object: object, file: file, access: access, sourcePaths: paths).write(into: &writer)
            } else {
                writer.line()
                writer.line("// \(SwiftSyntax.commentText(paths.relative(file))) defines no object of this schema.")
            }
            files.append(GeneratedFile(name: name, contents: writer.text))
        }

        var registry = CodeWriter()
        FileHeader.write(into: &registry, source: "the definitions of this module", imports: options.imports)
        do {
            try RegistryRenderer(schema: relativized(schema, paths), localTypes: localTypes.sorted(), imports: options.imports, access: access)
                .write(into: &registry)
        } catch {
            throw GeneratorError(description: "cannot encode the schema: \(error)")
        }
        files.append(GeneratedFile(name: GeneratedFileNames.registry, contents: registry.text))

        var matrix = CodeWriter()
        FileHeader.write(into: &matrix, source: "the definitions of this module", imports: options.imports)
        AssociationMatrixRenderer.write(access: access, into: &matrix)
        files.append(GeneratedFile(name: GeneratedFileNames.associationMatrix, contents: matrix.text))
        return files.sorted { $0.name < $1.name }
    }

    /// The schema with file paths relative to the source root, so output does not depend on the checkout's place.
    private func relativized(_ schema: Schema, _ paths: SourcePaths) -> Schema {
        func fix(_ location: SourceLocation?) -> SourceLocation? {
            location.map { SourceLocation(file: paths.relative($0.file), line: $0.line, column: $0.column) }
        }
        let objects = schema.objects.map { object in
            var object = object
            object.location = fix(object.location)
            object.extensionLocations = object.extensionLocations.compactMap(fix)
            object.properties = object.properties.map { property in
                var property = property
                property.location = fix(property.location)
                return property
            }
            return object
        }
        let associations = schema.associations.map { association in
            var association = association
            association.location = fix(association.location)
            return association
        }
        return Schema(objects: objects, associations: associations)
    }
}
