import CRMHubSpot
import Foundation
import Testing

/// JSON text is refused before parsing when it may hold more values than any HubSpot answer: parsed,
/// tens of millions of tiny values would take gigabytes.
@Suite("JSON value limit")
struct JSONValueLimitTests {
    func array(of count: Int) -> Data {
        Data(("[" + Array(repeating: "1", count: count).joined(separator: ",") + "]").utf8)
    }

    @Test("text of up to the limit passes; a value more is refused, by parse and by the response reader")
    func limit() throws {
        // `[` and each `,` count one, and so does the text itself: `count` numbers are `count + 1`.
        #expect(throws: Never.self) { try JSONValue.checkValueCount(array(of: 9), limit: 10) }
        #expect(throws: JSONValue.TooManyValues.self) { try JSONValue.checkValueCount(array(of: 10), limit: 10) }
        let tooMany = array(of: JSONValue.maximumValueCount)
        #expect(throws: JSONValue.TooManyValues.self) { try JSONValue.parse(tooMany) }
        #expect(throws: HubSpotResponseError.self) { try HubSpotResponse.items(JSONValue.self, from: tooMany, what: "a list") }
    }

    @Test("what is inside strings is not counted: a key or label may hold commas, brackets, colons and escaped quotes")
    func stringsNotCounted() throws {
        let text = Data((#"{"label": ""# + String(repeating: #"{[,:\""#, count: 100) + #"", "b": [1, 2]}"#).utf8)
        // `{`, two `:`, two `,` and `[` outside the string, and the text: 7.
        #expect(throws: Never.self) { try JSONValue.checkValueCount(text, limit: 7) }
        #expect(throws: JSONValue.TooManyValues.self) { try JSONValue.checkValueCount(text, limit: 6) }
        #expect(try JSONValue.parse(text)["b"] != nil)
    }
}
