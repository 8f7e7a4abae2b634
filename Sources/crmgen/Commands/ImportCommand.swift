import ArgumentParser
import CRMGenerator
import CRMHubSpot
import CRMModel
import CRMSchemaLoader
import Foundation

/// `crmgen import hubspot SOURCE... --output DIR [--force]`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn other formats into definition files.",
        subcommands: [HubSpotImport.self]
    )

    struct HubSpotImport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hubspot",
            abstract: "Definition files from a HubSpot portal's GET responses.",
            discussion: """
            Each SOURCE is one response, saved as HubSpot returned it:
              FILE             GET /crm/v3/schemas (or one schema): custom objects
              OBJECT=FILE      GET /crm/v3/properties/OBJECT: custom properties (OBJECT: contacts, 0-1, p_name)
              FROM:TO=FILE     GET /crm/v4/associations/FROM/TO/labels: association labels

            Writes one kind: custom file per custom object and one kind: extension file per standard \
            object with custom properties (OBJECT.yaml in DIR). HubSpot's own properties are left out. \
            Give the labels of both directions of a pair: a label and its inverse are paired as HubSpot \
            creates them (consecutive type ids, one each way). The order of SOURCEs does not change a byte.

            Existing files are not overwritten without --force, and the files are written all at once \
            or not at all.

            Examples:
              crmgen import hubspot schemas.json contacts=contact-properties.json \\
                  2-9001234:0-1=labels-out.json 0-1:2-9001234=labels-in.json --output Definitions/custom
            """
        )

        @Argument(help: ArgumentHelp("Responses: FILE, OBJECT=FILE or FROM:TO=FILE.", valueName: "source"))
        var sources: [String]

        @Option(help: ArgumentHelp("Folder for the definition files (created if missing).", valueName: "dir"))
        var output: String

        @Flag(help: "Overwrite definition files that exist.")
        var force = false

        @OptionGroup var colorOption: ColorOption

        /// Responses are a few megabytes at most; this bounds what a wrong file name can make crmgen read.
        static let maximumResponseSize = 64 << 20

        func validate() throws {
            if sources.isEmpty { throw ValidationError("give at least one SOURCE (a response file)") }
            for source in sources { _ = try Self.split(source) }
            if let problem = OutputFolder.problem(with: output, example: "Definitions/custom") { throw ValidationError(problem) }
        }

        func run() throws {
            var input = HubSpotImportSources()
            var problems: [Diagnostic] = []
            for source in sources {
                let (objects, file) = try Self.split(source)
                let data: Data
                switch SchemaLoader.read(file, limit: Self.maximumResponseSize, kind: "HubSpot response files") {
                case .bytes(let bytes): data = Data(bytes)
                case .problem(let diagnostic):
                    guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: '\(file)'") }
                    // There, but too large or unreadable: a problem of the input, at the file.
                    DiagnosticPrinter.print([diagnostic])
                    throw ExitStatus.invalidDefinitions.exitCode
                }
                do throws(HubSpotResponseError) {
                    switch objects {
                    case .none:
                        input.schemas.append(.init(file: file, schemas: try HubSpotResponse.items(HubSpotObjectSchema.self, from: data,
                                                                                                  what: "a GET /crm/v3/schemas response")))
                    case .object(let object):
                        input.properties.append(.init(object: object, file: file, properties: try HubSpotResponse.items(
                            HubSpotProperty.self, from: data, what: "a GET /crm/v3/properties/\(object) response")))
                    case .pair(let from, let to):
                        input.labels.append(.init(from: from, to: to, file: file, labels: try HubSpotResponse.items(
                            HubSpotAssociationLabel.self, from: data, what: "a GET /crm/v4/associations/\(from)/\(to)/labels response")))
                    }
                } catch {
                    problems.append(.error("\(file): \(error.description)", at: nil))
                }
            }
            guard let standard = SchemaLoader().load([]).schema else { throw ExitStatus.invalidDefinitions.exitCode }
            let result = HubSpotImporter(standard: standard).importDefinitions(input)
            problems += result.diagnostics
            DiagnosticPrinter.print(problems)
            guard !problems.containsErrors else { throw ExitStatus.invalidDefinitions.exitCode }

            try DefinitionFilesOutput(folder: output, force: force).write(result.documents)

        }

        enum Objects {
            case none
            case object(String)
            case pair(String, String)
        }

        /// `FROM:TO=FILE`, `OBJECT=FILE` or `FILE`. The object part never holds `/`, so a path with `=` in a
        /// folder name is still a path.
        /// - Throws: `ValidationError` for an object part of more than two names or an empty one, or no file.
        static func split(_ source: String) throws -> (Objects, String) {
            guard let equals = source.firstIndex(of: "="), !source[..<equals].contains("/") else { return (.none, source) }
            let names = source[..<equals].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let file = String(source[source.index(after: equals)...])
            guard names.count <= 2, !names.contains(where: \.isEmpty), !file.isEmpty else {
                throw ValidationError("'\(source)' is not a source: give FILE, OBJECT=FILE or FROM:TO=FILE (an object by name or objectTypeId)")
            }
            return names.count == 2 ? (.pair(names[0], names[1]), file) : (.object(names[0]), file)
        }
    }
}
