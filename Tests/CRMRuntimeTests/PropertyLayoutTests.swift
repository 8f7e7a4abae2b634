@_spi(Generated) import CRMRuntime
import Foundation
import PropertyBased
import TestSupport
import Testing

/// Properties kept in a layout's slots (how a generated type reads its records) behave exactly as
/// properties kept by name: the same answers from every reader, equal, the same hash, the same JSON.
@Suite("Properties in a layout")
struct PropertyLayoutTests {
    /// `é` and `K` have no slot: other characters are canonically equivalent to them.
    static let layout = PropertyLayout(names: ["title", "count", "tags", "born_on", "é", "K", "a;b"])
    static let names = ["title", "count", "tags", "born_on", "é", "e\u{301}", "other", "K", "\u{212A}", "", "a;b", "a\u{37E}b"]
    static let texts: [String?] = [nil, "", "x", "3", "2024-02-29", "a;b", "é"]

    enum Step {
        case receive(String, String?)
        case set(String, String?)
        case clear(String)
        case setNull(String)
        case remove(String)
        case store(String, String?)
    }

    static func steps(_ random: inout SplitMix64) -> [Step] {
        (0..<Int.random(in: 0...12, using: &random)).map { _ in
            let name = names.randomElement(using: &random)!
            let text = texts.randomElement(using: &random)!
            switch Int.random(in: 0..<6, using: &random) {
            case 0: return .receive(name, text)
            case 1: return .set(name, text)
            case 2: return .clear(name)
            case 3: return .setNull(name)
            case 4: return .remove(name)
            default: return .store(name, text)
            }
        }
    }

    static func apply(_ steps: [Step], to properties: inout RecordProperties) -> [Bool] {
        steps.map { step in
            switch step {
            case .receive(let name, let text): return properties.insertReceived(name, text)
            case .set(let name, let text): properties[name] = text
            case .clear(let name): properties.clear(name)
            case .setNull(let name): properties.setNull(name)
            case .remove(let name): properties.remove(name)
            case .store(let name, let text): properties.store(name, text) { $0 == text }
            }
            return true
        }
    }

    @Test("random edits give the same answers, equality, hash and JSON with a layout and without")
    func sameBehaviour() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int.max)) { seed in await recordingErrors {
            var random = SplitMix64(seed: UInt64(seed))
            let steps = Self.steps(&random)
            // Both start as the same record read from JSON: with a layout, values stay in the JSON's text.
            var start: [String: String?] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                start[Self.names.randomElement(using: &random)!] = Self.texts.randomElement(using: &random)!
            }
            let members = start.map { name, text in
                let value = text.map { Self.json($0, escaping: Bool.random(using: &random)) } ?? "null"
                return Self.json(name, escaping: false) + ":" + value
            }
            let json = Data((#"{"properties":{"# + members.joined(separator: ",") + "}}").utf8)
            var plain = try RecordEnvelope(json: json).properties
            var slotted = try RecordEnvelope(json: json, requiringProperties: true, layout: Self.layout).properties
            let plainResults = Self.apply(steps, to: &plain)
            let slottedResults = Self.apply(steps, to: &slotted)
            #expect(plainResults == slottedResults, "seed \(seed): \(steps)")
            #expect(plain == slotted && slotted == plain, "seed \(seed): \(steps)")
            #expect(plain.hashValue == slotted.hashValue, "seed \(seed)")
            #expect(plain.names == slotted.names && plain.values == slotted.values, "seed \(seed)")
            #expect(plain.count == slotted.count && plain.isEmpty == slotted.isEmpty, "seed \(seed)")
            for name in Self.names {
                #expect(plain.entry(name) == slotted.entry(name), "seed \(seed): \(name)")
                #expect(plain[name] == slotted[name] && plain.contains(name) == slotted.contains(name), "seed \(seed): \(name)")
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let (plainJSON, slottedJSON) = (try encoder.encode(plain), try encoder.encode(slotted))
            #expect(plainJSON == slottedJSON, "seed \(seed)")
            var texts: [String: String] = [:]
            _ = slotted.allTexts { name, text in
                texts[name] = text
                return true
            }
            var plainTexts: [String: String] = [:]
            _ = plain.allTexts { name, text in
                plainTexts[name] = text
                return true
            }
            #expect(texts == plainTexts, "seed \(seed)")
            var bytes: [String: String] = [:]
            _ = slotted.allValueBytes(in: Self.layout) { position, utf8 in
                if let position { bytes[Self.layout.names[position]] = String(decoding: utf8, as: UTF8.self) }
                return true
            }
            #expect(bytes == texts.filter { Self.layout.position(of: $0.key) != nil }, "seed \(seed)")
        } }
    }

    /// A JSON string; `escaping` writes every character as a `\u` escape.
    static func json(_ text: String, escaping: Bool) -> String {
        guard escaping else { return String(decoding: try! JSONEncoder().encode(text), as: UTF8.self) }
        return "\"" + text.utf16.map { String(format: "\\u%04x", $0) }.joined() + "\""
    }

    @Test("a record read with a layout equals the same record read without one; unknown and non-ASCII names stay by name")
    func readWithLayout() throws {
        let json = Data(#"{"id":"1","properties":{"title":"A","count":null,"tags":"","é":"1","other":"x","\u212A":"k"}}"#.utf8)
        let plain = try RecordEnvelope(json: json)
        let slotted = try RecordEnvelope(json: json, requiringProperties: true, layout: Self.layout)
        #expect(plain == slotted)
        #expect(slotted.properties.entry("count") == .null && slotted.properties.entry("tags") == .empty)
        #expect(slotted.properties["other"] == "x" && slotted.properties["é"] == "1")
        // A name given twice is an error with a layout too, in a slot or not.
        // A name given twice is an error with a layout too, in a slot or not, and by canonical equivalence.
        for twice in [#"{"properties":{"title":"A","title":"B"}}"#, #"{"properties":{"other":"A","other":null}}"#,
                      #"{"properties":{"é":"1","e\u0301":"2"}}"#, #"{"properties":{"K":"1","\u212A":"2"}}"#] {
            #expect(throws: RecordJSONError.self) { try RecordEnvelope(json: Data(twice.utf8), requiringProperties: true) }
            #expect(throws: RecordJSONError.self) { try RecordEnvelope(json: Data(twice.utf8), requiringProperties: true, layout: Self.layout) }
        }
    }
}
