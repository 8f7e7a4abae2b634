import ArgumentParser
import CRMGenerator
import CRMHubSpot
import CRMModel
import CRMSchemaLoader
import Foundation

/// `crmgen export json-schema [OBJECT]`, `crmgen export hubspot [OBJECT...]`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the definitions in other formats.",
        subcommands: [JSONSchemaExport.self, HubSpotExport.self]
    )

    struct JSONSchemaExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "json-schema",
            abstract: "JSON Schema (2020-12) of each object's HubSpot record JSON.",
            discussion: """
            With OBJECT, a standalone schema of that object's records; without, every object under $defs.
            The schema accepts exactly what crmgen check accepts: property values are strings in record \
            JSON, so numbers (with their bounds), booleans, dates and formats are checked by pattern, and \
            "" or null is no value.

            Examples:
              crmgen export json-schema roast_batch > roast_batch.schema.json
              crmgen export json-schema --definitions Definitions > crm.schema.json
            """
        )

        @Argument(help: "An object's name, label, objectTypeId or Swift type name.")
        var object: String?

        @OptionGroup var definitions: DefinitionOptions

        func run() throws {
            let (schema, _) = try definitions.loadSchema()
            if let reference = object {
                let object = try definitions.object(reference, in: schema)
                print(try JSONSchemaExporter.document(for: object))
            } else {
                print(try JSONSchemaExporter.document(for: schema))
            }
        }
    }

    struct HubSpotExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hubspot",
            abstract: "The requests that create the definitions' custom objects, properties, associations and labels in HubSpot.",
            discussion: """
            Prints a JSON array of {"method", "path", "body"}, in order, for a portal that has only \
            HubSpot's standard objects: POST /crm/v3/schemas per custom object, property groups, \
            properties that must be created one by one (calculated ones, owner pickers, and what \
            extension files add to standard objects), associations, then association labels. Custom \
            objects are addressed as p_{name} until HubSpot has given them an objectTypeId. What HubSpot \
            cannot hold (patterns, lengths, bounds, formats, dedup keys, owner rules) stays in the \
            definitions, with a note per item on standard error.

            Examples:
              crmgen export hubspot --definitions Definitions > requests.json
              crmgen export hubspot roast_batch --output roast_batch.requests.json
            """
        )

        @Argument(help: "Only these objects (name, label or objectTypeId), and what involves them.")
        var objects: [String] = []

        @Option(help: ArgumentHelp("Write the requests to this file instead of standard output.", valueName: "file"))
        var output: String?

        @OptionGroup var definitions: DefinitionOptions

        func validate() throws {
            if let output, let problem = OutputFile.problem(with: output) { throw ValidationError(problem) }
        }

        func run() throws {
            let (schema, result) = try definitions.loadSchema()
            if let output, let problem = OutputFile.problem(with: output, readFrom: result.files) {
                DiagnosticPrinter.print([.error(problem, at: nil)])
                throw ExitStatus.usage.exitCode
            }
            let only = objects.isEmpty ? nil : Set(try objects.map { try definitions.object($0, in: schema).name })
            let exporter = HubSpotExporter { $0?.file.hasPrefix(SchemaLoader.builtInPathPrefix) ?? true }
            let export = exporter.export(schema, only: only)
            let text = JSONValue.array(export.requests.map(\.json)).rendered() + "\n"
            StandardError.write(export.notes.map { "note: \(Diagnostic.escaped($0))\n" }.joined())
            guard let output else { return print(text, terminator: "") }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                DiagnosticPrinter.print([.error("cannot write '\(output)': \(error.localizedDescription)", at: nil)])
                throw ExitStatus.invalidDefinitions.exitCode
            }
        }
    }
}
