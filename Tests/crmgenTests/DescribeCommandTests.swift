import Foundation
import Testing

/// `crmgen describe` as a user runs it.
@Suite("crmgen describe")
struct DescribeCommandTests {
    private func json(_ arguments: [String]) throws -> [String: Any] {
        let output = try CommandRunner.run(["describe"] + arguments + ["--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    /// `to` → (associationTypeId, label type IDs) of an object's associations.
    private func associationIds(_ object: [String: Any]) -> [String: (Int?, [Int])] {
        let associations = object["associations"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: associations.map { association in
            let labels = (association["labels"] as? [[String: Any]] ?? []).compactMap { $0["associationTypeId"] as? Int }
            return (association["to"] as! String, (association["associationTypeId"] as? Int, labels))
        })
    }

    @Test("contacts: 0-1, its properties and association IDs")
    func contacts() throws {
        let contacts = try json(["contacts"])
        #expect(contacts["objectTypeId"] as? String == "0-1")
        let properties = (contacts["properties"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(properties.contains("email") && properties.contains("lifecyclestage"))
        let ids = associationIds(contacts)
        #expect(ids["companies"]?.0 == 279)
        #expect(ids["companies"]?.1.contains(1) == true)
        #expect(ids["deals"]?.0 == 4)
    }

    @Test("other objects, by name, label and objectTypeId", arguments: [
        ("quotes", "deals", 64), ("0-8", "deals", 20), ("Tickets", "contacts", 16), ("deals", "line_items", 19),
    ])
    func pairs(object: String, to target: String, id: Int) throws {
        #expect(associationIds(try json([object]))[target]?.0 == id)
    }

    @Test("without OBJECT, JSON lists every object in full")
    func all() throws {
        let objects = try #require(try json([])["objects"] as? [[String: Any]])
        #expect(objects.count == 35)
        #expect(objects.map { $0["name"] as? String } == objects.map { $0["name"] as? String }.sorted { ($0 ?? "") < ($1 ?? "") })
    }

    @Test("JSON output is byte-for-byte stable across runs")
    func stable() throws {
        let first = try CommandRunner.run(["describe", "--format", "json"])
        let second = try CommandRunner.run(["describe", "--format", "json"])
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }

    @Test("Roast Batch shows Roast date, Green lot # and Quality score")
    func roastBatch() throws {
        let output = try CommandRunner.run(["describe", "roast_batch", "--definitions", "Definitions"])
        #expect(output.status == 0)
        for label in ["Roast date", "Green lot #", "Quality score", "RoastBatch"] {
            #expect(output.stdout.contains(label), "\(label)")
        }
        let markdown = try CommandRunner.run(["describe", "Roast Batches", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("## Roast Batch (`roast_batch`)"))
    }

    @Test("Markdown shows labels, descriptions and patterns as written: no emphasis, links, HTML or table breaks from them, no hidden characters")
    func markdownEscaped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-describe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"""
        object: hostile
        kind: custom
        labels: { singular: "A_*b*_ <i>x</i> | [l](u)", plural: Hostiles }
        description: "right\u202Eleft\nnext line"
        primaryDisplayProperty: code
        properties:
          code: { label: "`Code`", type: string, fieldType: text, pattern: "^\\*[a-z]_$" }

        """#.utf8).write(to: folder.appendingPathComponent("hostile.yaml"))
        let run = try CommandRunner.run(["describe", "hostile", "--format", "markdown", "--definitions", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix(#"## A\_\*b\*\_ \<i\>x\</i\> \| \[l\](u) (`hostile`)"#), "\(run.stdout)")
        // `\u{202E}` as Markdown source: its backslash escaped, shown as one.
        #expect(run.stdout.contains(#"right\\u{202E}left\\u{A}next line"#), "\(run.stdout)")
        #expect(run.stdout.contains(#"| \`Code\` |"#), "\(run.stdout)")
        #expect(run.stdout.contains(#"^\\\*\[a-z\]\_$"#), "\(run.stdout)")
        #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x202E })
    }

    @Test("an unknown object is a usage error with a suggestion")
    func unknown() throws {
        let output = try CommandRunner.run(["describe", "contcts"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("no object 'contcts' in the registry; did you mean 'contacts'?"))
    }

    @Test("the list has one line per object plus a header")
    func list() throws {
        let output = try CommandRunner.run(["describe"])
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 36)
        #expect(lines.first?.hasPrefix("OBJECT") == true)
        #expect(lines.contains { $0.hasPrefix("roast_batch") })
        #expect(!output.stdout.contains(" \n"))
    }
}
