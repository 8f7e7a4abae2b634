import Foundation
import Testing

/// `crmgen check` and `crmgen export json-schema` as a user runs them.
@Suite("crmgen check")
struct CheckCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let definitions = ["--definitions", CommandRunner.repositoryRoot.path + "/Definitions"]

    @Test("one good and one bad record per rule, reported line by line")
    func perRule() throws {
        let output = try CommandRunner.run(["check", "roast_batch", "roast_batches.ndjson"] + Self.definitions,
                                           in: Self.fixtures)
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("roast_batches.ndjson.expected"), encoding: .utf8)
        #expect(output.status == 1)
        #expect(output.stderr == expected)
        #expect(output.stdout == "24 records of 'roast_batch' checked: 11 valid, 13 bad.\n")
        #expect(expected.split(separator: "\n").count == 13)
    }

    @Test("a list response, an array and a single record; further issues as notes")
    func shapes() throws {
        let output = try CommandRunner.run(["check", "Roast Batches", "roast_batches-list.json", "roast_batches-array.json", "roast_batch-one.json"] + Self.definitions,
                                           in: Self.fixtures)
        #expect(output.status == 1)
        #expect(output.stderr == """
        roast_batches-list.json:16: error: record b: roast_date: 'x' is not a date (YYYY-MM-DD or epoch milliseconds)
        roast_batches-list.json:16: note: record b: quality_score: 'abc' is not a number
        roast_batches-array.json:15: error: record b: roast_date: 'x' is not a date (YYYY-MM-DD or epoch milliseconds)
        roast_batches-array.json:15: note: record b: quality_score: 'abc' is not a number

        """)
        #expect(output.stdout.contains("5 records of 'roast_batch' checked: 3 valid, 2 bad."))
    }

    @Test("valid files exit 0; usage errors exit 2")
    func statuses() throws {
        #expect(try CommandRunner.run(["check", "roast_batch", "roast_batch-one.json"] + Self.definitions, in: Self.fixtures).status == 0)
        #expect(try CommandRunner.run(["check", "roast_batch", "missing.json"] + Self.definitions, in: Self.fixtures).status == 2)
        let unknown = try CommandRunner.run(["check", "roast_bach", "roast_batch-one.json"] + Self.definitions, in: Self.fixtures)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'roast_batch'?"))
    }

    @Test("a file of several megabytes is read across chunk boundaries, every record once")
    func largeFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-large-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = ""
        for index in 1...20_000 {
            let score = index % 1000 == 0 ? "999" : "86"
            text += #"{"id":"\#(index)","properties":{"batch_name":"Batch {\#(index)} \"quoted\"","roast_date":"2024-11-20","quality_score":"\#(score)","tasting_notes":"\#(String(repeating: "notes ", count: 20))"}}"# + "\n"
        }
        try Data(text.utf8).write(to: url)
        #expect(text.utf8.count > 3_000_000)
        let output = try CommandRunner.run(["check", "roast_batch", url.path])
        #expect(output.stdout.contains("20000 records of 'roast_batch' checked: 19980 valid, 20 bad."))
        #expect(output.stderr.split(separator: "\n").first == "\(url.path):1000: error: record 1000: quality_score: 999 is more than the maximum 100")
    }

    @Test("export json-schema: a 2020-12 schema per object")
    func jsonSchema() throws {
        let output = try CommandRunner.run(["export", "json-schema", "roast_batch"])
        #expect(output.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let record = try #require((schema["properties"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(record["required"] as? [String] == ["batch_name", "roast_date"])
        let properties = try #require(record["properties"] as? [String: [String: Any]])
        // Optional properties: no value (null or "") or a value of their kind.
        let lot = try #require(properties["green_lot_number"]?["anyOf"] as? [[String: Any]])
        #expect(lot.count == 3 && lot[1]["const"] as? String == "")
        #expect(lot[2]["pattern"] as? String == #"^(?:^GL-[0-9]{4,}$)(?![\s\S])"#)
        let level = try #require(properties["roast_level"]?["anyOf"] as? [[String: Any]])
        #expect(level[2]["enum"] as? [String] == ["light", "medium", "medium_dark", "dark"])
        #expect(properties["batch_name"]?["minLength"] as? Int == 1, "a required property needs a value")
        let all = try CommandRunner.run(["export", "json-schema"])
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
        #expect((bundle["$defs"] as? [String: Any])?.count == 35)
    }
}
