@_spi(Generated) import CRMRuntime
import Foundation
import Testing

@Suite("Record JSON parser")
struct RecordJSONTests {
    @Test("reads records exactly as JSONDecoder does", arguments: [
        #"{"id":"1","properties":{"a":"x","b":null,"c":""},"createdAt":"2024-11-20T20:12:09.236Z","archived":false}"#,
        #"{ "properties" : { "q" : "say \"hi\" \\ \/ \n \t \u00e9 \ud83d\ude00 ümlaut" } , "id" : "2" }"#,
        #"{"id":"3","properties":{},"url":"https://app.hubspot.com/x","propertiesWithHistory":{"a":[{"value":"1","timestamp":"x"}]},"n":[1,-2.5e3,true,null,{"z":[[]]}]}"#,
        #"{"id":"4","properties":{"p":"v"},"associations":{"contacts":{"results":[{"id":"501","type":"roast_batch_to_contact"},{"id":"502","type":"x","extra":1}],"paging":{"next":{"after":"2"}}}}}"#,
        #"{"id":"5","properties":{"p":"v"},"archived":true,"archivedAt":"2024-01-01T00:00:00Z","updatedAt":"1582416000000"}"#,
        "{}",
    ])
    func parity(json: String) throws {
        let data = Data(json.utf8)
        let expected = try JSONDecoder().decode(RecordEnvelope.self, from: data)
        #expect(try RecordEnvelope(json: data) == expected)
    }

    @Test("bad input is a syntax error or a shape error, never a crash", arguments: [
        ("", RecordJSONError.Kind.syntax), ("{", .syntax), (#"{"id":"1",}"#, .syntax), (#"{"id":"1"} x"#, .syntax),
        (#"{"properties":{"a":"\q"}}"#, .syntax), ("{\"a\":\"\u{01}\"}", .syntax), (String(repeating: "[", count: 10_000), .syntax),
        (#"{"x":"#, .syntax), (#"{"id":5}"#, .shape), (#"{"properties":{"n":12}}"#, .shape), (#"{"createdAt":"yesterday"}"#, .shape),
        (#"{"archived":"no"}"#, .shape), (#"{"associations":{"contacts":{"results":[{"id":"1"}]}}}"#, .shape),
    ] as [(String, RecordJSONError.Kind)])
    func errors(json: String, kind: RecordJSONError.Kind) {
        #expect(throws: RecordJSONError.self) { try RecordEnvelope(json: Data(json.utf8)) }
        do {
            _ = try RecordEnvelope(json: Data(json.utf8))
        } catch {
            #expect(error.kind == kind, "\(json): \(error)")
        }
    }

    @Test("2. nesting is bounded by maximumNestingDepth levels of arrays and objects, the record's own included")
    func nestingLimit() throws {
        let limit = RecordEnvelope.maximumNestingDepth
        func record(levels: Int) -> Data {
            Data((#"{"properties":{},"x":"# + String(repeating: "[", count: levels - 1) + "1" + String(repeating: "]", count: levels - 1) + "}").utf8)
        }
        _ = try RecordEnvelope(json: record(levels: limit))
        let error = #expect(throws: RecordJSONError.self) { try RecordEnvelope(json: record(levels: limit + 1)) }
        #expect(error?.kind == .syntax)
        #expect(error?.message == "nesting is deeper than \(limit) levels, crmgen's limit")
        #expect(error?.offset == limit + 20)
    }

    @Test("deep nesting in an unknown key is bounded, not a stack overflow")
    func depth() {
        let json = #"{"x":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(throws: RecordJSONError.self) { try RecordEnvelope(json: Data(json.utf8)) }
    }
}

@Suite("Lengths")
struct LengthTests {
    @Test("lengths count Unicode code points, as JSON Schema does", arguments: [
        ("abc", 3), ("é", 1), ("e\u{301}", 2), ("😀", 1), ("👩‍👩‍👧", 5), ("中文", 2), ("\r\n", 2),
    ])
    func codePoints(text: String, length: Int) {
        let properties = RecordProperties(["x": text])
        var issues: [ValidationIssue] = []
        ValueRules.text(properties, "x", maxLength: length, into: &issues)
        #expect(issues.isEmpty)
        ValueRules.text(properties, "x", maxLength: length - 1, into: &issues)
        #expect(issues.map(\.message) == ["has \(length) characters; at most \(length - 1) are allowed"])
    }
}
