import Foundation
@testable import CRMSchemaLoader
import Testing
import TestSupport

/// The subset scanner reads definition files without libyaml. Its one promise: for any text it
/// accepts, it gives libyaml's events exactly (scalars, styles, marks, collections), so the tree and
/// every error are the same; anything else it declines. Each test compares the two event streams.
@Suite("YAML subset scanner")
struct YAMLSubsetScannerTests {
    private let parser = YAMLParser(limits: YAMLLimits())

    /// The scanner's events when it accepts `bytes`, after checking they are libyaml's; `nil` when it declines.
    private func checkedEvents(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [String]? {
        guard let subset = parser.eventDescriptions(bytes, subset: true) else { return nil }
        let reference = parser.eventDescriptions(bytes, subset: false)
        #expect(subset == reference, "the scanner accepted \(String(decoding: bytes, as: UTF8.self).debugDescription)",
                sourceLocation: sourceLocation)
        return subset
    }

    private static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every YAML file in the repository (definitions, fixtures good and bad, examples).
    private static var repositoryYAML: [URL] {
        let enumerator = FileManager.default.enumerator(at: repositoryRoot, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            let path = url.path
            if path.contains("/.build") || path.contains("/.git/") { continue }
            if url.pathExtension == "yaml" || url.pathExtension == "yml" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test("on every YAML file of the repository, the scanner gives libyaml's events or declines, and accepts the definitions")
    func repositoryFiles() throws {
        var accepted = 0
        var acceptedStandard = 0
        let files = Self.repositoryYAML
        #expect(files.count > 100)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            if checkedEvents(bytes) != nil {
                accepted += 1
                if file.path.contains("/Definitions/standard/") { acceptedStandard += 1 }
            }
        }
        // The fast path is only worth having if definitions take it: the 34 standard objects do.
        #expect(acceptedStandard == 34)
        #expect(accepted > files.count / 2)
    }

    @Test("the benchmark's generated definitions take the fast path, with libyaml's events")
    func benchmarkDefinitions() throws {
        let object = """
            object: bench_object_00000
            kind: custom
            objectTypeId: "2-100000"
            labels: { singular: Bench object 00000, plural: Bench objects 00000 }
            primaryDisplayProperty: field_00
            searchableProperties: [field_00, field_01]
            properties:
              field_00: { label: Field 00, type: string, fieldType: text, maxLength: 200 }
              field_02: { label: Field 02, type: number, fieldType: number, minimum: 0, maximum: 1000 }
              field_07: \("")
                label: Field 07
                type: enumeration
                options:
                  - { value: alpha, label: Alpha }
                  - { value: beta, label: Beta }
              field_08: { label: Field 08, type: string, fieldType: text, pattern: "^[A-Z]{2}-[0-9]+$" }
            associations:
              - to: contacts
                labels:
                  - { name: primary, label: Primary contact, inverseLabel: Primary object }
            """
        let events = try #require(checkedEvents(Array(object.utf8)))
        #expect(events.contains("scalar doubleQuoted 16:72 \"^[A-Z]{2}-[0-9]+$\""))
        #expect(events.contains("mappingStart 18:5"))  // the mapping in the sequence item, at its first key
        #expect(events.contains("sequenceStart 14:7"))  // the block sequence, at its first dash
    }

    /// Texts written to be misread: each is either declined or read exactly as libyaml reads it.
    static let adversarial: [String] = [
        // Keys and values that look like structure.
        "a: b: c\n", "a: b:\n", "a: b #c: d\n", "a:b: c\n", "a: 'x' y\n", "a: \"x\": y\n", "a: {b: c}: d\n",
        "a: [b]: c\n", "a: b\n  c\n", "a: b\n\n  c\n", "a: b\n# c\n  d\n", "a:\n  b\n", "a:\nb: 1\n", "a:\n- x\n",
        "a:\n  - x\n  b: 1\n", "a: 1\n- x\n", "- a\n- b\n", "- a: 1\n  b: 2\n- c\n", "-\n", "- \n", "- - a\n",
        "a:\n    b: 1\n  c: 2\n", "a:\n  b: 1\n    c: 2\n", "  a: 1\n", "a: 1\n  # c\nb: 2\n", "a: 1 # c\nb: 2#3\n",
        "a: -\n", "a: -5\n", "a: -x\n", "a: - x\n", "a: ?\n", "a: ? b\n", "a: :\n", "a: :b\n", "a: ~\n", "a: .5\n", "a: ...\n",
        "a: ---\n", "---\na: 1\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n", "%YAML 1.1\n---\na: 1\n", "a: &x 1\nb: *x\n", "a: !!str 1\n",
        "a: !x 1\n", "a: |\n  x\n", "a: >\n  x\n", "a: @x\n", "a: `x`\n", "a: %x\n", "? a\n: b\n", "a : b\n", "a  :  b  \n",
        "a: b\n" + String(repeating: " ", count: 3), "1: a\n2: b\n", "a: 1\na: 2\n", "_a: 1\n", "a-b: 1\n", "a.b: 1\n",
        // Flow collections.
        "a: {b: c, d: e}\n", "a: {b: c,}\n", "a: {b: c, }\n", "a: {,}\n", "a: {}\n", "a: []\n", "a: [,]\n", "a: [b,]\n",
        "a: {b}\n", "a: {b, c: d}\n", "a: {b: }\n", "a: {b: ,c: d}\n", "a: {b:c}\n", "a: {b: c:d}\n", "a: {b: c: d}\n",
        "a: [b: c]\n", "a: [b, [c, {d: e}]]\n", "a: {b: [c, d], e: {f: g}}\n", "a: {b: c\n  , d: e}\n", "a: [b,\n  c]\n",
        "a: {b: c} # x\n", "a: {b: c}#x\n", "a: {b: c} d\n", "a: {b: c #x}\n", "a: {'b': c}\n", "a: {\"b\": c}\n",
        "a: {b: 'c'}\n", "a: {b: \"c\"}\n", "a: [\"b\", 'c']\n", "a: {b: c}}\n", "a: {b: c]\n", "a: [b}\n", "a: [[[[b]]]]\n",
        "a: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "\n",
        "a: {b: -1, c: -.5}\n", "a: [-1, - 1]\n", "a: {b: c d , e: f}\n", "a: { b : c }\n", "a: {b: [c]d}\n",
        // Quoted scalars.
        "a: 'b''c'\n", "a: 'b'\n", "a: ''\n", "a: \"\"\n", "a: \"b\\\"c\"\n", "a: \"b\\nc\"\n", "a: \"b\nc\"\n", "a: 'b\n  c'\n",
        "a: \" b \"\n", "a: ' b '\n", "a: \"b # c\"\n", "a: \"b\" # c\n", "a: 'b'#c\n", "a: \"b\n", "a: 'b\n", "- 'x'\n", "- \"x\": y\n",
        "\"a\": b\n", "'a': b\n",
        // Characters.
        "a:\tb\n", "a: b\t\n", "\ta: b\n", "a: b\r\n", "a: b\u{7F}\n", "a: b\u{0}\n", "a: caf\u{E9}\n", "\u{FEFF}a: b\n", "a: b",
        "# only a comment\n", "\n\n", "   \n", "a: b\n\n\n# end\n", "a: b # c\n  # d\n",
        // Literal and folded values.
        "a: |\n  x\n  y\nb: 1\n", "a: >\n  x\n  y\nb: 1\n", "a: |-\n  x\n  y\n", "a: >-\n  x\n  y\n", "a: |+\n  x\n\n",
        "a: |2\n   x\n", "a: > # c\n  x\n", "a: >\n  x\n\n  y\n", "a: >\n  x\n   y\n", "a: >\n   x\n  y\n", "a: >\n  x\n",
        "a: >\n  x", "a: >\n\n  x\n", "a: >\n  x\n\n\nb: 1\n", "a: >-\n  x\n  \n", "a: >-\n  x\n     \n", "a: >\nb: 1\n",
        "a: >\n  x  \n  y\n", "a: >\n  # x\n", "a: |\n  x\n # c\nb: 1\n", "a: |\n  x\n # c\n  y\n", "a: |\n  x\n y\n",
        "a:\n  b: >\n    x\n  c: 1\n", "a:\n  b: >\n   x\n  c: 1\n", "a:\n  b: >\n  x\n", "- >\n  x\n", "a: >x\n  y\n",
        "a: >-\n  caf\u{E9} \u{2014} \u{1F600}\n  b\n", "a: >\n  ---\n", "a: |\n  \\n\n", "a: |\n  'q' \"r\" #s\n",
        "a: >\n  x\n\n\n  y\n  z\n\n", "a: |\n  x\n\n\n  y\n", "a: >-\n  x\n  \n  y\n", "a: |-\n  x\n \n  y\n\n\n", "a: >\n  x\n\n   y\n",
        "a: >\n  x\n\n# c\n  y\n", "a:\n  b: |\n    x\n\n    y\n  c: >\n    z\n\n\n    w\n",
        // Plain values over several lines.
        "a: b\n  c\nd: 1\n", "a: b\n  c\n\n  d\n\ne: 1\n", "a: b \n   c  \n", "a: b\n  c: d\n", "a: b\n  c #d\n", "a: b\n  c#d\n",
        "a: b\n  - c\n", "a: b\n  -5\n", "a: b\n  'c'\n", "a: b\n  [c]\n", "a: b\n  &c\n", "a: b # x\n  c\n", "a: b\n  # x\n  c\n",
        "a: b\n\n\n", "a: b\n  c\n\n", "- b\n  c\n- d\n", "- b\n c\n", "- a: b\n    c\n  d: e\n", "- a: b\n   c\n", "- a: b\n  c\n",
        "a:\n  b: c\n   d\n  e: f\n", "a:\n  b: c\n  d\n", "a: b\n c:\n", "a: b\n  c:\n", "a: b\n  c\n d\n", "a: b\n  ---\n",
        "a: b\n  ...\n", "a: b\r\n  c\r\n", "a: caf\u{E9}\n  \u{E9}t\u{E9}\nb: \u{E9}\n", "a: b\n  c\n  d: e\n", "a: b\n  c\nd\n",
        "a: b\n  c\n  ", "a: b\n  c", "a: {b: c}\n  d\n", "a: 'b'\n  c\n", "a: >\n  b\n   c\n",
        // Escapes.
        "a: \"\\\\d\"\n", "a: \"x\\\"y\"\n", "a: \"\\/\\n\\t\"\n", "a: \"\\x41\"\n", "a: \"\\u00E9\"\n", "a: \"\\\n  b\"\n", "a: \"x\\",
        "a: \"\\ \"\n", "a: \"\\0\\a\\e\"\n", "a: \"x\\\\\"\n", "a: \"x\\\\\\\"\n", "a: {b: \"\\\\\", c: d}\n", "a: '\\d'\n",
        // UTF-8: columns count characters.
        "caf\u{E9}: 1\n\u{E9}: {\u{E9}: \u{E9}, b: \u{1F600}}\n", "a: \u{E9}\u{E9}\u{E9} # \u{E9}\nb: 'x'\n", "a: \u{A0}\n",
        "a: \u{85}\n", "a: x\u{2028}y\n", "a: x\u{2029}y\n", "a: \u{FFFE}\n", "a: \u{E000}\n", "a: [\u{E9}, \"\u{E9}\"]\n",
        // Windows line breaks.
        "a: 1\r\nb: 2\r\n", "a: >\r\n  x\r\n  y\r\n", "a: |\r\n  x\r\n\r\n", "a: 'x'\r\n", "a: \"x\\ty\"\r\n", "a: b\rc\n", "a: b\r",
        "a: b\r\r\n", "- a\r\n- b\r\n", "a: {b: c}\r\n", "a: b # c\r\n", "\r\n", "a:\r\n  b: 1\r\n", "a: \u{E9}\r\nb: 1\r\n",
        "a: \"x\r\ny\"\r\n", "a: b\r\n\r\n  c\r\n", "a: b\n\r", "a: 1\r\n\rb: 2\n", "a: 1\r\nb: 2\rc: 3\r\n", "a: 1\r\n\u{1}\n",
        "a: 1\r\n\r\r\nb: 2\r\n",
        // Quoted keys.
        "\"a\" : b\n", "\"a\":b\n", "\"a\":\n  b: 1\n", "- \"a\": b\n  c: d\n", "- 'a': b\n", "a: {\"b\": c, 'd': e}\n", "a: {\"b\":c}\n",
        "\"a\\n\": b\n", "\"a\": b: c\n", "\"\": b\n", "'a''b': c\n", "\"a\" # c\n", "- \"a\" b\n", "- \"a\":b\n", "- \"a\":\n    b: 1\n",
        "a: {\"b\" : c}\n", "a: [\"b\": c]\n", "\"a\": 1\n\"a\": 2\n", "\"" + String(repeating: "k", count: 1030) + "\": v\n",
        // Long keys: libyaml looks for a key's colon only so far.
        String(repeating: "k", count: 1000) + ": v\n", String(repeating: "k", count: 1030) + ": v\n",
        "a: {" + String(repeating: "k", count: 1030) + ": v}\n",
        String(repeating: "k", count: 990) + String(repeating: " ", count: 40) + ": v\n",
        "a: {" + String(repeating: "k", count: 990) + String(repeating: " ", count: 40) + ": v}\n",
        "- " + String(repeating: "k", count: 990) + String(repeating: " ", count: 40) + ": v\n",
    ]

    @Test("texts written to be misread are declined or read as libyaml reads them", arguments: adversarial)
    func adversarialText(_ text: String) {
        _ = checkedEvents(Array(text.utf8))
    }

    /// Texts the scanner must accept, or the fast path would be dead code for ordinary files.
    static let accepted: [String] = [
        "a: 1\n", "a: b c\n", "a:\n  b: 1\n  c: [x, y]\n", "a:\n  - x\n  - { y: z }\n", "a: 'q'\nb: \"r\"\n", "a: {}\nb: []\n",
        "# c\na: 1 # d\n\nb: 2\n", "a: b", "a: http://x.y/z?q=1#f\n", "a:\n  - b: 1\n    c: 2\n  - d: 3\n", "- a\n- b\n",
        "a: >-\n  x\n  y\nb: |\n  z\n\nc: 1\n", "a: \"^P(\\\\d+Y)?$\"\n", "\"yes\": 1\n'no': {\"k\": v}\n- \"k\": v\n".replacingOccurrences(of: "- ", with: "x:\n  - "),
        "a: 1\r\nb: {c: d}\r\nd: >-\r\n  e\r\n  f\r\n", "a: >\n  one\n\n  two\nb: |\n  x\n\n  y\n",
        "description: A long text that\n  goes on here\n\n  and here.\nlabel: x\n", "d\u{E9}j\u{E0}: [\u{E9}t\u{E9}, \"\u{2014}\"]\n",
    ]

    @Test("ordinary definition text takes the fast path", arguments: accepted)
    func acceptedText(_ text: String) {
        #expect(checkedEvents(Array(text.utf8)) != nil)
    }

    @Test("definition files written by crmgen (import, scaffold) from random definitions take the fast path with libyaml's events")
    func writtenDefinitions() {
        var accepted = 0
        var files = 0
        for seed in UInt64(0)..<300 {
            for document in RandomDefinitions.documents(seed: seed, constraints: true) {
                files += 1
                if checkedEvents(Array(DefinitionWriter.yaml(document).utf8)) != nil { accepted += 1 }
            }
        }
        // Labels with `: `, `#`, quotes, brackets and non-ASCII text, quoted by the writer: the scanner
        // reads every such file (were it to decline some, libyaml would read them, only slower).
        #expect(files > 300)
        #expect(accepted == files, "\(accepted) of \(files)")
    }

    @Test("mutants of a definition file are declined or read as libyaml reads them")
    func mutants() throws {
        let seed = """
            object: roast_batch
            labels: { singular: Roast batch, plural: Roast batches }
            properties:
              roast_date: { label: Roast date, type: date, required: true }
              lot: { label: "Green lot #", type: string, pattern: '^[A-Z]{2}-[0-9]+$' }
              level:
                label: Level # how dark
                type: enumeration
                options:
                  - { value: light, label: Light }
                  - value: dark
                    label: Dark
            searchableProperties: [lot, roast_date]
            """
        let alphabet = Array(" \n:-#{}[],'\"&*!|>?%@`\\\tabc1".utf8)
        var generator = SplitMix64(seed: 15)
        var accepted = 0
        for _ in 0..<6000 {
            var bytes = Array(seed.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = alphabet.randomElement(using: &generator) ?? 0x20
                case 1: bytes.insert(alphabet.randomElement(using: &generator) ?? 0x20, at: index)
                default: bytes.remove(at: index)
                }
            }
            if checkedEvents(bytes) != nil { accepted += 1 }
        }
        // Most single-byte changes leave a file the scanner still reads; if it declined them all, this test would check nothing.
        #expect(accepted > 1000)
    }
}

extension YAMLSubsetScannerTests {
    @Test("a control character or DEL is found wherever it is in an 8-byte word")
    func controlCharacterPositions() {
        for byte: UInt8 in [0x00, 0x01, 0x09, 0x0D, 0x1F, 0x7F, 0x80] {
            for offset in 0..<24 {
                var bytes = Array("a: \(String(repeating: "x", count: 30))\n".utf8)
                bytes[3 + offset] = byte
                #expect(checkedEvents(bytes) == nil, "byte \(byte) at \(3 + offset)")
            }
        }
    }

    @Test("columns outside ASCII on a long line of many scalars are libyaml's")
    func longUnicodeLine() throws {
        let line = "a: [" + (0..<5000).map { "\u{E9}\($0)" }.joined(separator: ", ") + "]\n"
        let events = try #require(checkedEvents(Array(line.utf8)))
        #expect(events.count == 5000 + 7)
    }

    @Test("invalid UTF-8 and characters libyaml refuses are declined, byte by byte")
    func invalidBytes() {
        for byte in UInt8(0)...UInt8(255) where byte != UInt8(ascii: "\n") {
            _ = checkedEvents(Array("a: x".utf8) + [byte] + Array("y\n".utf8))
            _ = checkedEvents(Array("a: x".utf8) + [0xC3, byte] + Array("\n".utf8))
            _ = checkedEvents(Array("a: x".utf8) + [0xE2, 0x80, byte] + Array("\n".utf8))
        }
        for sequence: [UInt8] in [[0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0xC3]] {
            #expect(checkedEvents(Array("a: ".utf8) + sequence + Array("\n".utf8)) == nil)
        }
    }
}

extension YAMLSubsetScannerTests {
    /// Random YAML: mappings and sequences nested in block and flow style, indented by one to four
    /// spaces, with comments, blank lines, `|`/`>` values and scalars that look like structure.
    private struct RandomYAML {
        var random: SplitMix64
        var lines: [String] = []

        static let scalars = [
            "plain", "two words", "a:b", "a: b", "#x", "x #y", "x#y", "-5", "-x", "- x", "[x]", "{x}", "x, y", "it's",
            "\"q\"", "'q'", "caf\u{E9}", "\u{1F600}", "~", "null", "true", "12", "1.5e3", "?x", "x?", "*x", "&x", "!x",
            "%x", "@x", "`x`", "|", ">", "x ", " x", "", "x\\y", "x\"y", "tab\there", "a\u{2028}b", "---", "...",
        ]

        mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
        mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

        /// A scalar in some style: plain when that reads back as the same text, else quoted.
        mutating func scalar() -> String {
            let text = pick(Self.scalars)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
            case 1: return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            default: return text
            }
        }

        mutating func key() -> String { chance(90) ? pick(["name", "label", "type", "x1", "_k", "options", "A", "9"]) + "\(lines.count)" : scalar() }

        mutating func flow(depth: Int) -> String {
            if depth > 2 || chance(40) { return scalar() }
            let count = Int.random(in: 0...3, using: &random)
            if chance(50) {
                return "{" + (0..<count).map { _ in " \(key()): \(flow(depth: depth + 1))" }.joined(separator: ",") + (chance(10) ? ", }" : " }")
            }
            return "[" + (0..<count).map { _ in flow(depth: depth + 1) }.joined(separator: ", ") + (chance(10) ? ",]" : "]")
        }

        mutating func extras(_ indent: Int) {
            if chance(10) { lines.append("") }
            if chance(10) { lines.append(String(repeating: " ", count: Int.random(in: 0...6, using: &random)) + "# note: x") }
        }

        /// A value after `key:` at `indent`: on the line, or as a block below it.
        mutating func value(_ indent: Int, depth: Int) -> (inline: String, below: [String])? {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<3:
                // Sometimes continued on lines indented deeper (or not: then it is a structure error).
                let more = (0..<(chance(20) ? Int.random(in: 1...3, using: &random) : 0)).map { _ in
                    chance(15) ? "" : String(repeating: " ", count: indent + Int.random(in: 0...3, using: &random)) + pick(["more", "text: x", "#x", "- y", "z #c", "w"])
                }
                return (scalar() + (chance(15) ? " # c" : ""), more)
            case 3..<5: return (flow(depth: 0), [])
            case 5: 
                let step = Int.random(in: 1...4, using: &random)
                let body = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                    chance(15) ? "" : String(repeating: " ", count: indent + step) + pick(["text", "more: text", "# x", "- y"])
                }
                return (pick(["|", ">", "|-", ">-", "| # c", "|+"]), body + (chance(20) ? [""] : []))
            default:
                guard depth < 4 else { return (scalar(), []) }
                return nil
            }
        }

        mutating func mapping(_ indent: Int, depth: Int) {
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                extras(indent)
                let pad = String(repeating: " ", count: indent)
                if let (inline, below) = value(indent, depth: depth) {
                    lines.append(pad + key() + ": " + inline)
                    lines += below
                } else {
                    lines.append(pad + key() + ":" + (chance(10) ? " # c" : ""))
                    block(indent + Int.random(in: chance(5) ? 0...1 : 1...4, using: &random), depth: depth + 1)
                }
            }
        }

        mutating func block(_ indent: Int, depth: Int) {
            guard chance(30) else { return mapping(indent, depth: depth) }
            let pad = String(repeating: " ", count: indent)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                extras(indent)
                if chance(40), depth < 4 {
                    // `- key: value`, the mapping's other keys under the first.
                    let before = lines.count
                    mapping(indent + 2, depth: depth + 1)
                    if before < lines.count, let first = lines[before...].firstIndex(where: { $0.hasPrefix(pad + "  ") && !$0.hasPrefix(pad + "   ") && !$0.contains("#") }) {
                        lines[first] = pad + "- " + lines[first].dropFirst(indent + 2)
                    }
                } else {
                    lines.append(pad + "- " + (chance(50) ? flow(depth: 0) : scalar()))
                }
            }
        }
    }

    @Test("random YAML of nested block and flow collections is declined or read as libyaml reads it")
    func randomYAML() {
        var accepted = 0
        var random = SplitMix64(seed: 2026)
        for _ in 0..<20000 {
            var yaml = RandomYAML(random: random)
            yaml.mapping(0, depth: 0)
            let lineBreak = yaml.chance(15) ? "\r\n" : "\n"
            random = yaml.random
            if checkedEvents(Array((yaml.lines.joined(separator: lineBreak) + lineBreak).utf8)) != nil { accepted += 1 }
        }
        // Enough of them are inside the subset for the comparison to mean something.
        #expect(accepted > 2000, "\(accepted) of 20,000 accepted")
    }
}
