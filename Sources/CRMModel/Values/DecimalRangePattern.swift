/// Regular expressions for number values within bounds: a JSON Schema cannot compare a number written in a
/// string, but a pattern can, digit by digit. The patterns use the same portable subset as `ValueGrammar`
/// (plus one lookahead where both bounds are needed) and accept exactly the strings of
/// `ValueGrammar.numberPattern` whose value lies within the bounds, whatever their leading zeros, trailing
/// fraction zeros or sign of zero (`-0.00` is 0).
public enum DecimalRangePattern {
    /// A pattern that matches no string: a `0` that is not a `0`. Python `re`, ECMA-262 and ICU all read
    /// it and never match it (unlike `(?!)` or `[]`, which not every dialect accepts).
    public static let nothing = #"^(?!0)0$"#

    /// An anchored pattern matching exactly the numbers (`-?[0-9]+(\.[0-9]+)?`) whose value v satisfies
    /// `minimum <= v <= maximum`; an absent bound does not limit. Both bounds absent give
    /// `ValueGrammar.numberPattern`. Bounds are number texts too; if `minimum > maximum`, or a bound is not
    /// a number text, the result is `nothing`.
    ///
    /// The pattern grows linearly with the digits of the bounds, as nested groups (one level a digit), up
    /// to 64 digits in a bound; longer bounds share groups among runs of digits (see `nested`).
    public static func pattern(minimum: String?, maximum: String?) -> String {
        if minimum == nil, maximum == nil { return ValueGrammar.numberPattern }
        var low: DecimalText?
        var high: DecimalText?
        if let minimum {
            guard let bound = DecimalText(minimum) else { return nothing }
            low = bound
        }
        if let maximum {
            guard let bound = DecimalText(maximum) else { return nothing }
            high = bound
        }
        if let low, let high, low > high { return nothing }

        // Split at zero: unsigned texts are values >= 0, texts with `-` are values <= 0 (`-0` is zero), so
        // each side is a range of magnitudes. Zero belongs to both sides when it lies in the range.
        var unsigned: (low: DecimalText, high: DecimalText?)?
        if high.map({ !$0.negative }) ?? true {
            unsigned = (low.map { $0.negative ? .zero : $0 } ?? .zero, high)
        }
        var signed: (low: DecimalText, high: DecimalText?)?
        if low.map({ $0.negative || $0.isZero }) ?? true {
            signed = (high.map { $0.negative ? $0.magnitude : .zero } ?? .zero, low?.magnitude)
        }
        switch (unsigned, signed) {
        case let (unsigned?, signed?) where unsigned.low == signed.low && unsigned.high == signed.high:
            return "^-?" + group(magnitudes(from: unsigned.low, to: unsigned.high)) + "$"
        case let (unsigned?, signed?):
            return "^(?:" + magnitudes(from: unsigned.low, to: unsigned.high)
                + "|-" + group(magnitudes(from: signed.low, to: signed.high)) + ")$"
        case let (unsigned?, nil):
            return "^" + group(magnitudes(from: unsigned.low, to: unsigned.high)) + "$"
        case let (nil, signed?):
            return "^-" + group(magnitudes(from: signed.low, to: signed.high)) + "$"
        case (nil, nil):
            return nothing  // not reached: low <= high puts zero or one side in range
        }
    }

    /// The exact order of two number texts: -1 if `a < b`, 0 if equal (`1.50` and `01.5`, `-0` and `0`),
    /// 1 if `a > b`. Texts outside the number grammar come before every number and among themselves in
    /// the order of their UTF-8 bytes, so the order stays total.
    public static func compare(_ a: String, _ b: String) -> Int {
        switch (DecimalText(a), DecimalText(b)) {
        case let (x?, y?): x < y ? -1 : (y < x ? 1 : 0)
        case (nil, _?): -1
        case (_?, nil): 1
        case (nil, nil): a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : (b.utf8.lexicographicallyPrecedes(a.utf8) ? 1 : 0)
        }
    }

    // MARK: - Magnitudes
    // A magnitude text is `[0-9]+(\.[0-9]+)?`: `0*`, the significant integer digits, then the fraction.
    // The patterns below compare significant digit counts first, then digits left to right, each
    // position opening one group that holds "smaller (or larger) here, anything after" or "equal here, go on".

    static let anyFraction = #"(?:\.[0-9]+)?"#
    static let anyMagnitude = "[0-9]+" + anyFraction

    /// Magnitudes in `low...high` (`high == nil`: no upper bound); `low <= high`, neither negative.
    static func magnitudes(from low: DecimalText, to high: DecimalText?) -> String {
        guard let high else { return low.isZero ? anyMagnitude : atLeast(low) }
        if low == high { return exactly(low) }
        if low.isZero { return atMost(high) }
        // Both ends: the lookahead checks one, the rest of the pattern the other. Python's and ICU's `$` may
        // also hold before a final line terminator, but then the rest would have to match that terminator,
        // which no magnitude pattern does.
        return "(?=" + group(atLeast(low)) + "$)" + group(atMost(high))
    }

    /// Magnitudes equal to `value`.
    static func exactly(_ value: DecimalText) -> String {
        let integer = value.integer.isEmpty ? "0+" : "0*" + digitsText(value.integer)
        let fraction = value.fraction.isEmpty ? #"(?:\.0+)?"# : #"\."# + digitsText(value.fraction) + "0*"
        return integer + fraction
    }

    /// Magnitudes `<= bound`.
    static func atMost(_ bound: DecimalText) -> String {
        let count = bound.integer.count
        var alternatives: [String] = []
        // Fewer significant integer digits: smaller whatever follows.
        if count >= 2 { alternatives.append("0*[0-9]" + repetition(1, count - 1) + anyFraction) }
        if count == 1 { alternatives.append("0+" + anyFraction) }
        // As many: compare digit by digit.
        var levels = bound.integer.enumerated().map { position, digit in
            let lowest: UInt8 = position == 0 ? 1 : 0  // the first significant digit is not 0
            let smaller = digit > lowest ? [digitClass(lowest, digit - 1) + anyDigits(count - position - 1) + anyFraction] : []
            return Level(deciding: smaller, equal: digitsText([digit]))
        }
        // Equal integer part: the fraction decides, digits missing at the end counting as 0, so the value
        // may stop after any equal digit but the first (and before the point).
        var tail = #"(?:\.0+)?"#
        if !bound.fraction.isEmpty {
            levels.append(Level(deciding: [""], equal: #"\."#))
            for (position, digit) in bound.fraction.enumerated() {
                let smaller = digit > 0 ? [digitClass(0, digit - 1) + "[0-9]*"] : []
                levels.append(Level(deciding: smaller + (position > 0 ? [""] : []), equal: digitsText([digit])))
            }
            tail = "0*"
        }
        alternatives.append((count == 0 ? "0+" : "0*") + nested(levels, tail: tail))
        return alternatives.joined(separator: "|")
    }

    /// Magnitudes `>= bound`.
    static func atLeast(_ bound: DecimalText) -> String {
        let count = bound.integer.count
        // More significant integer digits: larger whatever follows.
        let longer = "0*[1-9][0-9]" + (count == 0 ? "*" : repetition(count, nil)) + anyFraction
        var levels = bound.integer.enumerated().map { position, digit in
            let larger = digit < 9 ? [digitClass(digit + 1, 9) + anyDigits(count - position - 1) + anyFraction] : []
            return Level(deciding: larger, equal: digitsText([digit]))
        }
        var tail = anyFraction
        if !bound.fraction.isEmpty {
            // The fraction must reach every digit of the bound's: a shorter one is smaller.
            levels.append(Level(deciding: [], equal: #"\."#))
            for digit in bound.fraction {
                levels.append(Level(deciding: digit < 9 ? [digitClass(digit + 1, 9) + "[0-9]*"] : [], equal: digitsText([digit])))
            }
            tail = "[0-9]*"
        }
        return longer + "|" + (count == 0 ? "0+" : "0*") + nested(levels, tail: tail)
    }

    /// One position of a digit-by-digit comparison: the alternatives that decide it here (`""`: the value
    /// may end here), and the text that leaves it undecided.
    struct Level {
        var deciding: [String]
        var equal: String
    }

    /// How deep `nested` may nest groups: ICU rejects patterns nested about 100 deep, Python's `re` about
    /// 480 deep.
    static let maximumDepth = 64

    /// `levels` as nested groups around `tail`: `(?:decided|equal(?:decided|equal…tail))`, a group made
    /// optional where the value may end. Beyond `maximumDepth` levels, runs of levels share one group, their
    /// `equal` texts repeated at the front of the run's alternatives: the pattern then grows with the
    /// product of the digits and the run length, but the nesting stays within every dialect's limit (up to
    /// 4,096 digits; no dialect reads such a pattern anyway).
    static func nested(_ levels: [Level], tail: String) -> String {
        // Runs stay at most 64 long, so even a hostile bound of a million digits costs linear work.
        let run = min(64, max(1, (levels.count + maximumDepth - 1) / maximumDepth))
        var text = ""
        var closings: [String] = []  // innermost last
        var start = 0
        while start < levels.count {
            let end = min(start + run, levels.count)
            var alternatives: [String] = []
            var optional = false
            var prefix = ""
            for level in levels[start..<end] {
                for deciding in level.deciding {
                    if deciding.isEmpty, prefix.isEmpty { optional = true } else { alternatives.append(prefix + deciding) }
                }
                prefix += level.equal
            }
            if alternatives.isEmpty, !optional {
                text += prefix
            } else {
                text += "(?:" + alternatives.map { $0 + "|" }.joined() + prefix
                closings.append(optional ? ")?" : ")")
            }
            start = end
        }
        return text + tail + closings.reversed().joined()
    }

    // MARK: - Pattern text

    static func group(_ pattern: String) -> String { "(?:" + pattern + ")" }

    static func digitsText(_ digits: [UInt8]) -> String {
        String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
    }

    /// `[lo-hi]`, `[lo hi]` or the digit itself.
    static func digitClass(_ low: UInt8, _ high: UInt8) -> String {
        let lowText = digitsText([low]), highText = digitsText([high])
        if low == high { return lowText }
        if high == low + 1 { return "[" + lowText + highText + "]" }
        return "[" + lowText + "-" + highText + "]"
    }

    /// Exactly `count` digits.
    static func anyDigits(_ count: Int) -> String {
        count <= 0 ? "" : "[0-9]" + repetition(count, count)
    }

    /// `{n}`, `{n,m}`, `{n,}` (nothing for exactly one, `+` for one or more).
    static func repetition(_ low: Int, _ high: Int?) -> String {
        guard let high else { return low == 1 ? "+" : "{\(low),}" }
        if low == high { return low == 1 ? "" : "{\(low)}" }
        return "{\(low),\(high)}"
    }
}

/// A number text reduced to its value: sign, significant integer digits (no leading zeros) and fraction
/// digits (no trailing zeros), digits as 0–9. Zero is unsigned, so `-0.0` equals `0`.
struct DecimalText: Comparable {
    var negative: Bool
    var integer: [UInt8]
    var fraction: [UInt8]

    static let zero = DecimalText(negative: false, integer: [], fraction: [])

    init(negative: Bool, integer: [UInt8], fraction: [UInt8]) {
        self.negative = negative
        self.integer = integer
        self.fraction = fraction
    }

    /// `nil` unless `text` matches `-?[0-9]+(\.[0-9]+)?`.
    init?(_ text: String) {
        guard ValueGrammar.isNumber(text) else { return nil }
        var bytes = Substring(text).utf8[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
        integer = bytes[..<point].drop { $0 == UInt8(ascii: "0") }.map { $0 - UInt8(ascii: "0") }
        fraction = point == bytes.endIndex ? [] : bytes[bytes.index(after: point)...].map { $0 - UInt8(ascii: "0") }
        while fraction.last == 0 { fraction.removeLast() }
        if isZero { negative = false }
    }

    var isZero: Bool { integer.isEmpty && fraction.isEmpty }
    var magnitude: DecimalText { DecimalText(negative: false, integer: integer, fraction: fraction) }

    static func < (a: DecimalText, b: DecimalText) -> Bool {
        if a.negative != b.negative { return a.negative }
        // Same sign: compare magnitudes, reversed for negatives.
        return a.negative ? magnitudeLess(b, a) : magnitudeLess(a, b)
    }

    private static func magnitudeLess(_ a: DecimalText, _ b: DecimalText) -> Bool {
        if a.integer.count != b.integer.count { return a.integer.count < b.integer.count }
        if a.integer != b.integer { return a.integer.lexicographicallyPrecedes(b.integer) }
        // Without trailing zeros, a fraction that is a prefix of the other is the smaller one.
        return a.fraction.lexicographicallyPrecedes(b.fraction)
    }
}
