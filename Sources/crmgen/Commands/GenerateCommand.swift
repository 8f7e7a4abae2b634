import ArgumentParser
import CRMGenerator
import CRMModel
import CRMSchemaLoader
import Foundation

/// `crmgen generate --output DIR [--access-modifier internal|package|public]`
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Swift model types, validators, the registry and the association matrix.",
        discussion: """
        Writes one Swift file per definition file (roast_batch.yaml → RoastBatch.swift) plus \
        Registry.swift and AssociationMatrix.swift. Files whose bytes did not change are not \
        touched; if anything fails, the output folder is left as it was.

        The built-in standard set is in the registry but gets no Swift types unless \
        --include-standard-types is given: apps get those types from the CRMObjects library.

        Examples:
          crmgen generate --output Sources/App/Generated --access-modifier public
          crmgen generate --definitions Roastery/ --output Generated --import CRMObjects
        """
    )

    @Option(help: ArgumentHelp("Folder for the generated .swift files (created if missing).", valueName: "dir"))
    var output: String

    @Option(help: "Access level of generated declarations: internal, package or public.")
    var accessModifier: GeneratorOptions.AccessModifier = .internal

    @Option(name: .customLong("import"), help: ArgumentHelp("A crmgen-generated module to import, such as CRMObjects; repeatable.", valueName: "module"))
    var imports: [String] = []

    @Flag(help: "Also generate types for the built-in standard objects.")
    var includeStandardTypes = false

    @Option(help: ArgumentHelp("Paths in generated comments are relative to this folder (default: the current folder).", valueName: "dir"))
    var sourceRoot: String?

    @Flag(name: .shortAndLong, help: "Print which files were written.")
    var verbose = false

    @OptionGroup var definitions: DefinitionOptions

    func validate() throws {
        for module in imports where !module.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) || module.first?.isNumber == true {
            throw ValidationError("'\(module)' is not a module name")
        }
    }

    func run() throws {
        let (schema, result) = try definitions.loadSchema()
        var files = result.files
        if includeStandardTypes {
            // A built-in object that a file replaced carries that file's location, so it is not listed twice.
            files += schema.objects.compactMap(\.location?.file).filter { $0.hasPrefix(SchemaLoader.builtInPathPrefix) }
        }
        let root = sourceRoot ?? FileManager.default.currentDirectoryPath
        let generator = SwiftGenerator(options: GeneratorOptions(accessModifier: accessModifier, definitionFiles: files,
                                                                imports: imports, sourceRoot: root))
        let generated: [GeneratedFile]
        do {
            generated = try generator.generate(schema)
        } catch {
            DiagnosticPrinter.print([.error(error.description, at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
        let summary: OutputWriter.Summary
        do {
            summary = try OutputWriter(directory: URL(fileURLWithPath: output)).write(generated)
        } catch {
            DiagnosticPrinter.print([.error("cannot write to '\(output)': \(error.localizedDescription); the folder is left as it was", at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
        if verbose {
            summary.written.forEach { print("wrote \($0)") }
            summary.removed.forEach { print("removed \($0)") }
        }
        print("\(generated.count) files in \(output): \(summary.written.count) written, \(summary.unchanged.count) unchanged"
              + (summary.removed.isEmpty ? "." : ", \(summary.removed.count) stale removed."))
    }
}

extension GeneratorOptions.AccessModifier: ExpressibleByArgument {}
