import ArgumentParser
import CRMModel
import CRMSchemaLoader
import Foundation

/// `crmgen new LABEL [--property NAME:TYPE ...] [--associate OBJECT ...] [--output DIR]`
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new custom object's definition file, valid as it is written.",
        discussion: """
        LABEL is the object's singular label; its API name and file name are the label in \
        snake_case ("Tasting Note" -> tasting_note, written to tasting_note.yaml). The plural \
        label is the English plural of the last word ("Roast Batches", "Categories") unless \
        --plural gives it. The object's records are named (primaryDisplayProperty) by the first \
        property you give of type string, else by a new required property 'name' ("Name").

        Each --property is NAME:TYPE, and NAME:TYPE=OPTION,OPTION for the three types with \
        options. NAME is lowercase snake_case; its label comes from it (cupped_on -> "Cupped on"). \
        TYPE is one of:
        \(typeTable)

        Each --associate is an object's API name, label or objectTypeId, optionally followed by \
        :CARDINALITY seen from the new object (one-to-one, one-to-many, many-to-one or the \
        default many-to-many). HubSpot associates every custom object with calls, emails, \
        meetings, notes, tasks and conversations without being asked.

        Without --output the file goes to Definitions/custom when that folder exists, else to \
        the one folder under ./Definitions that holds definition files (standard/ aside), else \
        to Definitions/custom, created. crmgen checks the file on top of the built-in standard \
        set and the definitions (--definitions, else ./Definitions) before writing it, never \
        overwrites a file, and refuses a name that an object already has.

        Examples:
          crmgen new "Tasting Note" --property cupped_on:date \\
              --property score:number --property aroma:multiselect=floral,fruity \\
              --associate contacts:many-to-one --associate deals
          crmgen new "Roast Batch" --property price:currency --plural "Roasts"
          crmgen new "咖啡" --name coffee --output Sources/App
        """
    )

    /// The TYPE words of `--property`, one line each, from the same table the parser reads.
    static var typeTable: String {
        PropertySpec.kinds.map { kind in
            let words = kind.words.map { $0 + (kind.takesOptions ? "=A,B" : "") }
            let also = words.count > 1 ? "; also: " + words.dropFirst().joined(separator: ", ") : ""
            return "  " + words[0].padding(toLength: 18, withPad: " ", startingAt: 0) + kind.summary + also
        }.joined(separator: "\n")
    }

    @Argument(help: ArgumentHelp("The object's singular label, such as \"Tasting Note\".", valueName: "label"))
    var label: String

    @Option(help: ArgumentHelp("The plural label (default: the English plural of the label).", valueName: "label"))
    var plural: String?

    @Option(help: ArgumentHelp("The API name (default: the label in snake_case).", valueName: "name"))
    var name: String?

    @Option(name: .customLong("property"), help: ArgumentHelp("A property, NAME:TYPE or NAME:TYPE=OPTION,...; repeatable.", valueName: "name:type"))
    var properties: [String] = []

    @Option(name: .customLong("associate"), help: ArgumentHelp("An object to associate with, OBJECT or OBJECT:CARDINALITY; repeatable.", valueName: "object"))
    var associations: [String] = []

    @Option(help: ArgumentHelp("The folder to write the file into (created if missing).", valueName: "dir"))
    var output: String?

    @OptionGroup var definitions: DefinitionOptions

    func run() throws {
        guard label.contains(where: { !$0.isWhitespace }) else { throw ValidationError("the label is empty; give the object's singular label, such as \"Tasting Note\"") }
        let object = try objectName()
        let pluralLabel = plural ?? EnglishPlural.plural(of: label)
        guard pluralLabel.contains(where: { !$0.isWhitespace }) else { throw ValidationError("--plural is empty") }
        let labels = ObjectLabels(singular: label, plural: pluralLabel)
        let properties = try parsedProperties()

        let (schema, loaded) = try definitions.loadSchema()
        if let existing = schema.object(named: object) {
            let place = existing.location.map { " (\($0.description))" } ?? ""
            throw failure("object '\(object)' is already defined\(place); nothing was written"
                 + (self.name == nil ? " (pass --name for another API name)" : ""))
        }
        let associated = try resolvedAssociations(of: object, labels: labels, in: schema)
        let swiftName = SwiftTypeNaming.explicitNames(for: [(object, label)], taken: Set(schema.objects.map(\.swiftName)))[object]
        let document = ObjectScaffold.document(object: object, labels: labels, swiftName: swiftName, properties: properties,
                                               associations: associated)
        let text = DefinitionWriter.yaml(document)

        let folder = output ?? Self.defaultFolder()
        let path = (folder as NSString).appendingPathComponent(object + ".yaml")
        if FileSystem.kind(of: path) != .missing { throw failure("'\(path)' already exists; nothing was written") }
        try check(text, at: path, labels: labels, on: loaded.files)
        try write(text, to: path, in: folder)
        if plural == nil, pluralLabel == label {
            StandardError.write("crmgen: note: the plural label is the singular one; pass --plural to set another\n")
        }
        let counts = [counted(document.properties.count, "property", "properties"), counted(associated.count, "association")]
        print("Wrote \(path): \(object) with \(counts.joined(separator: " and ")). Check it with: crmgen validate")
    }

    /// The API name: `--name`, else the label's.
    private func objectName() throws -> String {
        if let name {
            guard DefinitionRules.isValidName(name) else { throw ValidationError("--name '\(name)' must be \(DefinitionRules.nameRule)") }
            return name
        }
        guard let fromLabel = DefinitionRules.name(fromLabel: label) else {
            if label.count > DefinitionRules.maxNameLength {
                throw ValidationError("the label is too long to give an API name (at most \(DefinitionRules.maxNameLength) characters); "
                                      + "pass one with --name, such as --name tasting_note")
            }
            throw ValidationError("the label gives no API name (it needs letters a-z, and must not start with a digit); pass one with --name, such as --name tasting_note")
        }
        return fromLabel
    }

    private func parsedProperties() throws -> [PropertySchema] {
        var result: [PropertySchema] = []
        for spec in properties {
            let property: PropertySchema
            do { property = try PropertySpec.parse(spec) } catch { throw ValidationError(error.description) }
            if result.contains(where: { $0.name == property.name }) { throw ValidationError("property '\(property.name)' is given twice") }
            result.append(property)
        }
        return result
    }

    /// Each `--associate` as the object it names and a cardinality; the new object itself may be named.
    private func resolvedAssociations(of object: String, labels: ObjectLabels, in schema: Schema) throws -> [(to: String, cardinality: Cardinality)] {
        var result: [(to: String, cardinality: Cardinality)] = []
        for spec in associations {
            var reference = spec
            var cardinality = Cardinality.manyToMany
            if let colon = spec.lastIndex(of: ":"), schema.object(matching: spec) == nil {
                let suffix = String(spec[spec.index(after: colon)...])
                guard let given = Cardinality(rawValue: suffix) else {
                    let all = Cardinality.allCases.map(\.rawValue)
                    let hint = Suggestion.didYouMean(suffix, among: all)
                    throw ValidationError("unknown cardinality '\(suffix)' in --associate '\(spec)'" + (hint.isEmpty ? "; it is" : hint + " It is")
                                          + " one of " + all.joined(separator: ", "))
                }
                cardinality = given
                reference = String(spec[..<colon])
            }
            let ownNames = [object, labels.singular.lowercased(), labels.plural.lowercased()]
            let target = ownNames.contains(reference) || ownNames.contains(reference.lowercased())
                ? object : try definitions.object(reference, in: schema).name
            if result.contains(where: { $0.to == target }) { throw ValidationError("--associate names '\(target)' twice") }
            result.append((target, cardinality))
        }
        return result
    }

    /// The new file must load, on top of the definitions it joins, as exactly what was asked for.
    private func check(_ text: String, at path: String, labels: ObjectLabels, on files: [String]) throws {
        let loader = definitions.standardSet.loader
        var sources: [DefinitionSource] = []
        for file in files {
            if case .bytes(let bytes) = SchemaLoader.read(file, limit: loader.limits.maxFileSize) {
                sources.append(DefinitionSource(path: file, contents: bytes))
            }
        }
        let result = loader.load(sources + [DefinitionSource(path: path, text: text)])
        let object = (path as NSString).lastPathComponent.dropLast(".yaml".count)
        guard let schema = result.schema, schema.object(named: String(object))?.labels == labels else {
            DiagnosticPrinter.print(result.diagnostics.filter { $0.location?.file == path }
                                    + [.error("the new definition would not load as asked (a crmgen bug); nothing was written", at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
    }

    /// Writes the file whole or not at all; a folder made for it is removed again when that fails.
    private func write(_ text: String, to path: String, in folder: String) throws {
        var created: String?
        if FileSystem.kind(of: folder) == .missing {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                created = folder
            } catch {
                throw failure("cannot create the folder '\(folder)': \(error.localizedDescription)")
            }
        }
        do {
            if try FileSystem.writeFileIfAbsent(path, Array(text.utf8)) { return }
            DiagnosticPrinter.print([.error("'\(path)' already exists; nothing was written", at: nil)])
        } catch {
            DiagnosticPrinter.print([.error(error.description + "; nothing was written", at: nil)])
        }
        if let created { _ = try? FileSystem.removeTree(created) }
        throw ExitStatus.invalidDefinitions.exitCode
    }

    /// Prints one error; the exit status 1 to throw.
    private func failure(_ message: String) -> ExitCode {
        DiagnosticPrinter.print([.error(message, at: nil)])
        return ExitStatus.invalidDefinitions.exitCode
    }

    /// `Definitions/custom` when it exists; else the one folder under `./Definitions` that holds
    /// definition files directly (a folder named `standard` aside: custom objects do not go there);
    /// else `Definitions/custom`, to be created.
    static func defaultFolder() -> String {
        let root = "Definitions"
        let custom = root + "/custom"
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: custom, isDirectory: &isFolder), isFolder.boolValue { return custom }
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue,
              let found = try? DefinitionFiles.find(in: [root]) else { return custom }
        let folders = Set(found.files.map { ($0 as NSString).deletingLastPathComponent })
            .filter { ($0 as NSString).lastPathComponent != "standard" }
        return folders.count == 1 ? folders.first ?? custom : custom
    }
}
