// One corpus, two checkers: Fixtures/value-grammar-corpus.json is read here and by value_grammar_corpus.py
// beside this file, which checks the same cases with Python's `re` (and with ECMA-262 through node, where
// node is installed).
//
// - `values`: {kind, value, valid}. Here each case is checked against the ValueGrammar matcher and against
//   NSRegularExpression with the exported pattern; Python reads the patterns from ValueGrammar.swift.
// - `ranges`: {minimum, maximum, pattern, accept, reject}. `pattern` is what DecimalRangePattern produced
//   when the corpus was written: the test below fails as soon as the code produces anything else, so the
//   Python check of the stored pattern is always a check of the code's pattern. After a deliberate change
//   to DecimalRangePattern, write the new patterns into the file and run the Python script again.
//   Valid flags of range cases were computed with Python's `decimal`, independently of this code.

@testable import CRMModel
import Foundation
import TestSupport
import Testing

@Suite("Value grammars")
struct ValueGrammarTests {
    // MARK: - Corpus

    @Test("corpus: each matcher and its pattern accept exactly the valid cases", arguments: GrammarKind.allCases)
    func corpus(kind: GrammarKind) throws {
        let cases = try Corpus.load().values.filter { $0.kind == kind.rawValue }
        #expect(cases.contains { $0.valid } && cases.contains { !$0.valid }, "no accepted or no rejected case for \(kind)")
        let regex = try FullMatch(kind.pattern)
        for item in cases {
            #expect(kind.matches(item.value) == item.valid, "\(kind) matcher on \(item.value.debugDescription)")
            #expect(kind.matchesSlice(item.value) == item.valid, "\(kind) matcher on a Substring of \(item.value.debugDescription)")
            #expect(regex.matches(item.value) == item.valid, "\(kind) pattern on \(item.value.debugDescription)")
        }
    }

    @Test("every value kind of the corpus is known")
    func corpusKinds() throws {
        let kinds = Set(try Corpus.load().values.map(\.kind))
        #expect(kinds == Set(GrammarKind.allCases.map(\.rawValue)))
    }

    @Test("corpus: stored range patterns are what the code produces, and accept exactly the values in range")
    func corpusRanges() throws {
        let ranges = try Corpus.load().ranges
        #expect(!ranges.isEmpty)
        for range in ranges {
            let pattern = DecimalRangePattern.pattern(minimum: range.minimum, maximum: range.maximum)
            #expect(pattern == range.pattern, "pattern for \(range.minimum ?? "-")...\(range.maximum ?? "-") changed")
            let regex = try FullMatch(pattern)
            for value in range.accept {
                #expect(regex.matches(value), "\(pattern) should accept \(value.debugDescription)")
                #expect(isInRange(value, minimum: range.minimum, maximum: range.maximum), "compare disagrees on \(value)")
            }
            for value in range.reject {
                #expect(!regex.matches(value), "\(pattern) should reject \(value.debugDescription)")
                #expect(!isInRange(value, minimum: range.minimum, maximum: range.maximum), "compare disagrees on \(value)")
            }
        }
    }

    // MARK: - Random agreement

    @Test("random strings: each matcher agrees with its pattern", arguments: GrammarKind.allCases)
    func randomAgreement(kind: GrammarKind) throws {
        let regex = try FullMatch(kind.pattern)
        let seeds = try Corpus.load().values.filter { $0.kind == kind.rawValue }.map(\.value)
        var random = SplitMix64(seed: 0x5EED_0000 + UInt64(GrammarKind.allCases.firstIndex(of: kind) ?? 0))
        var accepted = 0
        for _ in 0..<5_000 {
            let value = RandomText.make(alphabet: kind.alphabet, seeds: seeds, using: &random)
            let expected = regex.matches(value)
            #expect(kind.matches(value) == expected, "\(kind) matcher and pattern disagree on \(value.debugDescription)")
            if expected { accepted += 1 }
        }
        // The generator must reach both sides for the comparison to mean anything.
        #expect(accepted >= 50 && accepted <= 4_950, "\(kind): \(accepted) of 5000 accepted")
    }

    @Test("random bounds and values: range patterns agree with compare")
    func randomRanges() throws {
        var random = SplitMix64(seed: 0xDEC1_3A1)
        for _ in 0..<300 {
            let minimum = random.next() % 5 == 0 ? nil : RandomText.decimal(using: &random)
            let maximum = random.next() % 5 == 0 ? nil : RandomText.decimal(using: &random)
            let pattern = DecimalRangePattern.pattern(minimum: minimum, maximum: maximum)
            let regex = try FullMatch(pattern)
            var values = (0..<40).map { _ in RandomText.decimal(using: &random) }
            values += [minimum, maximum].compactMap { $0 }
            for value in values {
                #expect(regex.matches(value) == isInRange(value, minimum: minimum, maximum: maximum),
                        "\(pattern) on \(value) for \(minimum ?? "-")...\(maximum ?? "-")")
            }
        }
    }

    @Test("compare is exact where a Double is (up to 15 significant digits)")
    func compareAgainstDouble() {
        var random = SplitMix64(seed: 0xC0A1)
        for _ in 0..<20_000 {
            let a = RandomText.decimal(using: &random), b = RandomText.decimal(using: &random)
            guard let x = Double(a), let y = Double(b) else {
                Issue.record("not a Double: \(a) or \(b)")
                continue
            }
            #expect(DecimalRangePattern.compare(a, b) == (x < y ? -1 : (x > y ? 1 : 0)), "\(a) vs \(b)")
        }
    }

    // MARK: - Details

    @Test("compare: equal values written differently, signs, long numbers, invalid texts")
    func compare() {
        let cases: [(String, String, Int)] = [
            ("1.50", "01.5", 0), ("-0", "0", 0), ("-0.000", "00", 0), ("100.000", "100", 0), ("000.5", "0.50", 0),
            ("-1", "0", -1), ("0.1", "0.09", 1), ("-0.1", "-0.09", -1), ("10", "9.99", 1), ("-10", "-9.99", -1),
            ("99999999999999999999", "100000000000000000000", -1), ("123456789012345678901.5", "123456789012345678901.49", 1),
            ("1e3", "0", -1), ("0", "", 1), ("+1", "+1", 0), ("abc", "abd", -1),
        ]
        for (a, b, expected) in cases {
            #expect(DecimalRangePattern.compare(a, b) == expected, "\(a) vs \(b)")
            #expect(DecimalRangePattern.compare(b, a) == -expected, "\(b) vs \(a)")
        }
    }

    @Test("range patterns for bounds outside the grammar or in the wrong order match nothing")
    func emptyRanges() throws {
        let nothing = try FullMatch(DecimalRangePattern.nothing)
        for value in ["", "0", "00", "-0", "1", "a", "\n", "0\n"] { #expect(!nothing.matches(value)) }
        #expect(DecimalRangePattern.pattern(minimum: "2", maximum: "1") == DecimalRangePattern.nothing)
        #expect(DecimalRangePattern.pattern(minimum: "1e3", maximum: nil) == DecimalRangePattern.nothing)
        #expect(DecimalRangePattern.pattern(minimum: nil, maximum: ".5") == DecimalRangePattern.nothing)
        #expect(DecimalRangePattern.pattern(minimum: nil, maximum: nil) == ValueGrammar.numberPattern)
    }

    @Test("range patterns grow linearly up to 64 digits, and bounds of hundreds of digits still work in ICU")
    func longBounds() throws {
        let size = { (digits: Int) in
            let bound = String(repeating: "7", count: digits)
            return DecimalRangePattern.pattern(minimum: "0." + bound, maximum: bound + "." + bound).utf8.count
        }
        #expect(Double(size(30)) / Double(size(15)) < 2.2)
        let digits = String(repeating: "7", count: 300)
        let minimum = "-" + digits + "." + digits, maximum = digits + "." + digits
        let regex = try FullMatch(DecimalRangePattern.pattern(minimum: minimum, maximum: maximum))
        let inside = [minimum, maximum, "0", "-0", digits, maximum + "000", "-00" + digits, String(repeating: "7", count: 299) + "6"]
        let outside = [maximum + "1", minimum + "01", "1" + digits, String(repeating: "7", count: 299) + "8", "-" + digits + "8"]
        for value in inside { #expect(regex.matches(value), "\(value.prefix(20))… should be in range") }
        for value in outside { #expect(!regex.matches(value), "\(value.prefix(20))… should be out of range") }
    }

    @Test("epoch milliseconds: the years 0001–9999 in UTC, 1–15 digits, leading zeros and -0")
    func epochMilliseconds() {
        #expect(ValueGrammar.epochMilliseconds("-0") == 0)
        #expect(ValueGrammar.epochMilliseconds("000000000000042") == 42)
        #expect(ValueGrammar.epochMilliseconds("253402300799999") == 253_402_300_799_999)
        #expect(ValueGrammar.epochMilliseconds("253402300800000") == nil)
        #expect(ValueGrammar.epochMilliseconds("-62135596800000") == -62_135_596_800_000)
        #expect(ValueGrammar.epochMilliseconds("-62135596800001") == nil)
        #expect(ValueGrammar.epochMilliseconds("0000000000000000") == nil)
        #expect(ValueGrammar.epochMilliseconds("2024-01-01") == nil)
        #expect(ValueGrammar.epochMilliseconds("") == nil)
        #expect(ValueGrammar.epochMilliseconds("-") == nil)
        #expect(ValueGrammar.epochMilliseconds(String(repeating: "9", count: 100_000)) == nil)
        // The bounds are the first and last milliseconds of the years 1–9999, counted in days from 1970.
        let daysOfYear = { (year: Int) in (1...12).reduce(0) { $0 + ValueGrammar.daysInMonth(year: year, month: $1) } }
        let daysBefore1970 = (1..<1970).reduce(0) { $0 + daysOfYear($1) }
        let daysFrom1970 = (1970...9999).reduce(0) { $0 + daysOfYear($1) }
        #expect(ValueGrammar.epochMillisecondsRange == -daysBefore1970 * 86_400_000...daysFrom1970 * 86_400_000 - 1)
    }

    @Test("calendar days: Gregorian leap years, years 1–9999")
    func calendarDays() {
        #expect(ValueGrammar.isCalendarDay(year: 2024, month: 2, day: 29))
        #expect(ValueGrammar.isCalendarDay(year: 2000, month: 2, day: 29))
        #expect(!ValueGrammar.isCalendarDay(year: 2023, month: 2, day: 29))
        #expect(!ValueGrammar.isCalendarDay(year: 1900, month: 2, day: 29))
        #expect(!ValueGrammar.isCalendarDay(year: 0, month: 1, day: 1))
        #expect(!ValueGrammar.isCalendarDay(year: 10_000, month: 1, day: 1))
        #expect(!ValueGrammar.isCalendarDay(year: 2024, month: 13, day: 1))
        #expect(!ValueGrammar.isCalendarDay(year: 2024, month: 4, day: 31))
        #expect(!ValueGrammar.isCalendarDay(year: Int.min, month: Int.max, day: Int.min))
        // Every day of a 400-year cycle agrees with Foundation's Gregorian calendar.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        for year in 2000..<2400 {
            for month in 1...12 {
                let days = calendar.range(of: .day, in: .month, for: calendar.date(from: DateComponents(year: year, month: month)) ?? Date())
                #expect(ValueGrammar.daysInMonth(year: year, month: month) == days?.count, "\(year)-\(month)")
            }
        }
    }

    @Test("long and hostile inputs are answered, not crashed on", arguments: GrammarKind.allCases)
    func hostileInputs(kind: GrammarKind) {
        let long = [
            String(repeating: "9", count: 100_000), String(repeating: "a.", count: 50_000) + "com",
            "a@" + String(repeating: "b", count: 100_000) + ".com", "http://x.io/" + String(repeating: "é", count: 100_000),
            String(repeating: "-", count: 100_000), String(repeating: "\u{10FFFF}", count: 10_000), "\u{0}", "",
        ]
        for value in long { _ = kind.matches(value) }
        #expect(!kind.matches(""))
    }
}

// MARK: - Support

enum GrammarKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case number, date, datetime, bool, domain, email, url, phone

    var description: String { rawValue }

    var pattern: String {
        switch self {
        case .number: ValueGrammar.numberPattern
        case .date: ValueGrammar.datePattern
        case .datetime: ValueGrammar.datetimePattern
        case .bool: ValueGrammar.boolPattern
        case .domain: ValueGrammar.domainPattern
        case .email: ValueGrammar.emailPattern
        case .url: ValueGrammar.urlPattern
        case .phone: ValueGrammar.phonePattern
        }
    }

    func matches(_ value: String) -> Bool {
        switch self {
        case .number: ValueGrammar.isNumber(value)
        case .date: ValueGrammar.isDate(value)
        case .datetime: ValueGrammar.isDatetime(value)
        case .bool: ValueGrammar.isBool(value)
        case .domain: ValueGrammar.isDomain(value)
        case .email: ValueGrammar.isEmail(value)
        case .url: ValueGrammar.isURL(value)
        case .phone: ValueGrammar.isPhone(value)
        }
    }

    /// The `Substring` overload, on a slice of a longer string.
    func matchesSlice(_ value: String) -> Bool {
        let padded = "x" + value + "x"
        let start = padded.utf8.index(after: padded.utf8.startIndex)
        let end = padded.utf8.index(before: padded.utf8.endIndex)
        let slice = padded[start..<end]
        switch self {
        case .number: return ValueGrammar.isNumber(slice)
        case .date: return ValueGrammar.isDate(slice)
        case .datetime: return ValueGrammar.isDatetime(slice)
        case .bool: return ValueGrammar.isBool(slice)
        case .domain: return ValueGrammar.isDomain(slice)
        case .email: return ValueGrammar.isEmail(slice)
        case .url: return ValueGrammar.isURL(slice)
        case .phone: return ValueGrammar.isPhone(slice)
        }
    }

    /// Characters random strings are made of: the grammar's own, and near misses.
    var alphabet: [String] {
        let characters: String = switch self {
        case .number: "0123456789-.-.+e\u{661} "
        case .date, .datetime: "0123456789-:Tt.Zz+ 0123456789-\u{FF11}"
        case .bool: "truefalsTRUEF "
        case .domain: "ab-.0Zé😀_ \u{2028}\u{2029}\u{85}\n"
        case .email: "a@.-b é\t\"😀_\u{7F}\u{85}\n"
        case .url: "hHtTpPsS:/.?#@a-1é %\u{7F}\u{2028}\n"
        case .phone: "0123456789 +-().extEXTa#,\u{FF11}"
        }
        return characters.unicodeScalars.map { String($0) }
    }
}

/// Whether `value` is a number within the bounds, by `DecimalRangePattern.compare`.
func isInRange(_ value: String, minimum: String?, maximum: String?) -> Bool {
    guard ValueGrammar.isNumber(value) else { return false }
    if let minimum, !ValueGrammar.isNumber(minimum) || DecimalRangePattern.compare(minimum, value) > 0 { return false }
    if let maximum, !ValueGrammar.isNumber(maximum) || DecimalRangePattern.compare(value, maximum) > 0 { return false }
    return true
}

/// A pattern matched against whole values, as `CompiledPattern` in CRMRuntime matches them.
struct FullMatch {
    let expression: NSRegularExpression

    init(_ pattern: String) throws { expression = try NSRegularExpression(pattern: pattern) }

    func matches(_ value: String) -> Bool {
        let range = NSRange(value.startIndex..., in: value)
        guard let match = expression.firstMatch(in: value, options: [.anchored], range: range) else { return false }
        return match.range == range
    }
}

struct Corpus: Decodable {
    struct Value: Decodable {
        let kind: String
        let value: String
        let valid: Bool
    }

    struct Range: Decodable {
        let minimum: String?
        let maximum: String?
        let pattern: String
        let accept: [String]
        let reject: [String]
    }

    let values: [Value]
    let ranges: [Range]

    static func load() throws -> Corpus {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent("value-grammar-corpus.json")
        return try JSONDecoder().decode(Corpus.self, from: Data(contentsOf: url))
    }
}

enum RandomText {
    /// Half the time a short string over `alphabet`; otherwise a corpus value with a few characters
    /// replaced, inserted or removed, which lands near the grammar's edges.
    static func make(alphabet: [String], seeds: [String], using random: inout SplitMix64) -> String {
        guard Bool.random(using: &random), !seeds.isEmpty else {
            let length = Int.random(in: 0...24, using: &random)
            return (0..<length).map { _ in alphabet.randomElement(using: &random) ?? "" }.joined()
        }
        var scalars = Array((seeds.randomElement(using: &random) ?? "").unicodeScalars).map { String($0) }
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            let replacement = alphabet.randomElement(using: &random) ?? ""
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where !scalars.isEmpty: scalars[Int.random(in: 0..<scalars.count, using: &random)] = replacement
            case 1: scalars.insert(replacement, at: Int.random(in: 0...scalars.count, using: &random))
            case 2 where !scalars.isEmpty: scalars.remove(at: Int.random(in: 0..<scalars.count, using: &random))
            default: break
            }
        }
        return scalars.joined()
    }

    /// A number text with up to 4 integer digits (leading zeros likely) and up to 3 fraction digits.
    static func decimal(using random: inout SplitMix64) -> String {
        let digits = "0012345678999".map { String($0) }
        var text = Bool.random(using: &random) ? "-" : ""
        text += (0..<Int.random(in: 1...4, using: &random)).map { _ in digits.randomElement(using: &random) ?? "0" }.joined()
        if Bool.random(using: &random) {
            text += "." + (0..<Int.random(in: 1...3, using: &random)).map { _ in digits.randomElement(using: &random) ?? "0" }.joined()
        }
        return text
    }
}
