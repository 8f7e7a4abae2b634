import Foundation
import Testing

/// `crmgen validate` as a new user runs it: exit statuses and diagnostics on stderr.
@Suite("crmgen validate")
struct ValidateCommandTests {
    @Test("the repository's Definitions/ are valid (exit 0)")
    func repositoryDefinitions() throws {
        let output = try CommandRunner.run(["validate", "Definitions"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr == "")
        #expect(output.stdout.hasPrefix("35 files valid: 35 objects (1 custom)"))
    }

    @Test("without paths, ./Definitions is validated")
    func defaultFolder() throws {
        let output = try CommandRunner.run(["validate"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("35 files valid"))
    }

    @Test("each good fixture exits 0", arguments: ["anchors-and-merge", "contacts-extension", "every-property-type", "replace-standard-object"])
    func goodFixture(_ name: String) throws {
        let output = try CommandRunner.run(["validate", "good/\(name).yaml"], in: CommandRunner.fixtures)
        #expect(output.status == 0, "\(output.stderr)")
    }

    @Test("each bad fixture exits 1 with its exact diagnostics on stderr", arguments: badCases)
    func badFixture(_ name: String) throws {
        let folder = CommandRunner.fixtures.appendingPathComponent("bad")
        let path = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name + ".yaml").path) ? name + ".yaml" : name
        let output = try CommandRunner.run(["validate", path], in: folder)
        let expected = try String(contentsOf: folder.appendingPathComponent(name + ".expected"), encoding: .utf8)
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(output.stderr.hasPrefix(expected), "\(output.stderr)")
        #expect(output.stderr.hasSuffix(" generated.\n"))
    }

    @Test("usage errors exit 2", arguments: [["validate", "no/such/folder"], ["validate", "Package.swift"], ["validate", "--bogus"], ["frobnicate"]])
    func usageErrors(_ arguments: [String]) throws {
        let output = try CommandRunner.run(arguments)
        #expect(output.status == 2)
        #expect(output.stderr.contains("Error:"))
    }

    @Test("help exits 0 and teaches the commands")
    func help() throws {
        let output = try CommandRunner.run(["validate", "--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("--definitions"))
        #expect(output.stdout.contains("crmgen validate Definitions/custom/roast_batch.yaml"))
    }

    @Test("several bad files are all reported in one run, sorted, with notes after their error")
    func severalFiles() throws {
        let output = try CommandRunner.run(["validate", "bad/required-maybe.yaml", "bad/tab-indentation.yaml", "bad/duplicate-object"],
                                           in: CommandRunner.fixtures)
        #expect(output.status == 1)
        // Every fixture defines tasting_note, so loading them together also finds duplicates.
        #expect(output.stderr == """
        bad/duplicate-object/b.yaml:2:9: error: object 'tasting_note' is defined twice
        bad/duplicate-object/a.yaml:1:9: note: 'tasting_note' is first defined here
        bad/required-maybe.yaml:1:9: error: object 'tasting_note' is defined twice
        bad/duplicate-object/a.yaml:1:9: note: 'tasting_note' is first defined here
        bad/required-maybe.yaml:6:67: error: 'required' of property 'title' must be true or false, found 'maybe'
        bad/tab-indentation.yaml:7:1: error: tab character: YAML allows only spaces for indentation
        4 errors generated.

        """)
    }

    @Test("5. a key or a file name cannot forge diagnostic lines: what is echoed is escaped")
    func escapedEcho() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-echo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = """
        object: tasting_note
        kind: custom
        labels: { singular: Tasting Note, plural: Tasting Notes }
        primaryDisplayProperty: title
        properties:
          title: { label: Title, type: string, fieldType: text, "fieldtype\\nforged.yaml:1:1: error: forged\\u001B[2J": text }

        """
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("note\u{202E}lmay.yaml"))
        let output = try CommandRunner.run(["validate", folder.path])
        #expect(output.status == 1)
        #expect(!output.stderr.contains("\u{1B}") && !output.stderr.contains("\u{202E}"))
        let lines = output.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(output.stderr)")
        #expect(lines.first?.hasPrefix(folder.path + #"/note\u{202E}lmay.yaml:6:"#) == true, "\(output.stderr)")
        #expect(output.stderr.contains(#"unknown key 'fieldtype\u{A}forged.yaml:1:1: error: forged\u{1B}[2J'"#), "\(output.stderr)")
    }

    static var badCases: [String] {
        let folder = CommandRunner.fixtures.appendingPathComponent("bad")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".expected") }.map { String($0.dropLast(".expected".count)) }.sorted()
    }
}
