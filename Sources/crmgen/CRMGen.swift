// C's `stdout`, a global variable, is read (once, at the end) to see that every write to it went through.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
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
        openClosedStandardDescriptors()
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(for: error)
        }
        do {
            if var portalCommand = command as? AsyncParsableCommand {
                try await portalCommand.run()
            } else {
                try command.run()
            }
            finishStandardOutput()
        } catch {
            // A usage error found while running: the usage shown is the command's own.
            exit(for: error, usageOf: type(of: command))
        }
    }

    /// Exits for `error`: help and version to standard output with 0, an `ExitCode` as it is, any other
    /// error (a usage error) to standard error with 2, with the usage of `command` (crmgen's by default).
    static func exit(for error: any Error, usageOf command: ParsableCommand.Type = CRMGen.self) -> Never {
        do {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if error is ExitCode {
                Foundation.exit(code.rawValue)
            }
            StandardError.write(fullMessage(for: error, usageOf: command) + "\n")
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }

    /// ArgumentParser's message for `error`, with the usage of `command` when it is a subcommand
    /// (`Usage: crmgen export hubspot …` rather than `crmgen <subcommand>`).
    static func fullMessage(for error: any Error, usageOf command: ParsableCommand.Type) -> String {
        let message = fullMessage(for: error)
        guard command != CRMGen.self, let usage = message.range(of: "\nUsage: ") else { return message }
        let line = usageString(for: command)
        let path = line.split(separator: " ").prefix { !$0.hasPrefix("[") && !$0.hasPrefix("<") && !$0.hasPrefix("-") }.joined(separator: " ")
        return String(message[..<usage.lowerBound]) + "\nUsage: \(line)\n  See '\(path) --help' for more information."
    }
}

extension CRMGen {
    /// Standard input, output and error must be open: a closed one's number would go to the first
    /// file crmgen opens, and what crmgen prints would be written into that file. A closed one is
    /// opened on /dev/null (the lowest free number is the closed one's): standard output for reading
    /// only, so that writing the command's output fails and is reported rather than lost; standard
    /// error for writing, its messages having nowhere else to go.
    static func openClosedStandardDescriptors() {
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            _ = open("/dev/null", descriptor == 2 ? O_WRONLY : O_RDONLY)
        }
    }

    /// Output that could not all be written (a full disk behind `> schema.json`, a closed standard
    /// output) fails the command, with exit status 1, rather than leave a cut-off file behind a success.
    static func finishStandardOutput() {
        let flushed = fflush(stdout) == 0
        let reason = flushed ? "a write failed" : String(cString: strerror(errno))
        guard !flushed || ferror(stdout) != 0 else { return }
        StandardError.write("crmgen: error: cannot write to standard output: \(reason)\n")
        Foundation.exit(ExitStatus.invalidDefinitions.rawValue)
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
