/// One property's rule compiled to a test of a value's UTF-8 bytes: whether ``ValueRules`` would find
/// nothing wrong with that value. It says nothing about why: when it fails, the rules themselves run
/// and write the issues, so messages come from one place.
final class PropertyCheck: Sendable {
    /// Which test, its data in the fields below. A class: the hot loops read a check in place, where a
    /// struct holding references would be copied, each reference retained and released.
    enum Rule: Sendable {
        case text, number, bool, date, datetime, option, options
    }

    let rule: Rule
    let required: Bool
    private let minimumLength: Int?
    private let maximumLength: Int?
    private let pattern: PatternCheck?
    private let format: PropertyFormat?
    private let minimum: DecimalBound?
    private let maximum: DecimalBound?
    private let options: OptionSet?

    init(_ property: PropertySchema, patterns: inout [String: PatternCheck]) {
        let plan = ValidationPlan(property)
        required = plan.required
        var lengths: (Int?, Int?) = (nil, nil)
        var compiledPattern: PatternCheck?
        var textFormat: PropertyFormat?
        var bounds: (DecimalBound?, DecimalBound?) = (nil, nil)
        var optionSet: OptionSet?
        switch plan.kind {
        case let .text(minLength, maxLength, pattern, format):
            rule = .text
            lengths = (minLength, maxLength)
            textFormat = format
            compiledPattern = pattern.map { text in
                let compiled = patterns[text] ?? PatternCheck(text)
                patterns[text] = compiled
                return compiled
            }
        case let .number(minimum, maximum):
            rule = .number
            bounds = (minimum.map(DecimalBound.init), maximum.map(DecimalBound.init))
        case .bool: rule = .bool
        case .date: rule = .date
        case .datetime: rule = .datetime
        case .option, .options:
            rule = plan.kind == .option ? .option : .options
            optionSet = OptionSet(property.options.map(\.value))
        }
        (minimumLength, maximumLength) = lengths
        pattern = compiledPattern
        format = textFormat
        (minimum, maximum) = bounds
        options = optionSet
    }

    /// Whether the rules find nothing wrong with `value`, a value that is present (not `""`).
    func accepts(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        switch rule {
        case .text:
            if minimumLength != nil || maximumLength != nil {
                let length = Self.codePoints(value)
                if let minimumLength, length < minimumLength { return false }
                if let maximumLength, length > maximumLength { return false }
            }
            if let pattern, !pattern.matches(value) { return false }
            guard let format else { return true }
            switch format {
            case .email: return ValueGrammar.email(value)
            case .url: return ValueGrammar.url(value)
            case .domain: return ValueGrammar.domain(value, from: 0, to: value.count)
            case .phone: return ValueGrammar.phone(value)
            }
        case .number:
            guard ValueGrammar.number(value) else { return false }
            if let minimum, minimum.compare(value) < 0 { return false }
            if let maximum, maximum.compare(value) > 0 { return false }
            return true
        case .bool: return ValueGrammar.bool(value)
        case .date: return ValueGrammar.date(value)
        case .datetime: return ValueGrammar.datetime(value)
        case .option: return options?.contains(value) ?? false
        case .options:
            guard let options else { return false }
            // `;`-separated; empty parts are skipped, as `HubSpotValueFormat.multiSelect` does.
            var start = 0
            for index in 0...value.count where index == value.count || value[index] == UInt8(ascii: ";") {
                if index > start, !options.contains(UnsafeBufferPointer(rebasing: value[start..<index])) { return false }
                start = index + 1
            }
            return true
        }
    }

    /// Unicode code points of valid UTF-8: the bytes that are not continuation bytes.
    private static func codePoints(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}

/// A definition's pattern: matched over bytes where ``BytePattern`` compiles it and the value allows,
/// else by `NSRegularExpression` through ``CompiledPattern``, exactly as ``ValueRules`` matches it.
final class PatternCheck: Sendable {
    private let bytePattern: BytePattern?
    private let fallback: CompiledPattern

    init(_ pattern: String) {
        bytePattern = BytePattern(pattern)
        fallback = CompiledPattern(pattern)
    }

    func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if let decided = bytePattern?.matches(value) { return decided }
        return fallback.matches(String(decoding: value, as: UTF8.self))
    }
}

/// A property's option values. Swift compares strings by canonical equivalence (`"\u{212A}"`, the
/// Kelvin sign, equals `"K"`), as the rules do; bytes decide alone only where that cannot matter:
/// a match, or a value and options all ASCII.
struct OptionSet: Sendable {
    private let table: ByteStringTable
    private let values: Set<String>
    private let allASCII: Bool

    init(_ values: [String]) {
        table = ByteStringTable(values)
        self.values = Set(values)
        allASCII = values.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
    }

    func contains(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if table.contains(value) { return true }
        if allASCII, value.allSatisfy({ $0 < 0x80 }) { return false }
        return values.contains(String(decoding: value, as: UTF8.self))
    }
}
