import Foundation
import PackagePlugin

/// `swift package crmgen ARGUMENTS…`: runs the `crmgen` tool, built from this package, with the
/// user's arguments unchanged, in the root folder of the package the command runs in — so
/// `./Definitions` is found there, as when crmgen runs from a shell in that folder.
///
/// The plugin only wires the tool and the folder; crmgen parses the arguments and prints its own
/// output and diagnostics. When crmgen fails, the plugin reports it and throws, so `swift package`
/// exits with a non-zero status.
@main
struct CRMGenCommandPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "crmgen")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()

        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit
                ? "exit status \(process.terminationStatus)"
                : "signal \(process.terminationStatus)"
            let command = (["crmgen"] + arguments).joined(separator: " ")
            Diagnostics.error("\(command) failed (\(how))")
            throw CRMGenCommandFailure(status: process.terminationStatus)
        }
    }
}

/// crmgen ended with a non-zero status (already reported through `Diagnostics`).
struct CRMGenCommandFailure: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "crmgen failed with status \(status)" }
}
