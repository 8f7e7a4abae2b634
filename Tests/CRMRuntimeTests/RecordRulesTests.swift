@testable import CRMDynamic
@_spi(Generated) @testable import CRMRuntime
import CRMSchemaLoader
import Foundation
import Synchronization
import PropertyBased
import TestSupport
import Testing

/// The fast paths against the simple reference, record by record: `RecordRules.Checker` reads JSON bytes
/// and `RecordRules.accepts` reads properties, and each must accept exactly the records that
/// `RecordEnvelope(json:requiringProperties:)` reads and the rules, one by one, find nothing wrong with.
@Suite("Compiled rules agree with the rules")
struct RecordRulesTests {
    static let definition = #"""
    object: edge_record
    kind: custom
    labels: { singular: Edge record, plural: Edge records }
    primaryDisplayProperty: title
    properties:
      title: { label: Title, type: string, fieldType: text, required: true, maxLength: 12 }
      code: { label: Code, type: string, fieldType: text, pattern: "^[A-Z]{2}-[0-9]{3}$", minLength: 6 }
      color: { label: Color, type: string, fieldType: text, pattern: "^(?:red|green|blue)$" }
      digits: { label: Digits, type: string, fieldType: text, pattern: "^\\d{3,5}$" }
      nospace: { label: No space, type: string, fieldType: text, pattern: "^[^@\\s]+$" }
      short: { label: Short, type: string, fieldType: text, pattern: "^.{2,4}$" }
      lookahead: { label: Lookahead, type: string, fieldType: text, pattern: "^(?=.*[0-9]).+$" }
      prefix: { label: Prefix, type: string, fieldType: text, pattern: "^[a-z]+" }
      suffix: { label: Suffix, type: string, fieldType: text, pattern: "[a-z_]+-?$" }
      email: { label: E-mail, type: string, fieldType: text, format: email }
      website: { label: Website, type: string, fieldType: text, format: url }
      domain: { label: Domain, type: string, fieldType: text, format: domain }
      phone: { label: Phone, type: string, fieldType: phonenumber, format: phone }
      nickname: { label: Nickname, type: string, fieldType: text, minLength: 2, maxLength: 4 }
      score: { label: Score, type: number, fieldType: number, minimum: 0, maximum: 100 }
      price: { label: Price, type: number, fieldType: number, numberDisplayHint: currency, minimum: -0.5, maximum: 99999.99 }
      big: { label: Big, type: number, fieldType: number, minimum: 123456789012345678901234567890.5 }
      count: { label: Count, type: number, fieldType: number, required: true }
      born_on: { label: Born on, type: date, fieldType: date }
      seen_at: { label: Seen at, type: datetime, fieldType: date }
      active: { label: Active, type: bool, fieldType: booleancheckbox }
      size:
        label: Size
        type: enumeration
        fieldType: select
        options: [small, medium, "x.l", "a|b", "K", "é"]
      tags:
        label: Tags
        type: enumeration
        fieldType: checkbox
        required: true
        options: [red, green, "blue+", "semi;colon", "Å"]
      buyer: { label: Buyer, type: enumeration, fieldType: select, referencedObjectType: OWNER }
    """#

    static let object: ObjectSchema = {
        let result = SchemaLoader(includesStandardDefinitions: false).load([DefinitionSource(path: "edge_record.yaml", text: definition)])
        guard let object = result.schema?.object(named: "edge_record") else { fatalError("\(result.diagnostics)") }
        return object
    }()

    /// Values at the edges of every rule (`nil` is JSON `null`).
    static let edgeValues: [String?] = [
        nil, "", " ", "x", "true", "false", "True", "0", "-0", "007", "1.50", "5.", ".5", "1e3", "+1", "-", "--1", "0.0",
        "123456789012345678901234567890", "123456789012345678901234567890.5", "123456789012345678901234567890.50",
        "123456789012345678901234567890.4999999", "123456789012345678901234567891", "0.0000000000000000000000000000001",
        "100", "100.000", "100.0001", "-0.5", "-0.50", "-0.500", "-0.5000000001", "-0.51", "99999.99", "99999.990",
        "00099999.99", "99999.991", "-00", "-0.0",
        "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2024-02-30", "0000-01-01", "0001-01-01", "9999-12-31",
        "2024-1-05", "2024-01-05x", "1582416000000", "253402300799999", "253402300800000", "-62135596800000",
        "-62135596800001", "0001582416000000", "-0", "١٢٣",
        "2024-11-20T20:12:09.236Z", "2024-11-20T20:12:09Z", "2024-11-20t20:12:09+01:00", "2024-11-20T24:00:00Z",
        "2024-11-20T23:59:60Z", "2024-11-20T20:12:09+24:00", "2024-11-20T20:12Z", "2024-11-20 20:12:09Z",
        "2024-11-20T20:12:09.Z", "2024-11-20T20:12:09.123456789Z", "2024-02-30T00:00:00Z",
        "ada@example.com", "ada@例え.jp", "a b@example.com", "@example.com", "ada@example", "ada@@example.com",
        "https://example.com/p?q#f", "HTTP://café.example:8080", "http://x", "ftp://example.com", "http://example.com:123456",
        "https://example.com/a b", "example.com", "-a.com", "a-.com", "例え.jp", "a.b.", String(repeating: "a", count: 64) + ".com",
        String(repeating: "a", count: 63) + ".com", "+1 (555) 010-2030 ext. 4", "1234", "12345", "12345678901234567890",
        "123456789012345678901", "555-CALL-NOW",
        "AB-123", "AB-1234", "ab-123", "AB-123\n", "AB-12\u{2028}", "true\n", "100\n", "12345\n", "123\u{85}",
        "red", "green", "blue", "redgreen", "red\n", "re", "ab", "abcd", "abcde", "a\tb", "a\nb", "a\u{0B}b", "\u{0C}x",
        "x@y", "xy", "x y", "é", "éé", "😀😀", "e\u{301}", "e\u{301}e\u{301}", "\u{0}", "\u{1F}x", "ab\u{202E}cd",
        "abc1", "1", "abc", "abc_", "abc-", "ABC", "abc-d", "a1",
        "small", "medium", "x.l", "xal", "a|b", "a", "K", "\u{212A}", "é", "\u{E9}", "Å", "\u{212B}", "A\u{30A}",
        "red;green", ";red", "red;;", ";", ";;", "red;purple", "semi;colon", "semi", "blue+", "blueee", "red\u{37E}green",
        "red;\u{301}green", "red;\u{212B}", "red;Å;", "41629779", "Widget name!", "Widget name!!", "twelve chars", "thirteen char",
    ]

    static let baseline: [(String, String?)] = [("title", "Widget"), ("count", "3"), ("tags", "red")]

    /// The baseline record; then, for every property and edge value, the record with that value in place,
    /// written twice (raw and with every non-ASCII character and some ASCII ones as `\u` escapes); the
    /// records without each property; then JSON at the edges of the record's shape.
    static func corpus() -> [[UInt8]] {
        var lines: [[UInt8]] = [record(baseline)]
        for property in object.properties {
            for value in edgeValues {
                var properties = baseline.filter { $0.0 != property.name }
                properties.append((property.name, value))
                lines.append(record(properties))
                lines.append(record(properties, escaping: true))
            }
            lines.append(record(baseline.filter { $0.0 != property.name }))
        }
        let base = #""title":"Widget","count":"3","tags":"red""#
        let shapes: [String] = [
            #"{"id":"1","properties":{\#(base),"title":"Other"}}"#,
            #"{"id":"1","properties":{\#(base),"ti\u0074le":"Other"}}"#,
            #"{"id":"1","properties":{\#(base),"zz":"1","zz":"2"}}"#,
            #"{"id":"1","properties":{\#(base),"zz":"1","z\u007a":"2"}}"#,
            #"{"id":"1","properties":{\#(base),"zz":"1","zy":"2"}}"#,
            #"{"id":"1","properties":{\#(base),"é":"1"}}"#,
            #"{"id":"1","properties":{\#(base),"é":"1","\u00e9":"2"}}"#,
            #"{"id":"1","properties":{\#(base),"e\u0301":"1","\u00e9":"2"}}"#,
            #"{"id":"1","properties":{\#(base),"K":"1","\u212a":"2"}}"#,
            #"{"id":"1","properties":{\#(base),"unknown":null,"other":"","more":{"a":1}}}"#,
            #"{"id":"1","properties":{\#(base),"score":7}}"#,
            #"{"id":"1","properties":{\#(base),"score":["7"]}}"#,
            #"{"id":"1","properties":{\#(base),"score":null}}"#,
            #"{"id":"1","properties":{"title":"Widget","count":"3","tags":"red","title":null}}"#,
            #"{"id":"1","properties":null}"#,
            #"{"id":"1"}"#,
            #"{"id":"1","properties":[]}"#,
            #"{"id":"1","properties":"x"}"#,
            #"{"id":"1","properties":{\#(base)},"properties":{\#(base)}}"#,
            #"{"id":"1","id":"2","properties":{\#(base)}}"#,
            #"{"id":1,"properties":{\#(base)}}"#,
            #"{"id":null,"properties":{\#(base)}}"#,
            #"{"properties":{\#(base)},"createdAt":"2024-11-20T20:12:09.236Z","updatedAt":null,"archived":false}"#,
            #"{"properties":{\#(base)},"createdAt":"2024-02-30T00:00:00Z"}"#,
            #"{"properties":{\#(base)},"archivedAt":"1582416000000"}"#,
            #"{"properties":{\#(base)},"archived":"yes"}"#,
            #"{"properties":{\#(base)},"archived":null,"archivedAt":null}"#,
            #"{"properties":{\#(base)},"associations":{"contacts":{"results":[{"id":"5","type":"x"}]}}}"#,
            #"{"properties":{\#(base)},"associations":{"contacts":{"results":[{"id":"5"}]}}}"#,
            #"{"properties":{\#(base)},"associations":{"contacts":{}}}"#,
            #"{"properties":{\#(base)},"associations":null}"#,
            #"{"properties":{\#(base)},"url":"https://x","extra":[1,2,{"a":[true,false,null,-1.5e3]}]}"#,
            #"{"properties":{\#(base)},"extra":1,"extra":2}"#,
            #"{"properties":{\#(base)},"extra":01}"#,
            #"{"properties":{\#(base)},"extra":tru}"#,
            #"{"properties":{\#(base)},"extra":"\ud800"}"#,
            #"{"properties":{\#(base),"title":"\ud83d\ude00"}}"#,
            #"{"properties":{"title":"\ud83d\ude00","count":"3","tags":"red"}}"#,
            #"{"properties":{"title":"\ud800","count":"3","tags":"red"}}"#,
            #"{"properties":{"title":"\ud83dx","count":"3","tags":"red"}}"#,
            #"{"properties":{"title":"\x","count":"3","tags":"red"}}"#,
            #"{"properties":{"title":"\u00","count":"3","tags":"red"}}"#,
            #"{"properties":{"title":"a\/b\"c\\d\b\f\n\r\t","count":"3","tags":"red"}}"#,
            #"{"properties":{"title":"Widget","count":"3","tags":"red"}} "#,
            #"  {"properties":{"title":"Widget","count":"3","tags":"red"}}"#,
            #"{"properties":{"title":"Widget","count":"3","tags":"red"}}x"#,
            #"{"properties":{"title":"Widget","count":"3","tags":"red"}"#,
            #"{"properties":{"title":"Widget","count":"3","tags":"red",}}"#,
            #"{"properties":{"title":"Widget","count":"3","tags":"red"},}"#,
            #"{"properties":{"title" "Widget","count":"3","tags":"red"}}"#,
            #"{"properties":{"title":"Widget","count":"3","tags":"red"}}{}"#,
            #"[{"properties":{"title":"Widget","count":"3","tags":"red"}}]"#,
            #""record""#, "7", "", "null",
            #"{"properties":{"title":"Widget","count":"3","tags":"red"},"deep":"# + String(repeating: "[", count: 300)
                + String(repeating: "]", count: 300) + "}",
            #"{"properties":{"title":"Widget","count":"3","tags":"red"},"deep":"# + String(repeating: "[", count: 200)
                + String(repeating: "]", count: 200) + "}",
        ]
        lines += shapes.map { Array($0.utf8) }
        lines.append([0xEF, 0xBB, 0xBF] + Array(#"{"properties":{"title":"Widget","count":"3","tags":"red"}}"#.utf8))
        lines.append(Array(#"{"properties":{"title":"Wid"#.utf8) + [0xC3, 0x28] + Array(#"","count":"3","tags":"red"}}"#.utf8))
        lines.append(Array(#"{"properties":{"title":"Wid"#.utf8) + [0xED, 0xA0, 0x80] + Array(#"","count":"3","tags":"red"}}"#.utf8))
        lines.append(Array(#"{"properties":{"title":"Wid"#.utf8) + [0x09] + Array(#"","count":"3","tags":"red"}}"#.utf8))
        lines.append(Array(#"{"properties":{"title":"Wid"#.utf8) + [0xF4, 0x90, 0x80, 0x80] + Array(#"","count":"3","tags":"red"}}"#.utf8))
        return lines
    }

    static func record(_ properties: [(String, String?)], escaping: Bool = false) -> [UInt8] {
        let members = properties.map { name, value in
            json(name, escaping: escaping) + ":" + (value.map { json($0, escaping: escaping) } ?? "null")
        }
        return Array(("{\"id\":\"7\",\"properties\":{" + members.joined(separator: ",") + "}}").utf8)
    }

    /// A JSON string: only what must be escaped, or (`escaping`) also every non-ASCII character and every
    /// vowel as `\u` escapes, surrogate pairs for astral characters, as Python's `ensure_ascii` writes.
    static func json(_ text: String, escaping: Bool) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x0A: result += "\\n"
            case ..<0x20:
                result += String(format: "\\u%04x", scalar.value)
            case _ where escaping && (scalar.value >= 0x80 || "aeiou".unicodeScalars.contains(scalar)):
                for unit in String(scalar).utf16 { result += String(format: "\\u%04x", unit) }
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// The reference: the envelope parser, then every rule one by one.
    static func referenceAccepts(_ line: [UInt8], validator: DynamicValidator) -> Bool {
        guard let record = try? RecordEnvelope(json: Data(line), requiringProperties: true) else { return false }
        return validator.issues(record.properties).isEmpty
    }

    static func hasOtherNonASCIIName(_ line: [UInt8]) -> Bool {
        guard let record = try? RecordEnvelope(json: Data(line)) else { return false }
        return record.properties.names.contains { name in
            object.property(named: name) == nil && name.utf8.contains { $0 >= 0x80 }
        }
    }

    @Test("on the edge corpus, the byte reader and the compiled rules give every record the reference's verdict")
    func corpusAgrees() throws {
        let validator = DynamicValidator(object: Self.object)
        let rules = RecordRules(object: Self.object)
        var reused = rules.makeChecker()
        var accepted = 0
        let lines = Self.corpus()
        for line in lines {
            let expected = Self.referenceAccepts(line, validator: validator)
            let text = String(decoding: line, as: UTF8.self)
            // The byte reader may decline a record it cannot vouch for (then the rules run), but only one
            // with a name outside ASCII that the object does not have.
            let mayDecline = Self.hasOtherNonASCIIName(line)
            let bytes = line.withUnsafeBytes { reused.accepts(json: $0) }
            #expect(bytes == expected || (mayDecline && !bytes), "Checker: \(text)")
            var fresh = rules.makeChecker()
            #expect(line.withUnsafeBytes { fresh.accepts(json: $0) } == bytes, "fresh Checker: \(text)")
            if let record = try? RecordEnvelope(json: Data(line), requiringProperties: true) {
                #expect(rules.accepts(record.properties) == expected, "accepts(properties): \(text)")
                #expect(validator.validate(record).isEmpty == expected, "DynamicValidator: \(text)")
                // The issues themselves: the rules run only where the compiled rules decline a value.
                #expect(validator.validate(record) == validator.issues(record.properties), "DynamicValidator issues: \(text)")
                // As `check` finds them for a record its checker declined: skipping what that checker's own rules accept.
                #expect(validator.issues(ofDeclined: record.properties, acceptedBy: fresh.rules) == validator.issues(record.properties),
                        "issues of a declined record: \(text)")
            }
            if expected { accepted += 1 }
        }
        // Both verdicts are well represented, so the comparison can fail either way.
        #expect(lines.count > 5000)
        #expect(accepted > 1000 && accepted < lines.count - 1000, "\(accepted) of \(lines.count) accepted")
    }

    /// `crmgen check --jobs` gives each job a checker made from one set of rules; each checker compiles
    /// a copy of its own, whose checks it reads without reference counting. The rules are dropped here
    /// before any checker reads, so a check released too early is read after it was freed (it crashes;
    /// AddressSanitizer names it), and the checkers run on several threads at once (ThreadSanitizer).
    @Test("checkers of one set of rules on several threads, the rules themselves dropped, give one thread's verdicts")
    func checkersOnThreadsAgree() {
        let lines = Self.corpus()
        let jobs: CheckersForThreads
        do {
            let rules = RecordRules(object: Self.object)
            jobs = CheckersForThreads((0..<4).map { _ in rules.makeChecker() })
        }
        var alone = jobs.checkers[0]
        let expected = lines.map { line in line.withUnsafeBytes { alone.accepts(json: $0) } }
        let verdicts = Mutex([[Bool]](repeating: [], count: jobs.checkers.count))
        DispatchQueue.concurrentPerform(iterations: jobs.checkers.count) { job in
            var checker = jobs.checkers[job]
            let mine = lines.map { line in line.withUnsafeBytes { checker.accepts(json: $0) } }
            verdicts.withLock { $0[job] = mine }
        }
        for job in jobs.checkers.indices {
            #expect(verdicts.withLock { $0[job] } == expected, "job \(job)")
        }
        #expect(expected.contains(true) && expected.contains(false))
    }

    /// Checkers handed to threads, one each: a checker is not `Sendable`, and no two threads use one.
    final class CheckersForThreads: @unchecked Sendable {
        let checkers: [RecordRules.Checker]
        init(_ checkers: [RecordRules.Checker]) { self.checkers = checkers }
    }

    @Test("random records of random definitions get the reference's verdict", arguments: [UInt64(1), 2, 3])
    func randomRecordsAgree(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let values = Self.edgeValues
        let validator = DynamicValidator(object: Self.object)
        var checker = RecordRules(object: Self.object).makeChecker()
        for _ in 0..<2000 {
            var properties: [(String, String?)] = []
            for property in Self.object.properties where Int.random(in: 0..<3, using: &random) > 0 {
                properties.append((property.name, values.randomElement(using: &random) ?? nil))
            }
            let line = Self.record(properties, escaping: Bool.random(using: &random))
            let expected = Self.referenceAccepts(line, validator: validator)
            #expect(line.withUnsafeBytes { checker.accepts(json: $0) } == expected, "\(String(decoding: line, as: UTF8.self))")
            if let record = try? RecordEnvelope(json: Data(line)) {
                #expect(validator.validate(record) == validator.issues(record.properties), "\(String(decoding: line, as: UTF8.self))")
                #expect(validator.issues(ofDeclined: record.properties, acceptedBy: checker.rules) == validator.issues(record.properties),
                        "issues of a declined record: \(String(decoding: line, as: UTF8.self))")
            }
        }
    }
}

/// `BytePattern` decides exactly what `NSRegularExpression` decides, wherever it decides.
@Suite("Byte patterns agree with ICU")
struct BytePatternTests {
    static let compiled = [
        "^[A-Z]{2}-[0-9]{3}$", "^(?:red|green|blue)$", "^(red|green)$", "^\\d{3,5}$", "^.{2,4}$", "[a-z_]+-?$", "^$",
        "^[^@]+@[^@]+$", "^a*a*a*a*b$", "^[a-]+$", "^[-a]+$", "^x?y*z+$", "^\\w+\\.\\w{2,}$", "^[A-Za-z0-9_.+-]{1,64}$",
        "^GL-[0-9]{4,}$", "^(?:|x)$", "^[\\d\\w]+$", "^\\$[0-9]+$", "^a{0}b$", "^[a-z]+", "(?:a|ab)", "[0-9]{2}",
        "a|ab", "^(a)(b)$", "^(a|b)c$", "^a|b$", "^(?:EU|US|APAC)-[a-z]{3,8}$", "^[0-9]{5}(?:-[0-9]{4})?$",
        "^(?:a(?:b|c){1,2})?d$", "^(?:ab){0,16}$",
    ]
    static let notCompiled = [
        "^(?=.*[0-9]).+$", "^[^@\\s]+$", "^(?i)abc$", "^a+?$", "^a++$", "^\\bx$",
        "^[[:alpha:]]+$", "^[a-z&&[^x]]+$", "^[a--z]$", "^a{2,1}$", "^a{,3}$", "^\\p{L}+$", "^(a)\\1$",
        "^[]a]$", "^a{100000}$", "^é$", "^\\s$", "^\\x41$", "^(?:ab)*$", "^(?:ab){0,17}$", "^(?:a|b){7}$",
        "^(?<name>a)$", "^(?:a$", "^a)$", "^(?:a)?+$", "^a|^b$",
    ]

    @Test("a pattern matches whole values: not only ICU's first match (a|ab takes ab), never a prefix")
    func wholeValues() {
        #expect(CompiledPattern("a|ab").matches("ab"))
        #expect(CompiledPattern("^(?:a|ab)").matches("ab"))
        #expect(!CompiledPattern("^[a-z]+").matches("abc1"))
        #expect(!CompiledPattern("^[a-z]+$").matches("abc\n"))
        #expect(CompiledPattern("[0-9]{2}").matches("42") && !CompiledPattern("[0-9]{2}").matches("421"))
    }

    @Test("the compiled subset compiles, everything else does not")
    func compilation() {
        for pattern in Self.compiled { #expect(BytePattern(pattern) != nil, "\(pattern)") }
        for pattern in Self.notCompiled { #expect(BytePattern(pattern) == nil, "\(pattern)") }
    }

    @Test("on every value of the edge corpus, each compiled pattern agrees with NSRegularExpression")
    func edgeValuesAgree() throws {
        var decided = 0
        for pattern in Self.compiled {
            let byteMatcher = try #require(BytePattern(pattern))
            let reference = CompiledPattern(pattern)
            let values = RecordRulesTests.edgeValues.compactMap { $0 } + ["a", "b", "ab", "aab", "aaaab", "a-", "-", "x.yz", "$12", "b"]
            for value in values {
                var text = value
                guard let decision = text.withUTF8({ byteMatcher.matches($0) }) else { continue }
                decided += 1
                #expect(decision == reference.matches(value), "\(pattern) on \(value.debugDescription)")
            }
        }
        #expect(decided > 1000)
    }

    @Test("random patterns of the subset agree with NSRegularExpression on values near them")
    func randomPatternsAgree() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var random = SplitMix64(seed: UInt64(seed))
            let (pattern, samples) = Self.randomPattern(&random)
            guard let byteMatcher = BytePattern(pattern) else {
                Issue.record("\(pattern) did not compile")
                return
            }
            let reference = CompiledPattern(pattern)
            for sample in samples {
                var text = sample
                guard let decision = text.withUTF8({ byteMatcher.matches($0) }) else { continue }
                #expect(decision == reference.matches(sample), "\(pattern) on \(sample.debugDescription)")
            }
        }
    }

    /// A pattern of 1–5 atoms with quantifiers, some of them groups of alternatives (or an alternation
    /// of literals), with values built to match it and their mutations.
    static func randomPattern(_ random: inout SplitMix64) -> (String, [String]) {
        let classes: [(String, [Character])] = [
            ("[A-Z]", Array("ABCXYZ")), ("[0-9]", Array("0189")), ("\\d", Array("357")), ("[a-c_]", Array("abc_")),
            ("-", ["-"]), ("x", ["x"]), ("\\.", ["."]), (".", Array("a.Z9 -")), ("[^a]", Array("bz-0")), ("\\w", Array("aZ_7")),
        ]
        if Int.random(in: 0..<5, using: &random) == 0 {
            let words = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                String((0..<Int.random(in: 0...3, using: &random)).map { _ in "abc".randomElement(using: &random)! })
            }
            let samples = words + words.map { $0 + "a" } + ["", "ab", "abc", "ca"]
            return ("^(?:" + words.joined(separator: "|") + ")$", samples)
        }
        let quantifiers: [(String, Int, Int)] = [("", 1, 1), ("?", 0, 1), ("*", 0, 4), ("+", 1, 4), ("{2}", 2, 2), ("{1,3}", 1, 3), ("{2,}", 2, 5)]
        let groupQuantifiers: [(String, Int, Int)] = [("", 1, 1), ("?", 0, 1), ("{2}", 2, 2), ("{0,2}", 0, 2)]
        /// An atom with a quantifier, as pattern text and a maker of text it matches.
        func quantifiedAtom(_ random: inout SplitMix64) -> (String, (inout SplitMix64) -> String) {
            let (atom, chars) = classes.randomElement(using: &random)!
            let (quantifier, minimum, maximum) = quantifiers.randomElement(using: &random)!
            return (atom + quantifier, { random in
                String((0..<Int.random(in: minimum...maximum, using: &random)).map { _ in chars.randomElement(using: &random)! })
            })
        }
        var pattern = Bool.random(using: &random) ? "^" : ""
        var parts: [(inout SplitMix64) -> String] = []
        var grouped = false  // one group at most: two could make more alternatives than compile
        for _ in 0..<Int.random(in: 1...5, using: &random) {
            guard !grouped, Int.random(in: 0..<4, using: &random) == 0 else {
                let (text, make) = quantifiedAtom(&random)
                pattern += text
                parts.append(make)
                continue
            }
            // A group of 1–3 alternatives of 0–2 atoms each.
            grouped = true
            let alternatives = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                (0..<Int.random(in: 0...2, using: &random)).map { _ in quantifiedAtom(&random) }
            }
            let (quantifier, minimum, maximum) = groupQuantifiers.randomElement(using: &random)!
            pattern += (Bool.random(using: &random) ? "(?:" : "(") + alternatives.map { $0.map(\.0).joined() }.joined(separator: "|") + ")" + quantifier
            parts.append { random in
                (0..<Int.random(in: minimum...maximum, using: &random)).map { _ in
                    alternatives.randomElement(using: &random)!.map { $0.1(&random) }.joined()
                }.joined()
            }
        }
        pattern += "$"
        var samples: [String] = []
        for _ in 0..<12 {
            var sample = ""
            for part in parts { sample += part(&random) }
            samples.append(sample)
            var mutated = Array(sample)
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where !mutated.isEmpty: mutated.remove(at: Int.random(in: 0..<mutated.count, using: &random))
            case 1: mutated.insert("aZ9-._ ".randomElement(using: &random)!, at: Int.random(in: 0...mutated.count, using: &random))
            case 2 where !mutated.isEmpty: mutated[Int.random(in: 0..<mutated.count, using: &random)] = "Q"
            default: mutated.append(contentsOf: "\n")
            }
            samples.append(String(mutated))
        }
        return (pattern, samples)
    }
}

/// `DecimalBound` orders numbers exactly as `CRMNumber` does.
@Suite("Decimal bounds agree with CRMNumber")
struct DecimalBoundTests {
    @Test("random numbers compared with random bounds")
    func randomNumbersAgree() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int.max)) { seed in
            var random = SplitMix64(seed: UInt64(seed))
            func number() -> String {
                let sign = Bool.random(using: &random) ? "-" : ""
                let zeros = String(repeating: "0", count: Int.random(in: 0...2, using: &random))
                let integer = String((0..<Int.random(in: 1...4, using: &random)).map { _ in "0159".randomElement(using: &random)! })
                let fraction = Bool.random(using: &random)
                    ? "." + String((0..<Int.random(in: 1...4, using: &random)).map { _ in "0159".randomElement(using: &random)! }) : ""
                return sign + zeros + integer + fraction
            }
            for _ in 0..<20 {
                let bound = CRMNumber(number())!
                let value = number()
                var text = value
                let compared = text.withUTF8 { DecimalBound(bound).compare($0) }
                #expect(compared == CRMNumber.compare(value, bound.text), "\(value) vs \(bound)")
            }
        }
    }
}
