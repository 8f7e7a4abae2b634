import Foundation
import PackagePlugin

/// Runs `crmgen generate` for a target: its `.yaml`/`.yml` definition files become Swift in the
/// build, on every build that changes one.
///
/// The plugin only wires paths. It declares every input (the target's definition files, found
/// through symbolic links too, and `crmgen-config.yaml`) and every output up front — named by
/// `GeneratedFileNames`, the very rule crmgen uses (shared source, in PluginsShared/) — and passes
/// the configuration file to crmgen, which reads it.
@main
struct CRMGenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let folder = target.directoryURL
        let config = folder.appending(path: "crmgen-config.yaml")
        let dependsOnStandardTypes = target.recursiveTargetDependencies.contains { $0.name == "CRMObjects" }
        return [
            Self.generateCommand(
                tool: try context.tool(named: "crmgen").url,
                definitions: DefinitionSearch.files(in: folder),
                config: FileManager.default.fileExists(atPath: config.path) ? config : nil,
                workDirectory: context.pluginWorkDirectoryURL,
                sourceRoot: context.package.directoryURL,
                importsStandardTypes: dependsOnStandardTypes && target.name != "CRMObjects",
                targetName: target.name
            ),
        ]
    }

    /// The one `crmgen generate` command for a target, in SwiftPM and in Xcode alike: `definitions`
    /// are the target's definition files as found (symbolic links not resolved), `config` its
    /// `crmgen-config.yaml` if it has one.
    static func generateCommand(
        tool: URL,
        definitions found: [URL],
        config: URL?,
        workDirectory: URL,
        sourceRoot: URL,
        importsStandardTypes: Bool,
        targetName: String
    ) -> Command {
        // crmgen reads real paths: a file linked in is cited where it lives, and read once however
        // often it is linked. The build tracks the target's own paths, which marks them as used.
        let inputs = Array(Set(found.map { $0.resolvingSymlinksInPath().path })).sorted()

        let output = workDirectory.appending(path: "GeneratedSources")
        let outputs = GeneratedFileNames.assign(inputs).map { output.appending(path: $0.file) }
            + GeneratedFileNames.fixed.map { output.appending(path: $0) }

        var arguments = ["generate", "--output", output.path, "--source-root", sourceRoot.path]
        if let config { arguments += ["--config", config.path] }
        if importsStandardTypes { arguments += ["--import", "CRMObjects"] }
        for input in inputs { arguments += ["--definitions", input] }

        return .buildCommand(
            displayName: "crmgen: generating Swift for \(inputs.count) definition files of \(targetName)",
            executable: tool,
            arguments: arguments,
            inputFiles: found + (config.map { [$0] } ?? []),
            outputFiles: outputs
        )
    }
}

/// A target's definition files: `.yaml`/`.yml`, not hidden, not the configuration, in its folder and
/// every folder below, symbolic links followed once (a link back up is not followed again).
enum DefinitionSearch {
    static func files(in folder: URL) -> [URL] {
        var found: [URL] = []
        var visited = Set<String>()
        search(folder, found: &found, visited: &visited)
        return found
    }

    private static func search(_ folder: URL, found: inout [URL], visited: inout Set<String>) {
        guard visited.insert(folder.resolvingSymlinksInPath().path).inserted,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = folder.appending(path: name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                search(url, found: &found, visited: &visited)
            } else if (name.hasSuffix(".yaml") || name.hasSuffix(".yml")), name != "crmgen-config.yaml", name != "crmgen-config.yml" {
                found.append(url)
            }
        }
    }
}
