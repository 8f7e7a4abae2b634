import Foundation
import Testing
import TestSupport

/// `crmgen graph` as a user runs it. Reference outputs live in Fixtures/graph; after an intended
/// change, re-record them with `CRMGEN_RECORD=1 swift test --filter GraphCommand` and review the diff.
@Suite("crmgen graph")
struct GraphCommandTests {
    static let fixtures = CommandRunner.repositoryRoot.appendingPathComponent("Tests/crmgenTests/Fixtures/graph")

    /// Reference name and arguments, run in the repository's root.
    static let references: [(String, [String])] = [
        ("roastery", ["graph", "--definitions", "Examples/Roastery/Sources/Roastery"]),
        ("roastery-targets-implicit", ["graph", "--definitions", "Examples/Roastery/Sources", "--implicit"]),
        ("tasting-note-depth-2", ["graph", "tasting_note", "--depth", "2", "--definitions", "Examples/Roastery/Sources/Roastery"]),
        ("hostile", ["graph", "--definitions", "Tests/crmgenTests/Fixtures/graph/hostile"]),
    ]

    static var referenceCases: [String] {
        references.flatMap { name, _ in ["\(name).mermaid", "\(name).dot"] }
    }

    @Test("output equals its reference file", arguments: referenceCases)
    func reference(_ file: String) throws {
        let name = String(file.prefix { $0 != "." })
        let format = String(file.drop { $0 != "." }.dropFirst())
        let arguments = try #require(Self.references.first { $0.0 == name }?.1) + ["--format", format]
        let output = try CommandRunner.run(arguments)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr == "")
        let url = Self.fixtures.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["CRMGEN_RECORD"] == "1" {
            try output.stdout.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file); run the tests again without CRMGEN_RECORD")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(output.stdout == expected, "\(output.stdout)")
    }

    @Test("the same definitions give the same bytes, in any order of --definitions")
    func deterministic() throws {
        let first = try CommandRunner.run(["graph", "--all", "--definitions", "Examples/Roastery/Sources/Roastery", "--definitions", "Definitions/custom"])
        let second = try CommandRunner.run(["graph", "--all", "--definitions", "Definitions/custom", "--definitions", "Examples/Roastery/Sources/Roastery"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.split(separator: "\n").count > 100, "--all draws the standard set's associations too")
    }

    @Test("the README's graph is the command's output for the example roastery")
    func readme() throws {
        let readme = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let graph = try String(contentsOf: Self.fixtures.appendingPathComponent("roastery.mermaid"), encoding: .utf8)
        // Inside a list item, indented by two spaces.
        let indented = graph.split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        #expect(readme.contains("  ```mermaid\n" + indented + "  ```\n"))
    }

    // MARK: Mermaid safety

    /// A relationship line: two entities, crow's-foot ends, and a label in quotes without `"` or a line break.
    static var relationship: Regex<(Substring, Substring, Substring, Substring, Substring, Substring)> { #/^    ("?[a-z][a-z0-9_]*"?) (\|o|\|\||\}o|\}\|)(--|\.\.)(o\||\|\||o\{|\|\{) ("?[a-z][a-z0-9_]*"?) : "[^"\n]*"$/# }

    @Test("hostile labels cannot break the Mermaid diagram: one line per association, nothing Mermaid would read as a statement")
    func hostileMermaid() throws {
        let output = try CommandRunner.run(["graph", "--definitions", "Tests/crmgenTests/Fixtures/graph/hostile"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "erDiagram")
        #expect(lines.count == 4)
        for line in lines.dropFirst() { #expect((try? Self.relationship.wholeMatch(in: String(line))) != nil, "\(line)") }
        #expect(!output.stdout.contains("%%"))
        #expect(output.stdout.range(of: #"direction\s+(TB|BT|LR|RL)"#, options: [.regularExpression, .caseInsensitive]) == nil)
        #expect(output.stdout.contains("\"end\" |o--|| contacts : \"quote #quot; hash #35; percent"))
    }

    @Test("hostile labels cannot break the DOT graph: quotes and backslashes escaped, line breaks as \\n")
    func hostileDot() throws {
        let output = try CommandRunner.run(["graph", "--definitions", "Tests/crmgenTests/Fixtures/graph/hostile", "--format", "dot"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains(#""end" [label="Say \"hi\"\n#1 \\N\n(end)"];"#))
        for line in output.stdout.split(separator: "\n") {
            // Outside escapes, quotes come in pairs: every string that opens, closes on its line.
            let unescaped = line.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\\"", with: "")
            #expect(unescaped.filter { $0 == "\"" }.count % 2 == 0, "\(line)")
        }
    }

    // MARK: Selection

    @Test("--depth 0 draws only the named objects and the associations between them")
    func depthZero() throws {
        let arguments = ["graph", "--definitions", "Examples/Roastery/Sources/Roastery", "--depth", "0"]
        let one = try CommandRunner.run(arguments + ["tasting_note"])
        #expect(one.stdout == "erDiagram\n    tasting_note\n")
        let two = try CommandRunner.run(arguments + ["Tasting notes", "contacts"])
        // contacts ↔ contacts is one of HubSpot's own associations.
        #expect(two.stdout == "erDiagram\n    contacts }o--o{ contacts : \"\"\n    tasting_note }o--o| contacts : \"Cupper / Tasting note\"\n")
    }

    @Test("a --depth beyond the graph's reach draws the whole reachable graph, without walking the steps that add nothing")
    func hugeDepth() throws {
        let whole = try CommandRunner.run(["graph", "contacts", "--depth", "100"])
        let huge = try CommandRunner.run(["graph", "contacts", "--depth", String(Int.max)])
        #expect(whole.status == 0 && huge.status == 0, "\(huge.stderr)")
        #expect(huge.stdout == whole.stdout && whole.stdout.contains("contacts"))
    }

    @Test("a negative --depth is a usage error")
    func negativeDepth() throws {
        let output = try CommandRunner.run(["graph", "contacts", "--depth=-1"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--depth must be 0 or more, not -1"), "\(output.stderr)")
        #expect(output.stdout == "")
    }

    @Test("an unknown object is a usage error with a suggestion", arguments: [["graph", "contcts"], ["graph", "deals", "tasting_nte", "--definitions", "Examples/Roastery/Sources/Roastery"]])
    func unknownObject(_ arguments: [String]) throws {
        let output = try CommandRunner.run(arguments)
        #expect(output.status == 2)
        #expect(output.stderr.contains("did you mean '\(arguments.contains("contcts") ? "contacts" : "tasting_note")'?"), "\(output.stderr)")
        #expect(output.stdout == "")
    }

    @Test("--all with OBJECT names is a usage error")
    func allWithObjects() throws {
        let output = try CommandRunner.run(["graph", "--all", "deals"])
        #expect(output.status == 2)
    }

    @Test("only the standard set: every object that has an association")
    func standardOnly() throws {
        let output = try CommandRunner.run(["graph", "--definitions", "Definitions/standard"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("    contacts }o--o{ companies : \"Primary"), "\(output.stdout.prefix(300))")
        #expect(output.stdout == (try CommandRunner.run(["graph", "--all", "--definitions", "Definitions/standard"])).stdout)
    }

    // MARK: SVG

    @Test("--format svg without dot on PATH: a clear error, exit 1")
    func svgWithoutDot() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-nodot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let output = try await ProcessRunner.run(CommandRunner.executable, ["graph", "--format", "svg"], in: CommandRunner.repositoryRoot,
                                                 environment: ["PATH": empty.path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("crmgen: error: --format svg needs Graphviz's 'dot' on PATH"), "\(output.stderr)")
        #expect(output.stdout == "")
    }

    @Test("--format svg runs dot -Tsvg from PATH with an argument list and prints what it writes")
    func svgWithDot() async throws {
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-fakedot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bin) }
        // A stand-in for Graphviz: checks its arguments, wraps the DOT it is given.
        let script = bin.appendingPathComponent("dot")
        try """
        #!/bin/sh
        [ "$#" = 4 ] && [ "$1" = "-Tsvg" ] && [ "$2" = "-o" ] || { echo "unexpected arguments: $*" >&2; exit 3; }
        { echo "<svg>"; cat "$4"; echo "</svg>"; } > "$3"
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let arguments = ["graph", "--format", "svg", "--definitions", "Examples/Roastery/Sources/Roastery"]
        let output = try await ProcessRunner.run(CommandRunner.executable, arguments, in: CommandRunner.repositoryRoot,
                                                 environment: ["PATH": bin.path + ":/usr/bin:/bin"])
        #expect(output.status == 0, "\(output.stderr)")
        let dot = try String(contentsOf: Self.fixtures.appendingPathComponent("roastery.dot"), encoding: .utf8)
        #expect(output.stdout == "<svg>\n" + dot + "</svg>\n")

        try "#!/bin/sh\necho 'dot: syntax error' >&2\nexit 1\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let failed = try await ProcessRunner.run(CommandRunner.executable, arguments, in: CommandRunner.repositoryRoot,
                                                 environment: ["PATH": bin.path + ":/usr/bin:/bin"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("dot: syntax error") && failed.stderr.contains("-Tsvg' failed (exit status 1)"), "\(failed.stderr)")

        // Killed by a signal, or ending well without writing the SVG: said as such.
        for (body, words) in [("kill -SEGV $$\n", "-Tsvg' was killed by signal 11"), ("exit 0\n", "-Tsvg' ended without writing the SVG")] {
            try ("#!/bin/sh\n" + body).write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            let odd = try await ProcessRunner.run(CommandRunner.executable, arguments, in: CommandRunner.repositoryRoot,
                                                  environment: ["PATH": bin.path + ":/usr/bin:/bin"])
            #expect(odd.status == 1 && odd.stdout.isEmpty, "\(odd.stdout)")
            #expect(odd.stderr.contains(words), "\(odd.stderr)")
        }
    }
}
