import CRMModel
@testable import CRMSchemaLoader
import Foundation
import TestSupport
import Testing

/// The array-backed syntax tree: interned keys, scalars read from bytes, and the fast paths that
/// must give the answers the general rules give.
@Suite("YAML document")
struct YAMLDocumentTests {
    private func parse(_ text: String) throws(YAMLError) -> YAMLNode? {
        try YAMLParser(limits: YAMLLimits()).parse(Array(text.utf8), file: "t.yaml")
    }

    /// The error's first line (notes left out).
    private func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.diagnostic.description.split(separator: "\n").first.map(String.init)
        }
    }

    @Test("the known keys' texts are their case names, and fit the 64-bit key sets")
    func knownKeys() {
        #expect(KnownKey.allCases.map { String(describing: $0) } == KnownKey.texts)
        #expect(KnownKey.allCases.count <= 64)
        #expect(KnownKey.allCases.allSatisfy { KnownKey(text: $0.text) == $0 })
        #expect(KnownKey.allCases.allSatisfy { Int($0.length) == $0.text.utf8.count })
    }

    @Test("a known key spelled with another character that Swift counts as equal is not that key, but is its duplicate")
    func knownKeySpellings() {
        let kelvin = "dedup\u{212A}eys"
        let text = "object: roast_batch\nkind: custom\nlabels: { singular: Roast batch, plural: Roast batches }\n"
            + "primaryDisplayProperty: name\nproperties:\n  name: { label: Name, type: string, fieldType: text }\n"
        let loaded = SchemaLoader().load([DefinitionSource(path: "r.yaml", text: text + "\(kelvin): [name]\n")])
        #expect(loaded.diagnostics.map(\.description).contains { $0.hasPrefix("r.yaml:7:1: error: unknown key '\(kelvin)' in object 'roast_batch'") },
                "\(loaded.diagnostics)")
        #expect(error("dedupKeys: 1\n\(kelvin): 2\n") == "t.yaml:2:1: error: duplicate key '\(kelvin)'; YAML does not allow a key twice in one mapping")
        #expect(SchemaLoader().load([DefinitionSource(path: "r.yaml", text: text + "dedupKeys: [name]\n")]).diagnostics.isEmpty)
    }

    @Test("known keys have their raw values as IDs in every table, other keys get new ones, equal keys equal ones")
    func interning() {
        let table = YAMLKeyTable()
        func id(_ text: String) -> Int32 {
            var text = text
            return text.withUTF8 { table.id(of: $0) }
        }
        #expect(id("label") == KnownKey.label.rawValue)
        #expect(id("definitions") == KnownKey.definitions.rawValue)
        let first = id("roast_date")
        #expect(first >= Int32(KnownKey.allCases.count))
        #expect(id("roast_date") == first)
        #expect(id("roast_dat") != first)
        // Canonically equivalent spellings share an ID, as Swift's == says they are equal.
        #expect(id("caf\u{E9}") == id("cafe\u{301}"))
        #expect(id("\u{212A}elvin") == id("Kelvin"))
        #expect(id("a;b") == id("a\u{37E}b"))
        #expect(id("Kelvin") != id("kelvin"))
        // Growing the table keeps every ID.
        let ids = (0..<2_000).map { id("key_\($0)") }
        #expect((0..<2_000).map { id("key_\($0)") } == ids)
        #expect(Set(ids).count == 2_000)
    }

    @Test("a key given twice is found however it is spelled, in small and large mappings, and only in its own mapping")
    func duplicateKeys() {
        #expect(error("caf\u{E9}: 1\ncafe\u{301}: 2\n") == "t.yaml:2:1: error: duplicate key 'cafe\u{301}'; YAML does not allow a key twice in one mapping")
        let large = (0..<100).map { "k\($0): \($0)\n" }.joined() + "k57: again\n"
        #expect(error(large) == "t.yaml:101:1: error: duplicate key 'k57'; YAML does not allow a key twice in one mapping")
        let nested = "a: 1\nb:\n" + (0..<40).map { "  k\($0): 1\n" }.joined() + "  a: 2\nc: 3\n"
        #expect(error(nested) == nil)
        #expect(error(nested + "b: 4\n") == "t.yaml:45:1: error: duplicate key 'b'; YAML does not allow a key twice in one mapping")
    }

    @Test("anchored keys, aliases as keys, and aliases of mappings in merge keys")
    func anchorsAndKeys() throws {
        let root = try #require(try parse("a: &k name\n*k : 3\n"))
        let mapping = try #require(root.mapping)
        #expect(mapping.entries.map(\.key) == ["a", "name"])
        #expect(mapping.entries[1].keyMark == YAMLMark(line: 2, column: 1))
        #expect(error("a: &m { x: 1 }\n*m : 2\n") == "t.yaml:2:1: error: mapping keys must be plain names, not a mapping")
        #expect(error("a: &n name\nname: 1\n*n : 2\n") == "t.yaml:3:1: error: duplicate key 'name'; YAML does not allow a key twice in one mapping")
    }

    @Test("a merged mapping's entries keep their own places")
    func mergedPlaces() throws {
        let root = try #require(try parse("base: &b\n  x: 1\n  y: 2\nm:\n  <<: *b\n  y: 3\n"))
        let merged = try #require(root.mapping?.entry("m")?.value.mapping)
        #expect(merged.entries.map(\.key) == ["y", "x"])
        #expect(merged.entry("x")?.keyMark == YAMLMark(line: 2, column: 3))
        #expect(merged.entry("y")?.value.scalar?.text == "3")
    }

    @Test("integers and exact numbers read from bytes agree with the general rules", arguments: [
        "0", "7", "-0", "-12", "+5", "++5", "+-5", "007", "123456789012345678", "1234567890123456789", "-123456789012345678",
        "99999999999999999999", "0x1F", "0o17", "0x-1F", "1e3", "1.5", ".5", "5.", "-", "+", "", "1_000", "١٢", "12 ", "abc",
    ])
    func numbers(text: String) {
        var bytes = text
        bytes.withUTF8 { buffer in
            #expect(ScalarTyping.int(buffer, style: .plain, tag: .none) == ScalarTyping.generalInt(text))
            #expect(ScalarTyping.exactNumber(buffer, style: .plain, tag: .none)?.text == ScalarTyping.generalExactNumber(text, style: .plain, tag: .none)?.text)
            #expect(ScalarTyping.int(buffer, style: .doubleQuoted, tag: .none) == nil)
            #expect(ScalarTyping.int(buffer, style: .doubleQuoted, tag: .int) == ScalarTyping.generalInt(text))
        }
    }

    @Test("choices compare bytes, which is how Swift compares their raw values")
    func choices() throws {
        let texts = FieldType.allCases.map(\.rawValue) + PropertyType.allCases.map(\.rawValue) + Cardinality.allCases.map(\.rawValue)
            + ObjectCategory.allCases.map(\.rawValue) + NumberDisplayHint.allCases.map(\.rawValue) + PropertyFormat.allCases.map(\.rawValue)
            + OptionSource.allCases.map(\.rawValue) + SubscriptionTier.allCases.map(\.rawValue) + Activation.allCases.map(\.rawValue)
            + ObjectDefinition.Kind.allCases.map(\.rawValue)
        #expect(texts.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "K") && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") } })
        let root = try #require(try parse("a: booleancheckbox\nb: 'many-to-one'\nc: Text\nd: ~\ne: !!str text\nf: [text]\n"))
        let document = root.document
        func choice(_ key: String) -> FieldType? {
            root.mapping?.entry(key).flatMap { document.choice($0.value.index, as: FieldType.self) }
        }
        #expect(choice("a") == .booleancheckbox)
        #expect(root.mapping?.entry("b").flatMap { document.choice($0.value.index, as: Cardinality.self) } == .manyToOne)
        #expect(choice("c") == nil)
        #expect(choice("d") == nil)
        #expect(choice("e") == .text)
        #expect(choice("f") == nil)
    }

    @Test("type names from printable ASCII labels are made from bytes as SwiftNames makes them")
    func asciiTypeNames() {
        var random = RandomDefinitions.Random(seed: 15)
        let alphabet = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) }
        var labels = ["Roast Batch", "line item", "e-mail", "1st crop", "  ", "", "_x_", "ABC def9", "a`b^c~d"]
        for _ in 0..<2_000 {
            labels.append(String((0..<random.int(0...12)).map { _ in random.pick(alphabet) }))
        }
        for label in labels {
            #expect(Naming.asciiUpperCamelCase(label) == SwiftNames.upperCamelCase(label), "\(label)")
        }
        #expect(Naming.asciiUpperCamelCase("Café") == nil)
        #expect(Naming.asciiUpperCamelCase("a\tb") == nil)
    }

    @Test("allowed keys keep their order, which breaks ties between suggestions")
    func allowedKeysOrder() {
        for keys in [PropertyReader.keys, DefinitionReader.objectKeys, PropertyReader.optionKeys, PropertyReader.refinementKeys,
                     AssociationReader.keys, AssociationReader.labelKeys, DefinitionReader.extensionKeys] {
            #expect(keys.keys.count <= AllowedKeys.capacity)
            #expect(AllowedKeys(keys.keys).keys == keys.keys)
            #expect(keys.keys.allSatisfy { keys.set.contains($0) })
        }
        let all = Array(KnownKey.allCases.prefix(AllowedKeys.capacity))
        #expect(AllowedKeys(all).keys == all)
        #expect(AllowedKeys(all.reversed()).keys == all.reversed())
    }

    @Test("bounds compare as CRMNumber compares them", arguments: [
        ("0", "1000"), ("1000", "0"), ("-5", "-7"), ("-0", "0"), ("007", "7"), ("123456789012345678", "123456789012345679"),
        ("1234567890123456789", "999"), ("1.5", "1"), ("-1.5", "-1"), ("99999999999999999999", "1"),
    ])
    func bounds(a: String, b: String) throws {
        let (x, y) = (try #require(CRMNumber(a)), try #require(CRMNumber(b)))
        #expect(PropertyReader.isGreater(x, y) == (x > y))
        #expect(PropertyReader.isGreater(y, x) == (y > x))
    }

    @Test("snake_case is checked on bytes as it was on characters")
    func snakeCase() {
        for name in ["roast_batch", "a", "a1_", "", "Roast", "1a", "_a", "ä", "a-b", "a b", String(repeating: "a", count: 100), String(repeating: "a", count: 101)] {
            let reference = name.utf8.count <= 100 && name.first.map { ("a"..."z").contains($0) } == true
                && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            #expect(Naming.isSnakeCase(name) == reference, "\(name)")
        }
    }

    @Test("type names are checked on bytes as they were on Unicode properties")
    func typeNames() {
        var random = RandomDefinitions.Random(seed: 41)
        // Letters outside ASCII (alphabetic to Unicode, never to a type name), digits of other scripts,
        // marks and a ligature, among ASCII.
        let alphabet: [Character] = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) } + ["é", "Ω", "ß", "٣", "ﬁ", "\u{301}", "ª", "Ａ"]
        var names = ["RoastBatch", "A", "A1", "Café", "ΩMega", "Ａbc", "A_B", "A-b", "A b", "a", "1A", "", String(repeating: "A", count: 101)]
        for _ in 0..<3_000 {
            names.append(String(random.pick(["A", "R", "Z"])) + String((0..<random.int(0...10)).map { _ in random.pick(alphabet) }))
        }
        for name in names {
            // The rule as it was written before, on Unicode scalars and their properties.
            let reference = name.utf8.count <= 100 && name.utf8.first.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } == true
                && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            #expect(Naming.isTypeName(name) == reference, "\(name)")
        }
    }

    @Test("object type IDs are checked on bytes as they were on characters")
    func objectTypeIds() {
        var random = RandomDefinitions.Random(seed: 43)
        let alphabet: [Character] = ["0", "1", "2", "9", "-", "x", " ", "٣", "²", "\u{301}", "２", "+"]
        var ids = ["2-1", "0-1", "2-", "0-", "2", "", "2-123456789012345678", "2-9223372036854775807", "2-9223372036854775808",
                   "2-99999999999999999999", "1-5", "2--5", "2-5x", "2-٣", "2-²", "2-1\u{301}", "0-0"]
        for _ in 0..<3_000 {
            ids.append(String(random.pick(["2-", "0-", "2", "-", ""])) + String((0..<random.int(0...21)).map { _ in random.pick(alphabet) }))
        }
        for id in ids {
            for custom in [true, false] {
                // The rule as it was written before, on characters.
                let digits = id.dropFirst(2)
                let reference = id.hasPrefix(custom ? "2-" : "0-") && !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
                    && Int(digits) != nil
                #expect(Naming.isObjectTypeId(id, custom: custom) == reference, "\(id) \(custom)")
            }
        }
    }

    @Test("a file is ASCII exactly when none of its bytes is 0x80 or above, wherever that byte is")
    func asciiCheck() {
        for count in 0..<100 {
            let ascii = (0..<count).map { UInt8(truncatingIfNeeded: 0x20 + $0 % 0x5F) }
            #expect(ascii.withUnsafeBufferPointer(YAMLParser.isASCII), "\(count) ASCII bytes")
            for position in 0..<count {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = ascii
                    bytes[position] = high
                    #expect(!bytes.withUnsafeBufferPointer(YAMLParser.isASCII), "0x\(String(high, radix: 16)) at \(position) of \(count)")
                }
            }
        }
    }

    @Test("definition files are read whole, and refused past the limit")
    func readingFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 4_095, 4_096, 4_097, 100_000] {
            let path = folder.appendingPathComponent("f\(size).yaml").path
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) }
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            guard case .bytes(let read) = SchemaLoader.read(path, limit: 100_000) else {
                Issue.record("\(size) bytes not read")
                continue
            }
            #expect(read == bytes)
            guard case .problem(let problem) = SchemaLoader.read(path, limit: size - 1), size > 0 else { continue }
            #expect(problem.description == "\(path):1:1: error: the file is larger than \(size - 1) bytes, crmgen's limit for definition files")
        }
        let missing = folder.appendingPathComponent("missing.yaml").path
        guard case .problem(let problem) = SchemaLoader.read(missing, limit: 10) else {
            Issue.record("a missing file was read")
            return
        }
        #expect(problem.description == "\(missing):1:1: error: cannot open '\(missing)' for reading")
    }
}
