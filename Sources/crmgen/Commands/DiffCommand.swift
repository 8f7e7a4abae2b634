import ArgumentParser
import CRMDiff
import CRMModel
import CRMSchemaLoader

/// `crmgen diff OLD NEW [--format text|json]`
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of the definitions and classify each change as breaking or safe.",
        discussion: """
        OLD and NEW are definition files or folders, each loaded on top of the built-in standard set as \
        crmgen validate loads them. Each change prints as path:line:column: breaking|safe: RULE: message, \
        at its place in NEW (in OLD for what was removed), sorted by place, then a count.

        Breaking: an object, property, option, association or label removed; a property's type or \
        fieldType changed; a property or an association became required; an association's cardinality \
        narrowed; an objectTypeId changed to another ID. Safe: everything added, texts, and every other \
        setting.

        Exit status: 0 when no change breaks, 1 when one does or when either side has errors, 2 for usage errors.

        Examples:
          crmgen diff ../released/Definitions Definitions
          crmgen diff old.yaml new.yaml --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The definitions before: a file or folder.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The definitions after: a file or folder.", valueName: "new"))
    var new: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var standardSet: StandardSetOption

    @OptionGroup var colorOption: ColorOption

    func run() throws {
        // Both sides are loaded before either is judged, so one run shows the problems of both.
        let oldSchema = try load(old, side: "OLD")
        let newSchema = try load(new, side: "NEW")
        guard let oldSchema, let newSchema else { throw ExitStatus.invalidDefinitions.exitCode }
        let changes = SchemaDiff.changes(from: oldSchema, to: newSchema) { $0.file.hasPrefix(SchemaLoader.builtInPathPrefix) }
        switch format {
        case .text: print(DiffReport.text(changes), terminator: "")
        case .json: print(try DiffReport.json(changes))
        }
        if changes.contains(where: { $0.severity == .breaking }) { throw ExitStatus.breakingChanges.exitCode }
    }

    /// One side's schema, or `nil` after its diagnostics and a line that names the side.
    private func load(_ path: String, side: String) throws -> Schema? {
        let result: LoadResult
        do {
            result = try standardSet.loader.load(paths: [path])
        } catch {
            throw ValidationError("\(side) (\(path)): \(error.description)")
        }
        DiagnosticPrinter.print(result.diagnostics)
        guard let schema = result.schema else {
            DiagnosticPrinter.write([.error("the \(side) definitions (\(path)) have errors; nothing was compared", at: nil)])
            return nil
        }
        return schema
    }
}
