/// A regular expression of the shapes CRM definitions use, compiled to a matcher of whole values over
/// UTF-8 bytes: an optional `^`, alternatives of sequences of atoms and groups each with a quantifier,
/// and an optional `$` (`^[A-Z]{2}-[0-9]{4,}$`, `^(?:EU|US|APAC)-[a-z]{3,8}$`, `^[0-9]{5}(?:-[0-9]{4})?$`).
/// An atom is an ASCII character, an escaped punctuation character, `.`, `\d`, `\w`, or a class
/// (`[A-Za-z_]`, `[^@]`) of ASCII characters, ranges and those escapes. Groups (`(?:…)` or `(…)`) are
/// expanded into the alternatives they make, up to 64 of them, so a group may
/// repeat only a bounded number of times. Any other syntax (lookaround, flags, back references, lazy or
/// possessive quantifiers, `\s`, `(?:…)*`) does not compile: such patterns are matched by
/// `NSRegularExpression` alone, through ``CompiledPattern``.
///
/// The matcher decides exactly what `CompiledPattern.matches` decides, for values of ASCII characters
/// other than the line terminators `\n`, `\v`, `\f`, `\r`; for any other value ``matches(_:)`` returns
/// `nil` and ICU decides. On those values the two cannot differ: ICU's `\d`, `\w` and `[^…]` also take
/// non-ASCII characters, and its `$` also matches before a final line terminator.
struct BytePattern: Sendable {
    /// One atom and its quantifier: from `minimum` to `maximum` bytes of `set`.
    struct Item: Hashable, Sendable {
        var set: ASCIISet
        var minimum: Int
        var maximum: Int
    }

    /// Sequences of items, any one of which may match the whole value.
    let alternatives: [[Item]]
    /// For each alternative, whether taking as many bytes as each item allows is the only way to match:
    /// then one pass decides, without the general search.
    private let greedy: [Bool]

    /// Counts above this (`{0,100000}`) do not compile: ICU's limits differ and no definition needs them.
    static let maximumCount = 65_535

    /// `nil` when the pattern uses syntax outside the compiled subset.
    init?(_ pattern: String) {
        var parser = PatternParser(Array(pattern.utf8))
        guard let alternatives = parser.parse() else { return nil }
        self.alternatives = alternatives
        greedy = alternatives.map(Self.isGreedy)
    }

    /// Whether every item whose count may vary is followed by items none of which can take a byte of its
    /// set, up to the first that must take at least one. Then no match gives an item fewer bytes than it can take.
    private static func isGreedy(_ items: [Item]) -> Bool {
        for (position, item) in items.enumerated() where item.minimum != item.maximum {
            for next in items[(position + 1)...] {
                if !next.set.isDisjoint(with: item.set) { return false }
                if next.minimum > 0 { break }
            }
        }
        return true
    }

    private static func matchesGreedily(_ items: [Item], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = 0
        for item in items {
            let start = position
            while position < bytes.count, position - start < item.maximum, item.set.contains(bytes[position]) { position += 1 }
            if position - start < item.minimum { return false }
        }
        return position == bytes.count
    }

    /// Whether the whole value matches; `nil` when the value has a byte that is not ASCII or is a line
    /// terminator, which only ICU decides.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        for byte in bytes where byte >= 0x80 || (byte >= 0x0A && byte <= 0x0D) { return nil }
        for (items, greedy) in zip(alternatives, greedy) {
            if greedy ? Self.matchesGreedily(items, bytes) : Self.matches(items, bytes) { return true }
        }
        return false
    }

    /// Whether `items` match all of `bytes`, in time linear in items × bytes: the set of positions where
    /// the next item may start, advanced one item at a time.
    private static func matches(_ items: [Item], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (count + 2)) { buffer in
            // `starts[p] != 0`: the items so far can end at p. `runs[p]`: bytes of the item's set from p on.
            // `marks`: a difference array of the positions the item can end at.
            let starts = UnsafeMutableBufferPointer(rebasing: buffer[0..<(count + 2)])
            let runs = UnsafeMutableBufferPointer(rebasing: buffer[(count + 2)..<(2 * count + 4)])
            let marks = UnsafeMutableBufferPointer(rebasing: buffer[(2 * count + 4)..<(3 * count + 6)])
            starts.update(repeating: 0)
            starts[0] = 1
            for item in items {
                runs[count] = 0
                var position = count - 1
                while position >= 0 {
                    runs[position] = item.set.contains(bytes[position]) ? runs[position + 1] + 1 : 0
                    position -= 1
                }
                marks.update(repeating: 0)
                var any = false
                for start in 0...count where starts[start] != 0 && runs[start] >= item.minimum {
                    let longest = min(runs[start], item.maximum)
                    marks[start + item.minimum] += 1
                    marks[start + longest + 1] -= 1
                    any = true
                }
                guard any else { return false }
                var open = 0
                for end in 0...count {
                    open += marks[end]
                    starts[end] = open > 0 ? 1 : 0
                }
            }
            return starts[count] != 0
        }
    }
}

/// A set of ASCII bytes.
struct ASCIISet: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    init(_ byte: UInt8) { insert(byte) }

    init(_ range: ClosedRange<UInt8>) {
        for byte in range { insert(byte) }
    }

    static let digits = ASCIISet(UInt8(ascii: "0")...UInt8(ascii: "9"))
    /// ICU's `\w` on ASCII.
    static let word = digits.union(ASCIISet(UInt8(ascii: "a")...UInt8(ascii: "z")))
        .union(ASCIISet(UInt8(ascii: "A")...UInt8(ascii: "Z"))).union(ASCIISet(UInt8(ascii: "_")))
    /// ICU's `.` on ASCII: everything but the line terminators.
    static let dot = ASCIISet(0...0x7F).subtracting(ASCIISet(0x0A...0x0D))

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    func isDisjoint(with other: ASCIISet) -> Bool { low & other.low == 0 && high & other.high == 0 }

    func union(_ other: ASCIISet) -> ASCIISet {
        var result = self
        result.low |= other.low
        result.high |= other.high
        return result
    }

    func subtracting(_ other: ASCIISet) -> ASCIISet {
        var result = self
        result.low &= ~other.low
        result.high &= ~other.high
        return result
    }

    /// Every ASCII byte not in the set.
    var inverted: ASCIISet { ASCIISet(0...0x7F).subtracting(self) }
}

/// Reads the subset of ICU's syntax that `BytePattern` compiles; `nil` for anything else.
private struct PatternParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Alternatives beyond this many (after groups are expanded) do not compile: ICU decides.
    static let maximumAlternatives = 64
    /// A group repeated more than this many times (`(?:ab){0,100}`, `(?:ab)*`) does not compile.
    static let maximumGroupRepeat = 16
    /// Groups nested deeper than this do not compile.
    static let maximumGroupDepth = 8

    mutating func parse() -> [[BytePattern.Item]]? {
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        var end = bytes.count
        // Patterns match whole values (`WholeValuePattern`), so a final `$` changes nothing on the values
        // decided here, which hold no line terminator; nor does a first `^`.
        if end > 0, bytes[end - 1] == UInt8(ascii: "$"), !isEscaped(at: end - 1) { end -= 1 }
        if bytes.first == UInt8(ascii: "^") { index = 1 }
        guard index <= end, let alternatives = alternation(until: end, depth: 0), index == end else { return nil }
        return alternatives
    }

    /// Whether an odd number of backslashes stands before `position`.
    private func isEscaped(at position: Int) -> Bool {
        var count = 0
        var before = position - 1
        while before >= 0, bytes[before] == UInt8(ascii: "\\") {
            count += 1
            before -= 1
        }
        return count % 2 == 1
    }

    /// `a|b|c` up to `end` or a `)`: every way through it, each group expanded, as sequences of items.
    /// A whole-value match of a group followed by more is a match of one of its alternatives followed
    /// by the rest, so expanding groups keeps exactly the values that match.
    private mutating func alternation(until end: Int, depth: Int) -> [[BytePattern.Item]]? {
        var alternatives: [[BytePattern.Item]] = []
        while true {
            guard let ways = sequence(until: end, depth: depth) else { return nil }
            alternatives += ways
            guard alternatives.count <= Self.maximumAlternatives else { return nil }
            guard index < end, bytes[index] == UInt8(ascii: "|") else { return alternatives }
            index += 1
        }
    }

    /// Atoms, groups and their quantifiers up to `end`, a `|` or a `)`: the ways through them.
    private mutating func sequence(until end: Int, depth: Int) -> [[BytePattern.Item]]? {
        var ways: [[BytePattern.Item]] = [[]]
        while index < end, bytes[index] != UInt8(ascii: "|"), bytes[index] != UInt8(ascii: ")") {
            guard bytes[index] == UInt8(ascii: "(") else {
                guard let set = atom(until: end), let (minimum, maximum) = quantifier(until: end) else { return nil }
                for way in ways.indices { ways[way].append(BytePattern.Item(set: set, minimum: minimum, maximum: maximum)) }
                continue
            }
            guard depth < Self.maximumGroupDepth, let inner = group(until: end, depth: depth),
                  let (minimum, maximum) = quantifier(until: end), maximum <= Self.maximumGroupRepeat,
                  let repeated = Self.repeating(inner, minimum: minimum, maximum: maximum),
                  let joined = Self.joining(ways, repeated)
            else { return nil }
            ways = joined
        }
        return ways
    }

    /// After a `(`: a group, `(?:…)` or `(…)` (what a group captures does not change whether a value
    /// matches); any other `(?` syntax does not compile.
    private mutating func group(until end: Int, depth: Int) -> [[BytePattern.Item]]? {
        index += 1
        if index + 1 < end, bytes[index] == UInt8(ascii: "?"), bytes[index + 1] == UInt8(ascii: ":") {
            index += 2
        } else if index < end, bytes[index] == UInt8(ascii: "?") {
            return nil
        }
        guard let alternatives = alternation(until: end, depth: depth + 1), index < end, bytes[index] == UInt8(ascii: ")") else { return nil }
        index += 1
        return alternatives
    }

    /// Every way through `minimum` to `maximum` repetitions of `ways`.
    private static func repeating(_ ways: [[BytePattern.Item]], minimum: Int, maximum: Int) -> [[BytePattern.Item]]? {
        var result: [[BytePattern.Item]] = []
        var power: [[BytePattern.Item]] = [[]]
        for count in 0...maximum {
            if count >= minimum { result += power }
            guard result.count <= maximumAlternatives else { return nil }
            if count == maximum { break }
            guard let next = joining(power, ways) else { return nil }
            power = next
        }
        return result
    }

    /// Each of `first` followed by each of `second`.
    private static func joining(_ first: [[BytePattern.Item]], _ second: [[BytePattern.Item]]) -> [[BytePattern.Item]]? {
        guard first.count * second.count <= maximumAlternatives else { return nil }
        return first.flatMap { head in second.map { head + $0 } }
    }

    private mutating func atom(until end: Int) -> ASCIISet? {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\\"):
            guard index < end else { return nil }
            return escape()
        case UInt8(ascii: "["): return characterClass(until: end)
        case UInt8(ascii: "."): return .dot
        case UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "|"), UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return nil
        default: return ASCIISet(byte)
        }
    }

    /// After a `\`: `\d`, `\w`, or an escaped punctuation character; letters and digits name other
    /// things in ICU (`\s`, `\b`, `\p{…}`, `\1`) and do not compile.
    private mutating func escape() -> ASCIISet? {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "d"): return .digits
        case UInt8(ascii: "w"): return .word
        default:
            guard !ASCIISet.word.contains(byte), byte != UInt8(ascii: " ") else { return nil }
            return ASCIISet(byte)
        }
    }

    /// After a `[`: characters, ranges, `\d`, `\w` and escaped punctuation, up to `]`; `^` first negates.
    /// ICU's set operations (`[[a-z]&&[^aeiou]]`, `[a-z--[aeiou]]`), POSIX names and properties do not compile.
    private mutating func characterClass(until end: Int) -> ASCIISet? {
        var negated = false
        if index < end, bytes[index] == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var set = ASCIISet()
        var first = true
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "]"), !first {
                index += 1
                return negated ? set.inverted : set
            }
            first = false
            if byte == UInt8(ascii: "-"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "-") { return nil }
            guard byte != UInt8(ascii: "["), byte != UInt8(ascii: "]"), byte != UInt8(ascii: "&"), byte != UInt8(ascii: ":") else { return nil }
            guard let low = classMember(until: end) else { return nil }
            guard case .byte(let lowByte) = low else {
                if case .set(let members) = low { set = set.union(members) }
                continue
            }
            // A range `a-z`; a `-` before `]` is itself.
            if index + 1 < end, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
                index += 1
                guard lowByte != UInt8(ascii: "-"), bytes[index] != UInt8(ascii: "-"), let high = classMember(until: end), case .byte(let highByte) = high,
                      lowByte <= highByte
                else { return nil }
                set = set.union(ASCIISet(lowByte...highByte))
            } else {
                set.insert(lowByte)
            }
        }
        return nil
    }

    private enum ClassMember {
        case byte(UInt8)
        case set(ASCIISet)
    }

    private mutating func classMember(until end: Int) -> ClassMember? {
        let byte = bytes[index]
        index += 1
        guard byte == UInt8(ascii: "\\") else { return .byte(byte) }
        guard index < end else { return nil }
        let escaped = bytes[index]
        index += 1
        switch escaped {
        case UInt8(ascii: "d"): return .set(.digits)
        case UInt8(ascii: "w"): return .set(.word)
        default:
            guard !ASCIISet.word.contains(escaped), escaped != UInt8(ascii: " ") else { return nil }
            return .byte(escaped)
        }
    }

    /// `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` or none; a lazy or possessive mark after it does not compile.
    private mutating func quantifier(until end: Int) -> (Int, Int)? {
        guard index < end else { return (1, 1) }
        let bounds: (Int, Int)
        switch bytes[index] {
        case UInt8(ascii: "?"): bounds = (0, 1)
        case UInt8(ascii: "*"): bounds = (0, Int.max)
        case UInt8(ascii: "+"): bounds = (1, Int.max)
        case UInt8(ascii: "{"):
            index += 1
            guard let minimum = count(until: end), index < end else { return nil }
            var maximum = minimum
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                guard index < end else { return nil }
                if bytes[index] == UInt8(ascii: "}") {
                    maximum = Int.max
                } else {
                    guard let bound = count(until: end), bound >= minimum else { return nil }
                    maximum = bound
                }
            }
            guard index < end, bytes[index] == UInt8(ascii: "}") else { return nil }
            bounds = (minimum, maximum)
        default: return (1, 1)
        }
        index += 1
        if index < end, bytes[index] == UInt8(ascii: "?") || bytes[index] == UInt8(ascii: "+")
            || bytes[index] == UInt8(ascii: "*") || bytes[index] == UInt8(ascii: "{") {
            return nil
        }
        return bounds
    }

    private mutating func count(until end: Int) -> Int? {
        let start = index
        var value = 0
        while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            guard value <= BytePattern.maximumCount else { return nil }
            index += 1
        }
        return index > start ? value : nil
    }
}
