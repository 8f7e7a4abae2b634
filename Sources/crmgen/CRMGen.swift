import ArgumentParser
import Foundation

/// `crmgen`: checks CRM object definitions and turns them into Swift.
@main
struct CRMGen: AsyncParsableCommand {
    /// crmgen's version, printed by `crmgen --version`: the latest release in CHANGELOG.md (semantic
    /// versioning; README, "What is API").
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "crmgen",
        abstract: "Make a CRM's data model a compiled, checked part of your Swift app.",
        discussion: """
        Definitions are YAML files, one CRM object each, under Definitions/ (standard/ \
        and custom/). HubSpot's standard objects are built in; your files are loaded on \
        top of them. Diagnostics are printed as path:line:column: error: message.

        Exit status: 0 when the definitions are valid, 1 when they are not, 2 for usage errors.
        """,
        version: version,
        subcommands: [ValidateCommand.self, GenerateCommand.self, DescribeCommand.self, GraphCommand.self, NewCommand.self, CheckCommand.self, DiffCommand.self,
                      ExportCommand.self, ImportCommand.self, PullCommand.self, PlanCommand.self, ApplyCommand.self]
    )

    /// Runs a command with crmgen's exit codes: ArgumentParser's usage errors (64) become 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var portalCommand = command as? AsyncParsableCommand {
                try await portalCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if error is ExitCode {
                Foundation.exit(code.rawValue)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}

/// crmgen's exit statuses (README, "What you get").
enum ExitStatus: Int32 {
    case success = 0
    case invalidDefinitions = 1
    case usage = 2

    /// `crmgen diff` found a change that breaks: 1, as a failed check.
    static let breakingChanges = ExitStatus.invalidDefinitions

    var exitCode: ExitCode { ExitCode(rawValue) }
}
