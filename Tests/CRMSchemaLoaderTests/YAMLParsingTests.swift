import CRMModel
@testable import CRMSchemaLoader
import Testing

@Suite("YAML syntax tree")
struct YAMLParsingTests {
    private func parse(_ text: String, limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> YAMLNode? {
        try YAMLParser(limits: limits).parse(Array(text.utf8), file: "t.yaml")
    }

    private func error(_ text: String, limits: YAMLLimits = YAMLLimits()) -> String? {
        do {
            _ = try parse(text, limits: limits)
            return nil
        } catch {
            return error.diagnostic.description
        }
    }

    @Test("every node knows its 1-based line and column")
    func locations() throws {
        let root = try #require(try parse("a: 1\nb:\n  - x\n  - { y: z }\n"))
        let mapping = try #require(root.mapping)
        #expect(mapping.entries.map(\.key) == ["a", "b"])
        #expect(mapping.entries[1].keyMark == YAMLMark(line: 2, column: 1))
        let items = try #require(mapping.entries[1].value.sequence)
        #expect(items[0].mark == YAMLMark(line: 3, column: 5))
        #expect(items[1].mapping?.entries[0].value.location(in: "t.yaml") == SourceLocation(file: "t.yaml", line: 4, column: 10))
    }

    @Test("plain scalars are typed by YAML 1.2's core schema, quoted ones are strings")
    func scalarTyping() throws {
        let mapping = try #require(try parse("a: true\nb: 'true'\nc: yes\nd: ~\ne: 0x1F\nf: 1.5e3\ng: \"12\"\nh: .nan\n")?.mapping)
        func scalar(_ key: String) -> YAMLScalar { mapping.entry(key)!.value.scalar! }
        #expect(scalar("a").boolValue == true)
        #expect(scalar("b").boolValue == nil)
        #expect(scalar("c").boolValue == nil)  // YAML 1.1's yes/no are plain strings in 1.2
        #expect(scalar("d").isNull)
        #expect(scalar("e").intValue == 31)
        #expect(scalar("f").exactNumber?.text == "1500")
        #expect(scalar("g").intValue == nil)
        #expect(scalar("g").stringValue == "12")
        #expect(scalar("h").exactNumber == nil)
    }

    @Test("YAML numbers become exact decimals, never passing through Double")
    func exactNumbers() throws {
        let mapping = try #require(try parse("a: 1e-7\nb: -2.50E+3\nc: 9007199254740993\nd: 0.1\ne: .5\nf: 1e1001\ng: +7\n")?.mapping)
        func number(_ key: String) -> String? { mapping.entry(key)?.value.scalar?.exactNumber?.text }
        #expect(number("a") == "0.0000001")
        #expect(number("b") == "-2500")
        #expect(number("c") == "9007199254740993")
        #expect(number("d") == "0.1")
        #expect(number("e") == "0.5")
        #expect(number("f") == nil, "an exponent beyond 1,000 is refused, not expanded")
        #expect(number("g") == "7")
    }

    @Test("keys written in a mapping override merged keys; the first merge source wins")
    func mergeKeys() throws {
        let text = "base: &base { a: 1, b: 2 }\nother: &other { b: 3, c: 4 }\nm:\n  <<: [*base, *other]\n  a: 9\n"
        let mapping = try #require(try parse(text)?.mapping?.entry("m")?.value.mapping)
        #expect(mapping.entries.map(\.key) == ["a", "b", "c"])
        #expect(mapping.entry("a")?.value.scalar?.text == "9")
        #expect(mapping.entry("b")?.value.scalar?.text == "2")
        #expect(mapping.entry("c")?.value.scalar?.text == "4")
    }

    @Test("an alias repeats the anchored node at the alias's own place")
    func aliases() throws {
        let mapping = try #require(try parse("a: &x [1, 2]\nb: *x\n")?.mapping)
        #expect(mapping.entry("b")?.value.sequence?.count == 2)
        #expect(mapping.entry("b")?.value.mark == YAMLMark(line: 2, column: 4))
    }

    @Test("a file with only comments has no document")
    func commentsOnly() throws {
        #expect(try parse("# nothing\n\n") == nil)
        #expect(try parse("") == nil)
    }

    @Test("20,000 nested brackets end with a depth error, not a stack overflow")
    func deepNesting() {
        let text = "a: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n"
        #expect(error(text) == "t.yaml:1:67: error: nesting is deeper than 64 levels, more than a definition file can need")
    }

    @Test("unclosed deep nesting is reported at the depth limit too")
    func deepNestingUnclosed() {
        let text = String(repeating: "{a: ", count: 20_000)
        #expect(error(text)?.contains("nesting is deeper than 64 levels") == true)
    }

    @Test("alias expansion is bounded")
    func aliasBound() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let message = error(text, limits: YAMLLimits(maxNodes: 5_000))
        #expect(message == "t.yaml:4:25: error: alias '*a2' expands the document past 5000 nodes; aliases are bounded so that a file cannot expand without limit ('billion laughs')")
    }

    @Test("file size is bounded")
    func sizeBound() {
        let message = error(String(repeating: "# padding\n", count: 20), limits: YAMLLimits(maxFileSize: 100))
        #expect(message == "t.yaml:1:1: error: file is 200 bytes; definition files are limited to 100 bytes")
    }

    @Test("invalid UTF-8 is reported at its line and column", arguments: [
        ([0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A] as [UInt8], "t.yaml:1:4: error: invalid UTF-8 (byte 0xC3); definition files must be UTF-8 encoded"),
        ([0x61, 0x0A, 0x62, 0x3A, 0xED, 0xA0, 0x80] as [UInt8], "t.yaml:2:3: error: invalid UTF-8 (byte 0xED); definition files must be UTF-8 encoded"),
        ([0xC0, 0x80] as [UInt8], "t.yaml:1:1: error: invalid UTF-8 (byte 0xC0); definition files must be UTF-8 encoded"),
    ])
    func invalidUTF8(bytes: [UInt8], expected: String) {
        do {
            _ = try YAMLParser(limits: YAMLLimits()).parse(bytes, file: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostic.description == expected)
        }
    }

    @Test("valid multi-byte UTF-8 passes, and columns count characters")
    func multiByte() throws {
        let mapping = try #require(try parse("ä: \"°C\"\nb: é\n")?.mapping)
        #expect(mapping.entry("ä")?.value.scalar?.text == "°C")
        #expect(mapping.entry("b")?.value.mark.column == 4)
    }

    /// `count` entries `k0: v0` … of a mapping, one a line: three events each (key, value) beyond the first.
    private func entries(_ count: Int, from first: Int = 0) -> String {
        (first..<first + count).map { "k\($0): v\($0)\n" }.joined()
    }

    @Test("an error of the tree found before a syntax error later in the file is the one reported, within a batch of events or many batches before")
    func errorsInOrderAcrossBatches() {
        // Events are taken from libyaml in batches of 256 before they are built into the tree; the
        // first problem in the file must still be the one reported, whichever side finds it.
        for before in [1, 100, 300, 1_000] {
            let text = entries(before) + "k0: again\n" + entries(50, from: before) + "bad: [unclosed\n"
            let line = before + 1
            #expect(error(text) == "t.yaml:\(line):1: error: duplicate key 'k0'; YAML does not allow a key twice in one mapping\n"
                    + "t.yaml:1:1: note: 'k0' is first set here", "duplicate key after \(before) entries")
        }
        // The other way round: libyaml stops at the syntax error and never sees the duplicate after it.
        let syntaxFirst = entries(400) + "bad: [unclosed\nk0: again\n"
        #expect(error(syntaxFirst)?.contains("t.yaml:402:") == true, "\(error(syntaxFirst) ?? "no error")")
        #expect(error(syntaxFirst)?.contains("duplicate") == false)
    }

    @Test("anchors, aliases and tags keep their meaning when they fall in different batches of events")
    func anchorsAcrossBatches() throws {
        let text = "first: &shared !!str 12\n" + entries(500) + "later: *shared\nlist: !!seq [a, b]\ntagged: !!int 7\n"
        let mapping = try #require(try parse(text)?.mapping)
        #expect(mapping.entries.count == 504)
        #expect(mapping.entry("later")?.value.scalar?.stringValue == "12")
        #expect(mapping.entry("later")?.value.scalar?.intValue == nil, "!!str travels with the anchored node")
        #expect(mapping.entry("later")?.value.mark == YAMLMark(line: 502, column: 8))
        #expect(mapping.entry("list")?.value.sequence?.count == 2)
        #expect(mapping.entry("tagged")?.value.scalar?.intValue == 7)
        #expect(error(entries(300) + "x: !custom 1\n") == "t.yaml:301:4: error: unsupported YAML tag '!custom' here; definitions use plain YAML values")
        #expect(error(entries(300) + "x: *nowhere\n") == "t.yaml:301:4: error: alias '*nowhere' refers to no anchor defined before it")
    }

    @Test("one parser reads file after file, whatever the file before it did to libyaml")
    func parserReuse() throws {
        let parser = YAMLParser(limits: YAMLLimits())
        let good = entries(300) + "last: [1, 2]\n"
        let fresh = try #require(try YAMLParser(limits: YAMLLimits()).parse(Array(good.utf8), file: "fresh.yaml")?.mapping)
        let inputs = ["bad: [unclosed\n", "a: 1\na: 2\n", "\t- tab\n", "", "--- 1\n--- 2\n", good]
        var outcomes: [String] = []
        for (index, input) in inputs.enumerated() {
            do {
                let root = try parser.parse(Array(input.utf8), file: "f\(index).yaml")
                outcomes.append(root == nil ? "empty" : "read")
            } catch {
                outcomes.append("error")
            }
        }
        #expect(outcomes == ["error", "error", "error", "empty", "error", "read"])
        let reused = try #require(try parser.parse(Array(good.utf8), file: "again.yaml")?.mapping)
        #expect(reused.entries.map(\.key) == fresh.entries.map(\.key))
        #expect(reused.entries.map(\.keyMark) == fresh.entries.map(\.keyMark))
        #expect(reused.entry("last")?.value.sequence?.compactMap(\.scalar?.intValue) == [1, 2])
    }

    @Test("a key that is a mapping is rejected")
    func complexKey() {
        #expect(error("? { a: 1 }\n: b\n") == "t.yaml:1:3: error: mapping keys must be plain names, not a mapping")
    }
}
