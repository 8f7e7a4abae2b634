import Foundation
import Testing
import TestSupport

/// What a project others can join needs from the CLI: `--version`, shell completions, `--color`.
@Suite("crmgen --version, completions and --color")
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
        #expect(output.stdout.contains("color"), "the shared --color option")
    }

    @Test("every command that prints diagnostics takes --color", arguments: subcommands + ["export json-schema", "export hubspot", "import hubspot"])
    func everyCommandTakesColor(_ command: String) throws {
        let words = command.split(separator: " ").map(String.init)
        guard words != ["export"], words != ["import"] else { return }  // groups: their subcommands print
        let output = try CommandRunner.run(["help"] + words)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("--color <when>"), "\(command): \(output.stdout)")
    }

    @Test("help text has no stray backslash: a line ends with one only in an example's shell command",
          arguments: subcommands + ["export json-schema", "export hubspot", "import hubspot"])
    func helpHasNoStrayBackslash(_ command: String) throws {
        let output = try CommandRunner.run(["help"] + command.split(separator: " ").map(String.init))
        #expect(output.status == 0, "\(output.stderr)")
        var inExamples = false
        for line in output.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Example") || line.hasSuffix("Examples:") { inExamples = true }
            if ["USAGE:", "ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:"].contains(where: { line.hasPrefix($0) }) { inExamples = false }
            if line.trimmingCharacters(in: .whitespaces).isEmpty, !inExamples { continue }
            #expect(!line.hasSuffix("\\") || inExamples, "\(command): '\(line)'")
        }
    }

    static let bad = CommandRunner.fixtures.appendingPathComponent("bad")
    static let escape = "\u{1B}"

    @Test("--color always: the place bold, error: bold red, note: bold cyan; the message and the count plain")
    func always() throws {
        let output = try CommandRunner.run(["validate", "duplicate-key.yaml", "--color", "always"], in: Self.bad)
        #expect(output.status == 1)
        #expect(output.stderr == """
            \(Self.escape)[1mduplicate-key.yaml:10:5:\(Self.escape)[0m \(Self.escape)[1;31merror:\(Self.escape)[0m \
            duplicate key 'label'; YAML does not allow a key twice in one mapping
            \(Self.escape)[1mduplicate-key.yaml:7:5:\(Self.escape)[0m \(Self.escape)[1;36mnote:\(Self.escape)[0m 'label' is first set here
            1 error generated.

            """, "\(output.stderr)")
    }

    @Test("--color never and the default on a pipe print no escapes", arguments: [["--color", "never"], []])
    func plain(_ color: [String]) throws {
        let output = try CommandRunner.run(["validate", "duplicate-key.yaml"] + color, in: Self.bad)
        let expected = try String(contentsOf: Self.bad.appendingPathComponent("duplicate-key.expected"), encoding: .utf8)
        #expect(output.status == 1)
        #expect(output.stderr == expected + "1 error generated.\n")
    }

    @Test("--color always colors a diagnostic without a place, and wins over NO_COLOR")
    func alwaysWithoutPlace() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        let output = try await ProcessRunner.run(CommandRunner.executable, ["diff", "duplicate-key.yaml", "duplicate-key.yaml", "--color", "always"],
                                                 in: Self.bad, environment: environment)
        #expect(output.status == 1)
        #expect(output.stderr.contains("crmgen: \(Self.escape)[1;31merror:\(Self.escape)[0m the OLD definitions"), "\(output.stderr)")
    }

    @Test("--color takes only auto, always or never")
    func badValue() throws {
        let output = try CommandRunner.run(["validate", "--color", "sometimes"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("sometimes"))
    }

    /// Runs crmgen on a pseudo-terminal (`script`), where standard error is a terminal; `script` copies
    /// what it prints to standard output.
    func onTerminal(_ arguments: [String], environment changes: [String: String?]) async throws -> ProcessRunner.Output {
        let command = ([CommandRunner.executable.path] + arguments)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in changes { environment[name] = value }
        return try await ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/script"), ["-qefc", command, "/dev/null"], in: Self.bad,
                                           environment: environment)
    }

    @Test("auto on a terminal: colors, unless NO_COLOR is set (not empty) or TERM is dumb",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func autoOnATerminal() async throws {
        let colored = try await onTerminal(["validate", "duplicate-key.yaml"], environment: ["NO_COLOR": nil, "TERM": "xterm"])
        #expect(colored.status == 1)
        #expect(colored.stdout.contains("\(Self.escape)[1;31merror:\(Self.escape)[0m"), "\(colored.stdout)")

        let emptyNoColor = try await onTerminal(["validate", "duplicate-key.yaml"], environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(emptyNoColor.stdout.contains("\(Self.escape)[1;31merror:"), "an empty NO_COLOR is as if unset")

        for (name, value) in [("NO_COLOR", "1"), ("TERM", "dumb")] {
            var changes: [String: String?] = ["NO_COLOR": nil, "TERM": "xterm"]
            changes[name] = value
            let plain = try await onTerminal(["validate", "duplicate-key.yaml"], environment: changes)
            #expect(plain.status == 1)
            #expect(plain.stdout.contains("error: duplicate key"), "\(name)=\(value): \(plain.stdout)")
            #expect(!plain.stdout.contains(Self.escape), "\(name)=\(value): \(plain.stdout)")
        }

        let never = try await onTerminal(["validate", "duplicate-key.yaml", "--color", "never"], environment: ["NO_COLOR": nil, "TERM": "xterm"])
        #expect(!never.stdout.contains(Self.escape))
    }
}
