import Foundation
import TestSupport
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
        // 24 lines: 22 records, a log line and an object whose "id" is a number, which are not records.
        #expect(output.stdout == "22 records of 'roast_batch' checked: 11 valid, 11 bad; 2 parts of the input were not records.\n")
        #expect(expected.split(separator: "\n").count == 13)
    }

    @Test("diagnostics collected while standard error is not a terminal: every one, in input order, before the summary in 2>&1")
    func collectedDiagnostics() throws {
        // 3,000 bad records write about 200 KB of diagnostics: more than the 64 KiB that check collects
        // before writing, so the output is written in several pieces and again at the end.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-collected-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = 3_000
        let records = (1...count).map { number in
            number % 2 == 0
                ? #"{"id": "\#(number)", "properties": {"batch_name": "Guji", "roast_date": "2024-11-20", "green_lot_number": "LOT-7"}}"#
                : #"{"id": "\#(number)", "properties": {"roast_date": "2024-11-20", "green_lot_number": "GL-20431"}}"#
        }
        try Data((records.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("bad.ndjson"))
        let quoted = (["check", "roast_batch", "bad.ndjson"] + Self.definitions).map { "'" + $0 + "'" }.joined(separator: " ")
        let output = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" \(quoted) 2>&1", CommandRunner.executable.path], in: folder)
        #expect(output.status == 1)
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected = (1...count).map { number in
            number % 2 == 0
                ? "bad.ndjson:\(number): error: record \(number): green_lot_number: 'LOT-7' does not match the pattern ^GL-[0-9]{4,}$"
                : "bad.ndjson:\(number): error: record \(number): batch_name: is required but has no value"
        } + ["\(count) records of 'roast_batch' checked: 0 valid, \(count) bad.", ""]
        #expect(lines.count == expected.count)
        #expect(lines == expected, "\(lines.prefix(3)) … \(lines.suffix(3))")
    }

    @Test("- reads standard input, named <stdin> in diagnostics; - given twice is a usage error")
    func standardInput() async throws {
        let records = #"{"id": "1", "properties": {"batch_name": "Guji", "roast_date": "2024-11-20", "green_lot_number": "GL-20431"}}"# + "\n"
            + #"{"id": "2", "properties": {"roast_date": "2024-11-20", "green_lot_number": "GL-20431"}}"# + "\n"
        let output = try await ProcessRunner.run(CommandRunner.executable, ["check", "roast_batch", "-"] + Self.definitions,
                                                 environment: nil, input: records)
        #expect(output.status == 1)
        #expect(output.stderr == "<stdin>:2: error: record 2: batch_name: is required but has no value\n", "\(output.stderr)")
        #expect(output.stdout == "2 records of 'roast_batch' checked: 1 valid, 1 bad.\n")

        let twice = try await ProcessRunner.run(CommandRunner.executable, ["check", "roast_batch", "-", "-"] + Self.definitions,
                                                environment: nil, input: records)
        #expect(twice.status == 2 && twice.stderr.contains("'-' (standard input) can be read once"), "\(twice.stderr)")
    }

    @Test("from a pipe that pauses, each diagnostic is printed once its record has arrived, not when the input ends", arguments: [1, 2])
    func pausingPipe(jobs: Int) throws {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["check", "roast_batch", "-", "--jobs", "\(jobs)"] + Self.definitions
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let collected = CollectedText()
        errors.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let bad = #"{"id": "1", "properties": {"roast_date": "2024-11-20", "green_lot_number": "GL-20431"}}"# + "\n"
        let good = #"{"id": "2", "properties": {"batch_name": "Guji", "roast_date": "2024-11-20", "green_lot_number": "GL-20431"}}"# + "\n"
        try input.fileHandleForWriting.write(contentsOf: Data((bad + good).utf8))
        // The writer keeps the pipe open: the diagnostic of line 1 must come without more input.
        // (A bound on waiting, not on speed: without the hand-over it never comes before the end.)
        let first = "<stdin>:1: error: record 1: batch_name: is required but has no value\n"
        let deadline = Date().addingTimeInterval(60)
        while !collected.text.contains(first), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(collected.text == first, "while the pipe is open: \(collected.text)")

        try input.fileHandleForWriting.write(contentsOf: Data(bad.replacingOccurrences(of: "\"1\"", with: "\"3\"").utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(errors.fileHandleForReading.readDataToEndOfFile())
        #expect(process.terminationStatus == 1)
        #expect(collected.text == first + "<stdin>:3: error: record 3: batch_name: is required but has no value\n", "\(collected.text)")
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

    @Test("a portal's own deal stages pass; an extension that lists the stages makes the check strict, and generate says where it applies")
    func portalDefinedOptions() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-portal-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"id":"7","properties":{"dealname":"Wholesale","pipeline":"default","dealstage":"71234567"}}"#.utf8)
            .write(to: folder.appendingPathComponent("deal.json"))
        let open = try CommandRunner.run(["check", "deals", "deal.json"], in: folder)
        #expect(open.status == 0, "\(open.stderr)")
        #expect(open.stdout == "1 record of 'deals' checked: 1 valid, 0 bad.\n", "\(open.stdout)")

        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Definitions"), withIntermediateDirectories: true)
        try Data("""
        object: deals
        kind: extension
        properties:
          dealstage:
            optionSource: definitions
            options: [appointmentscheduled, closedwon]

        """.utf8).write(to: folder.appendingPathComponent("Definitions/deals.yaml"))
        let strict = try CommandRunner.run(["check", "deals", "deal.json"], in: folder)
        #expect(strict.status == 1)
        #expect(strict.stderr == "deal.json:1: error: record 7: dealstage: '71234567' is not one of the property's options\n", "\(strict.stderr)")

        let generate = try CommandRunner.run(["generate", "--output", "Generated"], in: folder)
        #expect(generate.status == 0)
        #expect(generate.stderr.hasPrefix("Definitions/deals.yaml:4:3: note: these options of 'deals.dealstage' apply to the registry and crmgen check;"),
                "\(generate.stderr)")
        let included = try CommandRunner.run(["generate", "--output", "Generated", "--include-standard-types"], in: folder)
        #expect(included.stderr == "")
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

    @Test("--jobs: any number of threads gives the same diagnostics in input order, and the same summary")
    func jobsKeepOrder() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-jobs-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = ""
        for index in 1...5_000 {
            switch index % 97 {
            case 0: text += "log line \(index) is not JSON\n"
            case 13: text += #"{"id":"\#(index)","properties":{"batch_name":"B","quality_score":"many","roast_date":"2024-02-30"}}"# + "\n"
            case 50: text += #"{"id":"\#(index)","properties":{"batch_name":"B","batch_name":"C"}}"# + "\n"
            case 71: text += "[" + #"{"id":"\#(index)a","properties":{"batch_name":"B"}},{"id":"\#(index)b","properties":{}}"# + "]\n"
            default: text += #"{"id":"\#(index)","properties":{"batch_name":"Batch \#(index)","roast_date":"2024-11-20"}}"# + "\n"
            }
        }
        try Data(text.utf8).write(to: url)
        let one = try CommandRunner.run(["check", "roast_batch", url.path, "--jobs", "1"] + Self.definitions)
        // 51 log lines and 52 records with a key given twice are not records; 51 arrays hold two records each;
        // 52 records break two rules, and both records of every array lack required properties.
        #expect(one.status == 1)
        #expect(one.stderr.split(separator: "\n").count > 150)
        #expect(one.stdout == "4948 records of 'roast_batch' checked: 4794 valid, 154 bad; 103 parts of the input were not records.\n")
        for jobs in ["2", "3", "8"] {
            let many = try CommandRunner.run(["check", "roast_batch", url.path, "-j", jobs] + Self.definitions)
            #expect(many.status == one.status)
            #expect(many.stdout == one.stdout, "--jobs \(jobs)")
            #expect(many.stderr == one.stderr, "--jobs \(jobs)")
        }
        let usage = try CommandRunner.run(["check", "roast_batch", url.path, "--jobs", "0"] + Self.definitions)
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--jobs must be from 1 to 256"))
    }

    // MARK: Input that is not read must not pass

    static let valid = #"{"id":"ID","properties":{"batch_name":"Guji 12","roast_date":"2024-11-20"}}"#

    static func record(_ id: Int) -> String { valid.replacingOccurrences(of: "ID", with: String(id)) }

    /// Runs check on `bytes` written to a temporary file; `name` stands for the file's path in the output.
    static func check(_ bytes: Data, name: String = "FILE") throws -> CommandRunner.Output {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-check-\(UUID().uuidString).json")
        try bytes.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var output = try CommandRunner.run(["check", "roast_batch", url.path] + definitions)
        output.stderr = output.stderr.replacingOccurrences(of: url.path, with: name)
        return output
    }

    static func check(_ text: String) throws -> CommandRunner.Output { try check(Data(text.utf8)) }

    @Test("1. an unterminated string in one NDJSON line does not swallow the rest of the file")
    func unterminatedStringInNDJSON() throws {
        let lines = (1...1000).map { $0 == 10 ? #"{"id":"10","properties":{"batch_name":"Guji"# : Self.record($0) }
        let output = try Self.check(lines.joined(separator: "\n") + "\n")
        #expect(output.stderr == "FILE:10: error: not JSON: a string is not closed before the line ends\n")
        #expect(output.stdout == "999 records of 'roast_batch' checked: 999 valid, 0 bad; 1 part of the input was not a record.\n")
        #expect(output.status == 1)
    }

    @Test("1. after a syntax error, reading goes on at the next line, or at a '{' or '[' that begins its line")
    func resumption() throws {
        let output = try Self.check("""
        {"id":"1","properties":{"batch_name":"Guji","roast_date":"2024-11-20"}
        {"id":"2","properties":{"batch_name":"","roast_date":"2024-11-20"}}
        {"id":"3",,"properties":{}} {"id":"4","properties":{"batch_name":""}}
        [\(Self.record(5)),
        \(Self.record(6))]
        {"id":"7","properties":{"batch_name":"a\tb","roast_date":"2024-11-20"}}
        \(Self.record(8))

        """)
        #expect(output.stderr == """
        FILE:1: error: not JSON at line 2: expected ',' or '}', found '{'
        FILE:2: error: record 2: batch_name: is required but has no value
        FILE:3: error: not JSON: expected a key, found ','; skipped the rest of line 3
        FILE:6: error: not JSON: a control character (byte 0x09) in a string; skipped the rest of line 6

        """)
        #expect(output.stdout == "4 records of 'roast_batch' checked: 3 valid, 1 bad; 3 parts of the input were not records.\n")
    }

    @Test("2. input that holds no record is an error at its line", arguments: [
        (#"[[{"id":"1","properties":{}}], {"id":"2"}, 7]"#, "FILE:1: error: item 1 of the array is an array, not a record\nFILE:1: error: not a HubSpot record: no 'properties'\nFILE:1: error: item 3 of the array is a number, not a record\n"),
        ("42", "FILE:1: error: a number is not a record\n"),
        (#"  "x""#, "FILE:1: error: a string is not a record\n"),
        ("\n\ntrue", "FILE:3: error: a boolean is not a record\n"),
        ("null\n", "FILE:1: error: null is not a record\n"),
        (String(repeating: "[", count: 100_000), "FILE:1: error: nesting is deeper than 256 levels, crmgen's limit; skipped the rest of line 1\n"),
        (#"{"results": 5}"#, "FILE:1: error: 'results' is a number, not an array of records\n"),
        ("{\"results\": [\n  \"x\"]}", "FILE:2: error: item 1 of 'results' is a string, not a record\n"),
        (#"{"id":"1"}"#, "FILE:1: error: not a HubSpot record: no 'properties'\n"),
        (#"{"id":"1","properties":null}"#, "FILE:1: error: not a HubSpot record: 'properties' must be an object, not null\n"),
        (#"{"id":{},"properties":{}}"#, "FILE:1: error: not a HubSpot record: id: expected a string, found an object\n"),
        ("", "FILE:1: error: holds no JSON\n"),
        (" \n\t\n", "FILE:1: error: holds no JSON\n"),
        ("[\(Self.record(1)),", "FILE:1: error: not JSON: the input ends before the JSON value that starts here is complete\n"),
    ])
    func notRecords(input: String, expected: String) throws {
        let output = try Self.check(input)
        #expect(output.stderr == expected)
        #expect(output.status == 1)
        #expect(output.stdout.contains(" of 'roast_batch' checked: "))
        #expect(output.stdout.contains(" the input w"))
    }

    @Test("2. a folder is not a file of records")
    func folder() throws {
        let output = try CommandRunner.run(["check", "roast_batch", "Definitions"] + Self.definitions)
        #expect(output.status == 2)
        #expect(output.stderr.contains("'Definitions' is a folder; give files of records"))
    }

    @Test("2. an empty array and an empty list response hold no records, and that is fine", arguments: ["[]", #"{"results": [], "paging": {}}"#])
    func emptyLists(input: String) throws {
        let output = try Self.check(input)
        #expect(output.stderr == "")
        #expect(output.stdout == "0 records of 'roast_batch' checked: the input holds none.\n")
        #expect(output.status == 0)
    }

    @Test("3. a key given twice is reported for its record, and the next record is checked")
    func duplicateKeys() throws {
        let output = try Self.check("""
        {"id":"1","properties":{"batch_name":"a","batch_name":"b","roast_date":"2024-11-20"}}
        {"id":"2","id":"3","properties":{"batch_name":"a","roast_date":"2024-11-20"}}
        {"results":[\(Self.record(4))],"results":[\(Self.record(5))]}
        \(Self.record(6))

        """)
        #expect(output.stderr == """
        FILE:1: error: not a HubSpot record: properties: 'batch_name' appears twice
        FILE:2: error: not a HubSpot record: 'id' appears twice in the record
        FILE:3: error: 'results' appears twice in the list response

        """)
        #expect(output.stdout == "3 records of 'roast_batch' checked: 3 valid, 0 bad; 3 parts of the input were not records.\n")
        #expect(output.status == 1)
    }

    @Test("4. invalid UTF-8 in a value is reported as such; the record after it is checked")
    func invalidUTF8() throws {
        var bytes = Data(#"{"id":"1","properties":{"batch_name":"Guji "#.utf8) + [0xFF, 0xC3] + Data("\",\"roast_date\":\"2024-11-20\"}}\n".utf8)
        bytes += Data((Self.record(2) + "\n").utf8)
        let output = try Self.check(bytes)
        #expect(output.stderr == "FILE:1: error: not JSON: invalid UTF-8 in a string\n")
        #expect(output.stdout == "1 record of 'roast_batch' checked: 1 valid, 0 bad; 1 part of the input was not a record.\n")
    }

    @Test("4. a UTF-8 byte order mark at the start of a file is skipped")
    func byteOrderMark() throws {
        let output = try Self.check(Data([0xEF, 0xBB, 0xBF]) + Data((Self.record(1) + "\n" + Self.record(2)).utf8))
        #expect(output.stderr == "")
        #expect(output.stdout == "2 records of 'roast_batch' checked: 2 valid, 0 bad.\n")
        #expect(output.status == 0)
    }

    @Test("4. a record over the size limit names the limit, and the next line is checked")
    func oversizedRecord() throws {
        let big = #"{"id":"1","properties":{"batch_name":"Guji","notes":""# + String(repeating: "x", count: 16 << 20) + #""}}"#
        let output = try Self.check(big + "\n" + Self.record(2) + "\n")
        #expect(output.stderr == "FILE:1: error: record is larger than 16777216 bytes, crmgen's limit for one record\n")
        #expect(output.stdout == "1 record of 'roast_batch' checked: 1 valid, 0 bad; 1 part of the input was not a record.\n")
        #expect(output.status == 1)
    }

    @Test("5. a record id cannot forge diagnostic lines: echoed text is escaped")
    func forgedID() throws {
        let output = try Self.check(#"{"id":"1\nFILE:9: error: forged\u202e","properties":{"batch_name":""}}"#)
        #expect(output.stderr == #"""
        FILE:1: error: record 1\u{A}FILE:9: error: forged\u{202E}: batch_name: is required but has no value
        FILE:1: note: record 1\u{A}FILE:9: error: forged\u{202E}: roast_date: is required but has no value

        """#)
    }

    @Test("6. the summary counts records checked, bad records and input that was not records, separately")
    func truthfulSummary() throws {
        let output = try Self.check("[\(Self.record(1)), 5]\nnot json\n" + #"{"id":"2","properties":{"batch_name":""}}"#)
        #expect(output.stdout == "2 records of 'roast_batch' checked: 1 valid, 1 bad; 2 parts of the input were not records.\n")
        #expect(output.status == 1)
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

/// Text that a pipe's reading handler adds to from another thread.
private final class CollectedText: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) {
        lock.lock()
        data.append(more)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
