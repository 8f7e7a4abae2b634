import ArgumentParser
import CRMModel
import CRMSchemaLoader

/// `crmgen describe [OBJECT] [--format text|json|markdown]`
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show the registry: objectTypeIds, labels, properties with types and constraints, associations with labels and type IDs.",
        discussion: """
        Without OBJECT, lists every object (all of them in full with --format json).

        Examples:
          crmgen describe                                   # the built-in standard set and ./Definitions
          crmgen describe contacts --format json
          crmgen describe 0-14                              # quotes, by objectTypeId
          crmgen describe "Roast Batches" --definitions Definitions
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Argument(help: "An object's API name, singular or plural label, objectTypeId or Swift type name.")
    var object: String?

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @OptionGroup var definitions: DefinitionOptions

    func run() throws {
        let (schema, _) = try definitions.loadSchema()
        guard let reference = object else {
            switch format {
            case .text: print(TextDescription.renderList(schema.objects, in: schema))
            case .markdown: print(MarkdownDescription.renderList(schema.objects, in: schema))
            case .json: print(try JSONDescription.render(schema.objects, in: schema, single: false))
            }
            return
        }
        let object = try definitions.object(reference, in: schema)
        switch format {
        case .text: print(TextDescription.render(object, in: schema))
        case .markdown: print(MarkdownDescription.render(object, in: schema))
        case .json: print(try JSONDescription.render([object], in: schema, single: true))
        }
    }
}
