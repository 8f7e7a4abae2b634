import Foundation
import PackagePlugin

/// Runs `crmgen generate` for a target: its `.yaml`/`.yml` definition files (and the folders
/// named in its `crmgen-config.yaml`) become Swift in the build, on every build that changes one.
///
/// The plugin only wires paths: it declares every input and every output up front (one
/// `.swift` per definition file, plus `Registry.swift` and `AssociationMatrix.swift`) and
/// leaves all the work to `crmgen`.
@main
struct CRMGenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let folder = target.directoryURL
        let configURL = folder.appending(path: PluginConfiguration.fileName)
        let configuration = try PluginConfiguration(contentsOf: configURL)

        var inputs = target.sourceFiles
            .map(\.url)
            .filter { DefinitionFiles.isDefinition($0) }
        for extra in configuration.definitions {
            inputs += try DefinitionFiles.find(in: folder.appending(path: extra).standardizedFileURL)
        }
        inputs = Array(Set(inputs.map(\.standardizedFileURL))).sorted { $0.path < $1.path }

        var imports = configuration.imports
        let dependsOnStandardTypes = target.recursiveTargetDependencies.contains { $0.name == "CRMObjects" }
        if dependsOnStandardTypes, target.name != "CRMObjects", !imports.contains("CRMObjects") {
            imports.append("CRMObjects")
        }

        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        let outputs = inputs.map { output.appending(path: GeneratedFileNames.swiftFile(forDefinition: $0.lastPathComponent)) }
            + [output.appending(path: "Registry.swift"), output.appending(path: "AssociationMatrix.swift")]

        var arguments = ["generate", "--output", output.path, "--source-root", context.package.directoryURL.path,
                         "--access-modifier", configuration.accessModifier]
        for module in imports { arguments += ["--import", module] }
        if configuration.includeStandardTypes { arguments.append("--include-standard-types") }
        for input in inputs { arguments += ["--definitions", input.path] }

        return [
            .buildCommand(
                displayName: "crmgen: generating Swift for \(inputs.count) definition files of \(target.name)",
                executable: try context.tool(named: "crmgen").url,
                arguments: arguments,
                inputFiles: inputs + (FileManager.default.fileExists(atPath: configURL.path) ? [configURL] : []),
                outputFiles: outputs
            ),
        ]
    }
}

/// The same file-name rule as CRMGenerator's `GeneratedFileNames` (a plugin cannot import the
/// package's libraries): `roast_batch.yaml` → `RoastBatch.swift`. Keep the two in step.
enum GeneratedFileNames {
    static func swiftFile(forDefinition name: String) -> String {
        let stem = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name.hasSuffix(".yml") ? String(name.dropLast(4)) : name
        let words = stem.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        let upper = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        guard let first = upper.first else { return "_.swift" }
        return (first.isNumber ? "_" + upper : upper) + ".swift"
    }
}

/// Definition files: `.yaml`/`.yml`, not hidden, not the configuration.
enum DefinitionFiles {
    static func isDefinition(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        return (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasPrefix(".") && name != PluginConfiguration.fileName
    }

    static func find(in folder: URL) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil,
                                                              options: [.skipsHiddenFiles]) else {
            throw PluginError("crmgen-config.yaml names the definitions folder '\(folder.path)', which cannot be read")
        }
        return enumerator.compactMap { $0 as? URL }.filter(isDefinition)
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
