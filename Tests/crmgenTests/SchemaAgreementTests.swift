import Foundation
import Testing

/// `crmgen export json-schema` and `crmgen check` agree record by record: the exported schema,
/// checked by Python's jsonschema, accepts exactly the records that `check` accepts.
@Suite("json-schema and check agree")
struct SchemaAgreementTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let definitions = folder.appendingPathComponent("Fixtures/agreement").path

    /// Values at the edges of every rule: empty and null, numbers at and past their bounds, exotic
    /// dates, Unicode lengths, formats, options, control and bidirectional characters.
    static var edgeValues: [Any] {
        [
        NSNull(), "", " ", "x", "true", "false", "0", "-0", "007", "1.50", "5.", ".5", "5.e3", "1e3", "+1", "-",
        "123456789012345678901234567890", "100", "100.000", "100.0001", "-0.5", "-0.50", "-0.51", "99999.99", "99999.990",
        "99999.991", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2024-02-30", "0000-01-01", "9999-12-31",
        "1582416000000", "253402300799999", "253402300800000", "-62135596800000", "-62135596800001", "0001582416000000",
        "2024-11-20T20:12:09.236Z", "2024-11-20T20:12:09Z", "2024-11-20t20:12:09+01:00", "2024-11-20T24:00:00Z",
        "2024-11-20T23:59:60Z", "2024-11-20T20:12:09+24:00", "2024-11-20T20:12Z", "2024-11-20 20:12:09Z",
        "ada@example.com", "ada@例え.jp", "a b@example.com", "@example.com", "ada@example", "ada@@example.com",
        "https://example.com/p?q#f", "HTTP://café.example:8080", "http://x", "ftp://example.com", "http://example.com:123456",
        "https://example.com/a b", "example.com", "-a.com", "a-.com", "例え.jp", "a.b.", String(repeating: "a", count: 64) + ".com",
        "+1 (555) 010-2030 ext. 4", "1234", "12345", "12345678901234567890", "123456789012345678901", "555-CALL-NOW",
        "AB-123", "AB-1234", "ab-123", "AB-123\n", "true\n", "100\n",
        "small", "medium", "x.l", "xal", "a|b", "a", "red", "red;green", ";red", "red;;", ";", "red;purple", "semi;colon",
        "semi", "blue+", "blueee", "é", "éé", "😀😀", "e\u{301}e\u{301}", "\u{0}", "\u{1F}x", "ab\u{202E}cd", "41629779",
        "Widget name!", "Widget name!!", "ab", "abab",
        ]
    }

    static var baseline: [String: Any] { ["title": "Widget", "count": "3", "tags": "red"] }
    static let propertyNames = ["title", "code", "grade", "email", "website", "domain", "phone", "nickname", "score", "price", "count",
                                "born_on", "seen_at", "active", "size", "tags", "buyer"]

    /// The baseline record, then one record per property and edge value with that value in place,
    /// then records whose `properties` are odd as a whole.
    static func corpus() -> [[String: Any]] {
        var records: [[String: Any]] = [["id": "0", "properties": baseline]]
        for name in propertyNames {
            for value in edgeValues {
                var properties = baseline
                properties[name] = value
                records.append(["id": String(records.count), "properties": properties])
            }
            var without = baseline
            without[name] = nil
            records.append(["id": String(records.count), "properties": without])
        }
        records.append(["id": "null-properties", "properties": NSNull()])
        records.append(["id": "unknown-ones", "properties": baseline.merging(["x": NSNull(), "y": "", "z": "z"]) { a, _ in a }])
        records.append(["id": "timestamps", "properties": baseline, "createdAt": "2024-11-20T20:12:09Z", "archived": NSNull()])
        records.append(["id": "bad-timestamp", "properties": baseline, "createdAt": "2024-02-30T00:00:00Z"])
        return records
    }

    @Test("on an edge-case corpus, every record gets the same verdict from both")
    func agreement() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-agreement-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let records = Self.corpus()
        let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        let corpus = work.appendingPathComponent("corpus.ndjson")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: corpus)

        let export = try CommandRunner.run(["export", "json-schema", "edge_thing", "--definitions", Self.definitions])
        try #require(export.status == 0, "\(export.stderr)")
        let schema = work.appendingPathComponent("schema.json")
        try Data(export.stdout.utf8).write(to: schema)

        let check = try CommandRunner.run(["check", "edge_thing", "corpus.ndjson", "--definitions", Self.definitions], in: work)
        let rejectedByCheck = Set(check.stderr.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("corpus.ndjson:"), line.contains(": error: ") else { return nil }
            return Int(line.dropFirst("corpus.ndjson:".count).prefix { $0.isNumber })
        })

        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", Self.folder.appendingPathComponent("Scripts/jsonschema_verdicts.py").path, schema.path, corpus.path]
        let out = Pipe()
        python.standardOutput = out
        try python.run()
        let verdicts = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "the jsonschema script failed")
        var rejectedBySchema: [Int: String] = [:]
        for line in verdicts.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1].hasPrefix("invalid"), let number = Int(parts[0]) { rejectedBySchema[number] = String(parts[1]) }
        }
        try #require(verdicts.split(separator: "\n").count == records.count, "a verdict per record")

        var disagreements: [String] = []
        for number in 1...records.count where rejectedByCheck.contains(number) != (rejectedBySchema[number] != nil) {
            let side = rejectedByCheck.contains(number) ? "check rejects, the schema accepts" : "the schema rejects (\(rejectedBySchema[number] ?? "")), check accepts"
            disagreements.append("line \(number): \(side): \(lines[number - 1])")
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(records.count) records:\n\(disagreements.prefix(25).joined(separator: "\n"))")
        #expect(rejectedByCheck.count > records.count / 3 && rejectedByCheck.count < records.count - 100, "the corpus has both verdicts")
    }
}
