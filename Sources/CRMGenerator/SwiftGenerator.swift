import CRMModel

/// Turns a checked ``CRMModel/Schema`` into Swift source files. Pure: no I/O, and the same
/// schema and options always give the same bytes.
///
/// One file per definition file (`roast_batch.yaml` → `RoastBatch.swift`, names by
/// ``GeneratedFileNames``), plus `Registry.swift`, `AssociationMatrix.swift` and `StandardTypes.swift`.
/// The pipeline is translate (choose names, decide checks) → render (print).
public struct SwiftGenerator: Sendable {
    public var options: GeneratorOptions

    public init(options: GeneratorOptions) {
        self.options = options
    }

    /// Every file, sorted by name.
    public func generate(_ schema: Schema) -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        generate(schema) { files.append($0) }
        return files.sorted { $0.name < $1.name }
    }

    /// Hands each file to `body` as soon as it is rendered, so a caller can write it and let it go.
    public func generate<Failure: Error>(_ schema: Schema, each body: (GeneratedFile) throws(Failure) -> Void) throws(Failure) {
        let access = options.accessModifier.prefix
        let paths = SourcePaths(root: options.sourceRoot)
        let constants = Self.constantNames(schema)
        let objectsByFile = Dictionary(schema.objects.compactMap { object in object.location.map { ($0.file, object) } },
                                       uniquingKeysWith: { first, _ in first })
        var extendedByFile: [String: ObjectSchema] = [:]
        for object in schema.objects {
            for location in object.extensionLocations where extendedByFile[location.file] == nil { extendedByFile[location.file] = object }
        }
        var localTypes: [String] = []

        for (file, name) in GeneratedFileNames.assign(options.definitionFiles.sorted()) {
            var writer = CodeWriter()
            FileHeader.write(into: &writer, source: paths.relative(file), imports: options.imports)
            if let object = objectsByFile[file] {
                let declaration = RecordTypeTranslator(object: object, sourcePaths: paths)
                    .recordType(schemaExpression: "Registry.Objects.\(constants[object.name] ?? "")",
                                associations: AssociationConstantTranslator.constants(of: object, in: schema, sourcePaths: paths))
                RecordTypeRenderer(declaration: declaration, access: access).write(into: &writer)
                localTypes.append(object.swiftName)
            } else if let object = extendedByFile[file] {
                let validator = "validate" + String(name.dropLast(".swift".count))
                let declaration = RecordTypeTranslator(object: object, sourcePaths: paths).extensionDeclaration(file: file, validatorName: validator)
                ExtensionRenderer(declaration: declaration, access: access).write(into: &writer)
            } else {
                writer.line()
                writer.comment("\(paths.relative(file)) defines no object of this schema.")
            }
            try body(GeneratedFile(name: name, contents: writer.text))
        }

        var standard = CodeWriter()
        FileHeader.write(into: &standard, source: "the built-in standard objects", imports: options.imports)
        let standardObjects = Set(options.standardTypeFiles).isEmpty ? [] : schema.objects.filter {
            options.standardTypeFiles.contains($0.location?.file ?? "")
        }
        if standardObjects.isEmpty {
            standard.line()
            standard.line("// The standard objects' types are not generated into this module; they come from CRMObjects.")
            standard.line("// (crmgen generate --include-standard-types, or includeStandardTypes: true in crmgen-config.yaml, puts them here.)")
        }
        for object in standardObjects {
            let declaration = RecordTypeTranslator(object: object, sourcePaths: paths)
                .recordType(schemaExpression: "Registry.Objects.\(constants[object.name] ?? "")",
                            associations: AssociationConstantTranslator.constants(of: object, in: schema, sourcePaths: paths))
            RecordTypeRenderer(declaration: declaration, access: access).write(into: &standard)
            localTypes.append(object.swiftName)
        }
        try body(GeneratedFile(name: GeneratedFileNames.standardTypes, contents: standard.text))

        var registry = CodeWriter()
        FileHeader.write(into: &registry, source: "the definitions of this module", imports: options.imports)
        let relative = Self.relativized(schema, paths)
        let declaration = RegistryDeclaration(
            objects: relative.objects.map { RegistryDeclaration.Object(constantName: constants[$0.name] ?? "", schema: $0) },
            associations: relative.associations, localTypes: localTypes.sorted(), imports: options.imports
        )
        RegistryRenderer(declaration: declaration, access: access).write(into: &registry)
        try body(GeneratedFile(name: GeneratedFileNames.registry, contents: registry.text))

        var matrix = CodeWriter()
        FileHeader.write(into: &matrix, source: "the definitions of this module", imports: options.imports)
        AssociationMatrixRenderer.write(access: access, into: &matrix)
        try body(GeneratedFile(name: GeneratedFileNames.associationMatrix, contents: matrix.text))
    }

    /// The name of each object's constant in `Registry.Objects` (`roast_batch` → `roastBatch`).
    static func constantNames(_ schema: Schema) -> [String: String] {
        var scope = NameScope(taken: ["all"])
        var names: [String: String] = [:]
        for object in schema.objects {
            names[object.name] = SwiftSyntax.identifier(scope.claim(SwiftSyntax.camelCase(object.name), suffix: "Object"))
        }
        return names
    }

    /// The schema with file paths relative to the source root, so output does not depend on the checkout's place.
    static func relativized(_ schema: Schema, _ paths: SourcePaths) -> Schema {
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
