@testable import CRMDynamic
@_spi(Generated) @testable import CRMRuntime
import Foundation
import TestSupport
import Testing

/// `crmgen check` hands a line that holds one object to its threads whole, found by brackets and quotes
/// alone (`RecordScanner.readsLinesWhole`), and scans the line byte by byte only when the compiled rules
/// decline it. Whatever the input, the results must be those of scanning every byte.
@Suite("Lines read whole give what scanning every byte gives")
struct WholeLineTests {
    static let base = #""title":"Widget","count":"3","tags":"red""#

    /// Lines at the edges of what a line read whole may be, and of what it may not.
    static let shapes: [String] = [
        #"{"results":[{"properties":{\#(base)}},{"properties":{"title":"x"}},7]}"#,
        #"{"results":[]}"#,
        #"{"results":{}}"#,
        #"{"results":[],"results":[]}"#,
        #"{"properties":{\#(base)},"results":5}"#,
        #"{"properties":{\#(base)},"results":[{"properties":{\#(base)}}]}"#,
        #"{"r\u0065sults":[],"properties":{\#(base)}}"#,
        #"{"properties":{\#(base)},"nested":{"results":[]}}"#,
        #"{"a": {"b":1}"#, #", "properties": {\#(base)}}"#,
        #"{"properties":{\#(base)},"a":"}"#,
        #"{"properties":{\#(base)},"a":"x\"}"#,
        #"{"properties":{\#(base)},"a":"x\\"}"#,
        #"{"properties":{\#(base)}} {"properties":{\#(base)}}"#,
        #"{"properties":{\#(base)}},"#,
        #"{"properties":{\#(base)}} x"#,
        #"{"properties":{\#(base)}}}"#,
        "{\"properties\":{\(base)}}  \t\r",
        "   {\"properties\":{\(base)}}",
        #"{"properties":{\#(base)}}{"properties":{\#(base)}}"#,
        #"{]"#, #"{"a":[}]}"#, #"{"a":]}"#, #"{[]}"#, #"{}"#, #"{"properties":{}}"#,
        #"{"properties":{\#(base)},"a":tru}"#, #"{"properties":{\#(base)},"a":-}"#, #"{"properties":{\#(base)},"a":1.}"#,
        #"{"properties":{\#(base)},"a":"\u12"}"#, #"{"properties":{\#(base)},"a":"\q"}"#,
        "{\"properties\":{\(base)},\"a\":\"x\\",
        "\"x\"}",
        "{\"properties\":{\(base)},\u{FEFF}\"a\":1}",
        "{\"properties\":{\(base)},\"a\":\"\u{FEFF}\"}",
        "{\"properties\":{\"title\":\"Wid\u{7F}\",\"count\":\"3\",\"tags\":\"red\"}}",
        #"[{"properties":{\#(base)}}]"#,
        #"[{"properties":{\#(base)}},"#, #"{"properties":{\#(base)}}]"#,
        "{" + String(repeating: #""a":{"#, count: 300) + String(repeating: "}", count: 300) + "}",
        #"{"properties":{\#(base)},"deep":"# + String(repeating: "[", count: 254) + String(repeating: "]", count: 254) + "}",
        #"{"properties":{\#(base)},"deep":"# + String(repeating: "[", count: 255) + String(repeating: "]", count: 255) + "}",
        "{", "}", "{\"a\":", "1}", "7", "null", "",
    ]

    /// The results of `crmgen check` on `input`, as text to compare.
    static func results(_ input: Data, jobs: Int, whole: Bool) -> [String] {
        describe(RecordChecks(RecordStream(data: input), validator: validator, jobs: jobs, readingLinesWhole: whole))
    }

    static let validator = DynamicValidator(object: RecordRulesTests.object)

    static func describe(_ checks: RecordChecks) -> [String] {
        checks.map { result in
            switch result.outcome {
            case .valid: "\(result.line): valid"
            case .invalid(let id, let issues): "\(result.line): invalid \(id ?? "-"): \(issues)"
            case .notARecord(let problem): "\(result.line): \(problem)"
            }
        }
    }

    static func expectSameResults(_ lines: [[UInt8]], finalLineFeed: Bool = true, _ comment: Comment? = nil) throws {
        var input = Data(lines.joined(separator: [UInt8(ascii: "\n")]))
        if finalLineFeed { input.append(UInt8(ascii: "\n")) }
        let expected = results(input, jobs: 1, whole: false)
        #expect(results(input, jobs: 1, whole: true) == expected, comment)
        #expect(results(input, jobs: 3, whole: true) == expected, comment)
        // The file read in small chunks: lines that end in the next chunk are scanned byte by byte.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("whole-lines-\(UUID().uuidString).ndjson")
        try input.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let chunked = RecordChecks(try RecordStream(url: url, chunkSize: 977), validator: validator, jobs: 1, readingLinesWhole: true)
        #expect(describe(chunked) == expected, comment)
        let chunkedJobs = RecordChecks(try RecordStream(url: url, chunkSize: 977), validator: validator, jobs: 2, readingLinesWhole: true)
        #expect(describe(chunkedJobs) == expected, comment)
        // `RecordStream` itself gives the same items whether it reads lines whole or not.
        var whole = RecordStream(data: input)
        whole.readsLinesWhole = true
        #expect(Array(whole) == Array(RecordStream(data: input)), comment)
    }

    @Test("the edge corpus of records, one a line, and lines at the edges of reading whole")
    func corpusAndShapes() throws {
        let lines = RecordRulesTests.corpus() + Self.shapes.map { Array($0.utf8) }
        try Self.expectSameResults(lines)
        try Self.expectSameResults(lines, finalLineFeed: false)
        // Each shape also alone, first in the input (after a byte order mark too) and last without a line feed.
        for shape in Self.shapes {
            try Self.expectSameResults([Array(shape.utf8)], finalLineFeed: false, "\(shape)")
            try Self.expectSameResults([[0xEF, 0xBB, 0xBF] + Array(shape.utf8)], "\(shape)")
        }
        // Both ways are exercised: most lines are read whole, and many are declined and scanned.
        let input = Data(lines.joined(separator: [UInt8(ascii: "\n")]) + [UInt8(ascii: "\n")])
        let results = Self.results(input, jobs: 1, whole: true)
        #expect(results.count { $0.hasSuffix(": valid") } > 1000)
        #expect(results.count { !$0.hasSuffix(": valid") } > 1000)
    }

    @Test("lines longer than a job holds go to the scanner in pieces: records over the size limit, values across lines")
    func longLines() throws {
        let long = String(repeating: "x", count: CheckPipeline.longestLine + 10)
        let tooLarge = String(repeating: "y", count: RecordStream.maximumRecordSize + 10)
        let lines = [
            #"{"properties":{\#(Self.base),"notes":"\#(long)"}}"#,
            #"{"properties":{"title":"\#(long)","count":"3","tags":"red"}}"#,
            #"{"properties":{\#(Self.base)}}"#,
            #"{"properties":{\#(Self.base),"notes":"\#(tooLarge)"}}"#,
            #"{"properties":{\#(Self.base)},"a":["#, #""\#(long)","#, #"1]}"#,
            #"{"properties":{\#(Self.base),"notes":"\#(long)"#,
            #"{"properties":{\#(Self.base)}}"#,
        ]
        try Self.expectSameResults(lines.map { Array($0.utf8) })
        try Self.expectSameResults(lines.map { Array($0.utf8) }, finalLineFeed: false)
    }

    @Test("records with random damage, one a line", arguments: [UInt64(1), 2, 3])
    func damagedLines(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let corpus = RecordRulesTests.corpus()
        let damage = Array(#"{}[]":,\ x1"#.utf8) + [0x0A, 0x0D, 0x09, 0xC3, 0x00]
        var lines: [[UInt8]] = []
        for _ in 0..<1500 {
            var line = corpus.randomElement(using: &random) ?? []
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                let position = Int.random(in: 0...line.count, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0 where position < line.count: line.remove(at: position)
                case 1: line.insert(damage.randomElement(using: &random) ?? 0, at: position)
                case 2 where position < line.count: line[position] = damage.randomElement(using: &random) ?? 0
                case 3: line = Array(#"{"results":["#.utf8) + line + Array("]}".utf8)
                default: line += Array(" ".utf8)
                }
            }
            lines.append(line)
        }
        try Self.expectSameResults(lines)
    }
}

/// `JSONStringBytes.skipPlain` stops exactly at the first byte that matters, wherever it is in a word.
@Suite("Plain string bytes, eight at a time")
struct JSONStringBytesTests {
    @Test("every byte that matters, at every place, after every start, with another after it")
    func stopsAtTheFirst() {
        let special: [UInt8] = [0x22, 0x5C, 0x00, 0x0A, 0x1F]
        let nonASCII: [UInt8] = [0x80, 0xC3, 0xFF]
        for count in 0...26 {
            for place in 0..<max(count, 1) {
                for byte in special + nonASCII + [UInt8(ascii: "a")] {
                    for after in [UInt8(ascii: "a"), 0x22] {
                        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: count)
                        if place < count { bytes[place] = byte }
                        if place + 1 < count { bytes[place + 1] = after }
                        for start in 0...min(count, 2) {
                            for stoppingAtNonASCII in [false, true] {
                                let matters: (UInt8) -> Bool = { b in special.contains(b) || b < 0x20 || (stoppingAtNonASCII && b >= 0x80) }
                                let stop = bytes.withUnsafeBufferPointer {
                                    JSONStringBytes.skipPlain($0, from: start, stoppingAtNonASCII: stoppingAtNonASCII)
                                }
                                let first = bytes[start...].firstIndex(where: matters) ?? count
                                // Exactly at the first that matters, or earlier only where fewer than eight bytes are left.
                                #expect(stop == first || (stop < first && stop + 8 > count), "\(bytes) from \(start): \(stop), not \(first)")
                            }
                        }
                    }
                }
            }
        }
    }
}
