// The same plugin for a target of an Xcode project (File ▸ Add Package Dependencies…, then the
// target's Build Phases ▸ Run Build Tool Plug-ins ▸ CRMGenPlugin). XcodeProjectPlugin exists only in
// Xcode, so SwiftPM on Linux never compiles this file's body; it mirrors the SwiftPM path and shares
// its command (CRMGenPlugin.generateCommand): same file-name rule, same arguments.

#if canImport(XcodeProjectPlugin)
import Foundation
import PackagePlugin
import XcodeProjectPlugin

extension CRMGenPlugin: XcodeBuildToolPlugin {
    func createBuildCommands(context: XcodePluginContext, target: XcodeTarget) throws -> [Command] {
        // An Xcode target has no folder of its own: its definition files are the `.yaml`/`.yml`
        // files among its input files (add them to the target), as DefinitionSearch chooses them.
        let files = target.inputFiles.map(\.url).filter { url in
            !url.lastPathComponent.hasPrefix(".")
        }
        let definitions = files.filter { url in
            let name = url.lastPathComponent
            return (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
                && name != "crmgen-config.yaml" && name != "crmgen-config.yml"
        }
        let configs = files.filter { $0.lastPathComponent == "crmgen-config.yaml" }
            .sorted { $0.path < $1.path }
        guard configs.count <= 1 else {
            let paths = configs.map(\.path).joined(separator: ", ")
            Diagnostics.error("target '\(target.displayName)' has \(configs.count) crmgen-config.yaml files (\(paths)); crmgen reads one")
            throw XcodeConfigurationError.severalConfigurations(target: target.displayName)
        }
        let importsStandardTypes = target.dependencies.contains { dependency in
            if case .product(let product) = dependency { return product.name == "CRMObjects" }
            return false
        }
        return [
            Self.generateCommand(
                tool: try context.tool(named: "crmgen").url,
                definitions: definitions,
                config: configs.first,
                workDirectory: context.pluginWorkDirectoryURL,
                sourceRoot: context.xcodeProject.directoryURL,
                importsStandardTypes: importsStandardTypes,
                targetName: target.displayName
            ),
        ]
    }
}

/// A target whose input files hold more than one `crmgen-config.yaml`.
enum XcodeConfigurationError: Error, CustomStringConvertible {
    case severalConfigurations(target: String)

    var description: String {
        switch self {
        case .severalConfigurations(let target):
            "target '\(target)' has more than one crmgen-config.yaml; crmgen reads one"
        }
    }
}
#endif
