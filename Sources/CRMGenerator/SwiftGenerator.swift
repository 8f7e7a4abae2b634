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
        var collector = GeneratedFileCollector()
        generate(schema, into: &collector)
        return collector.files.sorted { $0.name < $1.name }
    }

    /// Hands each file to `sink` as it is rendered, in pieces (see ``GeneratedFileSink``), so a caller
    /// can write it out and let it go: no file is held whole, nor more than a batch of
    /// ``ConcurrentRendering/batchSize`` files rendered at once on all cores.
    public func generate<Sink: GeneratedFileSink>(_ schema: Schema, into sink: inout Sink) throws(Sink.Failure) {
        let renderer = FileRenderer(schema: schema, options: options)
        let files = GeneratedFileNames.assign(options.definitionFiles.sorted())
        try ConcurrentRendering.forEachBatch(files.indices) { index in
            renderer.definitionFile(files[index].path, named: files[index].file)
        } consume: { index, text throws(Sink.Failure) in
            try sink.beginFile(named: files[index].file)
            try text.write(to: &sink)
            try sink.endFile()
        }

        try sink.beginFile(named: GeneratedFileNames.standardTypes)
        var standard = CodeWriter()
        FileHeader.write(into: &standard, source: "the built-in standard objects", imports: options.imports)
        let standardFiles = Set(options.standardTypeFiles)
        let standardObjects = standardFiles.isEmpty ? [] : schema.objects.filter { standardFiles.contains($0.location?.file ?? "") }
        if standardObjects.isEmpty {
            standard.line()
            standard.line("// The standard objects' types are not generated into this module; they come from CRMObjects.")
            standard.line("// (crmgen generate --include-standard-types, or includeStandardTypes: true in crmgen-config.yaml, puts them here.)")
        }
        try ConcurrentRendering.forEachBatch(standardObjects.indices) { index in
            var writer = CodeWriter()
            renderer.writeRecordType(standardObjects[index], into: &writer)
            return writer.text
        } consume: { _, text throws(Sink.Failure) in
            try standard.handOn(to: &sink, then: text)
        }
        try standard.handOn(to: &sink)
        try sink.endFile()

        try sink.beginFile(named: GeneratedFileNames.registry)
        var registry = CodeWriter()
        FileHeader.write(into: &registry, source: "the definitions of this module", imports: options.imports)
        let localTypes = files.compactMap { renderer.objectsByFile[$0.path]?.swiftName } + standardObjects.map(\.swiftName)
        let declaration = RegistryDeclaration(
            objects: schema.objects.map { RegistryDeclaration.Object(constantName: renderer.constants[$0.name] ?? "", schema: $0) },
            associations: schema.associations, localTypes: localTypes.sorted(), imports: options.imports
        )
        try RegistryRenderer(declaration: declaration, access: renderer.access, paths: renderer.paths).write(into: &registry, handingOnTo: &sink)
        try registry.handOn(to: &sink)
        try sink.endFile()

        try sink.beginFile(named: GeneratedFileNames.associationMatrix)
        var matrix = CodeWriter()
        FileHeader.write(into: &matrix, source: "the definitions of this module", imports: options.imports)
        AssociationMatrixRenderer.write(access: renderer.access, into: &matrix)
        try matrix.handOn(to: &sink)
        try sink.endFile()
    }

    /// What every file of one schema is rendered from, worked out once and shared by the cores.
    struct FileRenderer: Sendable {
        let access: String
        let imports: [String]
        let paths: SourcePaths
        let constants: [String: String]
        let associations: AssociationConstantTranslator
        /// The object each definition file defines, and the object each extension file extends.
        let objectsByFile: [String: ObjectSchema]
        let extendedByFile: [String: ObjectSchema]

        init(schema: Schema, options: GeneratorOptions) {
            access = options.accessModifier.prefix
            imports = options.imports
            paths = SourcePaths(root: options.sourceRoot, filesOf: schema)
            constants = SwiftGenerator.constantNames(schema)
            associations = AssociationConstantTranslator(schema: schema, sourcePaths: paths)
            objectsByFile = Dictionary(schema.objects.compactMap { object in object.location.map { ($0.file, object) } },
                                       uniquingKeysWith: { first, _ in first })
            var extended: [String: ObjectSchema] = [:]
            for object in schema.objects {
                for location in object.extensionLocations where extended[location.file] == nil { extended[location.file] = object }
            }
            extendedByFile = extended
        }

        /// The file generated for definition file `file`: the type of the object it defines, the
        /// accessors of the properties it adds to another, or a comment that it defines nothing.
        func definitionFile(_ file: String, named name: String) -> SourceBytes {
            var writer = CodeWriter()
            FileHeader.write(into: &writer, source: paths.relative(file), imports: imports)
            if let object = objectsByFile[file] {
                writeRecordType(object, into: &writer)
            } else if let object = extendedByFile[file] {
                let validator = "validate" + String(name.dropLast(".swift".count))
                let declaration = RecordTypeTranslator(object: object, sourcePaths: paths).extensionDeclaration(file: file, validatorName: validator)
                ExtensionRenderer(declaration: declaration, access: access).write(into: &writer)
            } else {
                writer.line()
                writer.comment("\(paths.relative(file)) defines no object of this schema.")
            }
            return writer.text
        }

        /// An object's record type: its struct, coding and `validate()`.
        func writeRecordType(_ object: ObjectSchema, into writer: inout CodeWriter) {
            let declaration = RecordTypeTranslator(object: object, sourcePaths: paths)
                .recordType(schemaExpression: "Registry.Objects.\(constants[object.name] ?? "")", associations: associations.constants(of: object))
            RecordTypeRenderer(declaration: declaration, access: access).write(into: &writer)
        }
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
}
