import Foundation
import Testing

/// `crmgen diff` as a user runs it: one fixture pair per rule (as buf's rule tests), each run in its
/// folder as `crmgen diff old new`, its standard output compared with `expected.txt` byte for byte.
@Suite("crmgen diff")
struct DiffCommandTests {
    static let cases = CommandRunner.repositoryRoot.appendingPathComponent("Tests/crmgenTests/Fixtures/diff")

    static var caseNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cases.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("each case prints its expected changes and exits 1 exactly when one breaks", arguments: caseNames)
    func fixture(_ name: String) throws {
        let folder = Self.cases.appendingPathComponent(name)
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        let output = try CommandRunner.run(["diff", "old", "new"], in: folder)
        #expect(output.stdout == expected, "\(output.stdout)")
        #expect(output.stderr == "")
        #expect(output.status == (expected.contains(": breaking: ") ? 1 : 0))
    }

    @Test("--format json: counts, then each change with every key, sorted keys, stable")
    func json() throws {
        let folder = Self.cases.appendingPathComponent("ASSOCIATION_REQUIRED")
        let output = try CommandRunner.run(["diff", "old", "new", "--format", "json"], in: folder)
        #expect(output.status == 1)
        #expect(output.stdout == """
        {
          "breaking" : 2,
          "changes" : [
            {
              "location" : {
                "column" : 9,
                "file" : "new/roast_batch.yaml",
                "line" : 8
              },
              "member" : {
                "kind" : "association",
                "with" : "deals"
              },
              "message" : "association from 'roast_batch' to 'deals' became required: every 'roast_batch' record must have one",
              "object" : "roast_batch",
              "rule" : "ASSOCIATION_REQUIRED",
              "severity" : "breaking"
            },
            {
              "location" : {
                "column" : 9,
                "file" : "new/roast_batch.yaml",
                "line" : 10
              },
              "member" : {
                "kind" : "association",
                "with" : "tickets"
              },
              "message" : "association between 'roast_batch' and 'tickets' was added",
              "object" : "roast_batch",
              "rule" : "ASSOCIATION_ADDED",
              "severity" : "safe"
            },
            {
              "location" : {
                "column" : 9,
                "file" : "new/roast_batch.yaml",
                "line" : 10
              },
              "member" : {
                "kind" : "association",
                "with" : "tickets"
              },
              "message" : "association from 'tickets' to 'roast_batch' was added as required: every 'tickets' record must have one",
              "object" : "roast_batch",
              "rule" : "ASSOCIATION_REQUIRED",
              "severity" : "breaking"
            }
          ],
          "safe" : 1
        }

        """)
    }

    @Test("--format json names options, labels and property groups, and has null for an object's own change")
    func jsonMembers() throws {
        func changes(_ name: String) throws -> [[String: Any]] {
            let output = try CommandRunner.run(["diff", "old", "new", "--format", "json"], in: Self.cases.appendingPathComponent(name))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            return try #require(document["changes"] as? [[String: Any]])
        }
        let option = try #require(try changes("OPTION_REMOVED").first)
        #expect(option["member"] as? [String: String] == ["kind": "option", "property": "roast_level", "value": "dark"])
        let label = try #require(try changes("LABEL_REMOVED").first)
        #expect(label["member"] as? [String: String] == ["kind": "label", "name": "taster", "with": "contacts"])
        let settings = try changes("OBJECT_SETTING_CHANGED")
        #expect(settings.first?["member"] is NSNull)
        #expect(settings.last?["member"] as? [String: String] == ["kind": "propertyGroup", "name": "roasting"])
        let property = try #require(try changes("PROPERTY_REMOVED").first)
        #expect(property["member"] as? [String: String] == ["kind": "property", "name": "origin_country"])
        #expect(try changes("no-changes").isEmpty)
    }

    @Test("--no-standard loads neither side on top of the standard set")
    func noStandard() throws {
        let folder = Self.cases.appendingPathComponent("PROPERTY_REMOVED")
        let output = try CommandRunner.run(["diff", "--no-standard", "old", "new"], in: folder)
        #expect(output.status == 1)
        #expect(output.stdout == (try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)))
        // Without the standard set, an association to deals cannot load: the side is named.
        let association = try CommandRunner.run(["diff", "--no-standard", "old", "new"], in: Self.cases.appendingPathComponent("ASSOCIATION_ADDED"))
        #expect(association.status == 1)
        #expect(association.stdout == "")
        #expect(association.stderr.contains("new/roast_batch.yaml:8:9: error: association of 'roast_batch' to unknown object 'deals'"))
        #expect(association.stderr.hasSuffix("crmgen: error: the NEW definitions (new) have errors; nothing was compared\n"), "\(association.stderr)")
    }

    @Test("a side with errors: its diagnostics, a line that names the side, exit 1, nothing compared")
    func sideWithErrors() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("object: roast_batch\nkind: custom\n", to: folder.appendingPathComponent("old/roast_batch.yaml"))
        try Self.write("object: roast_batch\nkind: custom\n", to: folder.appendingPathComponent("new/roast_batch.yaml"))
        let output = try CommandRunner.run(["diff", "old", "new"], in: folder)
        #expect(output.status == 1)
        #expect(output.stdout == "")
        let lines = output.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("crmgen: error: the OLD definitions (old) have errors; nothing was compared"), "\(output.stderr)")
        #expect(lines.last == "crmgen: error: the NEW definitions (new) have errors; nothing was compared", "\(output.stderr)")
        #expect(lines.first?.hasPrefix("old/roast_batch.yaml:") == true, "\(output.stderr)")
    }

    @Test("usage errors exit 2 and name the side", arguments: [
        (["diff", "old"], "Missing expected argument"),
        (["diff", "no/such/folder", "new"], "OLD (no/such/folder): no such file or folder"),
        (["diff", "old", "no/such/folder"], "NEW (no/such/folder): no such file or folder"),
        (["diff", "old", "new", "--format", "yaml"], "--format"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let output = try CommandRunner.run(arguments, in: Self.cases.appendingPathComponent("no-changes"))
        #expect(output.status == 2)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }

    @Test("what a change echoes from the definitions cannot forge lines: it is escaped")
    func escapedEcho() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let object = """
        object: roast_batch
        kind: custom
        labels: { singular: Roast Batch, plural: Roast Batches }
        primaryDisplayProperty: batch_name
        properties:
          batch_name: { label: "%@", type: string, fieldType: text }

        """
        try Self.write(object.replacingOccurrences(of: "%@", with: "Batch"), to: folder.appendingPathComponent("old/roast_batch.yaml"))
        try Self.write(object.replacingOccurrences(of: "%@", with: #"Batch\nforged.yaml:1:1: breaking: X\u202E"#),
                       to: folder.appendingPathComponent("new/roast\u{202E}batch.yaml"))
        let output = try CommandRunner.run(["diff", "old", "new"], in: folder)
        #expect(output.status == 0)
        #expect(output.stdout == #"""
        new/roast\u{202E}batch.yaml:6:3: safe: PROPERTY_TEXT_CHANGED: property 'batch_name' of 'roast_batch' changed label from 'Batch' to 'Batch\u{A}forged.yaml:1:1: breaking: X\u{202E}'
        0 breaking changes, 1 safe change.

        """#)
    }

    @Test("help names the formats and the exit statuses")
    func help() throws {
        let output = try CommandRunner.run(["diff", "--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("--format"))
        #expect(output.stdout.contains("--no-standard"))
        #expect(output.stdout.contains("Exit status"))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func write(_ text: String, to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}
