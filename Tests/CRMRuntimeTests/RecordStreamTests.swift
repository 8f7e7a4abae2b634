@testable import CRMDynamic
import CRMRuntime
import Foundation
import TestSupport
import Testing

@Suite("Record stream")
struct RecordStreamTests {
    static func items(_ text: String) -> [RecordStream.Item] { Array(RecordStream(data: Data(text.utf8))) }

    static func record(_ id: String, line: Int) -> RecordStream.Item {
        .record(RecordEnvelope(id: id, properties: ["p": id]), line: line)
    }

    static func json(_ id: String) -> String { #"{"id":"\#(id)","properties":{"p":"\#(id)"}}"# }

    /// Every shape and every kind of problem, to be read in chunks of any size.
    static let mixed = "\u{FEFF}" + json("1") + "\n" + """
    {"results": [
      \(json("2")),
      \(json("3"))
    ], "paging": {"next": {"after": "3", "link": "a\\"}b"}}}
    [\(json("4")), [1, {"x": []}], -0.5e+3, "é\\u00e9", true, null]
    {"id":"5","properties":{"p":"unterminated}
    {"id":"6","properties":{"p":"6"}
    \(json("7"))\(json("8")) 12 false
    nothing here
    {"results": [\(json("9"))], "results": {}}
    \(json("10"))
    """

    static let mixedItems: [RecordStream.Item] = [
        record("1", line: 1), record("2", line: 3), record("3", line: 4), record("4", line: 6),
        .notARecord("item 2 of the array is an array, not a record", line: 6),
        .notARecord("item 3 of the array is a number, not a record", line: 6),
        .notARecord("item 4 of the array is a string, not a record", line: 6),
        .notARecord("item 5 of the array is a boolean, not a record", line: 6),
        .notARecord("item 6 of the array is null, not a record", line: 6),
        .notJSON("not JSON: a string is not closed before the line ends", line: 7),
        .notJSON("not JSON at line 9: expected ',' or '}', found '{'", line: 8),
        record("7", line: 9), record("8", line: 9),
        .notARecord("a number is not a record", line: 9), .notARecord("a boolean is not a record", line: 9),
        .notJSON("not JSON: unexpected 'o' (expected 'null'); skipped the rest of line 10", line: 10),
        record("9", line: 11),
        .notARecord("'results' appears twice in the list response", line: 11),
        .notARecord("'results' is an object, not an array of records", line: 11),
        record("10", line: 12),
    ]

    @Test("reads every shape and reports every problem at its line")
    func mixedInput() {
        let items = Self.items(Self.mixed)
        #expect(items.count == Self.mixedItems.count)
        for (item, expected) in zip(items, Self.mixedItems) { #expect(item == expected) }
    }

    @Test("1. chunk boundaries change nothing: a file read a few bytes at a time gives the same items")
    func chunkBoundaries() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-stream-\(UUID().uuidString).json")
        try Data(Self.mixed.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for size in [1, 2, 3, 5, 7, 16, 61, 4096] {
            #expect(Array(try RecordStream(url: url, chunkSize: size)) == Self.mixedItems, "chunks of \(size) bytes")
        }
    }

    @Test("an input that cannot be read is reported with the system's reason, by the stream and by every job count")
    func unreadableInput() throws {
        // A folder opens for reading, and its first read(2) fails (EISDIR).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let message = "cannot read the rest of the input: Is a directory"
        #expect(Array(try RecordStream(url: folder)) == [.unreadable(message, line: 1)])
        for jobs in [1, 2] {
            let checks = RecordChecks(try RecordStream(url: folder), validator: WholeLineTests.validator, jobs: jobs)
            #expect(WholeLineTests.describe(checks) == ["1: \(message)"], "jobs \(jobs)")
        }
    }

    @Test("1. the automaton finds broken JSON exactly where a strict reader does, on random token soups, in any chunking")
    func agreesWithStrictReader() throws {
        let tokens = ["[", "]", "{", "}", ",", ":", #""a""#, #""p\n\"""#, #""\u00e9""#, "1", "-2.5e3", "0", "true", "null", "false", " ", "\n",
                      #"{"properties":{}}"#, #""x"#, "tru", "01", "1.", #""\q""#, "-", "\t", "\r"]
        var random = SplitMix64(seed: 11)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-soup-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        var accepted = 0
        for round in 0..<20_000 {
            let count = Int(random.next() % 24)
            let text = "[" + (0..<count).map { _ in tokens[Int(random.next() % UInt64(tokens.count))] }.joined() + "]"
            let data = Data(text.utf8)
            let items = Array(RecordStream(data: data))
            var reader = StrictJSON(Array(text.utf8))
            let values = reader.values()
            let broken = items.contains { if case .notJSON = $0 { true } else { false } }
            #expect(broken == (values == nil), "\(text.debugDescription): \(items)")
            if values == 1 {
                // The reader itself, held to Foundation where they must agree (Foundation also takes `[1,]`).
                #expect((try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil, "\(text.debugDescription)")
                accepted += 1
            }
            if round % 50 == 0 {
                try data.write(to: url)
                #expect(Array(try RecordStream(url: url, chunkSize: 1 + round % 3)) == items, "\(text.debugDescription)")
            }
        }
        #expect(accepted > 1_000)
    }

    @Test("1. an unterminated string ends at its line; the lines after it are read")
    func unterminatedString() {
        let lines = (1...1000).map { $0 == 10 ? #"{"id":"10","properties":{"p":"x"# : Self.json(String($0)) }
        let items = Self.items(lines.joined(separator: "\n"))
        #expect(items.count == 1000)
        #expect(items[9] == .notJSON("not JSON: a string is not closed before the line ends", line: 10))
        #expect(items[10] == Self.record("11", line: 11))
    }

    @Test("2. nesting is bounded by RecordEnvelope.maximumNestingDepth, counted from the top of the input")
    func nesting() {
        let limit = RecordEnvelope.maximumNestingDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(Self.items(deepest) == [.notARecord("item 1 of the array is an array, not a record", line: 1)])
        let deeper = "[" + deepest + "]\n" + Self.json("1")
        #expect(Self.items(deeper) == [
            .notJSON("nesting is deeper than \(limit) levels, crmgen's limit; skipped the rest of line 1", line: 1), Self.record("1", line: 2),
        ])
    }

    @Test("2. a top-level object is a record only with 'properties'; an empty input holds no JSON")
    func notRecords() {
        #expect(Self.items(#"{"id":"1"}"#) == [.notARecord("not a HubSpot record: no 'properties'", line: 1)])
        #expect(Self.items("") == [.notJSON("holds no JSON", line: 1)])
        #expect(Self.items("\u{FEFF} \n") == [.notJSON("holds no JSON", line: 1)])
        #expect(Self.items("[]").isEmpty)
        #expect(Self.items(#"{"paging": {}, "results": []}"#).isEmpty)
    }

    @Test("4. a record over maximumRecordSize is reported once, by its limit; its structure is still followed")
    func oversized() {
        let filler = String(repeating: "x", count: RecordStream.maximumRecordSize)
        let text = "[{\"id\":\"1\",\n\"properties\":{\"p\":\"" + filler + "\"}},\n" + Self.json("2") + "]"
        #expect(Self.items(text) == [
            .tooLarge(line: 1), Self.record("2", line: 3),
        ])
        #expect(RecordStream.Item.tooLarge(line: 1).problem == "record is larger than 16777216 bytes, crmgen's limit for one record")
    }

    @Test("4. a record of exactly maximumRecordSize bytes is read; one byte more is too large")
    func recordSizeLimit() {
        func record(bytes: Int) -> String {
            let frame = #"{"id":"1","properties":{"p":""}}"#.utf8.count
            return #"{"id":"1","properties":{"p":""# + String(repeating: "x", count: bytes - frame) + #""}}"#
        }
        let atLimit = record(bytes: RecordStream.maximumRecordSize)
        #expect(atLimit.utf8.count == 16 << 20)
        guard case .record(let envelope, line: 1)? = Self.items(atLimit).first else {
            Issue.record("a record of exactly the limit is read")
            return
        }
        #expect(envelope.properties["p"]?.utf8.count == RecordStream.maximumRecordSize - 32)
        #expect(Self.items(record(bytes: RecordStream.maximumRecordSize + 1)) == [.tooLarge(line: 1)])
    }
}

/// RFC 8259 by recursive descent, for ASCII input: how many values follow one another (as in NDJSON,
/// with or without white space between them), or `nil` when the text is not such a sequence.
private struct StrictJSON {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func values() -> Int? {
        var count = 0
        while true {
            skipSpace()
            if index == bytes.count { return count }
            guard value() else { return nil }
            count += 1
        }
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let byte = peek, [0x20, 0x09, 0x0A, 0x0D].contains(byte) { index += 1 }
    }

    private mutating func eat(_ character: Character) -> Bool {
        guard peek == character.asciiValue else { return false }
        index += 1
        return true
    }

    private mutating func value() -> Bool {
        skipSpace()
        switch peek.map({ Character(Unicode.Scalar($0)) }) {
        case "{":
            index += 1
            skipSpace()
            if eat("}") { return true }
            repeat {
                skipSpace()
                guard string() else { return false }
                skipSpace()
                guard eat(":"), value() else { return false }
                skipSpace()
            } while eat(",")
            return eat("}")
        case "[":
            index += 1
            skipSpace()
            if eat("]") { return true }
            repeat {
                guard value() else { return false }
                skipSpace()
            } while eat(",")
            return eat("]")
        case "\"": return string()
        case "t": return word("true")
        case "f": return word("false")
        case "n": return word("null")
        default: return number()
        }
    }

    private mutating func word(_ text: String) -> Bool {
        for byte in text.utf8 { guard peek == byte else { return false }; index += 1 }
        return true
    }

    private mutating func string() -> Bool {
        guard eat("\"") else { return false }
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return true
            case UInt8(ascii: "\\"):
                guard let escape = peek else { return false }
                index += 1
                if escape == UInt8(ascii: "u") {
                    for _ in 0..<4 { guard let digit = peek, Character(Unicode.Scalar(digit)).isHexDigit else { return false }; index += 1 }
                } else if !"\"\\/bfnrt".utf8.contains(escape) {
                    return false
                }
            case 0..<0x20: return false
            default: break
            }
        }
        return false
    }

    private mutating func digits() -> Bool {
        let start = index
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        return index > start
    }

    private mutating func number() -> Bool {
        _ = eat("-")
        if !eat("0") { guard let byte = peek, byte >= UInt8(ascii: "1"), byte <= UInt8(ascii: "9"), digits() else { return false } }
        if eat("."), !digits() { return false }
        if eat("e") || eat("E") {
            _ = eat("+") || eat("-")
            guard digits() else { return false }
        }
        return true
    }
}
