import ArgumentParser
import CRMGenerator
import CRMModel
import CRMSchemaLoader
import Foundation

/// `crmgen generate --output DIR [--access-modifier internal|package|public] [--config FILE]`
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Swift model types, validators, the registry and the association matrix.",
        discussion: """
        Writes one Swift file per definition file (roast_batch.yaml → RoastBatch.swift; where two \
        names would clash, the later file in path order gets RoastBatch_2.swift) plus Registry.swift, \
        AssociationMatrix.swift and StandardTypes.swift.

        The output folder changes all at once, even if crmgen is killed: files whose bytes did not \
        change keep their modification time, and if anything fails the folder is left exactly as it \
        was. Runs into one folder take turns (a lock file beside it).

        The built-in standard set is in the registry but gets no Swift types unless \
        --include-standard-types is given: apps get those types from the CRMObjects library.

        Examples:
          crmgen generate --output Sources/App/Generated --access-modifier public
          crmgen generate --definitions Roastery/ --output Generated --import CRMObjects
          crmgen generate --output Generated --config Sources/App/crmgen-config.yaml
        """
    )

    @Option(help: ArgumentHelp("Folder of its own for the generated .swift files (created if missing; replaced as a whole).", valueName: "dir"))
    var output: String

    @Option(help: "Access level of generated declarations: internal, package or public (default: the configuration's, else internal).")
    var accessModifier: GeneratorOptions.AccessModifier?

    @Option(help: ArgumentHelp("A crmgen-config.yaml with accessModifier, imports and includeStandardTypes.", valueName: "file"))
    var config: String?

    @Option(name: .customLong("import"), help: ArgumentHelp("A crmgen-generated module to import, such as CRMObjects; repeatable.", valueName: "module"))
    var imports: [String] = []

    @Flag(help: "Also generate types for the built-in standard objects (into StandardTypes.swift).")
    var includeStandardTypes = false

    @Option(help: ArgumentHelp("Paths in generated comments are relative to this folder (default: the current folder).", valueName: "dir"))
    var sourceRoot: String?

    @Flag(name: .shortAndLong, help: "Print which files were written.")
    var verbose = false

    @OptionGroup var definitions: DefinitionOptions

    func validate() throws {
        if let problem = OutputFolder.problem(with: output, example: "Generated") { throw ValidationError(problem) }
        for module in imports where !GeneratorConfiguration.isModuleName(module) {
            throw ValidationError("'\(module)' is not a module name")
        }
        if let config, !FileManager.default.isReadableFile(atPath: config) {
            throw ValidationError("cannot read the configuration '\(config)'")
        }
        if let config, FileSystem.kind(of: FileSystem.resolved(config)) == .folder {
            throw ValidationError("--config '\(config)' is a folder; give the configuration file, such as crmgen-config.yaml")
        }
    }

    func run() throws {
        let configuration = try readConfiguration()
        let (schema, result) = try definitions.loadSchema()
        var standardFiles: [String] = []
        if includeStandardTypes || configuration.includeStandardTypes {
            standardFiles = schema.objects.compactMap(\.location?.file).filter { $0.hasPrefix(SchemaLoader.builtInPathPrefix) }
        } else {
            DiagnosticPrinter.print(Self.optionsOnlyInRegistry(schema))
        }
        let access = accessModifier ?? configuration.accessModifier.flatMap(GeneratorOptions.AccessModifier.init(rawValue:)) ?? .internal
        var modules: [String] = []
        for module in configuration.imports + imports where !modules.contains(module) { modules.append(module) }
        let generator = SwiftGenerator(options: GeneratorOptions(
            accessModifier: access, definitionFiles: result.files, standardTypeFiles: standardFiles,
            imports: modules, sourceRoot: sourceRoot ?? FileManager.default.currentDirectoryPath
        ))

        let summary: OutputFolder.Summary
        do {
            summary = try OutputFolder(path: output).write { files throws(FileSystemError) in
                try generator.generate(schema, into: &files)
            }
        } catch {
            DiagnosticPrinter.print([.error(error.description, at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
        if let warning = summary.cleanupWarning {
            DiagnosticPrinter.print([.warning(warning, at: nil)])
        }
        if verbose {
            summary.written.forEach { print("wrote \($0)") }
            summary.removed.forEach { print("removed \($0)") }
        }
        let total = summary.written.count + summary.unchanged.count
        print("\(total) files in \(output): \(summary.written.count) written, \(summary.unchanged.count) unchanged"
              + (summary.removed.isEmpty ? "." : ", \(summary.removed.count) stale removed."))
    }

    /// A note per option list an extension gives a built-in object's enumeration when the object's
    /// type is not generated here: CRMObjects compiled that type from the built-in list.
    static func optionsOnlyInRegistry(_ schema: Schema) -> [Diagnostic] {
        schema.objects.filter { $0.location?.file.hasPrefix(SchemaLoader.builtInPathPrefix) ?? false }.flatMap { object in
            object.properties.compactMap { property -> Diagnostic? in
                guard let place = property.optionsLocation else { return nil }
                return .note("these options of '\(object.name).\(property.name)' apply to the registry and crmgen check; CRMObjects' "
                             + "\(object.swiftName) checks the built-in ones (generate the standard types here, with --include-standard-types "
                             + "or includeStandardTypes: true, to use them)", at: place)
            }
        }.sortedByLocation()
    }

    /// The `--config` file, read by the loader's YAML reader; errors end the run with status 1.
    private func readConfiguration() throws -> GeneratorConfiguration {
        guard let config else { return GeneratorConfiguration() }
        let contents = SchemaLoader.read(config, limit: YAMLLimits().maxFileSize, kind: "configuration files")
        let source: DefinitionSource
        switch contents {
        case .bytes(let bytes): source = DefinitionSource(path: config, contents: bytes)
        case .problem(let diagnostic):
            DiagnosticPrinter.print([diagnostic])
            throw ExitStatus.invalidDefinitions.exitCode
        }
        let (configuration, diagnostics) = GeneratorConfiguration.load(source)
        DiagnosticPrinter.print(diagnostics)
        guard let configuration else { throw ExitStatus.invalidDefinitions.exitCode }
        return configuration
    }
}

extension GeneratorOptions.AccessModifier: ExpressibleByArgument {}
