import Foundation
import Testing

/// What the CLI says in words: counts agree with their nouns, nothing is said twice.
@Suite("CLI wording")
struct WordingTests {
    /// Two standard objects with one property each and one association between them.
    static func pairFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-wording-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        object: alphas
        kind: standard
        category: core
        labels: { singular: Alpha, plural: Alphas }
        properties:
          title: { label: Title, type: string, fieldType: text }
        associations:
          - { to: betas }
        """.write(to: folder.appendingPathComponent("alphas.yaml"), atomically: true, encoding: .utf8)
        try """
        object: betas
        kind: standard
        category: core
        labels: { singular: Beta, plural: Betas }
        properties:
          title: { label: Title, type: string, fieldType: text }
        """.write(to: folder.appendingPathComponent("betas.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("describe's list says '1 property' and '1 association'")
    func describeListCounts() throws {
        let folder = try Self.pairFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CommandRunner.run(["describe", "--no-standard", "--definitions", folder.path])
        #expect(output.status == 0, "\(output.stderr)")
        let alphas = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("alphas") })
        #expect(alphas.hasSuffix("1 property  1 association"), "\(alphas)")
        #expect(!output.stdout.contains("1 associations") && !output.stdout.contains("1 properties"))
    }

    @Test("validate says '1 association' and '2 objects'")
    func validateCounts() throws {
        let folder = try Self.pairFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CommandRunner.run(["validate", "--no-standard", folder.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "2 files valid: 2 objects (0 custom), 1 association.\n")
        let one = try CommandRunner.run(["validate", "--no-standard", folder.appendingPathComponent("betas.yaml").path])
        #expect(one.stdout == "1 file valid: 1 object (0 custom), 0 associations.\n")
    }

    @Test("describe says a custom object's kind once: 'custom', not 'custom, custom'")
    func customKindOnce() throws {
        let text = try CommandRunner.run(["describe", "roast_batch", "--definitions", "Definitions"])
        #expect(text.status == 0)
        let kind = try #require(text.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Kind:") })
        #expect(kind.split(separator: " ", omittingEmptySubsequences: true) == ["Kind:", "custom"], "\(kind)")
        let standard = try CommandRunner.run(["describe", "contacts"])
        let standardKind = try #require(standard.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Kind:") })
        #expect(standardKind.split(separator: " ") == ["Kind:", "standard,", "core"], "\(standardKind)")
        let markdown = try CommandRunner.run(["describe", "roast_batch", "--format", "markdown"])
        #expect(markdown.stdout.contains("- Swift type: `RoastBatch`; custom\n"))
        #expect(!markdown.stdout.contains("custom, custom"))
    }

    @Test("a usage error found while a subcommand runs shows that subcommand's usage, not crmgen's", arguments: [
        (["check", "no_such_object", "/dev/null"], "crmgen check"), (["import", "hubspot", "a:b:c=f.json", "--output", "x"], "crmgen import hubspot"),
        (["new", String(repeating: "Word ", count: 40)], "crmgen new"), (["validate", "no-such-folder"], "crmgen validate"),
    ])
    func subcommandUsage(arguments: [String], command: String) throws {
        let run = try CommandRunner.run(arguments)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\nUsage: \(command) ") && run.stderr.contains("See '\(command) --help'"), "\(run.stderr)")
        #expect(!run.stderr.contains("<subcommand>"), "\(run.stderr)")
    }
}
