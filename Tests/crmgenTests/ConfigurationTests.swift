import Foundation
import Testing

/// `crmgen-config.yaml`, read by crmgen's own YAML loader (the plugin passes it with `--config`):
/// any line ending, any quoting, and diagnostics at file:line:column like definitions get.
@Suite("crmgen-config.yaml")
struct ConfigurationTests {
    /// Generates Definitions/custom with the configuration `text`; returns the run and the output folder.
    func generate(config text: String) throws -> (CommandRunner.Output, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("crmgen-config.yaml")
        try Data(text.utf8).write(to: config)
        let output = folder.appendingPathComponent("Generated")
        let run = try CommandRunner.run(["generate", "--definitions", "Definitions/custom", "--output", output.path, "--config", config.path])
        return (run, output)
    }

    func roastBatch(_ output: URL) throws -> String {
        try String(contentsOf: output.appendingPathComponent("RoastBatch.swift"), encoding: .utf8)
    }

    @Test("CRLF line endings and quoted values are read like any YAML")
    func lineEndingsAndQuotes() throws {
        let (run, output) = try generate(config: "# roastery\r\naccessModifier: \"public\"\r\nimports: ['CRMObjects']\r\nincludeStandardTypes: false\r\n")
        #expect(run.status == 0, "\(run.stderr)")
        let text = try roastBatch(output)
        #expect(text.contains("public nonisolated struct RoastBatch"))
        #expect(text.contains("import CRMObjects"))
    }

    @Test("an unknown key is an error at its place, with a suggestion")
    func unknownKey() throws {
        let (run, output) = try generate(config: "accesModifier: public\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix("crmgen-config.yaml:1:1: error: unknown key 'accesModifier' in crmgen-config.yaml; did you mean 'accessModifier'?\n1 error generated.\n"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path), "nothing is written")
    }

    @Test("values are checked: access levels, module names, booleans")
    func badValues() throws {
        let (run, _) = try generate(config: "accessModifier: pubic\nimports: [CRMObjects, 9lives, class]\nincludeStandardTypes: yes\n")
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map { String($0.drop { $0 != ":" }.dropFirst()) }
        #expect(lines.contains("1:17: error: 'accessModifier' of crmgen-config.yaml must be one of internal, package, public, found 'pubic'; did you mean 'public'?"), "\(run.stderr)")
        #expect(lines.contains("2:23: error: '9lives' is not a module name"), "\(run.stderr)")
        #expect(lines.contains("2:31: error: 'class' is not a module name"), "a keyword: \(run.stderr)")
        #expect(lines.contains("3:23: error: 'includeStandardTypes' of crmgen-config.yaml must be true or false, found 'yes'"), "\(run.stderr)")
    }

    @Test("--import takes module names only: a keyword, `_` or a digit first is a usage error", arguments: ["class", "func", "self", "Any", "_", "9lives", "a.b"])
    func importOption(module: String) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-import-\(UUID().uuidString)")
        let run = try CommandRunner.run(["generate", "--definitions", "Definitions/custom", "--output", output.path,
                                         "--import", module])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("'\(module)' is not a module name"), "\(run.stderr)")
    }

    @Test("--config naming a folder is a usage error that says so")
    func configFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-config-\(UUID().uuidString)")
        let run = try CommandRunner.run(["generate", "--definitions", "Definitions/custom", "--output", folder.appendingPathComponent("Generated").path,
                                         "--config", "Definitions"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("--config 'Definitions' is a folder"), "\(run.stderr)")
    }

    @Test("'definitions' is refused with what to do instead")
    func definitionsKey() throws {
        let (run, _) = try generate(config: "accessModifier: public\ndefinitions: [../../Definitions]\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("crmgen-config.yaml:2:1: error: 'definitions' is not read from crmgen-config.yaml"), "\(run.stderr)")
        #expect(run.stderr.contains("ln -s ../../Definitions"))
    }

    @Test("YAML errors in the configuration are reported like errors in definitions")
    func syntaxError() throws {
        let (run, _) = try generate(config: "accessModifier: public\n\timports: [x]\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("crmgen-config.yaml:2:1: error: tab character"), "\(run.stderr)")
    }

    @Test("the access level given on the command line wins over the configuration")
    func commandLineWins() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("crmgen-config.yaml")
        try Data("accessModifier: public\n".utf8).write(to: config)
        let output = folder.appendingPathComponent("Generated")
        let run = try CommandRunner.run(["generate", "--definitions", "Definitions/custom", "--output", output.path, "--config", config.path,
                                         "--access-modifier", "package"])
        #expect(run.status == 0)
        #expect(try roastBatch(output).contains("package nonisolated struct RoastBatch"))
    }
}
