import Foundation
import PackagePlugin

/// Embeds `Definitions/standard/*.yaml` into the target as string literals, so the
/// `crmgen` binary carries its built-in standard set wherever it is installed.
@main
struct EmbedStandardDefinitions: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Definitions/standard")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let inputs = names
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "StandardDefinitions+Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) standard definitions",
                executable: try context.tool(named: "crmgen-embed").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
