import ArgumentParser
import CRMModel
import CRMSchemaLoader
import Foundation

/// `--no-standard`, shared by every command that loads definitions (`diff` loads two sets, without `--definitions`).
struct StandardSetOption: ParsableArguments {
    @Flag(name: .customLong("no-standard"), help: "Do not load the built-in HubSpot standard objects underneath.")
    var noStandard = false

    /// A loader with or without the built-in standard set underneath.
    var loader: SchemaLoader { SchemaLoader(includesStandardDefinitions: !noStandard) }
}

/// `--definitions PATH`, `--no-standard` and `--color`, shared by every command that reads one set of definitions.
struct DefinitionOptions: ParsableArguments {
    @Option(
        name: .customLong("definitions"),
        help: ArgumentHelp(
            "A definition file or folder (searched recursively for .yaml/.yml); repeatable.",
            discussion: "Without it, ./Definitions when present, else only the built-in standard set.",
            valueName: "path"
        )
    )
    var paths: [String] = []

    @OptionGroup var standardSet: StandardSetOption

    @OptionGroup var colorOption: ColorOption

    /// The paths to load: the given ones, else `./Definitions` when it exists, else none.
    func resolvedPaths(adding extra: [String] = []) -> [String] {
        let given = extra + paths
        if !given.isEmpty { return given }
        return FileManager.default.fileExists(atPath: "Definitions") ? ["Definitions"] : []
    }

    /// Loads and prints diagnostics; throws the right exit status when loading fails.
    func loadSchema(adding extra: [String] = []) throws -> (schema: Schema, result: LoadResult) {
        let loader = standardSet.loader
        let result: LoadResult
        do {
            result = try loader.load(paths: resolvedPaths(adding: extra))
        } catch {
            throw ValidationError(error.description)
        }
        DiagnosticPrinter.print(result.diagnostics)
        guard let schema = result.schema else {
            throw ExitStatus.invalidDefinitions.exitCode
        }
        return (schema, result)
    }

    /// The object a user names, or a usage error with a suggestion.
    func object(_ reference: String, in schema: Schema) throws -> ObjectSchema {
        if let object = schema.object(matching: reference) { return object }
        let names = schema.objects.flatMap { [$0.name, $0.labels.plural] }
        throw ValidationError("no object '\(reference)' in the registry" + Suggestion.didYouMean(reference, among: names)
                              + " (run 'crmgen describe' to list them)")
    }
}
