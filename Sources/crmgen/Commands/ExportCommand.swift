import ArgumentParser
import CRMGenerator
import CRMSchemaLoader

/// `crmgen export json-schema [OBJECT]`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the definitions in other formats.",
        subcommands: [JSONSchemaExport.self]
    )

    struct JSONSchemaExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "json-schema",
            abstract: "JSON Schema (2020-12) of each object's HubSpot record JSON.",
            discussion: """
            With OBJECT, a standalone schema of that object's records; without, every object under $defs.
            Property values are strings in record JSON, so numbers, booleans and dates are checked by \
            pattern; minimum and maximum cannot be said of a number in a string and are left to crmgen.

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
}
