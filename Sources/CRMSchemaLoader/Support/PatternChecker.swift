import CRMModel
import Foundation

/// Whether a `pattern` compiles, remembered per pattern text: generated definitions
/// repeat the same few patterns many times, and compiling one costs far more than a lookup.
final class PatternChecker {
    enum Verdict {
        case valid
        /// Valid, but it repeats without bound a group that repeats without bound (``NestedRepetition``).
        case slowToMatch
        /// ICU does not read it.
        case invalid
        /// It compiles alone but not inside the group that matches whole values (`WholeValuePattern`):
        /// `\Qa` or `(?x)a#` would swallow the group's end.
        case escapesGroup
    }

    private var known: [String: Verdict] = [:]

    func verdict(_ pattern: String) -> Verdict {
        if let answer = known[pattern] { return answer }
        let answer: Verdict = if (try? NSRegularExpression(pattern: pattern)) == nil {
            .invalid
        } else if (try? NSRegularExpression(pattern: WholeValuePattern.icu(pattern))) == nil {
            .escapesGroup
        } else if NestedRepetition.isPresent(in: pattern) {
            .slowToMatch
        } else {
            .valid
        }
        known[pattern] = answer
        return answer
    }
}

/// Finds the shape of pattern that makes a backtracking engine such as ICU take exponential time:
/// a group repeated without bound that itself holds a repetition without bound (`(a+)+`,
/// `(\w+\s?)*`, `(x*){2,}`). On a value that almost matches, ICU then gives up, and a value it gives up
/// on counts as not matching. A possessive inner repetition (`a++`) or an atomic group (`(?>…)`)
/// gives nothing back, so neither counts.
enum NestedRepetition {
    private struct Group {
        var isAtomic: Bool
        /// It holds a repetition without bound that may give back what it took.
        var repeats = false
    }

    /// A quantifier: whether it has no upper bound, whether it is possessive, and the index after it.
    private struct Quantifier {
        var isUnbounded: Bool
        var isPossessive: Bool
        var end: Int
    }

    /// Whether `pattern` repeats, without bound, a group that repeats something without bound.
    static func isPresent(in pattern: String) -> Bool {
        let bytes = Array(pattern.utf8)
        var groups = [Group(isAtomic: false)]
        var index = 0
        while index < bytes.count {
            let atomEnd: Int
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                atomEnd = escapeEnd(bytes, from: index)
            case UInt8(ascii: "["):
                atomEnd = classEnd(bytes, from: index)
            case UInt8(ascii: "("):
                if starts(bytes, at: index, with: "(?#") {
                    index = (bytes[index...].firstIndex(of: UInt8(ascii: ")")) ?? bytes.count - 1) + 1
                    continue
                }
                groups.append(Group(isAtomic: starts(bytes, at: index, with: "(?>")))
                index = groupBodyStart(bytes, from: index)
                continue
            case UInt8(ascii: ")"):
                guard groups.count > 1, let group = groups.popLast() else { return false }  // unbalanced: ICU rejects it first
                let quantifier = quantifier(bytes, at: index + 1)
                let mayGiveBack = group.repeats && !group.isAtomic
                if let quantifier, quantifier.isUnbounded, !quantifier.isPossessive, mayGiveBack { return true }
                if mayGiveBack || (quantifier.map { $0.isUnbounded && !$0.isPossessive } ?? false) { groups[groups.count - 1].repeats = true }
                index = quantifier?.end ?? index + 1
                continue
            default:
                atomEnd = index + 1
            }
            if let quantifier = quantifier(bytes, at: atomEnd) {
                if quantifier.isUnbounded, !quantifier.isPossessive { groups[groups.count - 1].repeats = true }
                index = quantifier.end
            } else {
                index = atomEnd
            }
        }
        return false
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { bytes[index..<index + count].elementsEqual($0) }
    }

    /// After `\x`, `\p{…}`, `\x{…}` or a `\Q…\E` quotation.
    private static func escapeEnd(_ bytes: [UInt8], from index: Int) -> Int {
        guard index + 1 < bytes.count else { return bytes.count }
        let next = bytes[index + 1]
        if next == UInt8(ascii: "Q") {
            var position = index + 2
            while position + 1 < bytes.count, !(bytes[position] == UInt8(ascii: "\\") && bytes[position + 1] == UInt8(ascii: "E")) { position += 1 }
            return min(bytes.count, position + 2)
        }
        if index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "{"),
           [UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "x"), UInt8(ascii: "N")].contains(next) {
            return (bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) ?? bytes.count - 1) + 1
        }
        return index + 2
    }

    /// After a character class, sets inside it (`[[a-z]&&[^x]]`) and escapes included.
    private static func classEnd(_ bytes: [UInt8], from index: Int) -> Int {
        var position = index + 1
        if position < bytes.count, bytes[position] == UInt8(ascii: "^") { position += 1 }
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1 }
        var depth = 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\\"): position = escapeEnd(bytes, from: position)
            case UInt8(ascii: "["): depth += 1; position += 1
            case UInt8(ascii: "]"):
                depth -= 1
                position += 1
                if depth == 0 { return position }
            default: position += 1
            }
        }
        return position
    }

    /// Where a group's content begins: after `(`, or after its `(?:`, `(?<name>`, `(?i:` … opening.
    private static func groupBodyStart(_ bytes: [UInt8], from index: Int) -> Int {
        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?") else { return index + 1 }
        var position = index + 2
        if position < bytes.count, bytes[position] == UInt8(ascii: "<"),
           position + 1 < bytes.count, bytes[position + 1] != UInt8(ascii: "="), bytes[position + 1] != UInt8(ascii: "!") {
            return (bytes[position...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1) + 1  // a named group
        }
        // Flags, then `:` (or `)` for flags alone, which ends the group at once); or a lookaround's `=`, `!`, `<=`, `<!`, or `>`.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: ">") { return position + 1 }
            if byte == UInt8(ascii: ")") { return position }
            position += 1
        }
        return position
    }

    /// The quantifier at `index`, if one is there: `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each maybe
    /// followed by `?` (lazy, which still gives back) or `+` (possessive, which does not).
    private static func quantifier(_ bytes: [UInt8], at index: Int) -> Quantifier? {
        guard index < bytes.count else { return nil }
        var end: Int
        var isUnbounded = false
        switch bytes[index] {
        case UInt8(ascii: "*"), UInt8(ascii: "+"):
            isUnbounded = true
            end = index + 1
        case UInt8(ascii: "?"):
            end = index + 1
        case UInt8(ascii: "{"):
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
            let inside = bytes[(index + 1)..<close]
            guard let first = inside.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
                  inside.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ",") }) else { return nil }
            isUnbounded = inside.last == UInt8(ascii: ",")
            end = close + 1
        default:
            return nil
        }
        var isPossessive = false
        if end < bytes.count, bytes[end] == UInt8(ascii: "+") {
            isPossessive = true
            end += 1
        } else if end < bytes.count, bytes[end] == UInt8(ascii: "?") {
            end += 1
        }
        return Quantifier(isUnbounded: isUnbounded, isPossessive: isPossessive, end: end)
    }
}
