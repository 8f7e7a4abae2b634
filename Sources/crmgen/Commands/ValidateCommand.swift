import ArgumentParser
import CRMModel

/// `crmgen validate [PATH...]`
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check definitions and report every problem with its file, line and column.",
        discussion: """
        Examples:
          crmgen validate                          # ./Definitions on top of the standard set
          crmgen validate Definitions/custom/roast_batch.yaml
          crmgen validate --no-standard MyObjects/
        """
    )

    @Argument(help: ArgumentHelp("Definition files or folders.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var definitions: DefinitionOptions

    func run() throws {
        let (schema, result) = try definitions.loadSchema(adding: paths)
        var custom = 0
        for object in schema.objects where object.kind == .custom { custom += 1 }
        print("\(counted(result.fileCount, "file")) valid: \(counted(schema.objects.count, "object")) (\(custom) custom), "
              + "\(counted(schema.associations.count, "association")).")
        // The process ends here: the schema need not be freed first.
        KeptUntilExit.keep(result)
    }
}
