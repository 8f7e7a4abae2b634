import Foundation
import Testing
import TestSupport

/// What a project others can join needs from the CLI: `--version` and shell completions.
@Suite("crmgen --version and completions")
struct PackagingTests {
    static let subcommands = ["validate", "generate", "describe", "graph", "new", "check", "diff", "export", "import", "pull", "plan", "apply"]

    @Test("--version prints the one version, which CHANGELOG.md names")
    func version() throws {
        let output = try CommandRunner.run(["--version"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        let version = output.stdout.trimmingCharacters(in: .newlines)
        #expect(version.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+/) != nil, "\(output.stdout)")
        let changelog = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        #expect(changelog.contains("`\(version)`"), "CHANGELOG.md does not name version \(version)")
    }

    @Test("--generate-completion-script prints a script that knows every subcommand", arguments: ["bash", "zsh", "fish"])
    func completions(_ shell: String) throws {
        let output = try CommandRunner.run(["--generate-completion-script", shell])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("crmgen"))
        for subcommand in Self.subcommands {
            #expect(output.stdout.contains(subcommand), "no '\(subcommand)' in the \(shell) script")
        }
    }
}
