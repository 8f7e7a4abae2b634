import ArgumentParser
import CRMModel

/// `crmgen describe [OBJECT] [--format text|json|markdown]` (filled in by the standard-set issue).
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show objects of the registry: IDs, labels, properties and associations."
    )

    @Argument(help: "An object's name, plural label or objectTypeId; all objects when omitted.")
    var object: String?

    @OptionGroup var definitions: DefinitionOptions

    func run() throws {
        let (schema, _) = try definitions.loadSchema()
        for object in schema.objects where self.object.map({ schema.object(matching: $0)?.name == object.name }) ?? true {
            print("\(object.name)\t\(object.objectTypeId ?? "-")\t\(object.labels.plural)")
        }
    }
}
